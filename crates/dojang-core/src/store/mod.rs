//! Where certificates live, and the listing of every certificate found there.
//!
//! One trait, [`Store`], with two equal implementations: NPKI folders ([`npki_dir`]) on
//! this computer's disk, on removable drives and in extra roots the user names, and the
//! OS keychain ([`keychain`]). PKCS#12 files ([`pkcs12`]) are a format for moving a
//! certificate in and out, not a store. Every write is atomic ([`atomic`]).

pub mod atomic;
pub mod keychain;
pub mod npki_dir;
pub mod pkcs12;
pub mod set;

use std::path::PathBuf;

use zeroize::Zeroizing;

/// The app identifier of the unbranded build. It names the data dir and the keychain
/// entries; a branded build passes its own.
pub const DEFAULT_APP_ID: &str = "kr.dojang.app";

/// The environment variable naming the data dir (app data and the keychain namespace).
pub const DATA_DIR_ENV: &str = "DOJANG_DATA_DIR";

/// The platform's data dir for an app identifier (e.g. `~/.local/share/kr.dojang.app`).
/// Never a shared temporary folder: when the platform names none, that is the error.
pub fn default_data_dir(app_id: &str) -> Result<PathBuf, crate::Error> {
    dirs::data_dir()
        .map(|dir| dir.join(app_id))
        .ok_or(crate::Error::DataDirUnknown)
}

use serde::Serialize;
use time::OffsetDateTime;
use ts_rs::TS;

use crate::ErrorInfo;
use crate::cert::{CertificateSummary, ValidityStatus};

pub use npki_dir::{NpkiRoot, RootKind};
pub use set::{CertificateCopy, StoreSet, StoreTarget};

/// The kind of storage a certificate was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum StoreKind {
    /// An NPKI folder (signCert.der + signPri.key), on a disk or a removable drive.
    Npki,
    /// The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service).
    Keychain,
}

/// The files of one certificate as every store keeps them. The keys stay encrypted under
/// the certificate password (PKCS#8 `EncryptedPrivateKeyInfo`, docs/npki.md): moving a
/// certificate between stores never needs the password.
pub struct CertificateFiles {
    /// The signing certificate, DER (`signCert.der`).
    pub sign_cert: Vec<u8>,
    /// Its private key, encrypted (`signPri.key`).
    pub sign_key: Zeroizing<Vec<u8>>,
    /// The key-management (encryption) pair, when the CA issued one.
    pub km: Option<KeyManagementPair>,
}

/// `kmCert.der` + `kmPri.key`: the encryption pair some CAs issue beside the signing one.
pub struct KeyManagementPair {
    /// The key-management certificate, DER.
    pub cert: Vec<u8>,
    /// Its private key, encrypted under the same certificate password.
    pub key: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for CertificateFiles {
    // The key files are encrypted, but they stay out of logs all the same.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CertificateFiles")
            .field("id", &self.id())
            .field("km", &self.km.is_some())
            .finish_non_exhaustive()
    }
}

impl CertificateFiles {
    /// The certificate's ID (SHA-256 of the signing certificate, lower-case hex).
    pub fn id(&self) -> String {
        crate::cert::certificate_id(&self.sign_cert)
    }
}

