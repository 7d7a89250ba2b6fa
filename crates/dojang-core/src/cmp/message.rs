//! The CMP message itself (RFC 4210 §5.1, updated by RFC 9480) and the bodies Dojang's
//! profile uses. The PKIXCMP module uses EXPLICIT tags throughout.

use der::asn1::{Any, BitString, GeneralizedTime, Null, ObjectIdentifier, OctetString};
use der::{
    Decode, DecodeValue, Encode, EncodeValue, FixedTag, Header, Length, Reader, Sequence, Tag,
    TagNumber, Tagged, Writer,
};
use x509_cert::ext::Extensions;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::spki::AlgorithmIdentifierOwned;

use super::crmf::{CertId, CertReqMessages, CertTemplate};
use super::encoded::Encoded;
use super::status::{ErrorMsgContent, PkiFreeText, PkiStatusInfo};

/// `PKIMessage` (RFC 4210 §5.1).
///
/// ```text
/// PKIMessage ::= SEQUENCE {
///     header           PKIHeader,
///     body             PKIBody,
///     protection   [0] PKIProtection OPTIONAL,
///     extraCerts   [1] SEQUENCE SIZE (1..MAX) OF CMPCertificate OPTIONAL }
/// PKIProtection ::= BIT STRING
/// ```
/// Header and body keep the bytes they came in: protection is computed over them.
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct PkiMessage {
    /// Addressing, transaction and protection parameters.
    pub header: Encoded<PkiHeader>,
    /// The request or response.
    pub body: Encoded<PkiBody>,
    /// The MAC or signature over `ProtectedPart`.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub protection: Option<BitString>,
    /// Certificates for the recipient: the signer's chain, or the CA chain of an issued
    /// certificate.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub extra_certs: Option<Vec<CmpCertificate>>,
}

impl PkiMessage {
    /// An unprotected message of `header` and `body` (protect it with
    /// [`super::protection`] before sending, unless it is an error that cannot be).
    pub fn new(header: PkiHeader, body: PkiBody) -> der::Result<Self> {
        Ok(PkiMessage {
            header: Encoded::new(header)?,
            body: Encoded::new(body)?,
            protection: None,
            extra_certs: None,
        })
    }

    /// `DER(ProtectedPart)`, what the protection covers (RFC 4210 §5.1.3):
    ///
    /// ```text
    /// ProtectedPart ::= SEQUENCE {
    ///     header    PKIHeader,
    ///     body      PKIBody }
    /// ```
    pub fn protected_part(&self) -> der::Result<Vec<u8>> {
        let content = [self.header.der(), self.body.der()].concat();
        let mut out = Header::new(Tag::Sequence, Length::try_from(content.len())?)?.to_der()?;
        out.extend_from_slice(&content);
        Ok(out)
    }
}

/// `PKIHeader` (RFC 4210 §5.1.1; pvno 3 from RFC 9480).
///
/// ```text
/// PKIHeader ::= SEQUENCE {
///     pvno                INTEGER     { cmp1999(1), cmp2000(2), cmp2021(3) },
///     sender              GeneralName,
///     recipient           GeneralName,
///     messageTime     [0] GeneralizedTime         OPTIONAL,
///     protectionAlg   [1] AlgorithmIdentifier     OPTIONAL,
///     senderKID       [2] KeyIdentifier           OPTIONAL,
///     recipKID        [3] KeyIdentifier           OPTIONAL,
///     transactionID   [4] OCTET STRING            OPTIONAL,
///     senderNonce     [5] OCTET STRING            OPTIONAL,
///     recipNonce      [6] OCTET STRING            OPTIONAL,
///     freeText        [7] PKIFreeText             OPTIONAL,
///     generalInfo     [8] SEQUENCE SIZE (1..MAX) OF InfoTypeAndValue OPTIONAL }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct PkiHeader {
    /// 2 (cmp2000) normally; 3 (cmp2021) when a message needs RFC 9480's additions.
    pub pvno: u8,
    /// Who sends: a directoryName, NULL-DN when unknown.
    pub sender: GeneralName,
    /// Who should receive: a directoryName, NULL-DN when unknown.
    pub recipient: GeneralName,
    /// When the message was made.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub message_time: Option<GeneralizedTime>,
    /// The protection algorithm: PasswordBasedMac or a signature algorithm.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub protection_alg: Option<AlgorithmIdentifierOwned>,
    /// Names the sender's key: for a MAC, the reference of the shared secret.
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    pub sender_kid: Option<OctetString>,
    /// Names the recipient's key.
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    pub recip_kid: Option<OctetString>,
    /// The same in every message of one transaction; chosen by the client.
    #[asn1(context_specific = "4", tag_mode = "EXPLICIT", optional = "true")]
    pub transaction_id: Option<OctetString>,
    /// Fresh random bytes from the sender, echoed as the next message's recipNonce.
    #[asn1(context_specific = "5", tag_mode = "EXPLICIT", optional = "true")]
    pub sender_nonce: Option<OctetString>,
    /// The senderNonce of the message this one answers.
    #[asn1(context_specific = "6", tag_mode = "EXPLICIT", optional = "true")]
    pub recip_nonce: Option<OctetString>,
    /// Text for a person.
    #[asn1(context_specific = "7", tag_mode = "EXPLICIT", optional = "true")]
    pub free_text: Option<PkiFreeText>,
    /// Further information such as implicitConfirm (which Dojang's profile does not use).
    #[asn1(context_specific = "8", tag_mode = "EXPLICIT", optional = "true")]
    pub general_info: Option<Vec<InfoTypeAndValue>>,
}

