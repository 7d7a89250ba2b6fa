//! A key generated ahead: the window starts it while the person is still choosing where to
//! keep the certificate and its password, so that issuance then waits only for the CA.
//!
//! The key stays in this process's memory (zeroized when dropped) until an issuance takes
//! it; it reaches the disk only as issuance saves every key, encrypted, before its request.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, channel};

use super::private_key::{KeyType, PrivateKey, generate_racing, searches_per_core};
use crate::issue::KeySource;

/// One key being generated, or generated and waiting.
struct Preparing {
    key_type: KeyType,
    key: Receiver<Option<PrivateKey>>,
}

/// At most one key generated ahead, taken by the next issuance of its type.
pub struct PreparedKey {
    slot: Mutex<Option<Preparing>>,
    /// RSA searches run at once ([`generate_racing`]).
    searches: usize,
}

impl Default for PreparedKey {
    /// One search: for a process that exits after its issuance (the command line), which
    /// could not exit before other searches finished.
    fn default() -> Self {
        PreparedKey {
            slot: Mutex::default(),
            searches: 1,
        }
    }
}

impl PreparedKey {
    /// One search per core, the first to finish taken: for a process that lives on after
    /// an issuance (the app).
    pub fn racing() -> Self {
        PreparedKey {
            searches: searches_per_core(),
            ..PreparedKey::default()
        }
    }

    /// Starts generating a key of `key_type` in the background, unless one of that type is
    /// already under way or waiting; one of another type is dropped.
    pub fn prepare(&self, key_type: KeyType) {
        let mut slot = self
            .slot
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if slot.as_ref().is_some_and(|p| p.key_type == key_type) {
            return;
        }
        let (done, key) = channel();
        let searches = self.searches;
        let started = std::thread::Builder::new()
            .name("prepared-key".into())
            .spawn(move || {
                // A failure here is the issuance's to meet again, and to report.
                let _ = done.send(generate_racing(key_type, searches).ok());
            });
        *slot = started.is_ok().then_some(Preparing { key_type, key });
    }

    /// Where the next issuance of a `key_type` key gets it: the key generated ahead
    /// (waiting for it if it is still under way), once; otherwise a fresh generation.
    pub fn take(&self, key_type: KeyType) -> KeySource {
        let preparing = self
            .slot
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take_if(|p| p.key_type == key_type);
        match preparing.and_then(|p| p.key.recv().ok().flatten()) {
            Some(key) => KeySource::Prepared(key),
            None => KeySource::Generate(key_type),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public_key(source: &KeySource) -> Option<Vec<u8>> {
        match source {
            KeySource::Prepared(key) => Some(key.public_key_spki().unwrap()),
            _ => None,
        }
    }

    #[test]
    fn a_prepared_key_is_taken_once_and_only_for_its_type() {
        let prepared = PreparedKey::default();
        // Nothing prepared: the issuance generates its own.
        assert!(matches!(
            prepared.take(KeyType::P256),
            KeySource::Generate(KeyType::P256)
        ));

        prepared.prepare(KeyType::P256);
        // Asked again for the same type, the key under way is kept, not replaced.
        prepared.prepare(KeyType::P256);
        // Another type's issuance leaves it waiting.
        assert!(matches!(
            prepared.take(KeyType::Rsa2048),
            KeySource::Generate(KeyType::Rsa2048)
        ));
        let first = prepared.take(KeyType::P256);
        let spki = public_key(&first).expect("the key prepared ahead");
        match &first {
            KeySource::Prepared(key) => assert_eq!(key.algorithm().unwrap(), KeyType::P256),
            _ => unreachable!(),
        }
        // Taken once: the next issuance generates afresh.
        assert!(matches!(
            prepared.take(KeyType::P256),
            KeySource::Generate(_)
        ));

        // Two preparations in a row give two different keys.
        prepared.prepare(KeyType::P256);
        let second = public_key(&prepared.take(KeyType::P256)).unwrap();
        assert_ne!(spki, second);
    }

    #[test]
    fn preparing_another_type_drops_the_first() {
        let prepared = PreparedKey::racing();
        prepared.prepare(KeyType::P256);
        prepared.prepare(KeyType::Rsa2048);
        assert!(matches!(
            prepared.take(KeyType::P256),
            KeySource::Generate(_)
        ));
        match prepared.take(KeyType::Rsa2048) {
            KeySource::Prepared(key) => assert_eq!(key.algorithm().unwrap(), KeyType::Rsa2048),
            _ => panic!("the RSA key prepared last"),
        }
    }
}
