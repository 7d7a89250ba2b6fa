//! The commands the webview may call, one module per domain. Each is a thin wrapper over
//! a dojang-core function: it takes typed input, runs the job off the UI thread and
//! returns typed output or an `ErrorInfo { code, params }`. Passwords come in once, in
//! a request, and never go back out; no key material is ever returned.

// The command list, declared once (a macro, so it comes first).
include!("declared.rs");

pub mod certificates;
pub mod custody;
pub mod distribution;
pub mod issue;
pub mod open;
pub mod reminders;
pub mod timeline;
#[cfg(test)]
mod typescript;
pub mod update;

use std::path::PathBuf;
use std::sync::Arc;

use dojang_core::distribution::Distribution;
use dojang_core::store::{NpkiRoot, StoreSet};
use dojang_core::{ErrorCode, ErrorInfo};

/// The user's stores and the distribution, shared by every command. The NPKI roots are
/// discovered again for each job, so a USB stick plugged in after start is seen.
#[derive(Clone)]
pub struct AppStores {
    app_id: Arc<str>,
    data_dir: Option<PathBuf>,
    distribution: Arc<Result<Distribution, ErrorInfo>>,
}

impl AppStores {
    /// The stores of the app identity `app_id`; `DOJANG_DATA_DIR` overrides the data dir.
    /// `distribution` is the distribution file as read at start (or why it could not be).
    pub fn new(app_id: &str, distribution: Result<Distribution, ErrorInfo>) -> Self {
        AppStores {
            app_id: app_id.into(),
            data_dir: std::env::var_os(dojang_core::store::DATA_DIR_ENV).map(PathBuf::from),
            distribution: Arc::new(distribution),
        }
    }

    /// The distribution in force; its error when the file was wrong.
    pub fn distribution(&self) -> Result<&Distribution, ErrorInfo> {
        self.distribution.as_ref().as_ref().map_err(Clone::clone)
    }

    /// The store set as of now.
    pub fn get(&self) -> Result<StoreSet, ErrorInfo> {
        StoreSet::open(
            &self.app_id,
            self.data_dir.clone(),
            &NpkiRoot::extra_from_env(),
        )
        .map_err(ErrorInfo::from)
    }
}

/// Runs a blocking job on the blocking pool and flattens its result.
pub async fn blocking<T: Send + 'static>(
    job: impl FnOnce() -> Result<T, ErrorInfo> + Send + 'static,
) -> Result<T, ErrorInfo> {
    let result = tauri::async_runtime::spawn_blocking(job)
        .await
        .map_err(|e| ErrorInfo::new(ErrorCode::Internal, &[("detail", &e.to_string())]))?;
    if let Err(e) = &result {
        // The code only: parameters may name files or people.
        log::warn!("a command failed: {}", e.code);
    }
    result
}
