//! CMP, the Certificate Management Protocol (RFC 4210, updated by RFC 9480; Lightweight
//! CMP Profile RFC 9483) with CRMF certificate requests (RFC 4211): the messages, their
//! protection, and the errors of Dojang's profile (docs/cmp-profile.md). The sandbox CA and the
//! app's client share this code, and both are tested against OpenSSL's `openssl cmp`.
//!
//! - [`message`]: `PKIMessage`, `PKIHeader`, the `PKIBody` types of the profile
//!   (`ir`/`ip`, `kur`/`kup`, `rr`/`rp`, `certConf`/`pkiConf`, `error`, `genm`/`genp`);
//! - [`crmf`]: `CertReqMsg`, `CertTemplate`, proof of possession;
//! - [`status`]: `PKIStatusInfo`, `PKIFailureInfo` (every bit 0..=26 round-trips), and
//!   the profile's [`ReasonCode`]s;
//! - [`protection`]: PasswordBasedMac and signatures over `ProtectedPart`, POP, certHash;
//! - [`request`]: headers with fresh nonces, certificate requests with POP, randomNum.
//!
//! Types decode what they are given and keep the bytes that protection covers
//! ([`Encoded`]); re-encoding a message that was DER gives the same bytes.

pub mod crmf;
mod encoded;
pub mod message;
pub mod protection;
pub mod request;
pub mod status;

pub use encoded::Encoded;
pub use message::{PkiBody, PkiHeader, PkiMessage};
pub use status::{FailureBit, PkiFailureInfo, PkiStatus, PkiStatusInfo, ReasonCode};

/// The content type of CMP over HTTP (RFC 6712 §3.4).
pub const CONTENT_TYPE: &str = "application/pkixcmp";

/// What can go wrong with a CMP message, on either side. Each variant has a stable code
/// and the failInfo bit a server answers it with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CmpError {
    /// Not a well-formed DER PKIMessage (or a part of one).
    #[error("malformed CMP message: {detail}")]
    Malformed {
        /// What the decoder said.
        detail: String,
    },
    /// A body type this side does not handle here.
    #[error("unsupported CMP body type {body}")]
    UnsupportedBody {
        /// The body's RFC name, e.g. `genm`.
        body: String,
    },
    /// A body other than the one the exchange expects.
    #[error("expected a {expected} message, got {got}")]
    UnexpectedBody {
        /// The body type expected.
        expected: &'static str,
        /// The body type received.
        got: String,
    },
    /// A field the profile requires is missing.
    #[error("missing {field}")]
    MissingField {
        /// The ASN.1 field name.
        field: &'static str,
    },
    /// The message carries no protection.
    #[error("the message is not protected")]
    Unprotected,
    /// A MAC where a signature was needed, or the other way round.
    #[error("the message is protected the wrong way")]
    WrongProtectionKind,
    /// An algorithm this module does not use.
    #[error("unsupported algorithm {oid}")]
    UnsupportedAlgorithm {
        /// Its OID, dotted.
        oid: String,
    },
    /// PBM parameters asking for more work than allowed (or none).
    #[error("PBM iteration count {count} out of range")]
    PbmIterations {
        /// The iteration count asked for.
        count: u64,
    },
    /// The MAC or signature does not verify.
    #[error("the message protection does not verify")]
    BadProtection,
    /// A signature does not verify (POP and protection map this to their own variants).
    #[error("the signature does not verify")]
    BadSignature,
    /// The proof of possession is missing or does not verify.
    #[error("bad proof of possession")]
    BadPop,
    /// A transactionID this side has no transaction for.
    #[error("unknown transaction")]
    UnknownTransaction,
    /// A transactionID that is already in use by another transaction.
    #[error("transaction ID already in use")]
    TransactionIdInUse,
    /// A response whose transactionID is not the request's.
    #[error("transaction ID mismatch")]
    TransactionMismatch,
    /// A recipNonce that is not the senderNonce it should echo.
    #[error("nonce mismatch")]
    NonceMismatch,
    /// The peer refused, with the profile's reason when one could be read.
    #[error("refused: {}", status.describe())]
    Refused {
        /// The refusal as the peer sent it.
        status: Box<PkiStatusInfo>,
    },
    /// The crypto library failed.
    #[error("crypto failure: {detail}")]
    Crypto {
        /// What failed.
        detail: String,
    },
}

