//! The OS keychain store: macOS Keychain, Windows Credential Manager, the Secret Service
//! on Linux.
//!
//! A keychain cannot hold every key as it is (Windows refuses a secret over 2,560 bytes;
//! an RSA-4096 key file is larger), so each certificate gets a small **wrapping key**
//! (32 random bytes) in the keychain, and its files live in the app data dir:
//!
//! ```text
//! <data dir>/keychain/<id>/signCert.der          the certificate
//! <data dir>/keychain/<id>/signPri.key.sealed    AES-256-GCM(wrapping key, signPri.key)
//! (kmCert.der, kmPri.key.sealed likewise)
//! ```
//!
//! `signPri.key` is itself encrypted under the certificate password (docs/npki.md), so
//! using the key needs both the keychain entry and the password; nothing on disk opens
//! without them. Deleting the keychain entry makes the sealed files unreadable for good.
//! Entries are named by the app identifier (service) and the certificate ID (user), so
//! two branded builds never share entries; a non-default data dir gets its own namespace.
//! The pending key of an issuance into the keychain is sealed the same way, under an entry
//! of its own (`pending:<transactionID>`), until the certificate is stored.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use keyring_core::{CredentialStore, Entry};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::npki_dir::{
    KM_CERT_FILE, KM_KEY_FILE, SIGN_CERT_FILE, SIGN_KEY_FILE, read_optional as read,
};
use super::{
    CertificateFiles, CertificateList, KeyManagementPair, ListedCertificate, Store, StoreKind,
    UnreadableEntry, atomic,
};
use crate::Error;
use crate::cert::CertificateSummary;

const SEALED_SUFFIX: &str = ".sealed";
const MAGIC: &[u8; 4] = b"DJK1";
const WRAPPING_KEY_LEN: usize = 32;

fn unavailable(e: impl std::fmt::Display) -> Error {
    Error::KeychainUnavailable {
        detail: e.to_string(),
    }
}

/// The platform's keychain.
fn platform_credentials() -> Result<Arc<CredentialStore>, Error> {
    #[cfg(target_os = "linux")]
    let store: Arc<CredentialStore> =
        zbus_secret_service_keyring_store::Store::new().map_err(unavailable)?;
    #[cfg(target_os = "macos")]
    let store: Arc<CredentialStore> =
        apple_native_keyring_store::keychain::Store::new().map_err(unavailable)?;
    #[cfg(windows)]
    let store: Arc<CredentialStore> =
        windows_native_keyring_store::Store::new().map_err(unavailable)?;
    #[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
    let store: Arc<CredentialStore> = return Err(unavailable("no keychain on this platform"));
    Ok(store)
}

/// The keychain entry that seals the pending key of issuance attempt `name` (its
/// transactionID in hex): apart from every certificate's entry.
fn pending_entry(name: &str) -> String {
    format!("pending:{name}")
}

/// The keychain store of one app identity and data dir.
pub struct KeychainStore {
    dir: PathBuf,
    service: String,
    // Connected on first use: listing needs only the files, so a missing or locked
    // keychain never hides the list.
    credentials: std::sync::OnceLock<Arc<CredentialStore>>,
}

impl KeychainStore {
    /// The keychain store of the app `app_id` (e.g. `kr.dojang.app`) with its files under
    /// `data_dir/keychain`. `default_data_dir` says whether `data_dir` is the platform's
    /// default; another data dir gets its own entry namespace. The keychain itself is
    /// reached on first use.
    pub fn new(app_id: &str, data_dir: &Path, default_data_dir: bool) -> Self {
        let service = if default_data_dir {
            app_id.to_owned()
        } else {
            let digest = Sha256::digest(data_dir.to_string_lossy().as_bytes());
            let tag: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
            format!("{app_id}#{tag}")
        };
        KeychainStore {
            dir: data_dir.join("keychain"),
            service,
            credentials: std::sync::OnceLock::new(),
        }
    }

    fn credentials(&self) -> Result<&Arc<CredentialStore>, Error> {
        if let Some(c) = self.credentials.get() {
            return Ok(c);
        }
        let store = platform_credentials()?;
        Ok(self.credentials.get_or_init(|| store))
    }

