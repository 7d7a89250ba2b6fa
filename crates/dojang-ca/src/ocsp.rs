//! The sandbox CA's OCSP responder (RFC 6960): one DER OCSPRequest in, one DER
//! OCSPResponse out, answered from the registry and signed by the issuing CA itself.
//!
//! ```text
//! OCSPRequest ::= SEQUENCE {                          -- RFC 6960 §4.1.1
//!     tbsRequest              TBSRequest,
//!     optionalSignature   [0] EXPLICIT Signature OPTIONAL }
//! TBSRequest ::= SEQUENCE {
//!     version             [0] EXPLICIT Version DEFAULT v1,
//!     requestorName       [1] EXPLICIT GeneralName OPTIONAL,
//!     requestList             SEQUENCE OF Request,
//!     requestExtensions   [2] EXPLICIT Extensions OPTIONAL }
//! CertID ::= SEQUENCE {
//!     hashAlgorithm           AlgorithmIdentifier,
//!     issuerNameHash          OCTET STRING, -- Hash of issuer's DN
//!     issuerKeyHash           OCTET STRING, -- Hash of issuer's public key
//!     serialNumber            CertificateSerialNumber }
//! ```
//!
//! What it answers, for each Request of the requestList:
//! - a CertID of this issuing CA (issuerNameHash and issuerKeyHash under SHA-1 or SHA-256)
//!   naming a certificate the registry knows: `good`, or `revoked` with the time and reason
//!   the registry keeps, as the CRL says ([`revocation`]);
//! - any other CertID (another issuer, another hash algorithm, a serial never issued):
//!   `unknown`.
//!
//! thisUpdate and producedAt are the time of the answer, nextUpdate an hour later
//! ([`VALIDITY`]). The responderID is byKey (§4.2.2.3), the certificate in `certs` is the
//! issuing CA's, the signature sha256WithRSAEncryption. A request's nonce
//! (id-pkix-ocsp-nonce, §4.4.1) is echoed in responseExtensions. A request's signature, if
//! any, is not checked: anybody may ask.
//!
//! A request that cannot be answered gets an OCSPResponse without responseBytes
//! (§4.2.1): `malformedRequest` when it is not DER, lists no request or more than
//! [`MAX_REQUESTS`], or carries a nonce outside 1 to [`MAX_NONCE_LEN`] octets or two
//! nonces; `internalError` when the registry or the signature fails.

use aws_lc_rs::digest;
use der::asn1::{BitString, ObjectIdentifier, OctetString};
use der::oid::AssociatedOid;
use der::{DateTime, Decode, Encode};
use dojang_core::cmp::protection::{SHA1_OID, SHA256_OID, sign, signature_algorithm};
use time::{Duration, OffsetDateTime};
use x509_cert::Certificate;
use x509_cert::ext::pkix::CrlReason;
use x509_cert::ext::{Extension, Extensions};
use x509_ocsp::ext::Nonce;
use x509_ocsp::{
    BasicOcspResponse, CertId, CertStatus, OcspGeneralizedTime, OcspRequest, OcspResponse,
    ResponderId, ResponseData, RevokedInfo, SingleResponse, Version,
};

use crate::authority::{Authority, RevocationReasonName, hex};
use crate::registry::{CertificateRecord, CertificateState, Registry};

/// The media type of a POSTed request (RFC 6960 appendix A.1).
pub const REQUEST_CONTENT_TYPE: &str = "application/ocsp-request";
/// The media type of every answer (RFC 6960 appendix A.2).
pub const RESPONSE_CONTENT_TYPE: &str = "application/ocsp-response";
/// Requests in one OCSPRequest answered at most; a longer requestList is malformed.
pub const MAX_REQUESTS: usize = 16;
/// The longest nonce accepted, in octets (RFC 8954 §2.1); the shortest is one.
pub const MAX_NONCE_LEN: usize = 32;
/// How long an answer holds: nextUpdate is thisUpdate plus this.
pub const VALIDITY: Duration = Duration::hours(1);
/// id-pkix-ocsp-nonce (RFC 6960 §4.4.1).
const NONCE_OID: ObjectIdentifier = <Nonce as AssociatedOid>::OID;

