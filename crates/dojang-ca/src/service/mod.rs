//! The CA's side of Dojang's CMP profile (docs/cmp-profile.md): one request message in, one
//! response message out, with the rules of the sandbox CA.
//!
//! - `ir` with PasswordBasedMac under either code pair → `ip` (MAC-protected with the
//!   same secret), then `certConf` → `pkiConf`: the application is consumed only then.
//! - `kur` signed with the current certificate, in the 30 days before it expires → `kup`.
//! - `rr` signed with the certificate to revoke → `rp`.
//! - Answers to signed requests are signed by the issuing CA.
//!
//! Refusals carry the profile's reason code first in statusString and the matching
//! failInfo: in an `ip`/`kup`/`rp` with status rejection when the request itself is
//! refused, in an `error` message when the message is (malformed, unknown, badly
//! protected). What cannot be authenticated is answered unprotected, and a wrong code
//! never says whether the number, the code or the ID number was wrong.

use std::sync::Arc;

use der::Decode;
use der::asn1::OctetString;
use dojang_core::cmp::crmf::CertReqMsg;
use dojang_core::cmp::message::{
    CertConfirmContent, CertOrEncCert, CertRepMessage, CertResponse, CertifiedKeyPair,
    CmpCertificate, RevDetails, RevRepContent,
};
use dojang_core::cmp::protection::{
    PbmParameter, Protector, cert_hash, is_mac_protected, protect, verify_mac,
    verify_signature_protection,
};
use dojang_core::cmp::request::{header, random_num, verify_pop};
use dojang_core::cmp::status::ErrorMsgContent;
use dojang_core::cmp::{
    self, CmpError, FailureBit, PkiBody, PkiFailureInfo, PkiHeader, PkiMessage, PkiStatus,
    PkiStatusInfo, ReasonCode,
};
use dojang_core::codes::{
    ApplicationNumber, EnrolmentCodes, IdNumber, REFERENCE_NUMBER_LEN, RegistrationNumber,
    TemporaryCode,
};
use time::{Duration, OffsetDateTime};
use x509_cert::ext::pkix::name::GeneralName;
use zeroize::Zeroizing;

use crate::application::digits;
use crate::authority::{Authority, IssueRequest, RevocationReasonName, Subscriber, hex};
use crate::error::CaError;
use crate::registry::{
    Application, ApplicationState, CertificateRecord, CertificateState, ConfirmOutcome, Refusal,
    Registry, Reservation, RevokeOutcome, Transaction, TransactionKind, TransactionState,
};

mod confirm;
mod enrol;
mod refusal;
mod renew;
mod revoke;

use refusal::{RefusalBody, Refuse, Seal, Step};

/// The CA's policy knobs.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    /// How long an answered enrolment or renewal waits for its certConf.
    pub confirm_timeout: Duration,
    /// How long certificates are valid.
    pub validity: Duration,
    /// How long before expiry renewal opens.
    pub renewal_window: Duration,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        ServiceConfig {
            confirm_timeout: Duration::minutes(5),
            validity: Duration::days(365),
            renewal_window: Duration::days(dojang_core::cert::EXPIRY_WARNING_DAYS),
        }
    }
}

/// One answered request, for the log: what came, what went, and the outcome.
#[derive(Debug, Clone)]
pub struct Handled {
    /// The DER response message.
    pub response: Vec<u8>,
    /// The request's body type (`ir`, …; `unreadable` when it could not be decoded).
    pub request: &'static str,
    /// The outcome: `issued`, `confirmed`, `rejected-by-client`, `renewed`, `revoked`,
    /// or a reason code.
    pub outcome: &'static str,
    /// The first 8 hex digits of the transactionID, to follow a transaction in the logs.
    pub transaction: String,
}

/// The CMP server logic of the sandbox CA.
pub struct CmpService {
    authority: Authority,
    registry: Arc<dyn Registry>,
    config: ServiceConfig,
    chain: Vec<CmpCertificate>,
    root: CmpCertificate,
    name: GeneralName,
    key_id: Vec<u8>,
}

fn certificate_parts(der: &[u8]) -> Result<x509_cert::Certificate, CmpError> {
    x509_cert::Certificate::from_der(der).map_err(|e| CmpError::Malformed {
        detail: e.to_string(),
    })
}

const SUBJECT_KEY_IDENTIFIER: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("2.5.29.14");

/// The subjectKeyIdentifier of a certificate, if it has one.
fn subject_key_id(cert: &x509_cert::Certificate) -> Option<Vec<u8>> {
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == SUBJECT_KEY_IDENTIFIER)
        .and_then(|e| OctetString::from_der(e.extn_value.as_bytes()).ok())
        .map(|o| o.as_bytes().to_vec())
}

fn transaction_tag(header: &PkiHeader) -> String {
    header
        .transaction_id()
        .map(|id| hex(&id[..id.len().min(4)]))
        .unwrap_or_default()
}

impl CmpService {
    /// The service over a CA and its registry. Checks of codes that a stopped server left
    /// under way are forgotten: this service is the one that checks them now.
    pub fn new(
        authority: Authority,
        registry: Arc<dyn Registry>,
        config: ServiceConfig,
    ) -> Result<Self, CaError> {
        registry.forget_checks_in_flight()?;
        let issuing = certificate_parts(authority.issuing_der()).map_err(CaError::certificate)?;
        let wrap = |der: &[u8]| CmpCertificate::from_der_bytes(der).map_err(CaError::certificate);
        let chain = vec![wrap(authority.issuing_der())?, wrap(authority.root_der())?];
        let root = wrap(authority.root_der())?;
        let key_id = subject_key_id(&issuing).unwrap_or_default();
        let name = GeneralName::DirectoryName(issuing.tbs_certificate.subject.clone());
        Ok(CmpService {
            authority,
            registry,
            config,
            chain,
            root,
            name,
            key_id,
        })
    }

