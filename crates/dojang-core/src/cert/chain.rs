//! The chain from a certificate to its root (인증 경로): built from the CA certificates
//! Dojang knows (the ones that came with issuances, and the distribution's pinned roots),
//! each link's signature checked against the next link's key.

use der::{Decode, Encode};
use serde::Serialize;
use time::OffsetDateTime;
use ts_rs::TS;
use x509_cert::Certificate;

use super::{CertificateSummary, certificate_id};
use crate::Error;
use crate::cmp::protection;

/// The longest chain followed (a loop in broken data ends here).
const MAX_DEPTH: usize = 8;

/// A certificate's path to its root, as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CertificateChain {
    /// The certificate itself first, then its issuing CA, up to the root when known.
    pub links: Vec<ChainLink>,
    /// The chain ends at a self-signed root and every signature in it verified.
    pub complete: bool,
}

/// One certificate of a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChainLink {
    /// Its SHA-256 fingerprint (the ID).
    pub id: String,
    /// Its subject's common name.
    pub common_name: String,
    /// Its subject, RFC 4514.
    pub subject: String,
    /// Its issuer, RFC 4514.
    pub issuer: String,
    /// End of validity.
    #[serde(with = "::time::serde::rfc3339")]
    #[ts(type = "string")]
    pub not_after: OffsetDateTime,
    /// Its signature verified with the next link's key (or its own, for a root).
    pub verified: bool,
    /// Self-issued: the end of the chain.
    pub root: bool,
    /// A root the distribution pins.
    pub pinned: bool,
}

/// Whether `issuer`'s key verifies `cert`'s signature.
pub fn signed_by(cert: &Certificate, issuer: &Certificate) -> bool {
    let (Ok(tbs), Some(signature)) = (cert.tbs_certificate.to_der(), cert.signature.as_bytes())
    else {
        return false;
    };
    protection::verify_signature(
        &issuer.tbs_certificate.subject_public_key_info,
        &cert.signature_algorithm,
        &tbs,
        signature,
    )
    .is_ok()
}

fn is_self_issued(cert: &Certificate) -> bool {
    cert.tbs_certificate.subject == cert.tbs_certificate.issuer
}

/// Builds the chain of `leaf` (DER) from `known` CA certificates and `pinned` roots.
pub fn build(
    leaf: &[u8],
    known: &[Vec<u8>],
    pinned: &[Vec<u8>],
) -> Result<CertificateChain, Error> {
    let not_a_certificate = |detail: String| Error::NotACertificate {
        path: Default::default(),
        detail,
    };
    let candidates: Vec<(Vec<u8>, Certificate)> = known
        .iter()
        .chain(pinned)
        .filter_map(|der| Certificate::from_der(der).ok().map(|c| (der.clone(), c)))
        .collect();
    let mut current_der = leaf.to_vec();
    let mut current = Certificate::from_der(leaf).map_err(|e| not_a_certificate(e.to_string()))?;
    let mut links = Vec::new();
    let mut seen = Vec::new();
    loop {
        seen.push(current_der.clone());
        let root = is_self_issued(&current);
        let next = if root {
            None
        } else {
            // A CA whose name is the issuer: one whose key verifies the signature wins.
            let named: Vec<&(Vec<u8>, Certificate)> = candidates
                .iter()
                .filter(|(der, c)| {
                    c.tbs_certificate.subject == current.tbs_certificate.issuer
                        && !seen.contains(der)
                })
                .collect();
            named
                .iter()
                .find(|(_, c)| signed_by(&current, c))
                .map(|found| (true, *found))
                .or_else(|| named.first().map(|found| (false, *found)))
        };
        let verified = match (&next, root) {
            (_, true) => signed_by(&current, &current),
            (Some((ok, _)), false) => *ok,
            (None, false) => false,
        };
        let summary = CertificateSummary::from_der(
            &current_der,
            std::path::Path::new(""),
            OffsetDateTime::now_utc(),
        )?;
        links.push(ChainLink {
            id: certificate_id(&current_der),
            common_name: summary.common_name,
            subject: summary.subject,
            issuer: summary.issuer,
            not_after: summary.not_after,
            verified,
            root,
            pinned: pinned.contains(&current_der),
        });
        match next {
            Some((_, (der, cert))) if links.len() < MAX_DEPTH => {
                current_der = der.clone();
                current = cert.clone();
            }
            _ => break,
        }
    }
    let complete = links.last().is_some_and(|l| l.root) && links.iter().all(|l| l.verified);
    Ok(CertificateChain { links, complete })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dojang_testkit::{Subscriber, TestPki};

    #[test]
    fn a_certificate_chains_through_its_issuing_ca_to_the_pinned_root() {
        let pki = TestPki::new("KICA").unwrap();
        let (leaf, _) = pki.issue(&Subscriber::kica_personal("홍길동")).unwrap();
        let (root, issuing) = (pki.root.der(), pki.issuing.der());

        let chain = build(
            &leaf,
            std::slice::from_ref(&issuing),
            std::slice::from_ref(&root),
        )
        .unwrap();
        assert!(chain.complete);
        let names: Vec<_> = chain.links.iter().map(|l| l.common_name.as_str()).collect();
        assert_eq!(names[1..], ["Dojang Test CA1", "Dojang Test RootCA"]);
        assert_eq!(chain.links[0].id, certificate_id(&leaf));
        assert!(chain.links[2].root && chain.links[2].pinned && !chain.links[1].pinned);

        // Without the issuing CA the chain stops at the certificate, unverified.
        let chain = build(&leaf, &[], std::slice::from_ref(&root)).unwrap();
        assert!(!chain.complete);
        assert_eq!(chain.links.len(), 1);
        assert!(!chain.links[0].verified);

        // A CA of the same name with another key is shown, but not believed.
        let impostor = TestPki::new("KICA").unwrap();
        let chain = build(&leaf, &[impostor.issuing.der()], &[]).unwrap();
        assert_eq!(chain.links.len(), 2);
        assert!(!chain.links[0].verified && !chain.complete);
    }
}