/// `OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED { malformedRequest (1) } }`:
/// the request could not be read or breaks a rule (§4.2.1). Fixed bytes: nothing to sign.
pub const MALFORMED_REQUEST: &[u8] = &[0x30, 0x03, 0x0a, 0x01, 0x01];
/// The OCSPResponse with status `internalError` (2).
pub const INTERNAL_ERROR: &[u8] = &[0x30, 0x03, 0x0a, 0x01, 0x02];
/// The OCSPResponse with status `tryLater` (3): a client over the server's rate limit.
pub const TRY_LATER: &[u8] = &[0x30, 0x03, 0x0a, 0x01, 0x03];

/// One answered OCSPRequest.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The DER OCSPResponse.
    pub response: Vec<u8>,
    /// For the log: `malformedRequest` or `internalError` when unanswered; otherwise the
    /// status given (`good`, `revoked`, `unknown`), or `mixed` when they differ.
    pub outcome: &'static str,
}

/// Why a request gets no responseBytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unanswered {
    Malformed,
    Internal,
}

impl Unanswered {
    fn answer(self) -> Answer {
        match self {
            Unanswered::Malformed => Answer {
                response: MALFORMED_REQUEST.to_vec(),
                outcome: "malformedRequest",
            },
            Unanswered::Internal => Answer {
                response: INTERNAL_ERROR.to_vec(),
                outcome: "internalError",
            },
        }
    }
}

/// A failure of the CA's own: logged, and answered `internalError`.
fn internal(e: impl std::fmt::Display) -> Unanswered {
    tracing::error!(error = %e, "cannot answer an OCSP request");
    Unanswered::Internal
}

/// Answers one DER OCSPRequest about the certificates of `authority`'s issuing CA, as
/// they stand in `registry` at `now`. Never fails: a request that cannot be answered gets
/// an OCSPResponse that says why.
pub fn respond(
    request: &[u8],
    registry: &dyn Registry,
    authority: &Authority,
    now: OffsetDateTime,
) -> Answer {
    answer(request, registry, authority, now).unwrap_or_else(Unanswered::answer)
}

fn answer(
    request: &[u8],
    registry: &dyn Registry,
    authority: &Authority,
    now: OffsetDateTime,
) -> Result<Answer, Unanswered> {
    let request = OcspRequest::from_der(request).map_err(|_| Unanswered::Malformed)?;
    let tbs = &request.tbs_request;
    if tbs.request_list.is_empty() || tbs.request_list.len() > MAX_REQUESTS {
        return Err(Unanswered::Malformed);
    }
    let nonce = nonce(tbs.request_extensions.as_ref())?;
    let ca = IssuingCa::of(authority).map_err(internal)?;
    let this_update = generalized(now)?;
    let next_update = generalized(now + VALIDITY)?;
    let mut responses = Vec::with_capacity(tbs.request_list.len());
    for one in &tbs.request_list {
        responses.push(SingleResponse {
            cert_id: one.req_cert.clone(),
            cert_status: status(&one.req_cert, &ca, registry)?,
            this_update,
            next_update: Some(next_update),
            single_extensions: None,
        });
    }
    let outcome = outcome(&responses);
    let data = ResponseData {
        version: Version::V1,
        responder_id: ResponderId::ByKey(
            OctetString::new(ca.key_hash(SHA1_OID)?).map_err(internal)?,
        ),
        produced_at: this_update,
        responses,
        response_extensions: nonce.map(|echo| vec![echo]),
    };
    let key = authority.issuing_key();
    let signature = sign(key, &data.to_der().map_err(internal)?).map_err(internal)?;
    let basic = BasicOcspResponse {
        tbs_response_data: data,
        signature_algorithm: signature_algorithm(key).map_err(internal)?,
        signature: BitString::from_bytes(&signature).map_err(internal)?,
        certs: Some(vec![ca.certificate]),
    };
    let response = OcspResponse::successful(basic)
        .and_then(|r| r.to_der())
        .map_err(internal)?;
    Ok(Answer { response, outcome })
}