    /// The app data dir this store keeps its files under.
    pub fn data_dir(&self) -> &Path {
        self.dir.parent().unwrap_or(&self.dir)
    }

    /// The keychain service name this store's entries use.
    pub fn service(&self) -> &str {
        &self.service
    }

    fn entry(&self, id: &str) -> Result<Entry, Error> {
        Entry::new_in_store(self.credentials()?, &self.service, id).map_err(unavailable)
    }

    fn wrapping_key(&self, id: &str, create: bool) -> Result<Zeroizing<Vec<u8>>, Error> {
        let entry = self.entry(id)?;
        match entry.get_secret() {
            Ok(secret) if secret.len() == WRAPPING_KEY_LEN => Ok(Zeroizing::new(secret)),
            Ok(_) | Err(keyring_core::Error::NoEntry) if create => {
                let mut key = Zeroizing::new(vec![0u8; WRAPPING_KEY_LEN]);
                aws_lc_rs::rand::fill(&mut key[..]).map_err(unavailable)?;
                entry.set_secret(&key).map_err(unavailable)?;
                Ok(key)
            }
            Ok(_) | Err(keyring_core::Error::NoEntry) => {
                Err(Error::KeychainEntryMissing { id: id.to_owned() })
            }
            Err(e) => Err(unavailable(e)),
        }
    }

    fn cipher(key: &[u8]) -> Result<LessSafeKey, Error> {
        Ok(LessSafeKey::new(
            UnboundKey::new(&AES_256_GCM, key).map_err(unavailable)?,
        ))
    }

    fn aad(id: &str, role: &str) -> Vec<u8> {
        format!("dojang keychain v1|{id}|{role}").into_bytes()
    }

    fn seal(key: &[u8], id: &str, role: &str, plaintext: &[u8]) -> Result<Vec<u8>, Error> {
        let mut nonce = [0u8; NONCE_LEN];
        aws_lc_rs::rand::fill(&mut nonce).map_err(unavailable)?;
        let mut in_out = plaintext.to_vec();
        Self::cipher(key)?
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(Self::aad(id, role)),
                &mut in_out,
            )
            .map_err(unavailable)?;
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&in_out);
        Ok(out)
    }

    fn open_sealed(
        key: &[u8],
        id: &str,
        role: &str,
        sealed: &[u8],
        path: &Path,
    ) -> Result<Zeroizing<Vec<u8>>, Error> {
        let malformed = || Error::KeyFileMalformed {
            path: path.to_owned(),
            detail: "the sealed key file is damaged".to_owned(),
        };
        let rest = sealed.strip_prefix(&MAGIC[..]).ok_or_else(malformed)?;
        if rest.len() < NONCE_LEN {
            return Err(malformed());
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| malformed())?;
        let mut in_out = Zeroizing::new(ciphertext.to_vec());
        let len = Self::cipher(key)?
            .open_in_place(nonce, Aad::from(Self::aad(id, role)), &mut in_out)
            .map_err(|_| malformed())?
            .len();
        in_out.truncate(len);
        Ok(in_out)
    }

    fn folder(&self, id: &str) -> PathBuf {
        self.dir.join(id)
    }
}

