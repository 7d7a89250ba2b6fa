//! What the consent window shows of a signing request (docs/signing.md): who asks, the
//! text as it must be read (hidden and reordering characters made visible), what exactly
//! is signed, whether the site learns who the person is, and which certificates can
//! answer, each one that cannot with its reason. And the record of signatures made, kept
//! per certificate in the data dir: the site, the time, the purpose, never the content.
//!
//! ```text
//! <data dir>/signatures/<certificate id>.json   the last signatures made with it
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;

use crate::Error;
use crate::distribution::SiteCheck;
use crate::sign::request::{SignPurpose, SignRequest, Signed, TextFlag, Unfit, shown_text};
use crate::store::{CertificateList, ListedCertificate, atomic};

/// What is signed, as the person is told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[ts(export)]
pub enum SignedView {
    /// The text shown.
    Text,
    /// Data the site gave (a login's challenge, a form): its size and SHA-256.
    Data {
        /// Its length in bytes.
        bytes: usize,
        /// Its SHA-256, lower-case hex.
        sha256: String,
    },
    /// A document the site holds, by its SHA-256 (lower-case hex).
    Document {
        /// The SHA-256, lower-case hex.
        sha256: String,
    },
}

/// One certificate on this computer, and why it cannot answer (none when it can).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SignCandidate {
    /// The copy, as the list shows it.
    pub listed: ListedCertificate,
    /// Why it cannot answer the request.
    pub unfit: Option<Unfit>,
}

/// A signing request as the consent window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Consent {
    /// Who asks.
    pub site: SiteCheck,
    /// What for.
    pub purpose: SignPurpose,
    /// The text, with every hidden or reordering character shown by name.
    pub text: String,
    /// What in the text could mislead.
    pub flags: Vec<TextFlag>,
    /// What the signature covers.
    pub signs: SignedView,
    /// The site learns, besides the signature, the key's randomNum (sealed to it), with
    /// which it checks the ID number it holds against the certificate.
    pub identity: bool,
    /// Until when the site waits.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub expires: OffsetDateTime,
    /// The certificates that can answer first, then those that cannot.
    pub candidates: Vec<SignCandidate>,
}

fn hex(bytes: &[u8]) -> String {
    crate::cert::hex(bytes, "").to_ascii_lowercase()
}

impl Consent {
    /// The consent of `request` from `site`, over the certificates in `list`.
    pub fn new(site: SiteCheck, request: &SignRequest, list: &CertificateList) -> Consent {
        use sha2::Digest as _;
        let (text, flags) = shown_text(&request.text);
        let signs = match &request.signed {
            Signed::Text => SignedView::Text,
            Signed::Data(data) => SignedView::Data {
                bytes: data.len(),
                sha256: hex(&sha2::Sha256::digest(data)),
            },
            Signed::Digest(digest) => SignedView::Document {
                sha256: hex(digest),
            },
        };
        let mut candidates: Vec<SignCandidate> = list
            .certificates
            .iter()
            .map(|listed| SignCandidate {
                unfit: request.accept.unfit(&listed.certificate),
                listed: listed.clone(),
            })
            .collect();
        candidates.sort_by_key(|c| c.unfit.is_some());
        Consent {
            site,
            purpose: request.purpose,
            text,
            flags,
            signs,
            identity: request.purpose == SignPurpose::Login
                && request.relying_party_certificate.is_some(),
            expires: request.expires,
            candidates,
        }
    }

    /// Whether any certificate can answer.
    pub fn answerable(&self) -> bool {
        self.candidates.iter().any(|c| c.unfit.is_none())
    }
}

/// A fresh, unguessable ID for a consent session (128 random bits, hex).
pub fn session_id() -> Result<String, Error> {
    use aws_lc_rs::rand::SecureRandom as _;
    let mut bytes = [0u8; 16];
    aws_lc_rs::rand::SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| Error::KeyGenerationFailed {
            detail: "no randomness for a session ID".to_owned(),
        })?;
    Ok(hex(&bytes))
}

/// One signature made, as the details screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SignatureRecord {
    /// The site's origin.
    pub origin: String,
    /// Its name, when the distribution lists it.
    pub name: Option<String>,
    /// What for.
    pub purpose: SignPurpose,
    /// When the answer reached the site.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub at: OffsetDateTime,
}

/// The records kept per certificate; older ones are dropped.
pub const HISTORY_KEPT: usize = 50;

/// The signatures made with each certificate, in the data dir.
pub struct SignatureHistory {
    dir: PathBuf,
}

impl SignatureHistory {
    /// The history kept in `data_dir`.
    pub fn new(data_dir: &Path) -> Self {
        SignatureHistory {
            dir: data_dir.join("signatures"),
        }
    }

    fn file(&self, id: &str) -> Option<PathBuf> {
        // IDs are hex fingerprints; anything else never names a file.
        (id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| self.dir.join(format!("{}.json", id.to_ascii_lowercase())))
    }

    /// The signatures made with certificate `id`, newest first (none when the record is
    /// missing or unreadable: it is a convenience, never a reason to fail).
    pub fn of(&self, id: &str) -> Vec<SignatureRecord> {
        self.file(id)
            .and_then(|f| crate::files::read(&f, crate::files::DOCUMENT_LIMIT).ok())
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Adds a signature made with certificate `id`.
    pub fn record(&self, id: &str, record: SignatureRecord) -> Result<(), Error> {
        let Some(file) = self.file(id) else {
            return Ok(());
        };
        let mut records = self.of(id);
        records.insert(0, record);
        records.truncate(HISTORY_KEPT);
        atomic::create_dirs(&self.dir)?;
        let json = serde_json::to_vec_pretty(&records).map_err(|e| Error::WriteFailed {
            path: file.clone(),
            source: std::io::Error::other(e),
        })?;
        atomic::write_file(&file, &json)
    }

    /// Forgets the record of certificate `id` (when its last copy is deleted).
    pub fn forget(&self, id: &str) {
        if let Some(file) = self.file(id) {
            let _ = std::fs::remove_file(file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_keeps_the_newest_records_per_certificate() {
        let dir = tempfile::tempdir().unwrap();
        let history = SignatureHistory::new(dir.path());
        let id = "ab".repeat(32);
        assert!(history.of(&id).is_empty());
        for i in 0..(HISTORY_KEPT + 3) {
            history
                .record(
                    &id,
                    SignatureRecord {
                        origin: format!("https://bank{i}.example"),
                        name: None,
                        purpose: SignPurpose::Login,
                        at: OffsetDateTime::UNIX_EPOCH,
                    },
                )
                .unwrap();
        }
        let records = history.of(&id);
        assert_eq!(records.len(), HISTORY_KEPT);
        assert_eq!(
            records[0].origin,
            format!("https://bank{}.example", HISTORY_KEPT + 2)
        );
        // Another certificate has its own; a name that is not an ID writes nothing.
        assert!(history.of(&"cd".repeat(32)).is_empty());
        history
            .record("../../etc/passwd", records[0].clone())
            .unwrap();
        assert_eq!(
            std::fs::read_dir(dir.path().join("signatures"))
                .unwrap()
                .count(),
            1
        );
        history.forget(&id);
        assert!(history.of(&id).is_empty());
    }
}
