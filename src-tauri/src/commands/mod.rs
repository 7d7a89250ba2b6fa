//! The commands the webview may call, one module per domain. Each is a thin wrapper over
//! a dojang-core function: it takes typed input, runs the job off the UI thread and
//! returns typed output or an `ErrorInfo { code, params }`.

pub mod certificates;
