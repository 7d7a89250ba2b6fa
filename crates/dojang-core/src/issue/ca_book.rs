//! What Dojang remembers of the CAs it dealt with, in the app's data dir: the CA
//! certificates that came with each issuance (caPubs, extraCerts; the viewer's chain) and
//! the CMP URL each certificate was issued from (so renewal and revocation know where to
//! go). Nothing secret is kept here.
//!
//! ```text
//! <data dir>/cas/certs/<sha256>.der      CA certificates
//! <data dir>/cas/issued/<sha256>.url     the CMP URL a certificate came from
//! <data dir>/cas/unconfirmed/<sha256>     stored, but the CA never heard the certConf
//! <data dir>/cas/revoked/<sha256>.json    revoked, as far as Dojang knows: why, since when
//! ```

use std::path::{Path, PathBuf};

use crate::Error;
use crate::cert::certificate_id;
use crate::distribution::Distribution;
use crate::issue::invitation::{ApprovedCa, UnlistedCa};
use crate::issue::revoke::{Revocation, RevocationReason};
use crate::store::atomic;

/// The CA certificates and endpoints Dojang has seen.
pub struct CaBook {
    dir: PathBuf,
}

impl CaBook {
    /// The book kept in `data_dir`.
    pub fn new(data_dir: &Path) -> Self {
        CaBook {
            dir: data_dir.join("cas"),
        }
    }