/// The issuing CA as CertIDs name it.
struct IssuingCa {
    certificate: Certificate,
    /// Its subject, DER: what issuerNameHash hashes.
    name: Vec<u8>,
}

impl IssuingCa {
    fn of(authority: &Authority) -> Result<Self, der::Error> {
        let certificate = Certificate::from_der(authority.issuing_der())?;
        let name = certificate.tbs_certificate.subject.to_der()?;
        Ok(IssuingCa { certificate, name })
    }

    /// Its public key, the contents of the subjectPublicKey BIT STRING: what
    /// issuerKeyHash and a byKey responderID hash (§4.1.1, §4.2.2.3).
    fn key(&self) -> &[u8] {
        self.certificate
            .tbs_certificate
            .subject_public_key_info
            .subject_public_key
            .raw_bytes()
    }

    fn key_hash(&self, algorithm: ObjectIdentifier) -> Result<Vec<u8>, Unanswered> {
        hash(algorithm, self.key()).ok_or(Unanswered::Internal)
    }

    /// Whether `id` names a certificate of this CA: its issuer hashes match, under a
    /// hash algorithm this responder knows.
    fn issued(&self, id: &CertId) -> bool {
        let algorithm = id.hash_algorithm.oid;
        hash(algorithm, &self.name).is_some_and(|h| h == id.issuer_name_hash.as_bytes())
            && hash(algorithm, self.key()).is_some_and(|h| h == id.issuer_key_hash.as_bytes())
    }
}

/// The hash of `data` under a CertID hashAlgorithm: SHA-1 or SHA-256, none for others.
fn hash(algorithm: ObjectIdentifier, data: &[u8]) -> Option<Vec<u8>> {
    let algorithm = if algorithm == SHA1_OID {
        &digest::SHA1_FOR_LEGACY_USE_ONLY
    } else if algorithm == SHA256_OID {
        &digest::SHA256
    } else {
        return None;
    };
    Some(digest::digest(algorithm, data).as_ref().to_vec())
}

/// What the registry says of the certificate `id` names.
fn status(id: &CertId, ca: &IssuingCa, registry: &dyn Registry) -> Result<CertStatus, Unanswered> {
    if !ca.issued(id) {
        return Ok(CertStatus::unknown());
    }
    let serial = hex(id.serial_number.as_bytes());
    let Some(record) = registry.certificate(&serial).map_err(internal)? else {
        return Ok(CertStatus::unknown());
    };
    Ok(match revocation(&record) {
        None => CertStatus::good(),
        Some((at, reason)) => CertStatus::revoked(RevokedInfo {
            revocation_time: generalized(at)?,
            revocation_reason: Some(crl_reason(reason)),
        }),
    })
}

/// Whether a certificate the CA made stands revoked, when and why, as both its CRL and
/// its OCSP answers say: revoked ones with the registry's time and reason; withdrawn ones
/// (sent but never confirmed) from their start as cessationOfOperation, so that a client
/// that kept one anyway cannot use it (RFC 4210 §5.3.18); pending and valid ones not.
pub fn revocation(record: &CertificateRecord) -> Option<(OffsetDateTime, RevocationReasonName)> {
    match record.state {
        CertificateState::Revoked => Some((
            record.revoked_at.unwrap_or(record.not_before),
            record
                .revocation_reason
                .unwrap_or(RevocationReasonName::Unspecified),
        )),
        CertificateState::Withdrawn => Some((
            record.not_before,
            RevocationReasonName::CessationOfOperation,
        )),
        CertificateState::Pending | CertificateState::Valid => None,
    }
}