    /// The registry the service uses.
    pub fn registry(&self) -> &Arc<dyn Registry> {
        &self.registry
    }

    /// The CA.
    pub fn authority(&self) -> &Authority {
        &self.authority
    }

    /// The unprotected `error` for a client over its rate limit: "unavailable"
    /// (systemUnavail), and when to try again.
    pub fn rate_limited(&self, retry_after_s: u64) -> Vec<u8> {
        self.refusal(
            None,
            Refuse::new(ReasonCode::Unavailable, Seal::None, RefusalBody::Error)
                .bit(FailureBit::SystemUnavail)
                .detail(format!(
                    "too many requests from this address; try again in {retry_after_s} s"
                )),
        )
    }

    /// Answers one DER request message. Never fails: every problem becomes a CMP error
    /// message.
    pub fn handle(&self, request: &[u8]) -> Handled {
        let now = OffsetDateTime::now_utc();
        let message = match cmp::decode(request) {
            Ok(message) => message,
            Err(e) => {
                let refuse = Refuse::from_cmp(&e, Seal::None);
                return Handled {
                    outcome: refuse.reason.code(),
                    response: self.refusal(None, refuse),
                    request: "unreadable",
                    transaction: String::new(),
                };
            }
        };
        let header = message.header.value();
        let request_name = message.body.name();
        let transaction = transaction_tag(header);
        let result = self.dispatch(&message, now);
        let (response, outcome) = match result {
            Ok((response, outcome)) => (response, outcome),
            Err(refuse) => {
                let outcome = refuse.reason.code();
                (self.refusal(Some(header), refuse), outcome)
            }
        };
        Handled {
            response,
            request: request_name,
            outcome,
            transaction,
        }
    }

    fn dispatch(&self, message: &PkiMessage, now: OffsetDateTime) -> Step<(Vec<u8>, &'static str)> {
        let header = message.header.value();
        let refuse = |bit, field: &'static str| {
            Refuse::new(ReasonCode::BadRequest, Seal::None, RefusalBody::Error)
                .bit(bit)
                .detail(format!("missing or wrong {field}"))
        };
        if !(header.pvno == 2 || header.pvno == 3) {
            return Err(refuse(FailureBit::UnsupportedVersion, "pvno"));
        }
        if header
            .transaction_id()
            .is_none_or(|id| id.is_empty() || id.len() > 64)
        {
            return Err(refuse(FailureBit::BadRequest, "transactionID"));
        }
        if header
            .sender_nonce()
            .is_none_or(|n| n.len() < 8 || n.len() > 64)
        {
            return Err(refuse(FailureBit::BadSenderNonce, "senderNonce"));
        }
        match message.body.value() {
            PkiBody::Ir(requests) => self.enrol(message, requests, now),
            PkiBody::Kur(requests) => self.renew(message, requests, now),
            PkiBody::CertConf(statuses) => self.confirm(message, Some(statuses), now),
            // A client that cannot use what it got may say so with an error message
            // instead of a certConf: the same as a rejecting certConf.
            PkiBody::Error(_) => self.confirm(message, None, now),
            PkiBody::Rr(details) => self.revoke(message, details, now),
            // A body this CA does not take (cr, p10cr, …) is refused naming it, protected
            // as the request was when its protection checks out, so a stock client reads
            // the reason instead of "missing protection".
            other => {
                let seal = if is_mac_protected(message) {
                    Seal::Mac(self.check_codes(message)?.1)
                } else if message.header.value().protection_alg.is_some() {
                    self.signer(message)?;
                    Seal::Signature
                } else {
                    Seal::None
                };
                Err(Refuse::from_cmp(
                    &CmpError::UnsupportedBody {
                        body: other.name().to_owned(),
                    },
                    seal,
                )
                .detail(format!(
                    "{} is not supported here: enrol with ir, renew with kur, revoke with rr",
                    other.name()
                )))
            }
        }
    }

    /// The response header for a request: from the CA, to the request's sender, same
    /// transaction, echoing its nonce.
    fn response_header(
        &self,
        request: Option<&PkiHeader>,
        seal: &Seal,
    ) -> Result<PkiHeader, CmpError> {
        let sender_kid = match seal {
            Seal::Mac(_) => request.and_then(PkiHeader::sender_kid),
            Seal::Signature => Some(self.key_id.as_slice()),
            Seal::None => None,
        };
        let transaction_id = request.and_then(PkiHeader::transaction_id);
        let mut response = header(
            self.name.clone(),
            request.map_or_else(dojang_core::cmp::request::null_dn, |h| h.sender.clone()),
            sender_kid,
            transaction_id.unwrap_or_default(),
            request.and_then(PkiHeader::sender_nonce),
        )?;
        // An error answering a message that could not be read has no transaction.
        if transaction_id.is_none() {
            response.transaction_id = None;
        }
        Ok(response)
    }

    fn seal(&self, header: PkiHeader, body: PkiBody, seal: &Seal) -> Result<Vec<u8>, CmpError> {
        let message = match seal {
            Seal::None => PkiMessage::new(header, body).map_err(|e| CmpError::Malformed {
                detail: e.to_string(),
            })?,
            Seal::Mac(secret) => protect(
                header,
                body,
                Some(self.chain.clone()),
                &Protector::Mac {
                    secret,
                    params: PbmParameter::new_random()?,
                },
            )?,
            Seal::Signature => protect(
                header,
                body,
                Some(self.chain.clone()),
                &Protector::Signature {
                    key: self.authority.issuing_key(),
                },
            )?,
        };
        cmp::encode(&message)
    }
}
