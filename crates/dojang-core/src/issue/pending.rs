//! Keys of issuances under way. The key is saved here — encrypted under the certificate
//! password the user chose, like any key file — *before* the request leaves, so a crash or
//! a network drop never loses it: a retry with the same codes picks it up again, and a
//! finished issuance removes it. Attempts older than an application can live (30 days)
//! are cleaned up.
//!
//! ```text
//! <data dir>/pending/<transactionID hex>/signPri.key    variant A, certificate password
//! <data dir>/pending/<transactionID hex>/signPri.key.sealed   the same, for the keychain:
//!                                                        also sealed under a keychain entry
//! <data dir>/pending/<transactionID hex>/attempt.json   CA URL, senderKID, when
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::Error;
use crate::cert::hex;
use crate::store::{Store, atomic};

/// A pending key file, encrypted under the certificate password.
const KEY_FILE: &str = "signPri.key";
/// A pending key file sealed by the store it is for (the keychain).
const SEALED_KEY_FILE: &str = "signPri.key.sealed";

/// How long a pending key is kept: an application lapses after 30 days.
pub const KEEP_DAYS: i64 = 31;

/// What a pending attempt was for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// The CA's CMP URL.
    pub ca: String,
    /// The senderKID (reference number, or `T` + application number).
    pub sender_kid: String,
    /// When the attempt started.
    #[serde(with = "time::serde::rfc3339")]
    pub started: OffsetDateTime,
}

/// The pending keys of one data dir.
pub struct PendingKeys {
    dir: PathBuf,
}

impl PendingKeys {
    /// The pending keys under `data_dir`.
    pub fn new(data_dir: &Path) -> Self {
        PendingKeys {
            dir: data_dir.join("pending"),
        }
    }

    /// The CA book of the same data dir (issuances remember their CA there).
    pub fn ca_book(&self) -> super::ca_book::CaBook {
        super::ca_book::CaBook::new(self.dir.parent().unwrap_or(&self.dir))
    }

    /// Saves the key file of transaction `tx` before its request is sent, protected as
    /// `store` (where the certificate will go) protects its keys: sealed under a keychain
    /// entry of its own for the keychain ([`Store::seal_pending`]).
    pub fn save(
        &self,
        tx: &[u8],
        attempt: &Attempt,
        key_file: &[u8],
        store: &dyn Store,
    ) -> Result<(), Error> {
        let meta = serde_json::to_vec_pretty(attempt).map_err(|e| Error::WriteFailed {
            path: self.dir.clone(),
            source: std::io::Error::other(e),
        })?;
        let name = hex(tx, "");
        let sealed = store.seal_pending(&name, key_file)?;
        let key = match &sealed {
            Some(sealed) => (SEALED_KEY_FILE, sealed.as_slice()),
            None => (KEY_FILE, key_file),
        };
        atomic::write_folder(&self.dir.join(name), &[key, ("attempt.json", &meta)], true)
    }

    /// The key file of an earlier attempt for the same CA and codes, newest first (a
    /// sealed one only when `store` can open it).
    pub fn find(
        &self,
        ca: &str,
        sender_kid: &str,
        store: &dyn Store,
    ) -> Option<(String, Zeroizing<Vec<u8>>)> {
        let mut found: Vec<(OffsetDateTime, String)> = self
            .attempts()
            .into_iter()
            .filter(|(_, a)| a.ca == ca && a.sender_kid == sender_kid)
            .map(|(name, a)| (a.started, name))
            .collect();
        found.sort_by_key(|f| std::cmp::Reverse(f.0));
        found.into_iter().find_map(|(_, name)| {
            let dir = self.dir.join(&name);
            let key = match std::fs::read(dir.join(KEY_FILE)) {
                Ok(key) => Zeroizing::new(key),
                Err(_) => {
                    let sealed = std::fs::read(dir.join(SEALED_KEY_FILE)).ok()?;
                    store.open_pending(&name, &sealed).ok()?
                }
            };
            Some((name, key))
        })
    }

    /// Every pending attempt (folder name and what it was for).
    pub fn attempts(&self) -> Vec<(String, Attempt)> {
        atomic::recover(&self.dir);
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        entries
            .filter_map(Result::ok)
            .filter(|e| !atomic::is_hidden(&e.file_name()))
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let json = std::fs::read(e.path().join("attempt.json")).ok()?;
                Some((name, serde_json::from_slice(&json).ok()?))
            })
            .collect()
    }

    /// Removes one attempt (by folder name), and what sealed its key in `store`.
    pub fn remove(&self, name: &str, store: &dyn Store) -> Result<(), Error> {
        let dir = self.dir.join(name);
        let sealed = dir.join(SEALED_KEY_FILE).exists();
        if dir.exists() {
            atomic::remove_folder(&dir)?;
        }
        if sealed {
            store.forget_pending(name);
        }
        Ok(())
    }

    /// Removes the attempts older than [`KEEP_DAYS`].
    pub fn clean_up(&self, now: OffsetDateTime, store: &dyn Store) {
        for (name, attempt) in self.attempts() {
            if (now - attempt.started).whole_days() > KEEP_DAYS {
                let _ = self.remove(&name, store);
            }
        }
    }
}
