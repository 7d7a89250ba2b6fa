//! What the demo bank does with an answer posted to its callback, as a bank would: the
//! body is Dojang's answer (docs/signing.md), `{"version":1,"status":"signed",
//! "signature":<base64 CMS SignedData>,"identity":<base64 CMS EnvelopedData, optional>}`
//! or `{"version":1,"status":"cancelled"}`.
//!
//! A signed answer is checked in this order, and refused for the first check that fails:
//! the signature (`dojang_core::sign::verify`); that the content it carries is what the
//! request asked to be signed; that the signer's certificate was issued by the sandbox's
//! issuing CA and chains to its root now (RFC 5280 path validation, with only the
//! sandbox root as anchor) and is the certificate the registry keeps under its serial;
//! that the registry has not revoked it; and, when the identity envelope came, that it
//! opens with the bank's key and the randomNum in it proves the ID number the registry
//! holds for that certificate (the VID of its SubjectAltName).

use std::path::Path;

use base64::Engine as _;
use dojang_core::cert::CertificateSummary;
use dojang_core::cert::chain::{LinkSource, Pool};
use dojang_core::codes::IdNumber;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Question, RelyingParty};
use crate::authority::Authority;
use crate::registry::{CertificateState, Registry};

/// Why an answer was refused: the first check that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The body is not Dojang's answer (not JSON, another version, unknown status, bad
    /// base64).
    AnswerMalformed,
    /// The answer came after the request's expiry.
    RequestExpired,
    /// The CMS signature does not verify.
    SignatureInvalid,
    /// What was signed is not what the request asked to be signed (or the signature does
    /// not carry it).
    ContentMismatch,
    /// The signer's certificate does not chain to the sandbox root through its issuing
    /// CA, or the sandbox registry does not hold it.
    NotFromSandboxCa,
    /// The registry says the certificate is revoked (or was never confirmed).
    CertificateRevoked,
    /// The identity envelope does not open with the bank's key, or its randomNum does not
    /// prove the ID number the registry holds for the certificate.
    VidMismatch,
}

impl Reason {
    /// The stable code, as the callback and the status API give it.
    pub fn code(self) -> &'static str {
        match self {
            Reason::AnswerMalformed => "answer-malformed",
            Reason::RequestExpired => "request-expired",
            Reason::SignatureInvalid => "signature-invalid",
            Reason::ContentMismatch => "content-mismatch",
            Reason::NotFromSandboxCa => "not-from-sandbox-ca",
            Reason::CertificateRevoked => "certificate-revoked",
            Reason::VidMismatch => "vid-mismatch",
        }
    }
}

/// What the registry says of the signer's certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Revocation {
    /// In force (or issued and awaiting its confirmation, as OCSP says `good`).
    Good,
    /// Revoked, or withdrawn because it was never confirmed.
    Revoked,
    /// The registry does not hold it.
    Unknown,
}

/// The identity check's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Vid {
    /// The randomNum proves the ID number the sandbox holds for the certificate.
    Matched,
    /// An envelope came and does not prove it (or does not open, or the certificate has
    /// no VID).
    Mismatched,
    /// No envelope came (a signing, or a key without a randomNum).
    NotSent,
}

/// Who signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signer {
    /// The holder's name (the common name without its `()digits`).
    pub name: String,
    /// The certificate's serial number, lower-case hex.
    pub serial: String,
    /// The certificate's issuer, RFC 4514.
    pub issuer: String,
    /// The certification path as far as it was built: common names from the
    /// certificate up to the root.
    pub path: Vec<String>,
}

/// What was checked of a signed answer. When the signature does not verify, nothing
/// else can be: the other checks are then false and `vid` is `not-sent`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checks {
    /// The CMS signature verifies with the certificate it names.
    pub signature: bool,
    /// It carries exactly what the request asked to be signed.
    pub content: bool,
    /// The certificate chains to the sandbox root through the issuing CA, valid now, and
    /// the registry holds it.
    pub path: bool,
    /// What the registry says of it.
    pub revocation: Revocation,
    /// The identity check.
    pub vid: Vid,
}

/// What an answer was found to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every check passed.
    Verified {
        /// Who signed.
        signer: Signer,
        /// What was checked.
        checks: Checks,
    },
    /// The person cancelled in Dojang.
    Cancelled,
    /// Refused.
    Refused {
        /// The first check that failed.
        reason: Reason,
        /// Who signed, when the signature verified.
        signer: Option<Signer>,
        /// What was checked, for a signed answer.
        checks: Option<Checks>,
    },
}

impl Outcome {
    pub(super) fn refused(reason: Reason) -> Outcome {
        Outcome::Refused {
            reason,
            signer: None,
            checks: None,
        }
    }
}

