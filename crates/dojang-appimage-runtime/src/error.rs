//! The runtime's one error type: a message for the user.

use std::fmt;

/// A failure to report to the user: one line of text, without the program-name prefix
/// (which [`crate::cli::main`] adds when it prints it).
#[derive(Debug)]
pub struct Error(String);

/// The runtime's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Turns any displayable error into an [`Error`] that says what was being done.
pub trait Context<T> {
    /// Prefixes the error with `what()`, as in "cannot open X: No such file or directory".
    fn context<D: fmt::Display>(self, what: impl FnOnce() -> D) -> Result<T>;
}

impl<T, E: fmt::Display> Context<T> for Result<T, E> {
    fn context<D: fmt::Display>(self, what: impl FnOnce() -> D) -> Result<T> {
        self.map_err(|error| Error(format!("{}: {error}", what())))
    }
}
