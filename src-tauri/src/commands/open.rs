//! Files and `dojang:` links opened with the app — on its command line at start, from a
//! second launch (single instance), or from the OS's URL handler — wait in a queue the
//! window drains: `open-requests` is only a nudge, so nothing is lost while the window
//! is still loading.

use std::sync::Mutex;

use dojang_core::distribution::Distribution;
use dojang_core::open::OpenRequest;
use tauri::{AppHandle, Emitter as _, Manager as _, State};

use super::AppStores;

/// The event that tells the window there are requests to take.
pub const OPEN_EVENT: &str = "open-requests";

/// Requests not yet taken by the window.
#[derive(Default)]
pub struct OpenQueue(Mutex<Vec<OpenRequest>>);

/// Queues what `args` ask for (program arguments or URLs), brings the window forward and
/// nudges it. Files are read off the main thread, so a slow or hostile file (a pipe, a
/// huge page) never freezes the window.
pub fn deliver(app: &AppHandle, args: impl IntoIterator<Item = String>) {
    let args: Vec<String> = args.into_iter().filter(|a| !a.starts_with('-')).collect();
    if args
        .iter()
        .any(|a| a.starts_with(dojang_core::sign::request::LINK_PREFIX))
    {
        crate::timeline::mark(crate::timeline::Phase::SignLink);
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    if args.is_empty() {
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        // A broken distribution file stops the window with its own screen; until then
        // invitations are judged as an unbranded build would.
        let fallback = Distribution::default();
        let stores = app.try_state::<AppStores>();
        let distribution = stores
            .as_ref()
            .and_then(|s| s.distribution().ok())
            .unwrap_or(&fallback);
        let requests: Vec<OpenRequest> = args
            .iter()
            .map(|a| OpenRequest::from_arg(a, distribution))
            .collect();
        for request in &requests {
            log::info!("opened with {}", kind(request));
        }
        if let Ok(mut queue) = app.state::<OpenQueue>().0.lock() {
            queue.extend(requests);
        }
        let _ = app.emit(OPEN_EVENT, ());
    });
}

/// What kind of request (for the log: never the path or the link, which may name a
/// person).
fn kind(request: &OpenRequest) -> &'static str {
    match request {
        OpenRequest::Invitation { .. } => "an invitation",
        OpenRequest::Sign { .. } => "a signing request",
        OpenRequest::ImportPfx { .. } => "a PKCS#12 file",
        OpenRequest::ImportFolder { .. } => "a folder",
        OpenRequest::ShowFile { .. } => "a certificate file",
        OpenRequest::Failed { .. } => "something it cannot open",
    }
}

/// Takes every request waiting for the window.
#[tauri::command]
pub fn take_open_requests(queue: State<'_, OpenQueue>) -> Vec<OpenRequest> {
    queue
        .0
        .lock()
        .map(|mut q| std::mem::take(&mut *q))
        .unwrap_or_default()
}
