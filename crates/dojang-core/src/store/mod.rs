//! Where certificates live, and the listing of every certificate found there.
//!
//! Today: NPKI folders ([`npki_dir`]) on this computer's disk, on removable drives and in
//! extra roots the user names. The OS keychain store joins as an equal implementation.

pub mod npki_dir;

use std::path::PathBuf;

use serde::Serialize;
use time::OffsetDateTime;
use ts_rs::TS;

use crate::ErrorInfo;
use crate::cert::{CertificateSummary, ValidityStatus};

pub use npki_dir::{NpkiRoot, RootKind};

/// The kind of storage a certificate was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum StoreKind {
    /// An NPKI folder (signCert.der + signPri.key), on a disk or a removable drive.
    Npki,
}

/// One certificate as found in one store: the same certificate copied to two drives is
/// listed twice, once per copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ListedCertificate {
    /// The certificate itself.
    #[serde(flatten)]
    pub certificate: CertificateSummary,
    /// The kind of store holding this copy.
    pub store: StoreKind,
    /// The NPKI certificate folder holding this copy, or null for other stores.
    #[ts(type = "string | null")]
    pub path: Option<PathBuf>,
    /// The NPKI root the folder was found under, and what kind of place that root is.
    pub location: Option<NpkiRoot>,
}

/// A place where a certificate should have been but could not be read: shown as its own
/// row so one damaged folder never hides the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UnreadableEntry {
    /// The folder or file that could not be read.
    #[ts(type = "string")]
    pub path: PathBuf,
    /// The NPKI root it was found under, if any.
    pub location: Option<NpkiRoot>,
    /// Why.
    pub error: ErrorInfo,
}

/// Everything found in every store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CertificateList {
    /// Certificates that were read: usable ones first, then by owner and expiry.
    pub certificates: Vec<ListedCertificate>,
    /// Folders and files that could not be read.
    pub unreadable: Vec<UnreadableEntry>,
    /// The NPKI roots that were searched and exist.
    pub searched_roots: Vec<NpkiRoot>,
}

/// Lists every certificate under the given NPKI roots, as of `now`.
pub fn list_certificates(roots: &[NpkiRoot], now: OffsetDateTime) -> CertificateList {
    let mut list = CertificateList {
        certificates: Vec::new(),
        unreadable: Vec::new(),
        searched_roots: Vec::new(),
    };
    for root in roots {
        npki_dir::scan_root(root, now, &mut list);
    }
    // Usable certificates first; expired ones, which a user can only renew or delete, last.
    list.certificates.sort_by(|a, b| {
        let key = |c: &ListedCertificate| {
            (
                c.certificate.status == ValidityStatus::Expired,
                c.certificate.owner.clone(),
                c.certificate.not_after,
                c.path.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    list
}
