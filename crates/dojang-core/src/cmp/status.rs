//! What a CA says about a request: `PKIStatusInfo` with its `PKIFailureInfo` bits
//! (RFC 4210 §5.2.3), `ErrorMsgContent` (§5.3.21), and the reason codes of Dojang's CMP
//! profile that ride in the first `statusString`.

use der::asn1::BitString;
use der::{DecodeValue, EncodeValue, FixedTag, Header, Length, Reader, Sequence, Tag, Writer};

/// `PKIStatus` (RFC 4210 §5.2.3), an INTEGER.
///
/// ```text
/// PKIStatus ::= INTEGER {
///     accepted                (0),
///     grantedWithMods        (1),
///     rejection              (2),
///     waiting                (3),
///     revocationWarning      (4),
///     revocationNotification (5),
///     keyUpdateWarning       (6) }
/// ```
/// Kept as its number so that a value from a newer peer still decodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PkiStatus(pub u8);

impl PkiStatus {
    /// `accepted (0)`: you got exactly what you asked for.
    pub const ACCEPTED: PkiStatus = PkiStatus(0);
    /// `grantedWithMods (1)`: you got something like what you asked for.
    pub const GRANTED_WITH_MODS: PkiStatus = PkiStatus(1);
    /// `rejection (2)`: you don't get it; failInfo says why.
    pub const REJECTION: PkiStatus = PkiStatus(2);
    /// `waiting (3)`: the request body part has not yet been processed.
    pub const WAITING: PkiStatus = PkiStatus(3);

    /// Whether a certificate was granted (accepted or grantedWithMods).
    pub fn is_granted(self) -> bool {
        self == PkiStatus::ACCEPTED || self == PkiStatus::GRANTED_WITH_MODS
    }

    /// The ASN.1 name of the status, for logs and error details.
    pub fn name(self) -> &'static str {
        match self.0 {
            0 => "accepted",
            1 => "grantedWithMods",
            2 => "rejection",
            3 => "waiting",
            4 => "revocationWarning",
            5 => "revocationNotification",
            6 => "keyUpdateWarning",
            _ => "unknown",
        }
    }
}

impl FixedTag for PkiStatus {
    const TAG: Tag = Tag::Integer;
}

impl<'a> DecodeValue<'a> for PkiStatus {
    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        u8::decode_value(reader, header).map(PkiStatus)
    }
}

impl EncodeValue for PkiStatus {
    fn value_len(&self) -> der::Result<Length> {
        self.0.value_len()
    }
    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        self.0.encode_value(writer)
    }
}

/// Declares [`FailureBit`] from one table: variant, bit number, ASN.1 name, meaning.
macro_rules! failure_bits {
    ($(($variant:ident, $number:literal, $name:literal, $doc:literal),)*) => {
        /// One bit of `PKIFailureInfo` (RFC 4210 §5.2.3, with RFC 9480's names).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u8)]
        pub enum FailureBit {
            $(#[doc = $doc] $variant = $number,)*
        }

        impl FailureBit {
            /// Every bit RFC 4210/9480 names, in bit order.
            pub const ALL: [FailureBit; 27] = [$(FailureBit::$variant,)*];

            /// The bit's number in the BIT STRING (0 is the first, most significant bit).
            pub fn number(self) -> u8 {
                self as u8
            }

            /// The ASN.1 name, as OpenSSL prints it (`badMessageCheck`, `duplicateCertReq`, …).
            pub fn name(self) -> &'static str {
                match self {
                    $(FailureBit::$variant => $name,)*
                }
            }
        }
    };
}

