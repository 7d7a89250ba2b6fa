//! Revocation (폐지): `rr` → `rp`, signed with the certificate's own key
//! (docs/cmp-profile.md). The CA's answer is believed only when it is signed by the CA that
//! issued the certificate (a certificate in the answer's extraCerts that verifies ours).

use der::Decode;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;
use x509_cert::Certificate;
use x509_cert::ext::Extension;

use super::answer::{self, Credentials, Transaction, malformed};
use super::invitation::ApprovedCa;
use super::transport::CmpTransport;
use crate::Error;
use crate::cmp::PkiBody;
use crate::cmp::message::{RevDetails, revocation_template};
use crate::keys::private_key::PrivateKey;

/// Why a certificate is revoked (RFC 5280 §5.3.1 CRLReason), the ones a holder may say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum RevocationReason {
    /// No reason given.
    Unspecified,
    /// The key may be known to someone else.
    KeyCompromise,
    /// The holder's affiliation changed.
    AffiliationChanged,
    /// Replaced by a newer certificate.
    Superseded,
    /// No longer needed.
    CessationOfOperation,
}

impl RevocationReason {
    /// The CRLReason code.
    pub fn code(self) -> u8 {
        match self {
            RevocationReason::Unspecified => 0,
            RevocationReason::KeyCompromise => 1,
            RevocationReason::AffiliationChanged => 3,
            RevocationReason::Superseded => 4,
            RevocationReason::CessationOfOperation => 5,
        }
    }
}

/// What Dojang knows of a certificate's revocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Revocation {
    /// The reason Dojang gave when it revoked the certificate; null when the CA said it
    /// was revoked (by a reissue, say).
    pub reason: Option<RevocationReason>,
    /// When Dojang learned of it.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub known_since: OffsetDateTime,
}

/// Asks the CA to revoke the certificate `cert_der`, whose key is `key`.
pub fn revoke(
    ca: &ApprovedCa,
    cert_der: &[u8],
    key: &PrivateKey,
    reason: RevocationReason,
) -> Result<(), Error> {
    let ours = Certificate::from_der(cert_der).map_err(|e| Error::NotACertificate {
        path: Default::default(),
        detail: e.to_string(),
    })?;
    let transaction = Transaction::new(
        CmpTransport::new(ca)?,
        answer::transaction_id()?,
        Credentials::Certificate {
            cert: &ours,
            der: cert_der,
            key,
        },
    );
    let reason_ext = Extension {
        extn_id: der::asn1::ObjectIdentifier::new_unwrap("2.5.29.21"),
        critical: false,
        // CRLReason ::= ENUMERATED
        extn_value: der::asn1::OctetString::new(vec![0x0a, 0x01, reason.code()])
            .map_err(malformed)?,
    };
    let body = PkiBody::Rr(vec![RevDetails {
        cert_details: revocation_template(
            ours.tbs_certificate.issuer.clone(),
            der::asn1::Int::new(ours.tbs_certificate.serial_number.as_bytes())
                .map_err(malformed)?,
        ),
        crl_entry_details: Some(vec![reason_ext]),
    }]);
    let rp = transaction.send(body, None)?;
    let PkiBody::Rp(content) = rp.body.value() else {
        return Err(malformed(format!(
            "expected rp, got {}",
            rp.body.value().name()
        )));
    };
    let status = content
        .status
        .first()
        .ok_or_else(|| malformed("rp without status"))?;
    if status.status.is_granted() {
        Ok(())
    } else {
        Err(answer::refusal(status))
    }
}

/// Revokes certificate `id` of `store`, opening its key with `password`.
///
/// What the CA answers is noted in `book`: revoked, with the reason given, or revoked
/// before (the CA refuses with certRevoked), so the app can say so.
pub fn revoke_stored(
    store: &dyn crate::store::Store,
    id: &str,
    password: &crate::password::CertificatePassword,
    reason: RevocationReason,
    ca: &ApprovedCa,
    book: &super::ca_book::CaBook,
) -> Result<(), Error> {
    let files = store.load(id)?;
    let key = crate::custody::open_key(&files, password)?;
    let result = revoke(ca, &files.sign_cert, &key, reason);
    match &result {
        Ok(()) => book.note_revoked(id, Some(reason)),
        Err(e) => book.note_if_revoked(id, e),
    }
    result
}
