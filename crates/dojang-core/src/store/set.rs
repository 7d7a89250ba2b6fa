//! Every store of one user, as the app and the command line see them: the OS keychain
//! store of the app identity, and the NPKI roots of this computer (its own, removable
//! drives', and any extra ones).

use std::path::PathBuf;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;

use super::keychain::KeychainStore;
use super::npki_dir::NpkiDirStore;
use super::{CertificateList, NpkiRoot, RootKind, Store, default_data_dir, list_stores, resolve};
use crate::Error;
use crate::cert::chain::{CertificateChain, LinkSource, Pool};
use crate::cert::details::CertificateDetails;
use crate::distribution::Distribution;
use crate::issue::ca_book::CaBook;
use crate::status;

/// Where to put a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[ts(export)]
pub enum StoreTarget {
    /// This computer's keychain.
    Keychain,
    /// An NPKI root: the given folder (a USB stick's `NPKI`, say), or this computer's own
    /// NPKI folder when none is given.
    Npki {
        /// The NPKI root folder.
        #[ts(type = "string | null")]
        root: Option<PathBuf>,
    },
}

impl FromStr for StoreTarget {
    type Err = Error;

    /// `keychain`, `npki` or `npki:DIR`, as the command line spells them.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "keychain" => Ok(StoreTarget::Keychain),
            "npki" => Ok(StoreTarget::Npki { root: None }),
            other => match other.strip_prefix("npki:") {
                Some(dir) if !dir.is_empty() => Ok(StoreTarget::Npki {
                    root: Some(PathBuf::from(dir)),
                }),
                _ => Err(Error::StoreUnknown {
                    name: other.to_owned(),
                }),
            },
        }
    }
}

/// One copy of a certificate: its ID, and the store holding the copy meant. The same
/// certificate may be kept in several stores (this computer's keychain and a USB stick,
/// say), each copy under its own password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CertificateCopy {
    /// The certificate ID (or a unique prefix of 8+ hex digits).
    pub id: String,
    /// The store holding the copy meant; null: the first store holding the certificate,
    /// the keychain first.
    pub store: Option<StoreTarget>,
}

/// The keychain store and every NPKI root of this computer.
pub struct StoreSet {
    /// The OS keychain store of this app identity.
    pub keychain: KeychainStore,
    /// The NPKI roots found (platform, removable drives, extra).
    pub npki: Vec<NpkiDirStore>,
}

impl StoreSet {
    /// The stores of app `app_id`: its data dir is `data_dir` or, when `None`, the
    /// platform's; `extra_roots` are searched beside the platform's NPKI roots. The data dir
    /// is made private (`0700`) when it exists and is ours; [`Error::DataDirUnknown`] when
    /// there is none.
    pub fn open(
        app_id: &str,
        data_dir: Option<PathBuf>,
        extra_roots: &[PathBuf],
    ) -> Result<Self, Error> {
        let (dir, default) = match data_dir {
            Some(dir) => (dir, false),
            None => (default_data_dir(app_id)?, true),
        };
        if dir.exists() {
            // Best effort: a data dir someone else owns stays usable as it is.
            let _ = super::atomic::make_private(&dir);
        }
        Ok(StoreSet {
            keychain: KeychainStore::new(app_id, &dir, default),
            npki: NpkiRoot::discover(extra_roots)
                .into_iter()
                .map(NpkiDirStore::new)
                .collect(),
        })
    }

    /// Every store, the keychain first.
    pub fn all(&self) -> Vec<&dyn Store> {
        let mut all: Vec<&dyn Store> = vec![&self.keychain];
        all.extend(self.npki.iter().map(|s| s as &dyn Store));
        all
    }

    /// Every certificate in every store, with what is known of its revocation.
    pub fn list(&self, now: OffsetDateTime) -> CertificateList {
        let mut list = list_stores(&self.all(), now);
        let book = self.ca_book();
        for listed in &mut list.certificates {
            listed.certificate.revoked = book.revocation(&listed.certificate.id);
        }
        // Revoked ones, which can only be deleted or reissued, go last (the sort is stable).
        list.certificates
            .sort_by_key(|c| c.certificate.revoked.is_some());
        list
    }

    /// What the app remembers of CAs, in its data dir.
    pub fn ca_book(&self) -> CaBook {
        CaBook::new(self.keychain.data_dir())
    }

    /// The signatures made with each certificate, in the data dir.
    pub fn signature_history(&self) -> crate::sign::consent::SignatureHistory {
        crate::sign::consent::SignatureHistory::new(self.keychain.data_dir())
    }

    /// The store holding the certificate whose ID starts with `id`, and its full ID.
    ///
    /// A certificate may be kept in several stores (this computer's keychain and a USB
    /// stick, say), each copy under its own password. `within` names the copy meant;
    /// without it, the first store holding the certificate is taken, the keychain first.
    pub fn resolve(
        &self,
        id: &str,
        within: Option<&StoreTarget>,
    ) -> Result<(Box<dyn Store + '_>, String), Error> {
        let now = OffsetDateTime::now_utc();
        match within {
            None => {
                let (store, id) = resolve(&self.all(), id, now)?;
                Ok((Box::new(store), id))
            }
            Some(target) => {
                let store = self.target(target);
                let (_, id) = resolve(&[store.as_ref()], id, now)?;
                Ok((store, id))
            }
        }
    }

