//! OCSP (RFC 6960): the request for one certificate, with a nonce, and the checks on the
//! answer before it is believed:
//! - the response is `successful` and a BasicOCSPResponse;
//! - it is signed by the certificate's CA, or by a responder whose certificate that CA
//!   issued for OCSP signing (extKeyUsage id-kp-OCSPSigning) and which is valid now; the
//!   responderID names the signer;
//! - it answers for this certificate (CertID: issuer name and key hashes, serial);
//! - its nonce, when it carries one, is the one sent (many responders leave it out, which
//!   RFC 8954 allows; freshness then rests on the times);
//! - `thisUpdate` is not in the future and `nextUpdate` (or, without one, an hour after
//!   `thisUpdate`) has not passed, give or take [`super::CLOCK_SKEW`]
//!   ([`Answer::fresh_at`](super::Answer::fresh_at)).

use der::asn1::{Null, OctetString};
use der::{Decode, Encode};
use sha1::Digest as _;
use time::OffsetDateTime;
use x509_cert::Certificate;
use x509_cert::ext::Extension;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_ocsp::{
    BasicOcspResponse, CertId, CertStatus, OcspRequest, OcspResponse, OcspResponseStatus, Request,
    ResponderId, TbsRequest, Version,
};

use super::{Answer, Fault, Found, generalized};
use crate::cert::asn1;
use crate::cmp::protection;

/// The largest OCSP answer read.
pub const MAX_ANSWER: u64 = 64 * 1024;
/// The request's media type (RFC 6960 A.1).
pub const REQUEST_TYPE: &str = "application/ocsp-request";
/// How long an answer without `nextUpdate` is believed after its `thisUpdate`.
const WITHOUT_NEXT_UPDATE: time::Duration = time::Duration::hours(1);

const SHA1: der::asn1::ObjectIdentifier = der::asn1::ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const SHA256: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const NONCE: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.2");
const BASIC: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");
const OCSP_SIGNING: &str = "1.3.6.1.5.5.7.3.9";

/// A request ready to send, and the nonce in it.
pub struct Query {
    /// The DER OCSPRequest.
    pub der: Vec<u8>,
    /// The nonce it carries.
    pub nonce: Vec<u8>,
}

fn malformed(e: impl std::fmt::Display) -> Fault {
    Fault::Malformed {
        detail: e.to_string(),
    }
}

/// The hash of `data` under the CertID hash algorithm `oid` (SHA-1 or SHA-256).
fn hash(oid: &der::asn1::ObjectIdentifier, data: &[u8]) -> Option<Vec<u8>> {
    if *oid == SHA1 {
        Some(sha1::Sha1::digest(data).to_vec())
    } else if *oid == SHA256 {
        Some(sha2::Sha256::digest(data).to_vec())
    } else {
        None
    }
}

/// The CertID of `cert` issued by `issuer`, hashed with `oid`.
fn cert_id(
    cert: &Certificate,
    issuer: &Certificate,
    oid: der::asn1::ObjectIdentifier,
) -> Option<CertId> {
    let name = issuer.tbs_certificate.subject.to_der().ok()?;
    let key = issuer
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    Some(CertId {
        hash_algorithm: AlgorithmIdentifierOwned {
            oid,
            parameters: Some(der::Any::from(Null)),
        },
        issuer_name_hash: OctetString::new(hash(&oid, &name)?).ok()?,
        issuer_key_hash: OctetString::new(hash(&oid, key)?).ok()?,
        serial_number: cert.tbs_certificate.serial_number.clone(),
    })
}

/// Whether `id` names `cert` of `issuer`, whatever hash algorithm it uses.
fn names(id: &CertId, cert: &Certificate, issuer: &Certificate) -> bool {
    cert_id(cert, issuer, id.hash_algorithm.oid).is_some_and(|ours| {
        ours.issuer_name_hash == id.issuer_name_hash
            && ours.issuer_key_hash == id.issuer_key_hash
            && ours.serial_number == id.serial_number
    })
}

/// The request for `cert` of `issuer` (CertID with SHA-1, as responders expect), with a
/// fresh 16-byte nonce.
pub fn query(cert: &Certificate, issuer: &Certificate) -> Result<Query, Fault> {
    let id = cert_id(cert, issuer, SHA1).ok_or_else(|| malformed("CertID"))?;
    let mut nonce = vec![0u8; 16];
    aws_lc_rs::rand::fill(&mut nonce).map_err(|_| malformed("no randomness for the nonce"))?;
    let nonce_value = OctetString::new(nonce.clone())
        .and_then(|n| n.to_der())
        .and_then(OctetString::new)
        .map_err(malformed)?;
    let request = OcspRequest {
        tbs_request: TbsRequest {
            version: Version::V1,
            requestor_name: None,
            request_list: vec![Request {
                req_cert: id,
                single_request_extensions: None,
            }],
            request_extensions: Some(vec![Extension {
                extn_id: NONCE,
                critical: false,
                extn_value: nonce_value,
            }]),
        },
        optional_signature: None,
    };
    Ok(Query {
        der: request.to_der().map_err(malformed)?,
        nonce,
    })
}