impl PkiHeader {
    /// The transactionID's bytes, if present.
    pub fn transaction_id(&self) -> Option<&[u8]> {
        self.transaction_id.as_ref().map(OctetString::as_bytes)
    }

    /// The senderNonce's bytes, if present.
    pub fn sender_nonce(&self) -> Option<&[u8]> {
        self.sender_nonce.as_ref().map(OctetString::as_bytes)
    }

    /// The recipNonce's bytes, if present.
    pub fn recip_nonce(&self) -> Option<&[u8]> {
        self.recip_nonce.as_ref().map(OctetString::as_bytes)
    }

    /// The senderKID's bytes, if present.
    pub fn sender_kid(&self) -> Option<&[u8]> {
        self.sender_kid.as_ref().map(OctetString::as_bytes)
    }

    /// Whether generalInfo asks for implicit confirmation (RFC 4210 §5.1.1.1).
    pub fn implicit_confirm(&self) -> bool {
        self.general_info
            .iter()
            .flatten()
            .any(|info| info.info_type == IMPLICIT_CONFIRM_OID)
    }
}

/// id-it-implicitConfirm (RFC 4210 §5.1.1.1).
pub const IMPLICIT_CONFIRM_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.4.13");

/// `InfoTypeAndValue` (RFC 4210 §5.3.19).
///
/// ```text
/// InfoTypeAndValue ::= SEQUENCE {
///     infoType               OBJECT IDENTIFIER,
///     infoValue              ANY DEFINED BY infoType  OPTIONAL }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct InfoTypeAndValue {
    /// What kind of information.
    pub info_type: ObjectIdentifier,
    /// The information.
    #[asn1(optional = "true")]
    pub info_value: Option<Any>,
}

/// `CMPCertificate` (RFC 4210 §5.1): an X.509 certificate, kept as the exact DER it came
/// in (a certificate's signature covers its bytes, so they are never re-encoded).
///
/// ```text
/// CMPCertificate ::= CHOICE { x509v3PKCert Certificate }
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct CmpCertificate {
    der: Vec<u8>,
    header_len: usize,
}

impl CmpCertificate {
    /// Wraps a DER certificate (checked to be one SEQUENCE, not parsed further).
    pub fn from_der_bytes(der: &[u8]) -> der::Result<Self> {
        CmpCertificate::from_der(der)
    }

    /// The certificate's DER.
    pub fn der(&self) -> &[u8] {
        &self.der
    }
}

impl std::fmt::Debug for CmpCertificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CmpCertificate({} bytes)", self.der.len())
    }
}

impl FixedTag for CmpCertificate {
    const TAG: Tag = Tag::Sequence;
}

impl<'a> DecodeValue<'a> for CmpCertificate {
    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let mut der = header.to_der()?;
        let header_len = der.len();
        der.extend_from_slice(reader.read_slice(header.length)?);
        Ok(CmpCertificate { der, header_len })
    }
}

impl EncodeValue for CmpCertificate {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(self.der.len() - self.header_len)
    }
    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(&self.der[self.header_len..])
    }
}