impl Store for KeychainStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Keychain
    }

    fn list_into(&self, now: OffsetDateTime, list: &mut CertificateList) {
        atomic::recover(&self.dir);
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut dirs: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|e| !atomic::is_hidden(&e.file_name()) && e.path().is_dir())
            .map(|e| e.path())
            .collect();
        dirs.sort();
        for dir in dirs {
            let file = dir.join(SIGN_CERT_FILE);
            let summary = match read(&file) {
                Ok(Some(der)) => CertificateSummary::from_der(&der, &file, now),
                Ok(None) => Err(Error::NpkiCertificateMissing { path: dir.clone() }),
                Err(e) => Err(e),
            };
            match summary {
                Ok(certificate) => list.certificates.push(ListedCertificate {
                    certificate,
                    store: StoreKind::Keychain,
                    path: None,
                    location: None,
                }),
                Err(e) => list.unreadable.push(UnreadableEntry {
                    path: dir,
                    location: None,
                    error: e.info(),
                }),
            }
        }
    }

    fn load(&self, id: &str) -> Result<CertificateFiles, Error> {
        let dir = self.folder(id);
        let not_found = || Error::CertificateNotFound { id: id.to_owned() };
        let sign_cert = read(&dir.join(SIGN_CERT_FILE))?.ok_or_else(not_found)?;
        let key = self.wrapping_key(id, false)?;
        let sealed_path = dir.join(format!("{SIGN_KEY_FILE}{SEALED_SUFFIX}"));
        let sealed = read(&sealed_path)?.ok_or_else(not_found)?;
        let sign_key = Self::open_sealed(&key, id, SIGN_KEY_FILE, &sealed, &sealed_path)?;
        let km_sealed_path = dir.join(format!("{KM_KEY_FILE}{SEALED_SUFFIX}"));
        let km = match (read(&dir.join(KM_CERT_FILE))?, read(&km_sealed_path)?) {
            (Some(cert), Some(sealed)) => Some(KeyManagementPair {
                cert,
                key: Self::open_sealed(&key, id, KM_KEY_FILE, &sealed, &km_sealed_path)?,
            }),
            _ => None,
        };
        Ok(CertificateFiles {
            sign_cert,
            sign_key,
            km,
        })
    }

    fn certificate(&self, id: &str) -> Result<Vec<u8>, Error> {
        read(&self.folder(id).join(SIGN_CERT_FILE))?
            .ok_or_else(|| Error::CertificateNotFound { id: id.to_owned() })
    }

    fn save(&self, files: &CertificateFiles, replace: bool) -> Result<Option<PathBuf>, Error> {
        let id = files.id();
        let dir = self.folder(&id);
        if dir.exists() && !replace {
            return Err(Error::AlreadyStored { path: dir });
        }
        // The same wrapping key is reused when replacing: until the folder swap is done
        // the old sealed files must still open.
        let key = self.wrapping_key(&id, true)?;
        let sign_sealed = Self::seal(&key, &id, SIGN_KEY_FILE, &files.sign_key)?;
        let sign_sealed_name = format!("{SIGN_KEY_FILE}{SEALED_SUFFIX}");
        let km_sealed_name = format!("{KM_KEY_FILE}{SEALED_SUFFIX}");
        let km_sealed = match &files.km {
            Some(km) => Some((km, Self::seal(&key, &id, KM_KEY_FILE, &km.key)?)),
            None => None,
        };
        let mut contents: Vec<(&str, &[u8])> = vec![
            (SIGN_CERT_FILE, &files.sign_cert),
            (&sign_sealed_name, &sign_sealed),
        ];
        if let Some((km, sealed)) = &km_sealed {
            contents.push((KM_CERT_FILE, &km.cert));
            contents.push((&km_sealed_name, sealed));
        }
        atomic::write_folder(&dir, &contents, replace)?;
        Ok(None)
    }

    fn seal_pending(&self, name: &str, key_file: &[u8]) -> Result<Option<Vec<u8>>, Error> {
        let entry = pending_entry(name);
        let key = self.wrapping_key(&entry, true)?;
        Self::seal(&key, &entry, SIGN_KEY_FILE, key_file).map(Some)
    }

    fn open_pending(&self, name: &str, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
        let entry = pending_entry(name);
        let key = self.wrapping_key(&entry, false)?;
        Self::open_sealed(&key, &entry, SIGN_KEY_FILE, sealed, Path::new(name))
    }

    fn forget_pending(&self, name: &str) {
        if let Ok(entry) = self.entry(&pending_entry(name)) {
            let _ = entry.delete_credential();
        }
    }

    fn delete(&self, id: &str) -> Result<(), Error> {
        let dir = self.folder(id);
        if !dir.exists() {
            return Err(Error::CertificateNotFound { id: id.to_owned() });
        }
        atomic::remove_folder(&dir)?;
        match self.entry(id)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}
