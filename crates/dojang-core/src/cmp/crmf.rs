//! Certificate request messages (CRMF, RFC 4211), as CMP's `ir`, `cr` and `kur` carry them,
//! and the `CertId` and `CertTemplate` that revocation requests reuse.
//!
//! The CRMF module uses IMPLICIT tags, except where the tagged type is a CHOICE (`Name`,
//! `Time`, `POPOPrivKey`): X.680 §31.2.7 makes those tags EXPLICIT.

use der::asn1::{Any, BitString, Int, Null};
use der::{Choice, Sequence};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::ext::Extensions;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::name::Name;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::time::Time;

use super::encoded::Encoded;

/// `CertReqMessages` (RFC 4211 §3): `SEQUENCE SIZE (1..MAX) OF CertReqMsg`.
pub type CertReqMessages = Vec<CertReqMsg>;

/// `CertReqMsg` (RFC 4211 §3).
///
/// ```text
/// CertReqMsg ::= SEQUENCE {
///     certReq   CertRequest,
///     popo       ProofOfPossession  OPTIONAL,
///     regInfo   SEQUENCE SIZE(1..MAX) OF AttributeTypeAndValue OPTIONAL }
/// ```
/// The request keeps its bytes: proof of possession signs `DER(certReq)` as sent.
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct CertReqMsg {
    /// The request, with the bytes the POP signature covers.
    pub cert_req: Encoded<CertRequest>,
    /// Proof that the requester holds the private key.
    #[asn1(optional = "true")]
    pub popo: Option<ProofOfPossession>,
    /// Registration information; Dojang's profile carries randomNum here (type
    /// 1.2.410.200004.10.1.1.3, value BIT STRING).
    #[asn1(optional = "true")]
    pub reg_info: Option<Vec<AttributeTypeAndValue>>,
}

/// `CertRequest` (RFC 4211 §5).
///
/// ```text
/// CertRequest ::= SEQUENCE {
///     certReqId     INTEGER,
///     certTemplate  CertTemplate,
///     controls      Controls  OPTIONAL }
/// Controls  ::= SEQUENCE SIZE(1..MAX) OF AttributeTypeAndValue
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct CertRequest {
    /// Matches the response to the request; 0 for the single request of the profile.
    pub cert_req_id: i64,
    /// What the requester would like in the certificate.
    pub cert_template: CertTemplate,
    /// Controls such as oldCertID in a `kur`.
    #[asn1(optional = "true")]
    pub controls: Option<Vec<AttributeTypeAndValue>>,
}

/// `CertTemplate` (RFC 4211 §5): every field optional.
///
/// ```text
/// CertTemplate ::= SEQUENCE {
///     version      [0] Version               OPTIONAL,
///     serialNumber [1] INTEGER               OPTIONAL,
///     signingAlg   [2] AlgorithmIdentifier   OPTIONAL,
///     issuer       [3] Name                  OPTIONAL,
///     validity     [4] OptionalValidity      OPTIONAL,
///     subject      [5] Name                  OPTIONAL,
///     publicKey    [6] SubjectPublicKeyInfo  OPTIONAL,
///     issuerUID    [7] UniqueIdentifier      OPTIONAL,
///     subjectUID   [8] UniqueIdentifier      OPTIONAL,
///     extensions   [9] Extensions            OPTIONAL }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Sequence)]
pub struct CertTemplate {
    /// The certificate version (2 for v3), usually absent.
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub version: Option<u8>,
    /// The serial number: in a revocation request, of the certificate to revoke.
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    pub serial_number: Option<Int>,
    /// The signature algorithm the requester would like.
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT", optional = "true")]
    pub signing_alg: Option<AlgorithmIdentifierOwned>,
    /// The issuer: in a revocation request, of the certificate to revoke.
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    pub issuer: Option<Name>,
    /// The validity the requester would like.
    #[asn1(context_specific = "4", tag_mode = "IMPLICIT", optional = "true")]
    pub validity: Option<OptionalValidity>,
    /// The subject the requester would like; a Korean CA takes it from the application.
    #[asn1(context_specific = "5", tag_mode = "EXPLICIT", optional = "true")]
    pub subject: Option<Name>,
    /// The public key to certify.
    #[asn1(context_specific = "6", tag_mode = "IMPLICIT", optional = "true")]
    pub public_key: Option<SubjectPublicKeyInfoOwned>,
    /// Issuer unique identifier (obsolete).
    #[asn1(context_specific = "7", tag_mode = "IMPLICIT", optional = "true")]
    pub issuer_uid: Option<BitString>,
    /// Subject unique identifier (obsolete).
    #[asn1(context_specific = "8", tag_mode = "IMPLICIT", optional = "true")]
    pub subject_uid: Option<BitString>,
    /// Extensions the requester would like.
    #[asn1(context_specific = "9", tag_mode = "IMPLICIT", optional = "true")]
    pub extensions: Option<Extensions>,
}