failure_bits! {
    (BadAlg, 0, "badAlg", "Unrecognized or unsupported algorithm identifier."),
    (BadMessageCheck, 1, "badMessageCheck", "Integrity check failed (e.g., signature did not verify)."),
    (BadRequest, 2, "badRequest", "Transaction not permitted or supported."),
    (BadTime, 3, "badTime", "messageTime was not sufficiently close to the system time."),
    (BadCertId, 4, "badCertId", "No certificate could be found matching the provided criteria."),
    (BadDataFormat, 5, "badDataFormat", "The data submitted has the wrong format."),
    (WrongAuthority, 6, "wrongAuthority", "The authority indicated in the request is different from this one."),
    (IncorrectData, 7, "incorrectData", "The requester's data is incorrect (for notary services)."),
    (MissingTimeStamp, 8, "missingTimeStamp", "Timestamp is missing but should be there (by policy)."),
    (BadPop, 9, "badPOP", "The proof-of-possession failed."),
    (CertRevoked, 10, "certRevoked", "The certificate has already been revoked."),
    (CertConfirmed, 11, "certConfirmed", "The certificate has already been confirmed."),
    (WrongIntegrity, 12, "wrongIntegrity", "Invalid integrity, password-based instead of signature or vice versa."),
    (BadRecipientNonce, 13, "badRecipientNonce", "Invalid recipient nonce, either missing or wrong value."),
    (TimeNotAvailable, 14, "timeNotAvailable", "The TSA's time source is not available."),
    (UnacceptedPolicy, 15, "unacceptedPolicy", "The requested TSA policy is not supported."),
    (UnacceptedExtension, 16, "unacceptedExtension", "The requested extension is not supported."),
    (AddInfoNotAvailable, 17, "addInfoNotAvailable", "The additional information requested could not be understood or is not available."),
    (BadSenderNonce, 18, "badSenderNonce", "Invalid sender nonce, either missing or wrong size."),
    (BadCertTemplate, 19, "badCertTemplate", "Invalid cert. template or missing mandatory information."),
    (SignerNotTrusted, 20, "signerNotTrusted", "Signer of the message unknown or not trusted."),
    (TransactionIdInUse, 21, "transactionIdInUse", "The transaction identifier is already in use."),
    (UnsupportedVersion, 22, "unsupportedVersion", "The version of the message is not supported."),
    (NotAuthorized, 23, "notAuthorized", "The sender was not authorized to make the preceding request."),
    (SystemUnavail, 24, "systemUnavail", "The request cannot be handled due to system unavailability."),
    (SystemFailure, 25, "systemFailure", "The request cannot be handled due to system failure."),
    (DuplicateCertReq, 26, "duplicateCertReq", "The certificate cannot be issued because a duplicate certificate already exists."),
}

/// `PKIFailureInfo` (RFC 4210 §5.2.3): a named-bit BIT STRING of up to 27 defined bits.
///
/// ```text
/// PKIFailureInfo ::= BIT STRING {
///     badAlg (0), badMessageCheck (1), badRequest (2), badTime (3), badCertId (4),
///     badDataFormat (5), wrongAuthority (6), incorrectData (7), missingTimeStamp (8),
///     badPOP (9), certRevoked (10), certConfirmed (11), wrongIntegrity (12),
///     badRecipientNonce (13), timeNotAvailable (14), unacceptedPolicy (15),
///     unacceptedExtension (16), addInfoNotAvailable (17), badSenderNonce (18),
///     badCertTemplate (19), signerNotTrusted (20), transactionIdInUse (21),
///     unsupportedVersion (22), notAuthorized (23), systemUnavail (24),
///     systemFailure (25), duplicateCertReq (26) }
/// ```
///
/// Bit *n* is the *n*-th bit from the start of the string: the most significant bit of
/// the first byte is bit 0. DER (X.690 §11.2.2) drops trailing zero bits of a named-bit
/// list, so bit 26 alone takes four bytes with 5 unused bits. Held as a mask with bit *n*
/// at `1 << n`; bits 27–31, which no RFC names yet, are kept too, so every value a peer
/// sends round-trips.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PkiFailureInfo(u32);

impl PkiFailureInfo {
    /// No bit set.
    pub const NONE: PkiFailureInfo = PkiFailureInfo(0);

    /// The info with exactly these bits set.
    pub fn of(bits: &[FailureBit]) -> Self {
        PkiFailureInfo(bits.iter().fold(0, |acc, b| acc | 1 << b.number()))
    }