    /// Writes one file of the book, making its folder on first use.
    fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
        if let Some(parent) = path.parent() {
            atomic::create_dirs(parent)?;
        }
        atomic::write_file(path, bytes)
    }

    fn issued_file(&self, id: &str) -> Option<PathBuf> {
        // IDs are hex fingerprints; anything else never names a file.
        (id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| self.dir.join("issued").join(format!("{id}.url")))
    }

    /// Notes that certificate `id` came from the CA at `ca_url`, with its CA `chain` (DER).
    pub fn remember(&self, id: &str, ca_url: &str, chain: &[Vec<u8>]) -> Result<(), Error> {
        self.add_certificates(chain)?;
        if let Some(file) = self.issued_file(id) {
            Self::write(&file, ca_url.as_bytes())?;
        }
        Ok(())
    }

    fn unconfirmed_file(&self, id: &str) -> Option<PathBuf> {
        self.issued_file(id)
            .map(|_| self.dir.join("unconfirmed").join(id))
    }

    /// Notes that certificate `id`, issued by `ca_url` for the codes of `sender_kid`, was
    /// stored but its certConf never reached the CA (which withdraws it): a later
    /// issuance with the same codes replaces it.
    pub fn note_unconfirmed(&self, id: &str, ca_url: &str, sender_kid: &str) -> Result<(), Error> {
        match self.unconfirmed_file(id) {
            Some(file) => Self::write(&file, format!("{ca_url}\n{sender_kid}\n").as_bytes()),
            None => Ok(()),
        }
    }

    /// Whether certificate `id` was stored without the CA's confirmation.
    pub fn is_unconfirmed(&self, id: &str) -> bool {
        self.unconfirmed_file(id).is_some_and(|f| f.exists())
    }

    /// The unconfirmed certificates issued by `ca_url` for the codes of `sender_kid`.
    pub fn unconfirmed_for(&self, ca_url: &str, sender_kid: &str) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.dir.join("unconfirmed")) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter(|e| {
                std::fs::read_to_string(e.path()).is_ok_and(|text| {
                    let mut lines = text.lines();
                    lines.next() == Some(ca_url) && lines.next() == Some(sender_kid)
                })
            })
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    }

    /// Forgets the note about certificate `id`.
    pub fn forget_unconfirmed(&self, id: &str) {
        if let Some(file) = self.unconfirmed_file(id) {
            let _ = std::fs::remove_file(file);
        }
    }

    fn revoked_file(&self, id: &str) -> Option<PathBuf> {
        self.issued_file(id)
            .map(|_| self.dir.join("revoked").join(format!("{id}.json")))
    }

    /// Notes that certificate `id` is revoked, for `reason` when Dojang revoked it (none
    /// when the CA reported it). The revocation happened whether or not the note could be
    /// written, so a failure to write it is not reported; the CA will say so again.
    pub fn note_revoked(&self, id: &str, reason: Option<RevocationReason>) {
        let Some(file) = self.revoked_file(id) else {
            return;
        };
        if file.exists() {
            return; // the first note says when it was learned
        }
        let revocation = Revocation {
            reason,
            known_since: time::OffsetDateTime::now_utc(),
        };
        if let Ok(json) = serde_json::to_vec(&revocation) {
            let _ = Self::write(&file, &json);
        }
    }

    /// Notes certificate `id` as revoked when `error` is the CA saying it is, in an answer
    /// whose protection verified (an unprotected one could come from anyone).
    pub fn note_if_revoked(&self, id: &str, error: &Error) {
        if let Error::CaRefused {
            reason: Some(crate::cmp::ReasonCode::CertificateRevoked),
            authenticated: true,
            ..
        } = error
        {
            self.note_revoked(id, None);
        }
    }

    /// What is known of certificate `id`'s revocation.
    pub fn revocation(&self, id: &str) -> Option<Revocation> {
        let bytes = std::fs::read(self.revoked_file(id)?).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Keeps CA certificates for the viewer's chain (each once).
    pub fn add_certificates(&self, chain: &[Vec<u8>]) -> Result<(), Error> {
        for der in chain {
            let file = self
                .dir
                .join("certs")
                .join(format!("{}.der", certificate_id(der)));
            if !file.exists() {
                Self::write(&file, der)?;
            }
        }
        Ok(())
    }

    /// Every CA certificate kept.
    pub fn certificates(&self) -> Vec<Vec<u8>> {
        let Ok(entries) = std::fs::read_dir(self.dir.join("certs")) else {
            return Vec::new();
        };
        let mut out: Vec<(PathBuf, Vec<u8>)> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "der"))
            .filter_map(|p| std::fs::read(&p).ok().map(|der| (p, der)))
            .collect();
        out.sort();
        out.into_iter().map(|(_, der)| der).collect()
    }

    /// The CMP URL certificate `id` came from, when it was issued here.
    pub fn issued_from(&self, id: &str) -> Option<String> {
        let text = std::fs::read_to_string(self.issued_file(id)?).ok()?;
        Some(text.trim().to_owned()).filter(|t| !t.is_empty())
    }

    /// Where to renew or revoke the certificate `cert_der`: the CA it was issued from here;
    /// else the distribution's CA whose pinned roots its chain ends at; else the
    /// distribution's only CA.
    pub fn ca_for(&self, cert_der: &[u8], distribution: &Distribution) -> Result<String, Error> {
        let id = certificate_id(cert_der);
        if let Some(url) = self.issued_from(&id) {
            return Ok(url);
        }
        let mut known = self.certificates();
        known.extend(distribution.cas.iter().flat_map(|ca| ca.roots.clone()));
        if let Ok(chain) = crate::cert::chain::build(cert_der, &known, &[])
            && chain.complete
            && let Some(root) = chain.links.last()
        {
            let found = distribution
                .cas
                .iter()
                .find(|ca| ca.roots.iter().any(|r| certificate_id(r) == root.id));
            if let Some(ca) = found {
                return Ok(ca.cmp_url.clone());
            }
        }
        match distribution.cas.as_slice() {
            [only] => Ok(only.cmp_url.clone()),
            _ => Err(Error::CaUnknown { id }),
        }
    }

    /// The CA to renew or revoke `cert_der` at, as the distribution approves it:
    /// `explicit` when the user named one (refused when the distribution does not list it,
    /// unless `unlisted` allows it), else [`CaBook::ca_for`]. A CA remembered from an
    /// issuance in a build without CAs of its own was accepted by the person then; with a
    /// list, it must still be on it.
    pub fn resolve(
        &self,
        explicit: Option<&str>,
        unlisted: UnlistedCa,
        cert_der: &[u8],
        distribution: &Distribution,
    ) -> Result<ApprovedCa, Error> {
        match explicit {
            Some(url) => distribution.approve_ca(url, unlisted),
            None => {
                let remembered = if distribution.cas.is_empty() {
                    UnlistedCa::Allow
                } else {
                    unlisted
                };
                distribution.approve_ca(&self.ca_for(cert_der, distribution)?, remembered)
            }
        }
    }

    /// For renewing or revoking certificate `id` (a prefix will do): the store holding it
    /// (the copy in `within`, when given: see [`StoreSet::resolve`](crate::store::StoreSet::resolve)),
    /// its full ID, and its CA ([`CaBook::resolve`]).
    pub fn locate<'s>(
        &self,
        stores: &'s crate::store::StoreSet,
        id: &str,
        within: Option<&crate::store::StoreTarget>,
        explicit: Option<&str>,
        unlisted: UnlistedCa,
        distribution: &Distribution,
    ) -> Result<(Box<dyn crate::store::Store + 's>, String, ApprovedCa), Error> {
        let (store, id) = stores.resolve(id, within)?;
        let ca = self.resolve(explicit, unlisted, &store.certificate(&id)?, distribution)?;
        Ok((store, id, ca))
    }

    /// [`CaBook::locate`] for a copy the window acts on: its CA as the distribution
    /// approves it, never an unlisted one (the window names no CA of its own).
    pub fn locate_copy<'s>(
        &self,
        stores: &'s crate::store::StoreSet,
        copy: &crate::store::CertificateCopy,
        distribution: &Distribution,
    ) -> Result<(Box<dyn crate::store::Store + 's>, String, ApprovedCa), Error> {
        self.locate(
            stores,
            &copy.id,
            copy.store.as_ref(),
            None,
            UnlistedCa::Refuse,
            distribution,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distribution::CaEndpoint;
    use dojang_testkit::{Subscriber, TestPki};

    #[test]
    fn a_certificate_finds_its_ca_by_issuance_then_by_pinned_root() {
        let data = tempfile::tempdir().unwrap();
        let book = CaBook::new(data.path());
        let pki = TestPki::new("KICA").unwrap();
        let (leaf, _) = pki.issue(&Subscriber::kica_personal("홍길동")).unwrap();
        let id = certificate_id(&leaf);
        let endpoint = |url: &str, roots: Vec<Vec<u8>>| CaEndpoint {
            name: "CA".into(),
            cmp_url: url.into(),
            roots,
        };
        let two_cas = Distribution {
            cas: vec![
                endpoint("https://other.example/cmp", vec![]),
                endpoint("https://kica.example/cmp", vec![pki.root.der()]),
            ],
            pinned_roots: vec![pki.root.der()],
            ..Distribution::default()
        };

        // Nothing known: the chain cannot reach a root, and two CAs leave it open.
        assert_eq!(
            book.ca_for(&leaf, &two_cas).unwrap_err().code(),
            "ca-unknown"
        );
        // The issuing CA came with an issuance of another certificate: the chain now
        // reaches the pinned root, which names the CA.
        book.add_certificates(&[pki.issuing.der()]).unwrap();
        assert_eq!(
            book.ca_for(&leaf, &two_cas).unwrap(),
            "https://kica.example/cmp"
        );
        let chain = crate::cert::chain::build(&leaf, &book.certificates(), &two_cas.pinned_roots);
        assert!(chain.unwrap().valid);
        // Issued here: the URL it came from wins.
        book.remember(&id, "http://127.0.0.1:9/cmp", &[pki.issuing.der()])
            .unwrap();
        assert_eq!(
            book.ca_for(&leaf, &two_cas).unwrap(),
            "http://127.0.0.1:9/cmp"
        );
        assert_eq!(book.certificates().len(), 1);
        // Not an ID: never a path.
        assert_eq!(book.issued_from("../../etc/passwd"), None);
    }

    #[test]
    fn a_revocation_is_remembered_from_the_first_time_it_is_learned() {
        let data = tempfile::tempdir().unwrap();
        let book = CaBook::new(data.path());
        let ours = "ab".repeat(32);
        let theirs = "cd".repeat(32);
        assert_eq!(book.revocation(&ours), None);

        // Any other refusal says nothing about revocation.
        let refused = |reason| Error::CaRefused {
            reason: Some(reason),
            detail: String::new(),
            authenticated: true,
        };
        book.note_if_revoked(&theirs, &refused(crate::cmp::ReasonCode::WrongCode));
        assert_eq!(book.revocation(&theirs), None);
        book.note_if_revoked(
            &theirs,
            &refused(crate::cmp::ReasonCode::CertificateRevoked),
        );
        assert_eq!(book.revocation(&theirs).unwrap().reason, None);
        // An unprotected "revoked" could come from anyone on the path: nothing is noted.
        let forged = Error::CaRefused {
            reason: Some(crate::cmp::ReasonCode::CertificateRevoked),
            detail: String::new(),
            authenticated: false,
        };
        let other = "ef".repeat(32);
        book.note_if_revoked(&other, &forged);
        assert_eq!(book.revocation(&other), None);

        book.note_revoked(&ours, Some(RevocationReason::KeyCompromise));
        let first = book.revocation(&ours).unwrap();
        assert_eq!(first.reason, Some(RevocationReason::KeyCompromise));
        book.note_revoked(&ours, None);
        assert_eq!(book.revocation(&ours), Some(first));
        // Not an ID: never a path.
        book.note_revoked("../../x", None);
        assert_eq!(book.revocation("../../x"), None);
    }
}