fn crl_reason(reason: RevocationReasonName) -> CrlReason {
    match reason {
        RevocationReasonName::Unspecified => CrlReason::Unspecified,
        RevocationReasonName::KeyCompromise => CrlReason::KeyCompromise,
        RevocationReasonName::CaCompromise => CrlReason::CaCompromise,
        RevocationReasonName::AffiliationChanged => CrlReason::AffiliationChanged,
        RevocationReasonName::Superseded => CrlReason::Superseded,
        RevocationReasonName::CessationOfOperation => CrlReason::CessationOfOperation,
        RevocationReasonName::PrivilegeWithdrawn => CrlReason::PrivilegeWithdrawn,
        RevocationReasonName::AaCompromise => CrlReason::AaCompromise,
    }
}

/// The nonce extension to echo in the answer, if the request has one.
///
/// ```text
/// id-pkix-ocsp-nonce  OBJECT IDENTIFIER ::= { id-pkix-ocsp 2 }
/// Nonce ::= OCTET STRING(SIZE(1..32))                 -- RFC 8954 §2.1
/// ```
///
/// RFC 8954 has a request whose nonce is empty or longer than 32 octets refused as
/// `malformedRequest`; so is a request with two nonces (RFC 5280 §4.2: an extension
/// appears at most once). The extension goes back as it came, not critical.
fn nonce(extensions: Option<&Extensions>) -> Result<Option<Extension>, Unanswered> {
    let mut nonces = extensions
        .into_iter()
        .flatten()
        .filter(|e| e.extn_id == NONCE_OID);
    let Some(nonce) = nonces.next() else {
        return Ok(None);
    };
    if nonces.next().is_some() {
        return Err(Unanswered::Malformed);
    }
    let len = nonce_len(nonce.extn_value.as_bytes());
    if !(1..=MAX_NONCE_LEN).contains(&len) {
        return Err(Unanswered::Malformed);
    }
    Ok(Some(Extension {
        extn_id: nonce.extn_id,
        critical: false,
        extn_value: nonce.extn_value.clone(),
    }))
}

/// The length of a nonce: the contents of the OCTET STRING in extnValue, as RFC 8954
/// encodes it; some older clients put the bare octets there, which count as they are.
fn nonce_len(extn_value: &[u8]) -> usize {
    Nonce::from_der(extn_value).map_or(extn_value.len(), |n| n.0.as_bytes().len())
}

fn generalized(time: OffsetDateTime) -> Result<OcspGeneralizedTime, Unanswered> {
    let seconds = u64::try_from(time.unix_timestamp()).map_err(internal)?;
    DateTime::from_unix_duration(std::time::Duration::from_secs(seconds))
        .map(OcspGeneralizedTime::from)
        .map_err(internal)
}

fn outcome(responses: &[SingleResponse]) -> &'static str {
    let name = |r: &SingleResponse| match r.cert_status {
        CertStatus::Good(_) => "good",
        CertStatus::Revoked(_) => "revoked",
        CertStatus::Unknown(_) => "unknown",
    };
    let mut names = responses.iter().map(name);
    let first = names.next().unwrap_or("unknown");
    if names.all(|n| n == first) {
        first
    } else {
        "mixed"
    }
}

/// The DER OCSPRequest of a GET (RFC 6960 appendix A.1: `GET {url}/{url-encoding of
/// base-64 encoding of the DER encoding of the OCSPRequest}`), from the path after
/// `{url}/`: percent-decoded, then standard base64 (padding optional). `None` when it is
/// neither.
pub fn request_from_get_path(encoded: &str) -> Option<Vec<u8>> {
    base64_decode(&percent_decode(encoded.as_bytes())?)
}

