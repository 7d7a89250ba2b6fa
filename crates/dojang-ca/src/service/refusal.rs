//! Refusals: how an answer is protected, which body carries a refusal, and its encoding
//! (the reason code first in statusString, the matching failInfo).

use super::*;

/// How an answer is protected.
pub(super) enum Seal {
    /// Unprotected: the request could not be authenticated.
    None,
    /// PasswordBasedMac with the request's secret.
    Mac(Zeroizing<Vec<u8>>),
    /// Signed by the issuing CA.
    Signature,
}

/// Which body carries a refusal.
#[derive(Clone, Copy)]
pub(super) enum RefusalBody {
    /// An `error` message: the message itself was refused.
    Error,
    /// A certificate response (`ip` or `kup`) with status rejection.
    CertRep { renewal: bool },
    /// An `rp` with status rejection.
    RevRep,
}

/// A refusal on its way out.
pub(super) struct Refuse {
    pub(super) bit: FailureBit,
    pub(super) reason: ReasonCode,
    pub(super) detail: Option<String>,
    pub(super) seal: Seal,
    pub(super) body: RefusalBody,
}

impl Refuse {
    pub(super) fn new(reason: ReasonCode, seal: Seal, body: RefusalBody) -> Self {
        Refuse {
            bit: reason.fail_bit(),
            reason,
            detail: None,
            seal,
            body,
        }
    }

    pub(super) fn bit(mut self, bit: FailureBit) -> Self {
        self.bit = bit;
        self
    }

    pub(super) fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub(super) fn from_cmp(e: &CmpError, seal: Seal) -> Self {
        Refuse::new(e.reason(), seal, RefusalBody::Error)
            .bit(e.fail_bit())
            .detail(e.to_string())
    }

    pub(super) fn unavailable(e: &CaError, seal: Seal) -> Self {
        tracing::error!(error = %e, "CA failure while answering");
        Refuse::new(ReasonCode::Unavailable, seal, RefusalBody::Error)
            .bit(FailureBit::SystemFailure)
    }
}

pub(super) type Step<T> = std::result::Result<T, Refuse>;

impl CmpService {
    /// Encodes a refusal. Should even that fail, a minimal unprotected error is sent.
    pub(super) fn refusal(&self, request: Option<&PkiHeader>, refuse: Refuse) -> Vec<u8> {
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

    pub(super) fn refusal_of(&self, refusal: Refusal, seal: Seal, renewal: bool) -> Refuse {
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
}
