//! Work that can wait until the window's app is ready (its own first screen painted). The
//! start is the window's: what the app does on the main thread before the page loads, or
//! beside it on a machine's few cores while WebKit starts and the app's scripts load,
//! delays the list a person opened the app to see. Work that no one waits for (registering
//! the `dojang:` scheme with the desktop, which runs two programs) is handed here and runs
//! once the window reports it is ready, or after [`LONGEST_WAIT`] if it never does (a page
//! that failed to load).

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// How long deferred work waits for the window to be ready before it runs anyway.
pub const LONGEST_WAIT: Duration = Duration::from_secs(10);

/// Whether the window is ready, and the work waiting for it.
#[derive(Default)]
pub struct FirstScreen {
    ready: Mutex<bool>,
    changed: Condvar,
}

impl FirstScreen {
    /// Records that the window is ready: the waiting work starts.
    pub fn ready(&self) {
        *self
            .ready
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = true;
        self.changed.notify_all();
    }

    /// Runs `work` on a thread of its own (named `name`) once the window is ready, or
    /// after `longest` if it is not by then.
    pub fn after_ready(
        self: &Arc<Self>,
        name: &str,
        longest: Duration,
        work: impl FnOnce() + Send + 'static,
    ) {
        let first_screen = Arc::clone(self);
        let started = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                let ready = first_screen
                    .ready
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                let waited = first_screen
                    .changed
                    .wait_timeout_while(ready, longest, |ready| !*ready);
                // The lock is not held while the work runs.
                drop(waited);
                work();
            });
        if let Err(e) = started {
            log::warn!("{name} could not be started: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::channel;

    use super::*;

    #[test]
    fn work_waits_until_the_window_is_ready() {
        let first_screen = Arc::new(FirstScreen::default());
        let (done, ran) = channel();
        first_screen.after_ready("test-work", Duration::from_secs(60), move || {
            let _ = done.send(());
        });
        assert!(ran.recv_timeout(Duration::from_millis(200)).is_err());
        first_screen.ready();
        assert!(ran.recv_timeout(Duration::from_secs(10)).is_ok());
    }

    #[test]
    fn work_handed_over_once_ready_runs_at_once() {
        let first_screen = Arc::new(FirstScreen::default());
        first_screen.ready();
        let (done, ran) = channel();
        first_screen.after_ready("test-work", Duration::from_secs(60), move || {
            let _ = done.send(());
        });
        assert!(ran.recv_timeout(Duration::from_secs(10)).is_ok());
    }

    #[test]
    fn work_runs_when_the_window_never_gets_ready() {
        let first_screen = Arc::new(FirstScreen::default());
        let (done, ran) = channel();
        first_screen.after_ready("test-work", Duration::from_millis(50), move || {
            let _ = done.send(());
        });
        assert!(ran.recv_timeout(Duration::from_secs(10)).is_ok());
    }
}
