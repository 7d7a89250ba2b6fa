//! The one error type of dojang-core.
//!
//! Each variant has a stable machine code (`code()`) and named parameters (`params()`).
//! Errors cross the IPC boundary as [`ErrorInfo`] `{ code, params }`; the UI and the CLI
//! turn the code into a Korean or English sentence. Nothing here is a user-facing sentence:
//! the `Display` texts are for logs and developers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

/// Everything that can go wrong in dojang-core.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A certificate file exists but could not be read (permissions, I/O error).
    #[error("cannot read {}: {source}", path.display())]
    CertificateFileUnreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A certificate file ends before the certificate does (a cut-off copy or download).
    #[error("{} is truncated", path.display())]
    CertificateTruncated { path: PathBuf },
    /// A file that should hold a DER certificate holds something else.
    #[error("{} is not a certificate: {detail}", path.display())]
    NotACertificate { path: PathBuf, detail: String },
    /// An NPKI certificate folder without its `signCert.der`.
    #[error("{} has no signCert.der", path.display())]
    NpkiCertificateMissing { path: PathBuf },
    /// An NPKI root that was asked for explicitly does not exist or is not a folder.
    #[error("NPKI root {} does not exist", path.display())]
    NpkiRootNotFound { path: PathBuf },
    /// A folder could not be listed.
    #[error("cannot list {}: {source}", path.display())]
    FolderUnreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The stable machine code of this error; the UI and CLI catalogs are keyed by it.
    pub fn code(&self) -> &'static str {
        match self {
            Error::CertificateFileUnreadable { .. } => "certificate-file-unreadable",
            Error::CertificateTruncated { .. } => "certificate-truncated",
            Error::NotACertificate { .. } => "not-a-certificate",
            Error::NpkiCertificateMissing { .. } => "npki-certificate-missing",
            Error::NpkiRootNotFound { .. } => "npki-root-not-found",
            Error::FolderUnreadable { .. } => "folder-unreadable",
        }
    }

    /// The named values a message may show (paths, details), as strings.
    pub fn params(&self) -> BTreeMap<String, String> {
        let path = |p: &Path| ("path".to_owned(), p.display().to_string());
        let mut params = BTreeMap::new();
        match self {
            Error::CertificateFileUnreadable { path: p, source }
            | Error::FolderUnreadable { path: p, source } => {
                params.extend([path(p), ("detail".to_owned(), source.to_string())]);
            }
            Error::NotACertificate { path: p, detail } => {
                params.extend([path(p), ("detail".to_owned(), detail.clone())]);
            }
            Error::CertificateTruncated { path: p }
            | Error::NpkiCertificateMissing { path: p }
            | Error::NpkiRootNotFound { path: p } => {
                params.extend([path(p)]);
            }
        }
        params
    }

    /// The `{ code, params }` form that crosses the IPC boundary and the CLI's JSON output.
    pub fn info(&self) -> ErrorInfo {
        ErrorInfo {
            code: self.code().to_owned(),
            params: self.params(),
        }
    }
}

/// An error as it crosses the IPC boundary: a stable code and its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ErrorInfo {
    /// The stable machine code, e.g. `certificate-truncated`.
    pub code: String,
    /// Named values for the message, e.g. `path`.
    pub params: BTreeMap<String, String>,
}

impl From<&Error> for ErrorInfo {
    fn from(e: &Error) -> Self {
        e.info()
    }
}

impl From<Error> for ErrorInfo {
    fn from(e: Error) -> Self {
        e.info()
    }
}
