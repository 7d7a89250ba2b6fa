//! Dojang's engine. Every user job is a function here with typed inputs and outputs; the
//! desktop app, the `dojang` command line and the tests are thin hosts over it. Nothing in
//! this crate knows about windows.
//!
//! Modules are cut by domain:
//! - [`cert`]: a certificate parsed into the view model every host shows, with purpose
//!   labels read from the policy-OID table (kept as data in `data/policies.json`);
//! - [`store`]: where certificates live — the NPKI folders of this platform and any extra
//!   roots — and the listing of everything found there;
//! - [`error`]: the one error type, with a stable machine code per variant.
#![forbid(unsafe_code)]

pub mod cert;
pub mod error;
pub mod store;

pub use error::{Error, ErrorInfo};