/// A place that keeps certificates with their encrypted keys.
pub trait Store {
    /// What kind of store this is.
    fn kind(&self) -> StoreKind;
    /// Adds every certificate of this store (and every unreadable entry) to `list`.
    fn list_into(&self, now: OffsetDateTime, list: &mut CertificateList);
    /// The IDs of every certificate this store holds, the unreadable left out: what
    /// finding one by its ID needs, which some stores get without parsing a certificate.
    fn ids(&self, now: OffsetDateTime) -> Vec<String> {
        let mut list = CertificateList {
            certificates: Vec::new(),
            unreadable: Vec::new(),
            searched_roots: Vec::new(),
        };
        self.list_into(now, &mut list);
        list.certificates
            .into_iter()
            .map(|c| c.certificate.id)
            .collect()
    }
    /// Reads the files of the certificate with this full ID.
    fn load(&self, id: &str) -> Result<CertificateFiles, crate::Error>;
    /// Reads only the certificate (DER) with this full ID: no key, no keychain access.
    fn certificate(&self, id: &str) -> Result<Vec<u8>, crate::Error> {
        self.load(id).map(|files| files.sign_cert)
    }
    /// Writes a certificate's files; with `replace`, over the copy already there (same
    /// ID), atomically. Returns the NPKI folder written, if the store has folders.
    fn save(
        &self,
        files: &CertificateFiles,
        replace: bool,
    ) -> Result<Option<PathBuf>, crate::Error>;
    /// Removes the certificate and its key for good.
    fn delete(&self, id: &str) -> Result<(), crate::Error>;
    /// Protects the pending key file `name` of an issuance into this store the way the
    /// store protects its own keys, or `None` when it keeps key files as they are (an
    /// NPKI folder: the key is encrypted under the certificate password). The keychain
    /// seals it under a wrapping key of its own.
    fn seal_pending(&self, name: &str, key_file: &[u8]) -> Result<Option<Vec<u8>>, crate::Error> {
        let _ = (name, key_file);
        Ok(None)
    }
    /// Opens a pending key file this store sealed ([`Store::seal_pending`]).
    fn open_pending(&self, name: &str, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, crate::Error> {
        let _ = sealed;
        Err(crate::Error::KeychainEntryMissing {
            id: name.to_owned(),
        })
    }
    /// Forgets what sealed pending key `name` (its keychain entry), once it is removed.
    fn forget_pending(&self, name: &str) {
        let _ = name;
    }
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

/// A reference to a store is a store, so a borrowed store and an owned one can be handed
/// out alike (`Box<dyn Store + '_>`).
impl<S: Store + ?Sized> Store for &S {
    fn kind(&self) -> StoreKind {
        (**self).kind()
    }
    fn list_into(&self, now: OffsetDateTime, list: &mut CertificateList) {
        (**self).list_into(now, list)
    }
    fn ids(&self, now: OffsetDateTime) -> Vec<String> {
        (**self).ids(now)
    }
    fn load(&self, id: &str) -> Result<CertificateFiles, crate::Error> {
        (**self).load(id)
    }
    fn certificate(&self, id: &str) -> Result<Vec<u8>, crate::Error> {
        (**self).certificate(id)
    }
    fn save(
        &self,
        files: &CertificateFiles,
        replace: bool,
    ) -> Result<Option<PathBuf>, crate::Error> {
        (**self).save(files, replace)
    }
    fn delete(&self, id: &str) -> Result<(), crate::Error> {
        (**self).delete(id)
    }
    fn seal_pending(&self, name: &str, key_file: &[u8]) -> Result<Option<Vec<u8>>, crate::Error> {
        (**self).seal_pending(name, key_file)
    }
    fn open_pending(&self, name: &str, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, crate::Error> {
        (**self).open_pending(name, sealed)
    }
    fn forget_pending(&self, name: &str) {
        (**self).forget_pending(name)
    }
}

/// Lists every certificate under the given NPKI roots, as of `now`.
pub fn list_certificates(roots: &[NpkiRoot], now: OffsetDateTime) -> CertificateList {
    let stores: Vec<npki_dir::NpkiDirStore> = roots
        .iter()
        .cloned()
        .map(npki_dir::NpkiDirStore::new)
        .collect();
    let refs: Vec<&dyn Store> = stores.iter().map(|s| s as &dyn Store).collect();
    list_stores(&refs, now)
}

/// Lists every certificate in the given stores, as of `now`.
pub fn list_stores(stores: &[&dyn Store], now: OffsetDateTime) -> CertificateList {
    let mut list = CertificateList {
        certificates: Vec::new(),
        unreadable: Vec::new(),
        searched_roots: Vec::new(),
    };
    for store in stores {
        store.list_into(now, &mut list);
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

/// Finds the one certificate whose ID starts with `id_prefix` (8 hex digits or more) in
/// `stores`, in order, and returns the first store holding it with its full ID.
pub fn resolve<'s>(
    stores: &[&'s dyn Store],
    id_prefix: &str,
    now: OffsetDateTime,
) -> Result<(&'s dyn Store, String), crate::Error> {
    let prefix = id_prefix.trim().to_ascii_lowercase().replace(':', "");
    let not_found = || crate::Error::CertificateNotFound {
        id: id_prefix.to_owned(),
    };
    if prefix.len() < 8 || !prefix.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(not_found());
    }
    let mut found: Option<(&'s dyn Store, String)> = None;
    for &store in stores {
        for id in store.ids(now) {
            if !id.starts_with(&prefix) {
                continue;
            }
            match &found {
                Some((_, known)) if *known != id => {
                    return Err(crate::Error::CertificateIdAmbiguous {
                        id: id_prefix.to_owned(),
                    });
                }
                Some(_) => {}
                None => found = Some((store, id)),
            }
        }
    }
    found.ok_or_else(not_found)
}
