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
pub mod sign;
pub mod timeline;
#[cfg(test)]
mod typescript;
pub mod update;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use dojang_core::distribution::Distribution;
use dojang_core::store::{CertificateList, NpkiRoot, StoreSet};
use dojang_core::{ErrorCode, ErrorInfo};
use tauri::async_runtime::JoinHandle;

/// The user's stores and the distribution, shared by every command. The NPKI roots are
/// discovered again for each job, so a USB stick plugged in after start is seen.
#[derive(Clone)]
pub struct AppStores {
    app_id: Arc<str>,
    data_dir: Option<PathBuf>,
    distribution: Arc<Result<Distribution, ErrorInfo>>,
    first_listing: Arc<Prefetched<Result<CertificateList, ErrorInfo>>>,
}

impl AppStores {
    /// The stores of the app identity `app_id`; `DOJANG_DATA_DIR` overrides the data dir.
    /// `distribution` is the distribution file as read at start (or why it could not be).
    pub fn new(app_id: &str, distribution: Result<Distribution, ErrorInfo>) -> Self {
        AppStores {
            app_id: app_id.into(),
            data_dir: std::env::var_os(dojang_core::store::DATA_DIR_ENV).map(PathBuf::from),
            distribution: Arc::new(distribution),
            first_listing: Arc::new(Prefetched::default()),
        }
    }

    /// Starts listing the certificates on the blocking pool while the window starts, so
    /// the list's data is waiting when the window first asks
    /// ([`AppStores::take_first_listing`]).
    pub fn prefetch_first_listing(&self) {
        let stores = self.clone();
        self.first_listing
            .start(move || Ok(stores.open()?.list(time::OffsetDateTime::now_utc())));
    }

    /// The listing [`AppStores::prefetch_first_listing`] started, waited for if still
    /// under way; `None` once taken, when none was started, or when any other command read
    /// the stores first (it may have changed them: an import, a new certificate), so a
    /// listing is never older than what the window has done.
    pub async fn take_first_listing(&self) -> Option<Result<CertificateList, ErrorInfo>> {
        self.first_listing.take().await
    }

    /// The distribution in force; its error when the file was wrong.
    pub fn distribution(&self) -> Result<&Distribution, ErrorInfo> {
        self.distribution.as_ref().as_ref().map_err(Clone::clone)
    }

    /// The store set as of now, for a command. A listing prefetched and not yet taken is
    /// dropped: what the command does may change the stores.
    pub fn get(&self) -> Result<StoreSet, ErrorInfo> {
        self.first_listing.discard();
        self.open()
    }

    fn open(&self) -> Result<StoreSet, ErrorInfo> {
        StoreSet::open(
            &self.app_id,
            self.data_dir.clone(),
            &NpkiRoot::extra_from_env(),
        )
        .map_err(ErrorInfo::from)
    }
}

/// The result of a job started ahead on the blocking pool, taken once by whoever needs it
/// first, or discarded.
pub struct Prefetched<T> {
    job: Mutex<Option<JoinHandle<T>>>,
}

impl<T> Default for Prefetched<T> {
    fn default() -> Self {
        Prefetched {
            job: Mutex::new(None),
        }
    }
}

impl<T: Send + 'static> Prefetched<T> {
    /// Starts `job`, replacing one not yet taken.
    pub fn start(&self, job: impl FnOnce() -> T + Send + 'static) {
        let handle = tauri::async_runtime::spawn_blocking(job);
        if let Ok(mut slot) = self.job.lock() {
            *slot = Some(handle);
        }
    }

    /// The job's result, waited for if it is still running; `None` if no job was started,
    /// it was taken or discarded already, or it panicked (the caller then does the work
    /// itself).
    pub async fn take(&self) -> Option<T> {
        let handle = self.job.lock().ok()?.take()?;
        handle.await.ok()
    }

    /// Forgets the job: its result is never taken (the job itself runs to its end).
    pub fn discard(&self) {
        if let Ok(mut slot) = self.job.lock() {
            slot.take();
        }
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

#[cfg(test)]
mod tests {
    use super::{AppStores, Prefetched};
    use dojang_core::{ErrorCode, ErrorInfo};

    fn stores() -> AppStores {
        AppStores::new(
            "app.dojang.test",
            Err(ErrorInfo::new(ErrorCode::Internal, &[])),
        )
    }

    #[test]
    fn the_first_listing_is_the_one_read_ahead() {
        let stores = stores();
        stores.prefetch_first_listing();
        let block_on = tauri::async_runtime::block_on;
        assert!(block_on(stores.take_first_listing()).is_some());
        assert!(block_on(stores.take_first_listing()).is_none());
    }

    #[test]
    fn a_command_that_reads_the_stores_first_drops_the_listing_read_ahead() {
        let stores = stores();
        stores.prefetch_first_listing();
        let _ = stores.get();
        assert!(tauri::async_runtime::block_on(stores.take_first_listing()).is_none());
    }

    #[test]
    fn a_prefetched_result_is_taken_once() {
        let prefetched = Prefetched::default();
        prefetched.start(|| 7);
        tauri::async_runtime::block_on(async {
            assert_eq!(prefetched.take().await, Some(7));
            assert_eq!(prefetched.take().await, None);
        });
    }

    #[test]
    fn nothing_is_taken_when_nothing_was_started_or_it_was_discarded() {
        let prefetched: Prefetched<u8> = Prefetched::default();
        assert_eq!(tauri::async_runtime::block_on(prefetched.take()), None);
        prefetched.start(|| 7);
        prefetched.discard();
        assert_eq!(tauri::async_runtime::block_on(prefetched.take()), None);
    }

    #[test]
    fn a_job_still_running_is_waited_for() {
        let prefetched = Prefetched::default();
        let (release, wait) = std::sync::mpsc::channel::<()>();
        prefetched.start(move || {
            wait.recv().ok();
            "listed"
        });
        let taker = std::thread::spawn(move || {
            let first = tauri::async_runtime::block_on(prefetched.take());
            (first, tauri::async_runtime::block_on(prefetched.take()))
        });
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(!taker.is_finished());
        release.send(()).ok();
        assert_eq!(taker.join().ok(), Some((Some("listed"), None)));
    }

    #[test]
    fn a_job_that_panicked_leaves_the_work_to_the_caller() {
        let prefetched: Prefetched<u8> = Prefetched::default();
        prefetched.start(|| panic!("the stores could not be read"));
        assert_eq!(tauri::async_runtime::block_on(prefetched.take()), None);
    }
}
