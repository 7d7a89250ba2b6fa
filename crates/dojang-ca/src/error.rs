//! The one error type of the sandbox CA.

use std::path::PathBuf;

/// Everything that can go wrong in the sandbox CA outside a CMP exchange (inside one,
/// problems become CMP error messages).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CaError {
    /// A file in the CA's folder could not be read or written.
    #[error("{}: {source}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The registry database failed.
    #[error("registry: {0}")]
    Database(#[from] rusqlite::Error),
    /// A certificate or key could not be made or read.
    #[error("certificate: {detail}")]
    Certificate {
        /// What failed.
        detail: String,
    },
    /// A command-line value that is not acceptable.
    #[error("{what}: {detail}")]
    InvalidArgument {
        /// Which value.
        what: &'static str,
        /// Why not.
        detail: String,
    },
    /// No certificate with this serial number.
    #[error("no certificate with serial {serial}")]
    UnknownCertificate {
        /// The serial asked for.
        serial: String,
    },
    /// The server could not start or stopped with an error.
    #[error("server: {detail}")]
    Server {
        /// What failed.
        detail: String,
    },
}

impl CaError {
    /// The stable machine code (printed by the CLI in JSON mode).
    pub fn code(&self) -> &'static str {
        match self {
            CaError::File { .. } => "file",
            CaError::Database(_) => "database",
            CaError::Certificate { .. } => "certificate",
            CaError::InvalidArgument { .. } => "invalid-argument",
            CaError::UnknownCertificate { .. } => "unknown-certificate",
            CaError::Server { .. } => "server",
        }
    }

    pub(crate) fn file(path: &std::path::Path, source: std::io::Error) -> CaError {
        CaError::File {
            path: path.to_owned(),
            source,
        }
    }

    pub(crate) fn certificate(detail: impl std::fmt::Display) -> CaError {
        CaError::Certificate {
            detail: detail.to_string(),
        }
    }
}

/// Results of the sandbox CA.
pub type Result<T> = std::result::Result<T, CaError>;
