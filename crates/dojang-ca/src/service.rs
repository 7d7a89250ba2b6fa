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
    Registry, RevokeOutcome, Transaction, TransactionKind, TransactionState,
};

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

/// How an answer is protected.
enum Seal {
    /// Unprotected: the request could not be authenticated.
    None,
    /// PasswordBasedMac with the request's secret.
    Mac(Zeroizing<Vec<u8>>),
    /// Signed by the issuing CA.
    Signature,
}

/// Which body carries a refusal.
#[derive(Clone, Copy)]
enum RefusalBody {
    /// An `error` message: the message itself was refused.
    Error,
    /// A certificate response (`ip` or `kup`) with status rejection.
    CertRep { renewal: bool },
    /// An `rp` with status rejection.
    RevRep,
}

/// A refusal on its way out.
struct Refuse {
    bit: FailureBit,
    reason: ReasonCode,
    detail: Option<String>,
    seal: Seal,
    body: RefusalBody,
}

impl Refuse {
    fn new(reason: ReasonCode, seal: Seal, body: RefusalBody) -> Self {
        Refuse {
            bit: reason.fail_bit(),
            reason,
            detail: None,
            seal,
            body,
        }
    }

    fn bit(mut self, bit: FailureBit) -> Self {
        self.bit = bit;
        self
    }

    fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    fn from_cmp(e: &CmpError, seal: Seal) -> Self {
        Refuse::new(e.reason(), seal, RefusalBody::Error)
            .bit(e.fail_bit())
            .detail(e.to_string())
    }

    fn unavailable(e: &CaError, seal: Seal) -> Self {
        tracing::error!(error = %e, "CA failure while answering");
        Refuse::new(ReasonCode::Unavailable, seal, RefusalBody::Error)
            .bit(FailureBit::SystemFailure)
    }
}