impl CmpError {
    /// The stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            CmpError::Malformed { .. } => "cmp-malformed",
            CmpError::UnsupportedBody { .. } => "cmp-unsupported-body",
            CmpError::UnexpectedBody { .. } => "cmp-unexpected-body",
            CmpError::MissingField { .. } => "cmp-missing-field",
            CmpError::Unprotected => "cmp-unprotected",
            CmpError::WrongProtectionKind => "cmp-wrong-protection",
            CmpError::UnsupportedAlgorithm { .. } => "cmp-unsupported-algorithm",
            CmpError::PbmIterations { .. } => "cmp-pbm-iterations",
            CmpError::BadProtection => "cmp-bad-protection",
            CmpError::BadSignature => "cmp-bad-signature",
            CmpError::BadPop => "cmp-bad-pop",
            CmpError::UnknownTransaction => "cmp-unknown-transaction",
            CmpError::TransactionIdInUse => "cmp-transaction-id-in-use",
            CmpError::TransactionMismatch => "cmp-transaction-mismatch",
            CmpError::NonceMismatch => "cmp-nonce-mismatch",
            CmpError::Refused { .. } => "cmp-refused",
            CmpError::Crypto { .. } => "cmp-crypto",
        }
    }

    /// The failInfo bit a server answers this error with (RFC 4210 §5.2.3).
    pub fn fail_bit(&self) -> FailureBit {
        match self {
            CmpError::Malformed { .. } => FailureBit::BadDataFormat,
            CmpError::UnsupportedBody { .. }
            | CmpError::UnexpectedBody { .. }
            | CmpError::UnknownTransaction
            | CmpError::TransactionMismatch => FailureBit::BadRequest,
            CmpError::MissingField { .. } => FailureBit::BadRequest,
            CmpError::Unprotected | CmpError::WrongProtectionKind => FailureBit::WrongIntegrity,
            CmpError::UnsupportedAlgorithm { .. } | CmpError::PbmIterations { .. } => {
                FailureBit::BadAlg
            }
            CmpError::BadProtection | CmpError::BadSignature => FailureBit::BadMessageCheck,
            CmpError::BadPop => FailureBit::BadPop,
            CmpError::TransactionIdInUse => FailureBit::TransactionIdInUse,
            CmpError::NonceMismatch => FailureBit::BadRecipientNonce,
            CmpError::Refused { status } => status
                .fail_info()
                .bits()
                .first()
                .copied()
                .unwrap_or(FailureBit::BadRequest),
            CmpError::Crypto { .. } => FailureBit::SystemFailure,
        }
    }

    /// The profile's reason code for this error as a server reports it.
    pub fn reason(&self) -> ReasonCode {
        match self {
            CmpError::BadProtection | CmpError::BadSignature => ReasonCode::WrongCode,
            CmpError::Crypto { .. } => ReasonCode::Unavailable,
            CmpError::Refused { status } => status.reason().unwrap_or(ReasonCode::BadRequest),
            _ => ReasonCode::BadRequest,
        }
    }

    pub(crate) fn malformed(e: der::Error) -> CmpError {
        CmpError::Malformed {
            detail: e.to_string(),
        }
    }

    pub(crate) fn crypto(e: aws_lc_rs::error::Unspecified) -> CmpError {
        CmpError::Crypto {
            detail: e.to_string(),
        }
    }

    pub(crate) fn key(e: crate::Error) -> CmpError {
        CmpError::Crypto {
            detail: e.to_string(),
        }
    }
}

/// Decodes one DER PKIMessage, refusing trailing bytes.
pub fn decode(der: &[u8]) -> Result<PkiMessage, CmpError> {
    <PkiMessage as der::Decode>::from_der(der).map_err(CmpError::malformed)
}

/// Encodes a PKIMessage as DER.
pub fn encode(message: &PkiMessage) -> Result<Vec<u8>, CmpError> {
    protection::to_der(message)
}