    /// The store holding `copy`, and the certificate's full ID.
    pub fn find(&self, copy: &CertificateCopy) -> Result<(Box<dyn Store + '_>, String), Error> {
        self.resolve(&copy.id, copy.store.as_ref())
    }

    /// Everything about the certificate whose ID starts with `id`.
    pub fn details(&self, id: &str) -> Result<CertificateDetails, Error> {
        let (store, id) = self.resolve(id, None)?;
        let der = store.certificate(&id)?;
        let mut details = CertificateDetails::from_der(
            &der,
            std::path::Path::new(""),
            OffsetDateTime::now_utc(),
        )?;
        details.summary.revoked = self.ca_book().revocation(&id);
        Ok(details)
    }

    /// The CA certificates a certificate's path may be built from here: the
    /// distribution's pinned roots, the Korean PKI bundled with Dojang, those received at
    /// issuances here, and those in `CaPubs` files of the NPKI folders (only candidates,
    /// never anchors).
    pub fn path_pool(&self, distribution: &Distribution) -> Pool {
        let mut pool = Pool::new();
        let pinned = distribution.pinned_roots.iter().map(Vec::as_slice);
        pool.add_all(pinned, LinkSource::Distribution);
        let bundled = crate::cert::anchors::KOREAN_PKI.iter().map(|b| b.der);
        pool.add_all(bundled, LinkSource::Bundled);
        let received = self.ca_book().certificates();
        pool.add_all(received.iter().map(Vec::as_slice), LinkSource::Issuance);
        let roots: Vec<PathBuf> = self.npki.iter().map(|s| s.root().path.clone()).collect();
        let found = crate::cert::capubs::certificates_under(&roots);
        pool.add_all(found.iter().map(Vec::as_slice), LinkSource::CaPubs);
        pool
    }

    /// The path of certificate `der` from [`StoreSet::path_pool`], validated at `at`.
    pub fn chain(
        &self,
        der: &[u8],
        distribution: &Distribution,
        at: OffsetDateTime,
    ) -> Result<CertificateChain, Error> {
        self.path_pool(distribution).validate(der, at)
    }

    /// The certificates of the CAs above `der` on its path at `at`, nearest first, as far
    /// as they are known, without the root (a relying party holds its own roots): what a
    /// signature carries along.
    pub fn issuers_of(
        &self,
        der: &[u8],
        distribution: &Distribution,
        at: OffsetDateTime,
    ) -> Vec<Vec<u8>> {
        let pool = self.path_pool(distribution);
        pool.validate(der, at)
            .map(|chain| {
                chain
                    .links
                    .iter()
                    .skip(1)
                    .filter(|link| !link.root)
                    .filter_map(|link| pool.der_of(&link.id))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Verifies certificate `der` ([`status::verify`]): its path at `at` from
    /// [`StoreSet::path_pool`], its status now as `mode` allows, with what the data dir
    /// knows of its revocation.
    pub fn verify(
        &self,
        der: &[u8],
        distribution: &Distribution,
        at: OffsetDateTime,
        mode: status::Mode,
    ) -> Result<status::Verification, Error> {
        let checker = status::StatusChecker::new(self.keychain.data_dir(), mode);
        let mut pool = self.path_pool(distribution);
        let revoked_here = self.ca_book().revocation(&crate::cert::certificate_id(der));
        let now = OffsetDateTime::now_utc();
        status::verify(&mut pool, &checker, der, revoked_here.as_ref(), at, now)
    }

    /// Verifies the certificates `ids` now, sharing one pool and one checker (the list's
    /// badges: [`status::Mode::Cached`] fetches at most once per `nextUpdate`). A
    /// certificate that cannot be found or read is left out.
    pub fn verify_all(
        &self,
        ids: &[String],
        distribution: &Distribution,
        mode: status::Mode,
    ) -> Vec<status::Verification> {
        let checker = status::StatusChecker::new(self.keychain.data_dir(), mode);
        let mut pool = self.path_pool(distribution);
        let book = self.ca_book();
        let now = OffsetDateTime::now_utc();
        ids.iter()
            .filter_map(|id| {
                let (store, id) = self.resolve(id, None).ok()?;
                let der = store.certificate(&id).ok()?;
                let revoked_here = book.revocation(&id);
                status::verify(&mut pool, &checker, &der, revoked_here.as_ref(), now, now).ok()
            })
            .collect()
    }

    /// The store a target names.
    pub fn target(&self, target: &StoreTarget) -> Box<dyn Store + '_> {
        match target {
            StoreTarget::Keychain => Box::new(&self.keychain),
            StoreTarget::Npki { root } => Box::new(NpkiDirStore::new(match root {
                Some(path) => NpkiRoot {
                    path: path.clone(),
                    kind: RootKind::Extra,
                },
                None => NpkiRoot {
                    path: NpkiRoot::own(),
                    kind: RootKind::Disk,
                },
            })),
        }
    }
}