    /// The raw mask (bit *n* at `1 << n`).
    pub fn mask(self) -> u32 {
        self.0
    }

    /// The info with the bits of a raw mask.
    pub fn from_mask(mask: u32) -> Self {
        PkiFailureInfo(mask)
    }

    /// Whether `bit` is set.
    pub fn contains(self, bit: FailureBit) -> bool {
        self.0 & (1 << bit.number()) != 0
    }

    /// The named bits that are set, in bit order.
    pub fn bits(self) -> Vec<FailureBit> {
        FailureBit::ALL
            .into_iter()
            .filter(|b| self.contains(*b))
            .collect()
    }

    /// Whether no bit is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    fn to_bit_string(self) -> der::Result<BitString> {
        if self.0 == 0 {
            return BitString::new(0, Vec::new());
        }
        let highest = 31 - self.0.leading_zeros();
        let len = highest / 8 + 1;
        let mut bytes = vec![0u8; len as usize];
        for n in 0..=highest {
            if self.0 & (1 << n) != 0 {
                bytes[(n / 8) as usize] |= 0x80 >> (n % 8);
            }
        }
        BitString::new((7 - highest % 8) as u8, bytes)
    }

    fn from_bit_string(bits: &BitString) -> der::Result<Self> {
        let mut mask = 0u32;
        for (n, bit) in bits.bits().enumerate() {
            if bit {
                if n >= 32 {
                    return Err(Tag::BitString.value_error());
                }
                mask |= 1 << n;
            }
        }
        Ok(PkiFailureInfo(mask))
    }
}

impl std::fmt::Display for PkiFailureInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.bits().into_iter().map(FailureBit::name).collect();
        f.write_str(&names.join(", "))
    }
}

impl FixedTag for PkiFailureInfo {
    const TAG: Tag = Tag::BitString;
}

impl<'a> DecodeValue<'a> for PkiFailureInfo {
    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        PkiFailureInfo::from_bit_string(&BitString::decode_value(reader, header)?)
    }
}

impl EncodeValue for PkiFailureInfo {
    fn value_len(&self) -> der::Result<Length> {
        self.to_bit_string()?.value_len()
    }
    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        self.to_bit_string()?.encode_value(writer)
    }
}

/// `PKIFreeText` (RFC 4210 §5.1.1): `SEQUENCE SIZE (1..MAX) OF UTF8String`.
pub type PkiFreeText = Vec<String>;

/// `PKIStatusInfo` (RFC 4210 §5.2.3).
///
/// ```text
/// PKIStatusInfo ::= SEQUENCE {
///     status        PKIStatus,
///     statusString  PKIFreeText     OPTIONAL,
///     failInfo      PKIFailureInfo  OPTIONAL }
/// ```
/// In Dojang's profile the first statusString of a refusal is one [`ReasonCode`].
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct PkiStatusInfo {
    /// What happened.
    pub status: PkiStatus,
    /// Human-readable text; Dojang's CA puts a reason code first.
    #[asn1(optional = "true")]
    pub status_string: Option<PkiFreeText>,
    /// Why it was refused.
    #[asn1(optional = "true")]
    pub fail_info: Option<PkiFailureInfo>,
}

impl PkiStatusInfo {
    /// `accepted`, with nothing more said.
    pub fn accepted() -> Self {
        PkiStatusInfo {
            status: PkiStatus::ACCEPTED,
            status_string: None,
            fail_info: None,
        }
    }

    /// A refusal in the profile's form: status rejection, the reason's failInfo bit, and
    /// the reason code as the first statusString, followed by `detail` if there is one.
    pub fn refusal(reason: ReasonCode, detail: Option<&str>) -> Self {
        let mut text = vec![reason.code().to_owned()];
        text.extend(detail.map(str::to_owned));
        PkiStatusInfo {
            status: PkiStatus::REJECTION,
            status_string: Some(text),
            fail_info: Some(PkiFailureInfo::of(&[reason.fail_bit()])),
        }
    }

    /// The failInfo, or no bits when absent.
    pub fn fail_info(&self) -> PkiFailureInfo {
        self.fail_info.unwrap_or_default()
    }