/// `CertRepMessage` (RFC 4210 §5.3.4), the body of `ip`, `cp` and `kup`.
///
/// ```text
/// CertRepMessage ::= SEQUENCE {
///     caPubs       [1] SEQUENCE SIZE (1..MAX) OF CMPCertificate OPTIONAL,
///     response         SEQUENCE OF CertResponse }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct CertRepMessage {
    /// CA certificates the requester may trust (the root, in Dojang's CA).
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub ca_pubs: Option<Vec<CmpCertificate>>,
    /// One response per request.
    pub response: Vec<CertResponse>,
}

/// `CertResponse` (RFC 4210 §5.3.4).
///
/// ```text
/// CertResponse ::= SEQUENCE {
///     certReqId           INTEGER,
///     status              PKIStatusInfo,
///     certifiedKeyPair    CertifiedKeyPair    OPTIONAL,
///     rspInfo             OCTET STRING        OPTIONAL }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct CertResponse {
    /// The certReqId of the request answered.
    pub cert_req_id: i64,
    /// Granted or refused, and why.
    pub status: PkiStatusInfo,
    /// The certificate, when granted.
    #[asn1(optional = "true")]
    pub certified_key_pair: Option<CertifiedKeyPair>,
    /// Registration-authority information.
    #[asn1(optional = "true")]
    pub rsp_info: Option<OctetString>,
}

/// `CertifiedKeyPair` (RFC 4210 §5.3.4).
///
/// ```text
/// CertifiedKeyPair ::= SEQUENCE {
///     certOrEncCert       CertOrEncCert,
///     privateKey      [0] EncryptedKey        OPTIONAL,
///     publicationInfo [1] PKIPublicationInfo  OPTIONAL }
/// CertOrEncCert ::= CHOICE {
///     certificate     [0] CMPCertificate,
///     encryptedCert   [1] EncryptedKey }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct CertifiedKeyPair {
    /// The certificate (Dojang's CA never encrypts it).
    pub cert_or_enc_cert: CertOrEncCert,
    /// A CA-generated private key (not used by Dojang).
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub private_key: Option<Any>,
    /// Where the certificate is published.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub publication_info: Option<Any>,
}

/// `CertOrEncCert` (RFC 4210 §5.3.4).
#[derive(Clone, Debug, PartialEq, Eq, der::Choice)]
pub enum CertOrEncCert {
    /// The certificate in the clear.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", constructed = "true")]
    Certificate(CmpCertificate),
    /// An encrypted certificate (kept as it came).
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", constructed = "true")]
    EncryptedCert(Any),
}

/// `CertConfirmContent` (RFC 4210 §5.3.18): `SEQUENCE OF CertStatus`.
pub type CertConfirmContent = Vec<CertStatus>;

/// `CertStatus` (RFC 4210 §5.3.18; `hashAlg` from RFC 9480 §2.10).
///
/// ```text
/// CertStatus ::= SEQUENCE {
///     certHash    OCTET STRING,
///     certReqId   INTEGER,
///     statusInfo  PKIStatusInfo OPTIONAL,
///     hashAlg [0] AlgorithmIdentifier{DIGEST-ALGORITHM, {...}} OPTIONAL }
/// ```
/// Without `hashAlg`, certHash uses the hash of the certificate's signature algorithm:
/// SHA-256 for a sha256WithRSAEncryption or ecdsa-with-SHA256 certificate.
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct CertStatus {
    /// The hash of the certificate being confirmed.
    pub cert_hash: OctetString,
    /// Which request's certificate.
    pub cert_req_id: i64,
    /// Accepted when absent; a rejection says the client will not use the certificate.
    #[asn1(optional = "true")]
    pub status_info: Option<PkiStatusInfo>,
    /// The hash algorithm of certHash (pvno 3 only).
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub hash_alg: Option<AlgorithmIdentifierOwned>,
}

/// `RevReqContent` (RFC 4210 §5.3.9): `SEQUENCE OF RevDetails`.
pub type RevReqContent = Vec<RevDetails>;

/// `RevDetails` (RFC 4210 §5.3.9).
///
/// ```text
/// RevDetails ::= SEQUENCE {
///     certDetails         CertTemplate,
///     crlEntryDetails     Extensions{{...}}    OPTIONAL }
/// ```
/// The reason is a `reasonCode` CRL entry extension (2.5.29.21) in crlEntryDetails.
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct RevDetails {
    /// Names the certificate: issuer and serialNumber.
    pub cert_details: CertTemplate,
    /// The reason and other CRL entry extensions.
    #[asn1(optional = "true")]
    pub crl_entry_details: Option<Extensions>,
}

