//! Turning panics into ordinary errors.
//!
//! Our own code does not panic, but the SquashFS reader may on a damaged image (an index
//! out of range, say). The promise is one clear line and exit status 1, never a panic
//! message and status 101, so the panic hook keeps quiet and records the message, and
//! [`catch`] turns the unwound panic into an [`Error`], which then takes the normal way
//! out (including the clean-up of a temporary directory).

use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::{Mutex, PoisonError};

use crate::PROGRAM;
use crate::error::{Error, Result};

/// The message of the last panic, left by the hook for [`catch`].
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Replaces the default panic hook (which prints several lines) with one that records
/// the message. Built with `panic = "abort"`, where nothing can be caught, the hook
/// prints the one line itself and exits with status 1.
pub fn install_hook() {
    panic::set_hook(Box::new(|info| {
        let message = describe(info);
        if cfg!(panic = "abort") {
            eprintln!("{PROGRAM}: internal error: {message}");
            std::process::exit(1);
        }
        *LAST_PANIC.lock().unwrap_or_else(PoisonError::into_inner) = Some(message);
    }));
}

/// Runs `work`; if it panics, returns an error saying `what` failed, with the panic's
/// message.
pub fn catch<T>(what: &str, work: impl FnOnce() -> Result<T>) -> Result<T> {
    // Nothing that `work` touches is used after a panic except to be dropped or deleted,
    // so a half-updated state cannot be observed.
    match panic::catch_unwind(AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(_) => {
            let message = LAST_PANIC
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take()
                .unwrap_or_else(|| "unknown panic".to_owned());
            Err(Error::new(format!("{what}: internal error: {message}")))
        }
    }
}

/// The panic's message and where it happened, on one line.
fn describe(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    match info.location() {
        Some(location) => format!("{message} (at {location})"),
        None => message.to_owned(),
    }
}