/// `OptionalValidity` (RFC 4211 §5).
///
/// ```text
/// OptionalValidity ::= SEQUENCE {
///     notBefore  [0] Time OPTIONAL,
///     notAfter   [1] Time OPTIONAL } -- at least one MUST be present
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct OptionalValidity {
    /// Start of validity.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub not_before: Option<Time>,
    /// End of validity.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub not_after: Option<Time>,
}

/// `ProofOfPossession` (RFC 4211 §4).
///
/// ```text
/// ProofOfPossession ::= CHOICE {
///     raVerified        [0] NULL,
///     signature         [1] POPOSigningKey,
///     keyEncipherment   [2] POPOPrivKey,
///     keyAgreement      [3] POPOPrivKey }
/// ```
/// Dojang's profile uses `signature`; the others are kept as they came.
// One per request, so the size of the signature variant does not matter; boxing it
// would take hand-written DER impls.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Choice)]
pub enum ProofOfPossession {
    /// The RA verified possession.
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    RaVerified(Null),
    /// A signature with the key to be certified.
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true")]
    Signature(PopoSigningKey),
    /// For encryption keys (POPOPrivKey, a CHOICE, hence explicit).
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", constructed = "true")]
    KeyEncipherment(Any),
    /// For key-agreement keys.
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", constructed = "true")]
    KeyAgreement(Any),
}

/// `POPOSigningKey` (RFC 4211 §4.1).
///
/// ```text
/// POPOSigningKey ::= SEQUENCE {
///     poposkInput           [0] POPOSigningKeyInput OPTIONAL,
///     algorithmIdentifier   AlgorithmIdentifier,
///     signature             BIT STRING }
/// ```
/// Without `poposkInput` (the profile's case: the template has the key), the signature
/// is over `DER(certReq)`.
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct PopoSigningKey {
    /// What was signed instead of the request, when the template lacks subject or key.
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    pub poposk_input: Option<PopoSigningKeyInput>,
    /// The signature algorithm.
    pub algorithm_identifier: AlgorithmIdentifierOwned,
    /// The signature.
    pub signature: BitString,
}

/// `POPOSigningKeyInput` (RFC 4211 §4.1).
///
/// ```text
/// POPOSigningKeyInput ::= SEQUENCE {
///     authInfo            CHOICE {
///         sender              [0] GeneralName,
///         publicKeyMAC        PKMACValue },
///     publicKey           SubjectPublicKeyInfo }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct PopoSigningKeyInput {
    /// The sender name or a MAC over the key (kept as it came).
    pub auth_info: Any,
    /// The key.
    pub public_key: SubjectPublicKeyInfoOwned,
}

/// `CertId` (RFC 4211 §6.5): a certificate named by issuer and serial.
///
/// ```text
/// CertId ::= SEQUENCE {
///     issuer           GeneralName,
///     serialNumber     INTEGER }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct CertId {
    /// The issuer, a directoryName.
    pub issuer: GeneralName,
    /// The serial number.
    pub serial_number: Int,
}