/// `RevRepContent` (RFC 4210 §5.3.10).
///
/// ```text
/// RevRepContent ::= SEQUENCE {
///     status       SEQUENCE SIZE (1..MAX) OF PKIStatusInfo,
///     revCerts [0] SEQUENCE SIZE (1..MAX) OF CertId OPTIONAL,
///     crls     [1] SEQUENCE SIZE (1..MAX) OF CertificateList OPTIONAL }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct RevRepContent {
    /// One status per RevDetails.
    pub status: Vec<PkiStatusInfo>,
    /// The certificates revoked.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub rev_certs: Option<Vec<CertId>>,
    /// CRLs.
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    pub crls: Option<Vec<Any>>,
}

/// `GenMsgContent`/`GenRepContent` (RFC 4210 §5.3.19–20): `SEQUENCE OF InfoTypeAndValue`.
pub type GenMsgContent = Vec<InfoTypeAndValue>;

/// `PKIBody` (RFC 4210 §5.1.2): a CHOICE of 27 message types, each an EXPLICIT
/// context tag.
///
/// ```text
/// PKIBody ::= CHOICE {
///     ir       [0]  CertReqMessages,      ip       [1]  CertRepMessage,
///     cr       [2]  CertReqMessages,      cp       [3]  CertRepMessage,
///     p10cr    [4]  CertificationRequest, popdecc  [5]  POPODecKeyChallContent,
///     popdecr  [6]  POPODecKeyRespContent,kur      [7]  CertReqMessages,
///     kup      [8]  CertRepMessage,       krr      [9]  CertReqMessages,
///     krp      [10] KeyRecRepContent,     rr       [11] RevReqContent,
///     rp       [12] RevRepContent,        ccr      [13] CertReqMessages,
///     ccp      [14] CertRepMessage,       ckuann   [15] CAKeyUpdAnnContent,
///     cann     [16] CertAnnContent,       rann     [17] RevAnnContent,
///     crlann   [18] CRLAnnContent,        pkiconf  [19] PKIConfirmContent,
///     nested   [20] NestedMessageContent, genm     [21] GenMsgContent,
///     genp     [22] GenRepContent,        error    [23] ErrorMsgContent,
///     certConf [24] CertConfirmContent,   pollReq  [25] PollReqContent,
///     pollRep  [26] PollRepContent }
/// PKIConfirmContent ::= NULL
/// ```
/// The types Dojang's profile uses are decoded; any other keeps its tag number and
/// content, so that a server can answer "not supported" with the transaction's IDs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PkiBody {
    /// Initialization request.
    Ir(CertReqMessages),
    /// Initialization response.
    Ip(CertRepMessage),
    /// Certification request.
    Cr(CertReqMessages),
    /// Certification response.
    Cp(CertRepMessage),
    /// Key update request (renewal).
    Kur(CertReqMessages),
    /// Key update response.
    Kup(CertRepMessage),
    /// Revocation request.
    Rr(RevReqContent),
    /// Revocation response.
    Rp(RevRepContent),
    /// Confirmation (NULL).
    PkiConf,
    /// General message.
    Genm(GenMsgContent),
    /// General response.
    Genp(GenMsgContent),
    /// Error message.
    Error(ErrorMsgContent),
    /// Certificate confirmation.
    CertConf(CertConfirmContent),
    /// A body type this module does not decode: its tag number and its content.
    Other {
        /// The context tag number (0..=26 for the types RFC 4210 defines).
        tag: u8,
        /// The content inside the explicit tag, as it came.
        content: Any,
    },
}

/// The names RFC 4210 gives the body types, by tag number.
const BODY_NAMES: [&str; 27] = [
    "ir", "ip", "cr", "cp", "p10cr", "popdecc", "popdecr", "kur", "kup", "krr", "krp", "rr", "rp",
    "ccr", "ccp", "ckuann", "cann", "rann", "crlann", "pkiconf", "nested", "genm", "genp", "error",
    "certConf", "pollReq", "pollRep",
];

impl PkiBody {
    /// The context tag number of this body type.
    pub fn tag_number(&self) -> u8 {
        match self {
            PkiBody::Ir(_) => 0,
            PkiBody::Ip(_) => 1,
            PkiBody::Cr(_) => 2,
            PkiBody::Cp(_) => 3,
            PkiBody::Kur(_) => 7,
            PkiBody::Kup(_) => 8,
            PkiBody::Rr(_) => 11,
            PkiBody::Rp(_) => 12,
            PkiBody::PkiConf => 19,
            PkiBody::Genm(_) => 21,
            PkiBody::Genp(_) => 22,
            PkiBody::Error(_) => 23,
            PkiBody::CertConf(_) => 24,
            PkiBody::Other { tag, .. } => *tag,
        }
    }