    /// The profile's reason: the first statusString when it is a known reason code,
    /// else the one the failInfo bits imply, if any does unambiguously.
    pub fn reason(&self) -> Option<ReasonCode> {
        self.status_string
            .as_ref()
            .and_then(|texts| texts.first())
            .and_then(|first| ReasonCode::parse(first))
            .or_else(|| ReasonCode::from_fail_info(self.fail_info()))
    }

    /// The status, failInfo and texts in one line, as the CA said them (for logs and an
    /// error report a person copies).
    pub fn describe(&self) -> String {
        let mut out = self.status.name().to_owned();
        if !self.fail_info().is_empty() {
            out.push_str(&format!("; failInfo: {}", self.fail_info()));
        }
        if let Some(texts) = &self.status_string {
            out.push_str(&format!("; {}", texts.join("; ")));
        }
        out
    }
}

/// `ErrorMsgContent` (RFC 4210 §5.3.21), the body of an `error` message.
///
/// ```text
/// ErrorMsgContent ::= SEQUENCE {
///     pKIStatusInfo          PKIStatusInfo,
///     errorCode              INTEGER           OPTIONAL,
///     errorDetails           PKIFreeText       OPTIONAL }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct ErrorMsgContent {
    /// The status (always a rejection in practice) and why.
    pub pki_status_info: PkiStatusInfo,
    /// An implementation-specific error code.
    #[asn1(optional = "true")]
    pub error_code: Option<i64>,
    /// Implementation-specific details.
    #[asn1(optional = "true")]
    pub error_details: Option<PkiFreeText>,
}

/// The reason codes of Dojang's CMP profile (docs/cmp-profile.md, "Refusals"): the first
/// statusString of every refusal is one of these, and its failInfo says the same kind of
/// thing in standard terms. The app maps each to a plain message and a next step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReasonCode {
    /// Unknown reference or application number, wrong code or wrong ID number — never
    /// saying which (failInfo badMessageCheck).
    WrongCode,
    /// A certificate was already issued for this application, or its issuance is under
    /// way in another transaction (failInfo duplicateCertReq).
    AlreadyIssued,
    /// Not issued within 30 days of applying (failInfo notAuthorized).
    ApplicationExpired,
    /// 5 wrong tries on one application: it is locked (failInfo notAuthorized).
    TooManyAttempts,
    /// Renewal asked outside its window, the 30 days before expiry; also after expiry,
    /// when the window has closed (failInfo notAuthorized).
    RenewalNotDue,
    /// Renewal or revocation of a revoked certificate (failInfo certRevoked).
    CertificateRevoked,
    /// A malformed request (failInfo badRequest, badCertTemplate or badPOP).
    BadRequest,
    /// CA trouble (failInfo systemUnavail or systemFailure).
    Unavailable,
}

impl ReasonCode {
    /// Every reason code of the profile.
    pub const ALL: [ReasonCode; 8] = [
        ReasonCode::WrongCode,
        ReasonCode::AlreadyIssued,
        ReasonCode::ApplicationExpired,
        ReasonCode::TooManyAttempts,
        ReasonCode::RenewalNotDue,
        ReasonCode::CertificateRevoked,
        ReasonCode::BadRequest,
        ReasonCode::Unavailable,
    ];