type Step<T> = std::result::Result<T, Refuse>;

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
    /// The service over a CA and its registry.
    pub fn new(
        authority: Authority,
        registry: Arc<dyn Registry>,
        config: ServiceConfig,
    ) -> Result<Self, CaError> {
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
            other => Err(Refuse::from_cmp(
                &CmpError::UnsupportedBody {
                    body: other.name().to_owned(),
                },
                Seal::None,
            )),
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

    /// Encodes a refusal. Should even that fail, a minimal unprotected error is sent.
    fn refusal(&self, request: Option<&PkiHeader>, refuse: Refuse) -> Vec<u8> {
        let mut text = vec![refuse.reason.code().to_owned()];
        text.extend(refuse.detail.clone());
        let status = PkiStatusInfo {
            status: PkiStatus::REJECTION,
            status_string: Some(text),
            fail_info: Some(PkiFailureInfo::of(&[refuse.bit])),
        };
        // The profile's single request has certReqId 0; a refusal names the same.
        let cert_req_id = 0;
        let body = match refuse.body {
            RefusalBody::Error => PkiBody::Error(ErrorMsgContent {
                pki_status_info: status,
                error_code: None,
                error_details: None,
            }),
            RefusalBody::CertRep { renewal } => {
                let content = CertRepMessage {
                    ca_pubs: None,
                    response: vec![CertResponse {
                        cert_req_id,
                        status,
                        certified_key_pair: None,
                        rsp_info: None,
                    }],
                };
                if renewal {
                    PkiBody::Kup(content)
                } else {
                    PkiBody::Ip(content)
                }
            }
            RefusalBody::RevRep => PkiBody::Rp(RevRepContent {
                status: vec![status],
                rev_certs: None,
                crls: None,
            }),
        };
        let encoded = self
            .response_header(request, &refuse.seal)
            .and_then(|h| self.seal(h, body, &refuse.seal));
        match encoded {
            Ok(der) => der,
            Err(e) => {
                tracing::error!(error = %e, "cannot encode a refusal");
                let fallback = self.response_header(None, &Seal::None).and_then(|h| {
                    self.seal(
                        h,
                        PkiBody::Error(ErrorMsgContent {
                            pki_status_info: PkiStatusInfo::refusal(ReasonCode::Unavailable, None),
                            error_code: None,
                            error_details: None,
                        }),
                        &Seal::None,
                    )
                });
                fallback.unwrap_or_default()
            }
        }
    }

    /// The application and MAC secret a senderKID names: the reference number (secret:
    /// the authorization code) or `T` + application number (secret: the temporary code
    /// followed by the ID digits). The secret is made by dojang-core's [`EnrolmentCodes`],
    /// the same code the app's client uses.
    fn credentials(&self, kid: &[u8]) -> Step<Option<(Application, Zeroizing<Vec<u8>>)>> {
        let Ok(kid) = std::str::from_utf8(kid) else {
            return Ok(None);
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let lookup = |found: crate::error::Result<Option<Application>>| {
            found.map_err(|e| Refuse::unavailable(&e, Seal::None))
        };
        let application = if kid.len() == REFERENCE_NUMBER_LEN && all_digits(kid) {
            lookup(self.registry.application_by_reference(kid))?
        } else if let Some(number) = kid.strip_prefix('T')
            && all_digits(number)
        {
            lookup(self.registry.application_by_number(number))?
        } else {
            None
        };
        let Some(application) = application else {
            return Ok(None);
        };
        let d = &application.details;
        let codes = if kid.starts_with('T') {
            (|| {
                Ok::<_, dojang_core::Error>(EnrolmentCodes::Temporary {
                    application: ApplicationNumber::parse(&d.application_number)?,
                    code: TemporaryCode::parse(&d.temporary_code)?,
                    id_number: IdNumber::parse(&d.id_number)?,
                })
            })()
        } else {
            RegistrationNumber::parse(&format!("{}{}", d.reference_number, d.authorization_code))
                .map(EnrolmentCodes::Registration)
        };
        let codes = codes.map_err(|e| {
            Refuse::unavailable(
                &CaError::certificate(format!("stored codes: {e}")),
                Seal::None,
            )
        })?;
        debug_assert_eq!(codes.sender_kid(), kid.as_bytes());
        Ok(Some((application, codes.mac_secret())))
    }

    fn enrol(
        &self,
        message: &PkiMessage,
        requests: &[CertReqMsg],
        now: OffsetDateTime,
    ) -> Step<(Vec<u8>, &'static str)> {
        let header = message.header.value();
        let wrong_code = || Refuse::new(ReasonCode::WrongCode, Seal::None, RefusalBody::Error);
        if !is_mac_protected(message) {
            return Err(Refuse::from_cmp(&CmpError::WrongProtectionKind, Seal::None)
                .detail("ir must be protected by PasswordBasedMac with the application's code"));
        }
        let kid = header.sender_kid().unwrap_or_default();
        let Some((application, secret)) = self.credentials(kid)? else {
            return Err(wrong_code());
        };
        // The attempt is reserved before the MAC is checked: concurrent guesses cannot
        // pass the limit, and once it is reached no code is checked at all, so a locked
        // application answers a right code and a wrong one alike (no oracle for the ID
        // number).
        let reserved = self
            .registry
            .reserve_attempt(application.id)
            .map_err(|e| Refuse::unavailable(&e, Seal::None))?;
        if !reserved {
            return Err(Refuse::new(
                ReasonCode::TooManyAttempts,
                Seal::None,
                RefusalBody::Error,
            ));
        }
        let checked = verify_mac(message, &secret);
        if checked.is_ok() {
            self.registry
                .release_attempt(application.id)
                .map_err(|e| Refuse::unavailable(&e, Seal::None))?;
        } else {
            self.registry
                .settle_failed_attempt(application.id)
                .map_err(|e| Refuse::unavailable(&e, Seal::None))?;
        }
        match checked {
            Ok(()) => {}
            Err(CmpError::BadProtection) => return Err(wrong_code()),
            Err(other) => return Err(Refuse::from_cmp(&other, Seal::None)),
        }
        let seal = || Seal::Mac(secret.clone());
        let refuse = |reason| Refuse::new(reason, seal(), RefusalBody::CertRep { renewal: false });
        let transaction_id = header.transaction_id().unwrap_or_default();
        if self
            .registry
            .transaction_exists(transaction_id)
            .map_err(|e| Refuse::unavailable(&e, seal()))?
        {
            return Err(Refuse::from_cmp(&CmpError::TransactionIdInUse, seal()));
        }
        if application.state == ApplicationState::Locked {
            return Err(refuse(ReasonCode::TooManyAttempts));
        }
        if application.is_expired(now) {
            return Err(refuse(ReasonCode::ApplicationExpired));
        }
        if application.state == ApplicationState::Issued {
            return Err(refuse(ReasonCode::AlreadyIssued));
        }
        let id_number = IdNumber::parse(&application.details.id_number).map_err(|_| {
            Refuse::unavailable(
                &CaError::certificate("stored ID number is malformed"),
                seal(),
            )
        })?;
        let subscriber = Subscriber {
            name: application.details.name.clone(),
            cn_serial: format!(
                "00{}",
                digits(14).map_err(|e| Refuse::unavailable(&e, seal()))?
            ),
            id_number,
        };
        let request = single_request(requests, seal(), false)?;
        let cert = self.certify(request, &subscriber, now, seal(), false)?;
        let response_header = self
            .response_header(Some(header), &seal())
            .map_err(|e| Refuse::from_cmp(&e, seal()))?;
        let transaction = Transaction {
            id: transaction_id.to_vec(),
            kind: TransactionKind::Enrolment,
            application_id: Some(application.id),
            old_serial: None,
            sender_kid: kid.to_vec(),
            server_nonce: response_header.sender_nonce().unwrap_or_default().to_vec(),
            serial: Some(cert.serial.clone()),
            cert_req_id: request.cert_req.cert_req_id,
            created_at: now,
            expires_at: now + self.config.confirm_timeout,
            state: TransactionState::Pending,
        };
        let record = CertificateRecord {
            serial: cert.serial.clone(),
            application_id: Some(application.id),
            renewed_from: None,
            name: subscriber.name.clone(),
            id_number: application.details.id_number.clone(),
            cn_serial: subscriber.cn_serial.clone(),
            subject: subscriber.subject(),
            der: cert.der.clone(),
            not_before: now,
            not_after: now + self.config.validity,
            state: CertificateState::Pending,
            revoked_at: None,
            revocation_reason: None,
        };
        match self
            .registry
            .begin_enrolment(&transaction, &record, now)
            .map_err(|e| Refuse::unavailable(&e, seal()))?
        {
            Ok(()) => {}
            Err(refusal) => return Err(self.refusal_of(refusal, seal(), false)),
        }
        let body = self.granted(request.cert_req.cert_req_id, &cert.der, false)?;
        let der = self
            .seal(response_header, body, &seal())
            .map_err(|e| Refuse::from_cmp(&e, seal()))?;
        Ok((der, "issued"))
    }

    fn refusal_of(&self, refusal: Refusal, seal: Seal, renewal: bool) -> Refuse {
        let body = RefusalBody::CertRep { renewal };
        match refusal {
            Refusal::AlreadyIssued => Refuse::new(ReasonCode::AlreadyIssued, seal, body),
            Refusal::InProgress => Refuse::new(ReasonCode::AlreadyIssued, seal, body)
                .detail("an issuance for this is in progress in another transaction"),
            Refusal::Expired => Refuse::new(ReasonCode::ApplicationExpired, seal, body),
            Refusal::Locked => Refuse::new(ReasonCode::TooManyAttempts, seal, body),
            Refusal::CertificateRevoked => Refuse::new(ReasonCode::CertificateRevoked, seal, body),
            Refusal::TransactionIdInUse => Refuse::from_cmp(&CmpError::TransactionIdInUse, seal),
        }
    }

    /// Checks one certificate request (POP, key, randomNum) and makes its certificate.
    fn certify(
        &self,
        request: &CertReqMsg,
        subscriber: &Subscriber,
        now: OffsetDateTime,
        seal: Seal,
        renewal: bool,
    ) -> Step<crate::authority::IssuedCertificate> {
        let body = RefusalBody::CertRep { renewal };
        let spki = match verify_pop(request) {
            Ok(spki) => spki.clone(),
            Err(CmpError::MissingField { field }) => {
                return Err(Refuse::new(ReasonCode::BadRequest, seal, body)
                    .bit(FailureBit::BadCertTemplate)
                    .detail(format!("missing {field}")));
            }
            Err(e @ CmpError::UnsupportedAlgorithm { .. }) => {
                return Err(Refuse::new(ReasonCode::BadRequest, seal, body)
                    .bit(FailureBit::BadAlg)
                    .detail(e.to_string()));
            }
            Err(e) => {
                return Err(Refuse::new(ReasonCode::BadRequest, seal, body)
                    .bit(FailureBit::BadPop)
                    .detail(e.to_string()));
            }
        };
        let spki_der = der::Encode::to_der(&spki).map_err(|e| {
            Refuse::new(ReasonCode::BadRequest, Seal::None, body).detail(e.to_string())
        });
        let spki_der = match spki_der {
            Ok(der) => der,
            Err(refuse) => return Err(Refuse { seal, ..refuse }),
        };
        if let Err(detail) = acceptable_key(&spki_der) {
            return Err(Refuse::new(ReasonCode::BadRequest, seal, body)
                .bit(FailureBit::BadCertTemplate)
                .detail(detail));
        }
        let random = match random_num(request) {
            Ok(random) => random,
            Err(e) => {
                return Err(Refuse::new(ReasonCode::BadRequest, seal, body).detail(e.to_string()));
            }
        };
        let issued = self.authority.issue(&IssueRequest {
            subscriber,
            public_key: &spki_der,
            random_num: random.as_deref(),
            not_before: now,
            not_after: now + self.config.validity,
        });
        match issued {
            Ok(cert) => Ok(cert),
            Err(CaError::InvalidArgument { detail, .. }) => {
                Err(Refuse::new(ReasonCode::BadRequest, seal, body)
                    .bit(FailureBit::BadCertTemplate)
                    .detail(detail))
            }
            Err(e) => Err(Refuse::unavailable(&e, seal)),
        }
    }

    fn granted(&self, cert_req_id: i64, cert_der: &[u8], renewal: bool) -> Step<PkiBody> {
        let certificate = CmpCertificate::from_der_bytes(cert_der)
            .map_err(|e| Refuse::unavailable(&CaError::certificate(e), Seal::None))?;
        let content = CertRepMessage {
            ca_pubs: Some(vec![self.root.clone()]),
            response: vec![CertResponse {
                cert_req_id,
                status: PkiStatusInfo::accepted(),
                certified_key_pair: Some(CertifiedKeyPair {
                    cert_or_enc_cert: CertOrEncCert::Certificate(certificate),
                    private_key: None,
                    publication_info: None,
                }),
                rsp_info: None,
            }],
        };
        Ok(if renewal {
            PkiBody::Kup(content)
        } else {
            PkiBody::Ip(content)
        })
    }

    /// The certificate of this CA that signed a request (the first extraCerts entry), with
    /// the signature checked against the key the registry holds for it.
    fn signer(&self, message: &PkiMessage) -> Step<CertificateRecord> {
        if is_mac_protected(message) || message.header.protection_alg.is_none() {
            return Err(
                Refuse::from_cmp(&CmpError::WrongProtectionKind, Seal::Signature)
                    .detail("kur and rr must be signed with the certificate's key"),
            );
        }
        let untrusted = || {
            Refuse::new(ReasonCode::BadRequest, Seal::Signature, RefusalBody::Error)
                .bit(FailureBit::SignerNotTrusted)
                .detail("the signer is not a certificate of this CA")
        };
        let signer_der = message
            .extra_certs
            .as_ref()
            .and_then(|certs| certs.first())
            .ok_or_else(untrusted)?
            .der();
        let signer = certificate_parts(signer_der).map_err(|_| untrusted())?;
        let serial = hex(signer.tbs_certificate.serial_number.as_bytes());
        let record = self
            .registry
            .certificate(&serial)
            .map_err(|e| Refuse::unavailable(&e, Seal::Signature))?
            .filter(|r| r.der == signer_der)
            .ok_or_else(untrusted)?;
        verify_signature_protection(message, &signer.tbs_certificate.subject_public_key_info)
            .map_err(|e| {
                Refuse::new(ReasonCode::BadRequest, Seal::Signature, RefusalBody::Error)
                    .bit(e.fail_bit())
                    .detail(e.to_string())
            })?;
        Ok(record)
    }

    fn renew(
        &self,
        message: &PkiMessage,
        requests: &[CertReqMsg],
        now: OffsetDateTime,
    ) -> Step<(Vec<u8>, &'static str)> {
        let header = message.header.value();
        let old = self.signer(message)?;
        let refuse = |reason| {
            Refuse::new(
                reason,
                Seal::Signature,
                RefusalBody::CertRep { renewal: true },
            )
        };
        let transaction_id = header.transaction_id().unwrap_or_default();
        if self
            .registry
            .transaction_exists(transaction_id)
            .map_err(|e| Refuse::unavailable(&e, Seal::Signature))?
        {
            return Err(Refuse::from_cmp(
                &CmpError::TransactionIdInUse,
                Seal::Signature,
            ));
        }
        match old.state {
            CertificateState::Valid => {}
            CertificateState::Revoked | CertificateState::Withdrawn => {
                return Err(refuse(ReasonCode::CertificateRevoked));
            }
            CertificateState::Pending => {
                return Err(refuse(ReasonCode::BadRequest)
                    .detail("the certificate has not been confirmed yet"));
            }
        }
        if now >= old.not_after {
            return Err(refuse(ReasonCode::RenewalNotDue)
                .detail("the certificate has expired: apply for a new one"));
        }
        if now < old.not_after - self.config.renewal_window {
            return Err(refuse(ReasonCode::RenewalNotDue).detail(format!(
                "renewal opens {}",
                (old.not_after - self.config.renewal_window)
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default()
            )));
        }
        let id_number = IdNumber::parse(&old.id_number).map_err(|_| {
            Refuse::unavailable(
                &CaError::certificate("stored ID number is malformed"),
                Seal::Signature,
            )
        })?;
        let subscriber = Subscriber {
            name: old.name.clone(),
            cn_serial: old.cn_serial.clone(),
            id_number,
        };
        let request = single_request(requests, Seal::Signature, true)?;
        let cert = self.certify(request, &subscriber, now, Seal::Signature, true)?;
        let response_header = self
            .response_header(Some(header), &Seal::Signature)
            .map_err(|e| Refuse::from_cmp(&e, Seal::Signature))?;
        let transaction = Transaction {
            id: transaction_id.to_vec(),
            kind: TransactionKind::Renewal,
            application_id: None,
            old_serial: Some(old.serial.clone()),
            sender_kid: header.sender_kid().unwrap_or_default().to_vec(),
            server_nonce: response_header.sender_nonce().unwrap_or_default().to_vec(),
            serial: Some(cert.serial.clone()),
            cert_req_id: request.cert_req.cert_req_id,
            created_at: now,
            expires_at: now + self.config.confirm_timeout,
            state: TransactionState::Pending,
        };
        let record = CertificateRecord {
            serial: cert.serial.clone(),
            application_id: None,
            renewed_from: Some(old.serial.clone()),
            name: old.name.clone(),
            id_number: old.id_number.clone(),
            cn_serial: old.cn_serial.clone(),
            subject: subscriber.subject(),
            der: cert.der.clone(),
            not_before: now,
            not_after: now + self.config.validity,
            state: CertificateState::Pending,
            revoked_at: None,
            revocation_reason: None,
        };
        if let Err(refusal) = self
            .registry
            .begin_renewal(&transaction, &record, now)
            .map_err(|e| Refuse::unavailable(&e, Seal::Signature))?
        {
            return Err(self.refusal_of(refusal, Seal::Signature, true));
        }
        let body = self.granted(request.cert_req.cert_req_id, &cert.der, true)?;
        let der = self
            .seal(response_header, body, &Seal::Signature)
            .map_err(|e| Refuse::from_cmp(&e, Seal::Signature))?;
        Ok((der, "renewed"))
    }

    /// certConf (or a client's error message, `statuses` none): authenticate as the
    /// transaction was, check nonce and hash, commit or withdraw, answer pkiConf.
    fn confirm(
        &self,
        message: &PkiMessage,
        statuses: Option<&CertConfirmContent>,
        now: OffsetDateTime,
    ) -> Step<(Vec<u8>, &'static str)> {
        let header = message.header.value();
        let transaction_id = header.transaction_id().unwrap_or_default();
        let unknown = || Refuse::from_cmp(&CmpError::UnknownTransaction, Seal::None);
        let transaction = self
            .registry
            .transaction(transaction_id)
            .map_err(|e| Refuse::unavailable(&e, Seal::None))?
            .ok_or_else(unknown)?;
        let seal = match transaction.kind {
            TransactionKind::Enrolment => {
                let application = transaction
                    .application_id
                    .map(|id| self.registry.application(id))
                    .transpose()
                    .map_err(|e| Refuse::unavailable(&e, Seal::None))?
                    .flatten()
                    .ok_or_else(unknown)?;
                let kid = transaction.sender_kid.as_slice();
                let (_, secret) = self
                    .credentials(kid)?
                    .filter(|(a, _)| a.id == application.id)
                    .ok_or_else(unknown)?;
                verify_mac(message, &secret).map_err(|e| Refuse::from_cmp(&e, Seal::None))?;
                Seal::Mac(secret)
            }
            TransactionKind::Renewal => {
                let signer = self.signer(message)?;
                if Some(&signer.serial) != transaction.old_serial.as_ref() {
                    return Err(unknown());
                }
                Seal::Signature
            }
            TransactionKind::Revocation => return Err(unknown()),
        };
        if header.recip_nonce() != Some(transaction.server_nonce.as_slice()) {
            return Err(Refuse::from_cmp(&CmpError::NonceMismatch, seal));
        }
        let accepted = match statuses {
            None => false,
            Some(statuses) => {
                let [status] = statuses.as_slice() else {
                    return Err(
                        Refuse::new(ReasonCode::BadRequest, seal, RefusalBody::Error)
                            .detail("certConf must confirm exactly one certificate"),
                    );
                };
                let cert = transaction
                    .serial
                    .as_deref()
                    .map(|s| self.registry.certificate(s))
                    .transpose()
                    .map_err(|e| Refuse::unavailable(&e, Seal::None))?
                    .flatten()
                    .ok_or_else(unknown)?;
                let hash = cert_hash(&cert.der, status.hash_alg.as_ref())
                    .map_err(|e| Refuse::from_cmp(&e, Seal::None))?;
                if status.cert_req_id != transaction.cert_req_id
                    || status.cert_hash.as_bytes() != hash.as_slice()
                {
                    return Err(
                        Refuse::new(ReasonCode::BadRequest, seal, RefusalBody::Error)
                            .bit(FailureBit::BadCertId)
                            .detail("certHash or certReqId does not match the certificate sent"),
                    );
                }
                status
                    .status_info
                    .as_ref()
                    .is_none_or(|s| s.status.is_granted())
            }
        };
        let outcome = self
            .registry
            .confirm(transaction_id, accepted, now)
            .map_err(|e| Refuse::unavailable(&e, Seal::None))?;
        let label = match outcome {
            ConfirmOutcome::Committed { revoked } => {
                for serial in revoked {
                    tracing::info!(serial = %serial, "previous certificate revoked by reissue");
                }
                "confirmed"
            }
            ConfirmOutcome::Rejected => "rejected-by-client",
            ConfirmOutcome::Expired => {
                return Err(Refuse::new(ReasonCode::BadRequest, seal, RefusalBody::Error)
                    .detail("the transaction expired before certConf came; the certificate was withdrawn"));
            }
            ConfirmOutcome::Closed(TransactionState::Confirmed) => {
                return Err(
                    Refuse::new(ReasonCode::BadRequest, seal, RefusalBody::Error)
                        .bit(FailureBit::CertConfirmed)
                        .detail("the certificate was already confirmed"),
                );
            }
            ConfirmOutcome::Closed(_) | ConfirmOutcome::Unknown => {
                return Err(
                    Refuse::new(ReasonCode::BadRequest, seal, RefusalBody::Error)
                        .detail("the transaction is closed"),
                );
            }
        };
        let response_header = self
            .response_header(Some(header), &seal)
            .map_err(|e| Refuse::from_cmp(&e, Seal::None))?;
        let der = self
            .seal(response_header, PkiBody::PkiConf, &seal)
            .map_err(|e| Refuse::from_cmp(&e, Seal::None))?;
        Ok((der, label))
    }

    fn revoke(
        &self,
        message: &PkiMessage,
        details: &[RevDetails],
        now: OffsetDateTime,
    ) -> Step<(Vec<u8>, &'static str)> {
        let header = message.header.value();
        let signer = self.signer(message)?;
        let refuse = |reason| Refuse::new(reason, Seal::Signature, RefusalBody::RevRep);
        let [detail] = details else {
            return Err(refuse(ReasonCode::BadRequest).detail("revoke exactly one certificate"));
        };
        let serial = detail
            .cert_details
            .serial_number
            .as_ref()
            .map(|s| hex(s.as_bytes()));
        if serial.as_deref() != Some(signer.serial.as_str()) {
            return Err(refuse(ReasonCode::BadRequest)
                .bit(FailureBit::NotAuthorized)
                .detail("a certificate can be revoked only with its own key"));
        }
        let reason = revocation_reason(detail);
        let response_header = self
            .response_header(Some(header), &Seal::Signature)
            .map_err(|e| Refuse::from_cmp(&e, Seal::Signature))?;
        let transaction = Transaction {
            id: header.transaction_id().unwrap_or_default().to_vec(),
            kind: TransactionKind::Revocation,
            application_id: None,
            old_serial: Some(signer.serial.clone()),
            sender_kid: header.sender_kid().unwrap_or_default().to_vec(),
            server_nonce: response_header.sender_nonce().unwrap_or_default().to_vec(),
            serial: None,
            cert_req_id: 0,
            created_at: now,
            expires_at: now,
            state: TransactionState::Closed,
        };
        let outcome = self
            .registry
            .revoke(&signer.serial, reason, now, Some(&transaction))
            .map_err(|e| Refuse::unavailable(&e, Seal::Signature))?;
        match outcome {
            RevokeOutcome::Revoked => {}
            RevokeOutcome::AlreadyRevoked | RevokeOutcome::NotInForce => {
                return Err(refuse(ReasonCode::CertificateRevoked));
            }
            RevokeOutcome::Unknown => {
                return Err(refuse(ReasonCode::BadRequest).bit(FailureBit::BadCertId));
            }
            RevokeOutcome::TransactionIdInUse => {
                return Err(Refuse::from_cmp(
                    &CmpError::TransactionIdInUse,
                    Seal::Signature,
                ));
            }
        }
        let body = PkiBody::Rp(RevRepContent {
            status: vec![PkiStatusInfo::accepted()],
            rev_certs: None,
            crls: None,
        });
        let der = self
            .seal(response_header, body, &Seal::Signature)
            .map_err(|e| Refuse::from_cmp(&e, Seal::Signature))?;
        Ok((der, "revoked"))
    }
}

fn single_request(requests: &[CertReqMsg], seal: Seal, renewal: bool) -> Step<&CertReqMsg> {
    match requests {
        [one] => Ok(one),
        _ => Err(Refuse::new(
            ReasonCode::BadRequest,
            seal,
            RefusalBody::CertRep { renewal },
        )
        .detail("exactly one certificate request is accepted")),
    }
}

/// RSA keys of 2048 bits or more and P-256/P-384 EC keys are certified.
fn acceptable_key(spki_der: &[u8]) -> Result<(), String> {
    use x509_parser::prelude::FromDer;
    use x509_parser::public_key::PublicKey;
    let (_, spki) =
        x509_parser::x509::SubjectPublicKeyInfo::from_der(spki_der).map_err(|e| e.to_string())?;
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) if rsa.key_size() >= 2048 => Ok(()),
        Ok(PublicKey::RSA(rsa)) => Err(format!("RSA-{} is too small", rsa.key_size())),
        Ok(PublicKey::EC(_)) => Ok(()),
        Ok(_) => Err("unsupported key algorithm".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// The reasonCode CRL entry extension of a revocation request (unspecified if absent).
fn revocation_reason(detail: &RevDetails) -> RevocationReasonName {
    detail
        .crl_entry_details
        .iter()
        .flatten()
        .find(|e| e.extn_id.to_string() == "2.5.29.21")
        .and_then(|e| match e.extn_value.as_bytes() {
            // ENUMERATED, one content byte.
            [0x0a, 0x01, code] => Some(RevocationReasonName::from_code(*code)),
            _ => None,
        })
        .unwrap_or(RevocationReasonName::Unspecified)
}