/// Dojang's answer as it arrives.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    version: u64,
    status: String,
    #[serde(default)]
    signature: Option<String>,
    #[serde(default)]
    identity: Option<String>,
}

fn unbase64(text: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

impl RelyingParty {
    /// Examines `body`, the answer to `question`, as of `now`, against the sandbox CA's
    /// certificates and registry.
    pub fn examine(
        &self,
        body: &[u8],
        question: &Question,
        authority: &Authority,
        registry: &dyn Registry,
        now: OffsetDateTime,
    ) -> Outcome {
        let Ok(wire) = serde_json::from_slice::<Wire>(body) else {
            return Outcome::refused(Reason::AnswerMalformed);
        };
        if wire.version != dojang_core::sign::request::VERSION {
            return Outcome::refused(Reason::AnswerMalformed);
        }
        if now >= question.expires {
            return Outcome::refused(Reason::RequestExpired);
        }
        let (signature, identity) = match (wire.status.as_str(), wire.signature, wire.identity) {
            ("cancelled", None, None) => return Outcome::Cancelled,
            ("signed", Some(signature), identity) => {
                let Some(signature) = unbase64(&signature) else {
                    return Outcome::refused(Reason::AnswerMalformed);
                };
                let identity = match identity.map(|i| unbase64(&i)) {
                    None => None,
                    Some(Some(identity)) => Some(identity),
                    Some(None) => return Outcome::refused(Reason::AnswerMalformed),
                };
                (signature, identity)
            }
            _ => return Outcome::refused(Reason::AnswerMalformed),
        };

        let Ok(verified) = dojang_core::sign::verify(&signature, Some(&question.content)) else {
            return Outcome::Refused {
                reason: Reason::SignatureInvalid,
                signer: None,
                checks: Some(Checks {
                    signature: false,
                    content: false,
                    path: false,
                    revocation: Revocation::Unknown,
                    vid: Vid::NotSent,
                }),
            };
        };
        let content = verified.content.as_deref() == Some(question.content.as_slice());

        let mut pool = Pool::new();
        pool.add(authority.root_der(), LinkSource::Distribution);
        pool.add(authority.issuing_der(), LinkSource::Issuance);
        let chain = pool.validate(&verified.signer, now).ok();
        let chained = chain.as_ref().is_some_and(|c| c.valid);
        let path = chain
            .map(|c| c.links.into_iter().map(|l| l.common_name).collect())
            .unwrap_or_default();

        let Ok(summary) = CertificateSummary::from_der(&verified.signer, Path::new(""), now) else {
            return Outcome::refused(Reason::NotFromSandboxCa);
        };
        let record = match registry.certificate(&summary.serial) {
            Ok(record) => record.filter(|r| r.der == verified.signer),
            Err(e) => {
                tracing::error!(error = %e, "registry unreadable while examining an answer");
                None
            }
        };
        let revocation = match record.as_ref().map(|r| r.state) {
            Some(CertificateState::Valid | CertificateState::Pending) => Revocation::Good,
            Some(CertificateState::Revoked | CertificateState::Withdrawn) => Revocation::Revoked,
            None => Revocation::Unknown,
        };
        let vid = match (&identity, &record) {
            (None, _) => Vid::NotSent,
            (Some(_), None) => Vid::Mismatched,
            (Some(envelope), Some(record)) => {
                let matched =
                    dojang_core::sign::envelope::open(envelope, &self.certificate, &self.key)
                        .ok()
                        .zip(IdNumber::parse(&record.id_number).ok())
                        .and_then(|(random_num, id_number)| {
                            dojang_core::cert::vid::matches(
                                &verified.signer,
                                &random_num,
                                &id_number,
                            )
                            .ok()
                        });
                if matched == Some(true) {
                    Vid::Matched
                } else {
                    Vid::Mismatched
                }
            }
        };
        let checks = Checks {
            signature: true,
            content,
            path: chained && record.is_some(),
            revocation,
            vid,
        };
        let signer = Signer {
            name: summary.owner,
            serial: summary.serial,
            issuer: summary.issuer,
            path,
        };
        let reason = if !checks.content {
            Some(Reason::ContentMismatch)
        } else if !checks.path {
            Some(Reason::NotFromSandboxCa)
        } else if checks.revocation != Revocation::Good {
            Some(Reason::CertificateRevoked)
        } else if checks.vid == Vid::Mismatched {
            Some(Reason::VidMismatch)
        } else {
            None
        };
        match reason {
            None => Outcome::Verified { signer, checks },
            Some(reason) => Outcome::Refused {
                reason,
                signer: Some(signer),
                checks: Some(checks),
            },
        }
    }
}