    /// The stable code as it travels in statusString, e.g. `wrong-code`.
    pub fn code(self) -> &'static str {
        match self {
            ReasonCode::WrongCode => "wrong-code",
            ReasonCode::AlreadyIssued => "already-issued",
            ReasonCode::ApplicationExpired => "application-expired",
            ReasonCode::TooManyAttempts => "too-many-attempts",
            ReasonCode::RenewalNotDue => "renewal-not-due",
            ReasonCode::CertificateRevoked => "certificate-revoked",
            ReasonCode::BadRequest => "bad-request",
            ReasonCode::Unavailable => "unavailable",
        }
    }

    /// The reason a statusString names, if it is exactly one of the codes.
    pub fn parse(text: &str) -> Option<Self> {
        ReasonCode::ALL.into_iter().find(|r| r.code() == text)
    }

    /// The failInfo bit the CA sets with this reason.
    pub fn fail_bit(self) -> FailureBit {
        match self {
            ReasonCode::WrongCode => FailureBit::BadMessageCheck,
            ReasonCode::AlreadyIssued => FailureBit::DuplicateCertReq,
            ReasonCode::ApplicationExpired
            | ReasonCode::TooManyAttempts
            | ReasonCode::RenewalNotDue => FailureBit::NotAuthorized,
            ReasonCode::CertificateRevoked => FailureBit::CertRevoked,
            ReasonCode::BadRequest => FailureBit::BadRequest,
            ReasonCode::Unavailable => FailureBit::SystemUnavail,
        }
    }

    /// The reason failInfo bits imply when a CA sent no reason code. notAuthorized alone
    /// is ambiguous (expired, locked or not due) and gives `None`, as do no bits.
    pub fn from_fail_info(info: PkiFailureInfo) -> Option<Self> {
        use FailureBit as B;
        let table: [(FailureBit, ReasonCode); 8] = [
            (B::BadMessageCheck, ReasonCode::WrongCode),
            (B::DuplicateCertReq, ReasonCode::AlreadyIssued),
            (B::CertRevoked, ReasonCode::CertificateRevoked),
            (B::BadRequest, ReasonCode::BadRequest),
            (B::BadCertTemplate, ReasonCode::BadRequest),
            (B::BadPop, ReasonCode::BadRequest),
            (B::SystemUnavail, ReasonCode::Unavailable),
            (B::SystemFailure, ReasonCode::Unavailable),
        ];
        table
            .into_iter()
            .find(|(bit, _)| info.contains(*bit))
            .map(|(_, reason)| reason)
    }
}

impl std::fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::{Decode, Encode};

    #[test]
    fn every_failure_bit_round_trips_alone_and_together() {
        for bit in FailureBit::ALL {
            let info = PkiFailureInfo::of(&[bit]);
            let der = info.to_der().unwrap();
            // Minimal DER: as many bytes as the bit needs, trailing zero bits unused.
            assert_eq!(der[1] as usize, 1 + bit.number() as usize / 8 + 1);
            assert_eq!(der[2], 7 - bit.number() % 8);
            let back = PkiFailureInfo::from_der(&der).unwrap();
            assert_eq!(back, info);
            assert_eq!(back.bits(), vec![bit]);
        }
        let all = PkiFailureInfo::of(&FailureBit::ALL);
        assert_eq!(all.mask(), (1 << 27) - 1);
        assert_eq!(
            PkiFailureInfo::from_der(&all.to_der().unwrap()).unwrap(),
            all
        );
    }

    #[test]
    fn duplicate_cert_req_is_bit_26_as_openssl_writes_it() {
        // 03 05 05 00 00 00 20: four bytes, 5 unused bits, bit 26 set.
        let der = [0x03, 0x05, 0x05, 0x00, 0x00, 0x00, 0x20];
        let info = PkiFailureInfo::from_der(&der).unwrap();
        assert_eq!(info.bits(), vec![FailureBit::DuplicateCertReq]);
        assert_eq!(info.to_der().unwrap(), der);
    }

    #[test]
    fn reason_codes_map_to_fail_info_and_back() {
        for reason in ReasonCode::ALL {
            let info = PkiStatusInfo::refusal(reason, Some("more"));
            assert_eq!(info.reason(), Some(reason));
            assert!(info.fail_info().contains(reason.fail_bit()));
            let bare = PkiStatusInfo {
                status_string: None,
                ..info
            };
            let implied = bare.reason();
            if reason.fail_bit() == FailureBit::NotAuthorized {
                assert_eq!(implied, None);
            } else {
                assert_eq!(implied, Some(reason));
            }
        }
        assert_eq!(ReasonCode::parse("wrong-code"), Some(ReasonCode::WrongCode));
        assert_eq!(ReasonCode::parse("Wrong-Code"), None);
    }
}