fn percent_decode(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some((&c, after)) = rest.split_first() {
        if c == b'%' {
            let (&[high, low], tail) = after.split_first_chunk::<2>()?;
            let digit = |d: u8| char::from(d).to_digit(16);
            out.push(u8::try_from((digit(high)? << 4) | digit(low)?).ok()?);
            rest = tail;
        } else {
            out.push(c);
            rest = after;
        }
    }
    Some(out)
}

/// Standard base64 (RFC 4648 §4), the alphabet with `+` and `/`; trailing `=` optional.
fn base64_decode(text: &[u8]) -> Option<Vec<u8>> {
    let body = match text {
        [body @ .., b'=', b'='] | [body @ .., b'='] => body,
        body => body,
    };
    if body.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 2);
    let mut bits: u32 = 0;
    let mut held = 0u32;
    for &c in body {
        let sextet = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(sextet);
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push(u8::try_from(bits >> held).ok()?);
            bits &= (1 << held) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::sqlite::SqliteRegistry;
    use der::asn1::Null;
    use x509_cert::serial_number::SerialNumber;
    use x509_cert::spki::AlgorithmIdentifierOwned;
    use x509_ocsp::{OcspResponseStatus, Request, TbsRequest};

    fn authority(dir: &std::path::Path) -> Authority {
        Authority::open_or_create(dir, crate::authority::DEFAULT_POLICY_OID, "http://x").unwrap()
    }

    /// The CertID an OCSP client makes for serial 1 of `ca`, hashed with `algorithm`.
    fn cert_id(ca: &IssuingCa, algorithm: ObjectIdentifier) -> CertId {
        CertId {
            hash_algorithm: AlgorithmIdentifierOwned {
                oid: algorithm,
                parameters: Some(Null.into()),
            },
            issuer_name_hash: OctetString::new(hash(algorithm, &ca.name).unwrap()).unwrap(),
            issuer_key_hash: OctetString::new(hash(algorithm, ca.key()).unwrap()).unwrap(),
            serial_number: SerialNumber::new(&[1]).unwrap(),
        }
    }

    fn nonce_extension(value: Vec<u8>) -> Extension {
        Extension {
            extn_id: NONCE_OID,
            critical: false,
            extn_value: OctetString::new(value).unwrap(),
        }
    }

    fn wrapped(nonce: &[u8]) -> Vec<u8> {
        OctetString::new(nonce).unwrap().to_der().unwrap()
    }

    #[test]
    fn a_cert_id_of_this_ca_matches_under_sha1_and_sha256() {
        let dir = tempfile::tempdir().unwrap();
        let ca = IssuingCa::of(&authority(dir.path())).unwrap();
        assert!(ca.issued(&cert_id(&ca, SHA1_OID)));
        assert!(ca.issued(&cert_id(&ca, SHA256_OID)));
        // Parameters absent rather than NULL name the same algorithm.
        let mut id = cert_id(&ca, SHA256_OID);
        id.hash_algorithm.parameters = None;
        assert!(ca.issued(&id));
    }

    #[test]
    fn a_cert_id_of_another_issuer_or_hash_does_not_match() {
        let dir = tempfile::tempdir().unwrap();
        let ca = IssuingCa::of(&authority(dir.path())).unwrap();
        let mut other_name = cert_id(&ca, SHA1_OID);
        other_name.issuer_name_hash = OctetString::new(vec![0u8; 20]).unwrap();
        assert!(!ca.issued(&other_name));
        let mut other_key = cert_id(&ca, SHA256_OID);
        other_key.issuer_key_hash = OctetString::new(vec![0u8; 32]).unwrap();
        assert!(!ca.issued(&other_key));
        // SHA-256 hashes labelled SHA-1 do not match either.
        let mut mislabelled = cert_id(&ca, SHA256_OID);
        mislabelled.hash_algorithm.oid = SHA1_OID;
        assert!(!ca.issued(&mislabelled));
        // SHA-384 is not one this responder hashes with.
        let mut sha384 = cert_id(&ca, SHA256_OID);
        sha384.hash_algorithm.oid = dojang_core::cmp::protection::SHA384_OID;
        assert!(!ca.issued(&sha384));
        // Another CA's certificate: the root's key and name.
        let root = Certificate::from_der(authority(dir.path()).root_der()).unwrap();
        let root_ca = IssuingCa {
            name: root.tbs_certificate.subject.to_der().unwrap(),
            certificate: root,
        };
        assert!(!ca.issued(&cert_id(&root_ca, SHA1_OID)));
    }

    #[test]
    fn nonces_of_one_to_32_octets_are_echoed_as_they_came() {
        for len in [1, 16, 32] {
            let ext = nonce_extension(wrapped(&vec![7u8; len]));
            let echoed = nonce(Some(&vec![ext.clone()])).unwrap().unwrap();
            assert_eq!(echoed, ext, "{len}");
        }
        // A critical one comes back not critical, with the same value.
        let mut critical = nonce_extension(wrapped(&[1, 2, 3]));
        critical.critical = true;
        let echoed = nonce(Some(&vec![critical.clone()])).unwrap().unwrap();
        assert!(!echoed.critical);
        assert_eq!(echoed.extn_value, critical.extn_value);
        // Bare octets, as some older clients send, count as they are.
        let bare = nonce_extension(vec![0xa5; 20]);
        assert_eq!(nonce(Some(&vec![bare.clone()])).unwrap(), Some(bare));
    }

    #[test]
    fn no_nonce_means_no_echo() {
        assert_eq!(nonce(None).unwrap(), None);
        let other = Extension {
            extn_id: ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.4"),
            critical: false,
            extn_value: OctetString::new(vec![0x30, 0x00]).unwrap(),
        };
        assert_eq!(nonce(Some(&vec![other])).unwrap(), None);
    }

    #[test]
    fn a_nonce_empty_longer_than_32_octets_or_given_twice_is_malformed() {
        for value in [wrapped(&[]), wrapped(&[7u8; 33]), vec![0xa5; 33]] {
            let ext = nonce_extension(value);
            assert_eq!(nonce(Some(&vec![ext])), Err(Unanswered::Malformed));
        }
        let twice = vec![
            nonce_extension(wrapped(&[1; 16])),
            nonce_extension(wrapped(&[2; 16])),
        ];
        assert_eq!(nonce(Some(&twice)), Err(Unanswered::Malformed));
    }

    #[test]
    fn the_fixed_answers_are_the_ocsp_responses_they_name() {
        for (bytes, status) in [
            (MALFORMED_REQUEST, OcspResponseStatus::MalformedRequest),
            (INTERNAL_ERROR, OcspResponseStatus::InternalError),
            (TRY_LATER, OcspResponseStatus::TryLater),
        ] {
            let response = OcspResponse::from_der(bytes).unwrap();
            assert_eq!(response.response_status, status);
            assert!(response.response_bytes.is_none());
        }
    }

    fn request(list: Vec<Request>, extensions: Option<Extensions>) -> Vec<u8> {
        OcspRequest {
            tbs_request: TbsRequest {
                version: Version::V1,
                requestor_name: None,
                request_list: list,
                request_extensions: extensions,
            },
            optional_signature: None,
        }
        .to_der()
        .unwrap()
    }

    #[test]
    fn requests_that_break_the_rules_are_malformed_and_others_answered_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let authority = authority(dir.path());
        let registry = SqliteRegistry::open(&dir.path().join("r.sqlite")).unwrap();
        let ca = IssuingCa::of(&authority).unwrap();
        let one = || Request {
            req_cert: cert_id(&ca, SHA1_OID),
            single_request_extensions: None,
        };
        let now = OffsetDateTime::now_utc();
        let status_of = |bytes: &[u8]| {
            OcspResponse::from_der(&respond(bytes, &registry, &authority, now).response)
                .unwrap()
                .response_status
        };
        let malformed = OcspResponseStatus::MalformedRequest;
        assert_eq!(status_of(b""), malformed);
        assert_eq!(status_of(b"not DER at all"), malformed);
        assert_eq!(status_of(&request(vec![], None)), malformed);
        assert_eq!(status_of(&request(vec![one(); 17], None)), malformed);
        let long_nonce = nonce_extension(wrapped(&[7u8; 33]));
        assert_eq!(
            status_of(&request(vec![one()], Some(vec![long_nonce]))),
            malformed
        );
        let mut trailing = request(vec![one()], None);
        trailing.push(0);
        assert_eq!(status_of(&trailing), malformed);

        // Sixteen requests are answered, each unknown: serial 1 was never issued.
        let answer = respond(&request(vec![one(); 16], None), &registry, &authority, now);
        assert_eq!(answer.outcome, "unknown");
        let response = OcspResponse::from_der(&answer.response).unwrap();
        assert_eq!(response.response_status, OcspResponseStatus::Successful);
        let basic =
            BasicOcspResponse::from_der(response.response_bytes.unwrap().response.as_bytes())
                .unwrap();
        let data = &basic.tbs_response_data;
        assert_eq!(data.responses.len(), 16);
        assert_eq!(
            data.responder_id,
            ResponderId::ByKey(OctetString::new(ca.key_hash(SHA1_OID).unwrap()).unwrap())
        );
        assert_eq!(
            data.responses[0].next_update,
            Some(generalized(now + VALIDITY).unwrap())
        );
        assert_eq!(data.produced_at, generalized(now).unwrap());
        assert!(data.response_extensions.is_none());
    }

    #[test]
    fn certificates_stand_revoked_as_the_crl_lists_them() {
        let start = OffsetDateTime::UNIX_EPOCH + Duration::days(20_000);
        let record = |state, revoked_at, revocation_reason| CertificateRecord {
            serial: "01".to_owned(),
            application_id: None,
            renewed_from: None,
            name: String::new(),
            id_number: String::new(),
            cn_serial: String::new(),
            subject: String::new(),
            der: Vec::new(),
            not_before: start,
            not_after: start + Duration::days(365),
            state,
            revoked_at,
            revocation_reason,
        };
        let later = start + Duration::days(3);
        assert_eq!(
            revocation(&record(CertificateState::Valid, None, None)),
            None
        );
        assert_eq!(
            revocation(&record(CertificateState::Pending, None, None)),
            None
        );
        assert_eq!(
            revocation(&record(
                CertificateState::Revoked,
                Some(later),
                Some(RevocationReasonName::KeyCompromise)
            )),
            Some((later, RevocationReasonName::KeyCompromise))
        );
        assert_eq!(
            revocation(&record(CertificateState::Withdrawn, None, None)),
            Some((start, RevocationReasonName::CessationOfOperation))
        );
    }

    #[test]
    fn get_paths_are_percent_decoded_then_base64_decoded() {
        assert_eq!(request_from_get_path("MAA%3D").unwrap(), vec![0x30, 0x00]);
        assert_eq!(request_from_get_path("MAA=").unwrap(), vec![0x30, 0x00]);
        assert_eq!(request_from_get_path("MAA").unwrap(), vec![0x30, 0x00]);
        assert_eq!(
            request_from_get_path("%2B%2f8%3d").unwrap(),
            vec![0xfb, 0xff]
        );
        assert_eq!(request_from_get_path("+/8=").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(request_from_get_path("").unwrap(), Vec::<u8>::new());
        for bad in [
            "M", "MA%", "MA%4", "MA%zz", "MA%+1", "M-A_", "MA A", "MAA===",
        ] {
            assert_eq!(request_from_get_path(bad), None, "{bad}");
        }
    }
}