    /// The RFC's name of the body type (`ir`, `certConf`, …), for logs and errors.
    pub fn name(&self) -> &'static str {
        BODY_NAMES
            .get(usize::from(self.tag_number()))
            .copied()
            .unwrap_or("unknown")
    }

    fn content_der(&self) -> der::Result<Vec<u8>> {
        match self {
            PkiBody::Ir(v) | PkiBody::Cr(v) | PkiBody::Kur(v) => v.to_der(),
            PkiBody::Ip(v) | PkiBody::Cp(v) | PkiBody::Kup(v) => v.to_der(),
            PkiBody::Rr(v) => v.to_der(),
            PkiBody::Rp(v) => v.to_der(),
            PkiBody::PkiConf => Null.to_der(),
            PkiBody::Genm(v) | PkiBody::Genp(v) => v.to_der(),
            PkiBody::Error(v) => v.to_der(),
            PkiBody::CertConf(v) => v.to_der(),
            PkiBody::Other { content, .. } => content.to_der(),
        }
    }

    fn to_tlv(&self) -> der::Result<Vec<u8>> {
        let content = self.content_der()?;
        let tag = Tag::ContextSpecific {
            constructed: true,
            number: TagNumber::new(self.tag_number()),
        };
        let mut out = Header::new(tag, Length::try_from(content.len())?)?.to_der()?;
        out.extend_from_slice(&content);
        Ok(out)
    }
}

impl<'a> Decode<'a> for PkiBody {
    fn decode<R: Reader<'a>>(reader: &mut R) -> der::Result<Self> {
        let outer = Any::decode(reader)?;
        let (constructed, number) = match outer.tag() {
            Tag::ContextSpecific {
                constructed,
                number,
            } => (constructed, number.value()),
            other => return Err(other.unexpected_error(None)),
        };
        if !constructed || number > 30 {
            return Err(outer.tag().unexpected_error(None));
        }
        let inner = outer.value();
        Ok(match number {
            0 => PkiBody::Ir(Decode::from_der(inner)?),
            1 => PkiBody::Ip(Decode::from_der(inner)?),
            2 => PkiBody::Cr(Decode::from_der(inner)?),
            3 => PkiBody::Cp(Decode::from_der(inner)?),
            7 => PkiBody::Kur(Decode::from_der(inner)?),
            8 => PkiBody::Kup(Decode::from_der(inner)?),
            11 => PkiBody::Rr(Decode::from_der(inner)?),
            12 => PkiBody::Rp(Decode::from_der(inner)?),
            19 => {
                Null::from_der(inner)?;
                PkiBody::PkiConf
            }
            21 => PkiBody::Genm(Decode::from_der(inner)?),
            22 => PkiBody::Genp(Decode::from_der(inner)?),
            23 => PkiBody::Error(Decode::from_der(inner)?),
            24 => PkiBody::CertConf(Decode::from_der(inner)?),
            tag => PkiBody::Other {
                tag,
                content: Any::from_der(inner)?,
            },
        })
    }
}

impl Encode for PkiBody {
    fn encoded_len(&self) -> der::Result<Length> {
        Length::try_from(self.to_tlv()?.len())
    }
    fn encode(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(&self.to_tlv()?)
    }
}

/// `CertReqMessages` helpers shared by `ir`, `cr` and `kur`.
impl PkiBody {
    /// The certificate requests of an `ir`, `cr` or `kur`.
    pub fn cert_requests(&self) -> Option<&CertReqMessages> {
        match self {
            PkiBody::Ir(v) | PkiBody::Cr(v) | PkiBody::Kur(v) => Some(v),
            _ => None,
        }
    }

    /// The certificate response of an `ip`, `cp` or `kup`.
    pub fn cert_response(&self) -> Option<&CertRepMessage> {
        match self {
            PkiBody::Ip(v) | PkiBody::Cp(v) | PkiBody::Kup(v) => Some(v),
            _ => None,
        }
    }
}

/// A template naming one certificate by issuer and serial, as `rr` sends it.
pub fn revocation_template(issuer: x509_cert::name::Name, serial: der::asn1::Int) -> CertTemplate {
    CertTemplate {
        issuer: Some(issuer),
        serial_number: Some(serial),
        ..CertTemplate::default()
    }
}