/// The key that may sign answers about `issuer`'s certificates and that the responderID
/// names: the CA's own, or that of a responder certificate in the answer which the CA
/// issued for OCSP signing and which is valid at `now`.
fn signer<'a>(
    basic: &'a BasicOcspResponse,
    issuer: &'a Certificate,
    now: OffsetDateTime,
) -> Result<&'a Certificate, Fault> {
    let named = |c: &Certificate| match &basic.tbs_response_data.responder_id {
        ResponderId::ByName(name) => c.tbs_certificate.subject == *name,
        ResponderId::ByKey(key) => {
            let bits = c
                .tbs_certificate
                .subject_public_key_info
                .subject_public_key
                .raw_bytes();
            sha1::Sha1::digest(bits).as_slice() == key.as_bytes()
        }
    };
    if named(issuer) {
        return Ok(issuer);
    }
    let unauthorised = |why: &str| Fault::BadSignature {
        detail: why.to_owned(),
    };
    let Some(responder) = basic.certs.iter().flatten().find(|c| named(c)) else {
        return Err(unauthorised(
            "signed by neither the CA nor a responder whose certificate came with it",
        ));
    };
    if !crate::cert::chain::signed_by(responder, issuer) {
        return Err(unauthorised(
            "the responder's certificate was not issued by the certificate's CA",
        ));
    }
    let der = responder.to_der().map_err(malformed)?;
    let (_, parsed) =
        <x509_parser::certificate::X509Certificate as x509_parser::prelude::FromDer<_>>::from_der(
            &der,
        )
        .map_err(malformed)?;
    let for_ocsp = parsed
        .extended_key_usage()
        .ok()
        .flatten()
        .is_some_and(|eku| {
            eku.value.ocsp_signing
                || eku
                    .value
                    .other
                    .iter()
                    .any(|o| o.to_id_string() == OCSP_SIGNING)
        });
    if !for_ocsp {
        return Err(unauthorised(
            "the responder's certificate is not for OCSP signing",
        ));
    }
    let validity = parsed.validity();
    if now < validity.not_before.to_datetime() || now > validity.not_after.to_datetime() {
        return Err(unauthorised("the responder's certificate is not valid now"));
    }
    Ok(responder)
}

/// Reads and checks an answer about `cert` of `issuer`; `nonce` is the one sent, or
/// `None` for an answer read back from the cache. A delegated responder's certificate
/// must be valid at `now`; the answer's own freshness is the caller's to judge
/// ([`Answer::fresh_at`](super::Answer::fresh_at)).
pub fn read(
    bytes: &[u8],
    cert: &Certificate,
    issuer: &Certificate,
    nonce: Option<&[u8]>,
    now: OffsetDateTime,
) -> Result<Answer, Fault> {
    let response = OcspResponse::from_der(bytes).map_err(malformed)?;
    let status = match response.response_status {
        OcspResponseStatus::Successful => None,
        OcspResponseStatus::MalformedRequest => Some("malformedRequest"),
        OcspResponseStatus::InternalError => Some("internalError"),
        OcspResponseStatus::TryLater => Some("tryLater"),
        OcspResponseStatus::SigRequired => Some("sigRequired"),
        OcspResponseStatus::Unauthorized => Some("unauthorized"),
    };
    if let Some(status) = status {
        return Err(Fault::ResponderRefused {
            status: status.to_owned(),
        });
    }
    let body = response
        .response_bytes
        .ok_or_else(|| malformed("successful, but no responseBytes"))?;
    if body.response_type != BASIC {
        return Err(Fault::Unsupported {
            what: format!("response type {}", body.response_type),
        });
    }
    let basic_der = body.response.as_bytes();
    let basic = BasicOcspResponse::from_der(basic_der).map_err(malformed)?;
    // The signature covers tbsResponseData exactly as received: its bytes, not a
    // re-encoding.
    let (_, outer_header, _) = asn1::header(basic_der).ok_or_else(|| malformed("header"))?;
    let inner = &basic_der[outer_header..];
    let tbs_len = asn1::declared_len(inner).ok_or_else(|| malformed("tbsResponseData"))?;
    let tbs = inner
        .get(..tbs_len)
        .ok_or_else(|| malformed("tbsResponseData"))?;
    let signer = signer(&basic, issuer, now)?;
    let signature = basic
        .signature
        .as_bytes()
        .ok_or_else(|| malformed("signature with unused bits"))?;
    protection::verify_signature(
        &signer.tbs_certificate.subject_public_key_info,
        &basic.signature_algorithm,
        tbs,
        signature,
    )
    .map_err(|e| Fault::BadSignature {
        detail: e.to_string(),
    })?;
    if let (Some(sent), Some(echoed)) = (nonce, basic.tbs_response_data.nonce())
        && echoed.0.as_bytes() != sent
    {
        return Err(Fault::NonceMismatch);
    }
    let single = basic
        .tbs_response_data
        .responses
        .iter()
        .find(|r| names(&r.cert_id, cert, issuer))
        .ok_or(Fault::WrongCertificate)?;
    let this_update = generalized(&single.this_update.0);
    let next_update = single.next_update.map(|t| generalized(&t.0));
    let until = next_update.unwrap_or(this_update + WITHOUT_NEXT_UPDATE);
    let found = match single.cert_status {
        CertStatus::Good(_) => Found::Good,
        CertStatus::Revoked(info) => Found::Revoked {
            at: generalized(&info.revocation_time.0),
            reason: info.revocation_reason.map(super::CrlReason::from),
        },
        CertStatus::Unknown(_) => return Err(Fault::ResponderUnknown),
    };
    Ok(Answer {
        found,
        this_update,
        next_update: Some(until),
    })
}
