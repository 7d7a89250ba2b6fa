//! Revocation (폐지): `rr` → `rp`, signed with the certificate's own key
//! (cmp-profile.md). The CA's answer is believed only when it is signed by the CA that
//! issued the certificate (a certificate in the answer's extraCerts that verifies ours).

use der::{Decode, Encode};
use serde::Deserialize;
use ts_rs::TS;
use x509_cert::Certificate;
use x509_cert::ext::Extension;

use super::CaUrl;
use super::transport::CmpTransport;
use crate::Error;
use crate::cmp::message::{RevDetails, revocation_template};
use crate::cmp::protection::{self, Protector};
use crate::cmp::{CmpError, PkiBody, PkiMessage, request};
use crate::keys::private_key::PrivateKey;

/// Why a certificate is revoked (RFC 5280 §5.3.1 CRLReason), the ones a holder may say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
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

fn protocol(e: CmpError) -> Error {
    Error::CaResponseMalformed {
        detail: e.to_string(),
    }
}

fn malformed(e: impl std::fmt::Display) -> Error {
    Error::CaResponseMalformed {
        detail: e.to_string(),
    }
}

/// Checks that the answer is signed by the CA that issued `ours`.
fn verify_ca_signature(response: &PkiMessage, ours: &Certificate) -> Result<(), Error> {
    let unverified = |detail: &str| Error::CaResponseUnverified {
        detail: detail.to_owned(),
    };
    let tbs = ours.tbs_certificate.to_der().map_err(malformed)?;
    let signature = ours
        .signature
        .as_bytes()
        .ok_or_else(|| unverified("certificate signature"))?;
    for extra in response.extra_certs.iter().flatten() {
        let Ok(ca) = Certificate::from_der(extra.der()) else {
            continue;
        };
        let spki = &ca.tbs_certificate.subject_public_key_info;
        if protection::verify_signature(spki, &ours.signature_algorithm, &tbs, signature).is_ok() {
            return protection::verify_signature_protection(response, spki)
                .map_err(|e| unverified(&e.to_string()));
        }
    }
    Err(unverified("not signed by the certificate's CA"))
}

/// Asks the CA to revoke the certificate `cert_der`, whose key is `key`.
pub fn revoke(
    ca: CaUrl,
    cert_der: &[u8],
    key: &PrivateKey,
    reason: RevocationReason,
    pinned_roots: &[Vec<u8>],
) -> Result<(), Error> {
    let ours = Certificate::from_der(cert_der).map_err(|e| Error::NotACertificate {
        path: Default::default(),
        detail: e.to_string(),
    })?;
    let transport = CmpTransport::new(ca, pinned_roots)?;
    let mut tx = [0u8; 16];
    aws_lc_rs::rand::fill(&mut tx).map_err(|_| Error::KeyGenerationFailed {
        detail: "no randomness".to_owned(),
    })?;
    let subject = ours.tbs_certificate.subject.to_der().map_err(malformed)?;
    let issuer = ours.tbs_certificate.issuer.to_der().map_err(malformed)?;
    let header = request::header(
        request::directory_name(&subject).map_err(protocol)?,
        request::directory_name(&issuer).map_err(protocol)?,
        None,
        &tx,
        None,
    )
    .map_err(protocol)?;
    let nonce = header.sender_nonce().map(<[u8]>::to_vec);
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
    let extra =
        vec![crate::cmp::message::CmpCertificate::from_der_bytes(cert_der).map_err(malformed)?];
    let rr = protection::protect(header, body, Some(extra), &Protector::Signature { key })
        .map_err(protocol)?;
    let rp = transport.exchange(&rr)?;
    if let PkiBody::Error(content) = rp.body.value() {
        return Err(Error::CaRefused {
            reason: content.pki_status_info.reason(),
            detail: content.pki_status_info.describe(),
        });
    }
    verify_ca_signature(&rp, &ours)?;
    let header = rp.header.value();
    if header.transaction_id() != Some(&tx[..]) || header.recip_nonce() != nonce.as_deref() {
        return Err(Error::CaResponseUnverified {
            detail: "transactionID or recipNonce differs".to_owned(),
        });
    }
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
        Err(Error::CaRefused {
            reason: status.reason(),
            detail: status.describe(),
        })
    }
}
