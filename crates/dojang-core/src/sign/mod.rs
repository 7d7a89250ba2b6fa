//! Signatures as relying parties read them: CMS `SignedData` (RFC 5652 §5).
//!
//! ```text
//! ContentInfo ::= SEQUENCE { contentType id-signedData, content [0] EXPLICIT SignedData }
//! SignedData ::= SEQUENCE {
//!   version CMSVersion,                          -- 1: a signer named by issuer and serial
//!   digestAlgorithms SET OF DigestAlgorithmIdentifier,         -- { sha256 }
//!   encapContentInfo EncapsulatedContentInfo,    -- id-data, the content unless detached
//!   certificates [0] IMPLICIT CertificateSet OPTIONAL,  -- the signer's and its CAs'
//!   signerInfos SET OF SignerInfo }                             -- one
//! SignerInfo ::= SEQUENCE {
//!   version CMSVersion, sid IssuerAndSerialNumber, digestAlgorithm sha256,
//!   signedAttrs [0] IMPLICIT SET OF Attribute,   -- contentType, signingTime, messageDigest
//!   signatureAlgorithm, signature OCTET STRING }  -- over the DER of signedAttrs as a SET
//! ```
//!
//! Made with the certificate's own key: RSA PKCS #1 v1.5 or ECDSA P-256, each with
//! SHA-256 (§11 for the attributes). Checked the other way: the signer's certificate found
//! in the message by issuer and serial, the content's digest against `messageDigest`,
//! `contentType` against the content's type, and the signature with that certificate's key.
//! Who the signer is, and whether their certificate is good, is for the caller to decide
//! (its path and status, as for any certificate).

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{Any, ObjectIdentifier, OctetString, SetOfVec, UtcTime};
use der::{Decode, Encode};
use sha2::{Digest as _, Sha256};
use time::OffsetDateTime;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::spki::AlgorithmIdentifierOwned;

use crate::Error;
use crate::cmp::protection;
use crate::keys::private_key::PrivateKey;

pub mod consent;
pub mod envelope;
pub mod exchange;
pub mod request;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");

/// The largest signature file read: certificates and a content of a few megabytes.
pub const MAX_SIGNATURE: u64 = 16 * 1024 * 1024;

/// What [`sign`] signs.
pub struct Signing<'a> {
    /// The signer's key.
    pub key: &'a PrivateKey,
    /// The signer's certificate (DER), which must be the key's.
    pub certificate: &'a [u8],
    /// Its CAs' certificates to carry along (DER), nearest first.
    pub chain: &'a [Vec<u8>],
    /// What is signed.
    pub content: Content<'a>,
    /// The signing time put in the signed attributes.
    pub at: OffsetDateTime,
}

/// What a signature covers, and whether the message carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content<'a> {
    /// These bytes, carried in the message.
    Attached(&'a [u8]),
    /// These bytes, left out of the message (the relying party has them).
    Detached(&'a [u8]),
    /// A document the relying party holds, by its SHA-256 (detached).
    Digest([u8; 32]),
}

impl Content<'_> {
    /// The content's SHA-256, the `messageDigest` signed.
    fn sha256(&self) -> [u8; 32] {
        match self {
            Content::Attached(bytes) | Content::Detached(bytes) => Sha256::digest(bytes).into(),
            Content::Digest(digest) => *digest,
        }
    }
}

fn malformed(detail: impl std::fmt::Display) -> Error {
    Error::SignatureMalformed {
        detail: detail.to_string(),
    }
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, Error> {
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![value]).map_err(malformed)?,
    })
}

/// Signs `what` into a DER `ContentInfo` holding a `SignedData`.
pub fn sign(what: &Signing<'_>) -> Result<Vec<u8>, Error> {
    crate::custody::open_key_matches(what.key, what.certificate)?;
    let cert = Certificate::from_der(what.certificate).map_err(malformed)?;
    let digest = what.content.sha256();
    let time = UtcTime::from_unix_duration(std::time::Duration::from_secs(
        u64::try_from(what.at.unix_timestamp()).map_err(malformed)?,
    ))
    .map_err(malformed)?;
    let signed_attrs = SetOfVec::try_from(vec![
        attribute(CONTENT_TYPE, Any::encode_from(&ID_DATA).map_err(malformed)?)?,
        attribute(SIGNING_TIME, Any::encode_from(&time).map_err(malformed)?)?,
        attribute(
            MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(digest.to_vec()).map_err(malformed)?)
                .map_err(malformed)?,
        )?,
    ])
    .map_err(malformed)?;
    let to_be_signed = signed_attrs.to_der().map_err(malformed)?;
    let signature = protection::sign(what.key, &to_be_signed).map_err(|e| Error::KeyMalformed {
        detail: e.to_string(),
    })?;
    let sha256 = AlgorithmIdentifierOwned {
        oid: ID_SHA256,
        parameters: None,
    };
    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256.clone(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: protection::signature_algorithm(what.key).map_err(malformed)?,
        signature: OctetString::new(signature).map_err(malformed)?,
        unsigned_attrs: None,
    };
    let mut certificates = vec![CertificateChoices::Certificate(cert)];
    for der in what.chain {
        certificates.push(CertificateChoices::Certificate(
            Certificate::from_der(der).map_err(malformed)?,
        ));
    }
    let content = match what.content {
        Content::Attached(bytes) => Some(
            Any::encode_from(&OctetString::new(bytes).map_err(malformed)?).map_err(malformed)?,
        ),
        Content::Detached(_) | Content::Digest(_) => None,
    };
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256]).map_err(malformed)?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: content,
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(certificates).map_err(malformed)?,
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer]).map_err(malformed)?),
    };
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed).map_err(malformed)?,
    }
    .to_der()
    .map_err(malformed)
}

/// A signature that verified: who signed (their certificate), when they said, and what.
#[derive(Debug, Clone)]
pub struct Verified {
    /// The signer's certificate (DER).
    pub signer: Vec<u8>,
    /// The other certificates the message carries (DER): candidates for its path.
    pub certificates: Vec<Vec<u8>>,
    /// The signing time the signer put in it, if any.
    pub signing_time: Option<OffsetDateTime>,
    /// The content, when the message carries it (not detached).
    pub content: Option<Vec<u8>>,
}

/// Checks a DER `ContentInfo` holding a `SignedData` with one signer; `content` is the
/// signed content when the message leaves it out (detached), and must then be given.
pub fn verify(message: &[u8], content: Option<&[u8]>) -> Result<Verified, Error> {
    let info = ContentInfo::from_der(message).map_err(malformed)?;
    if info.content_type != ID_SIGNED_DATA {
        return Err(malformed(format!(
            "a CMS {} and not signed data",
            info.content_type
        )));
    }
    let signed: SignedData = info.content.decode_as().map_err(malformed)?;
    let attached = match &signed.encap_content_info.econtent {
        Some(any) => Some(
            any.decode_as::<OctetString>()
                .map_err(malformed)?
                .into_bytes(),
        ),
        None => None,
    };
    let content = match (attached.as_deref(), content) {
        (Some(attached), _) => attached,
        (None, Some(given)) => given,
        (None, None) => return Err(Error::SignatureContentMissing),
    };
    let signers = signed.signer_infos.0.as_slice();
    let [signer] = signers else {
        return Err(malformed(format!("{} signers, not one", signers.len())));
    };
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer.sid else {
        return Err(malformed("a signer named by key identifier"));
    };
    let certificates: Vec<Certificate> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            CertificateChoices::Certificate(cert) => Some(cert.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let cert = certificates
        .iter()
        .find(|c| {
            c.tbs_certificate.issuer == sid.issuer
                && c.tbs_certificate.serial_number == sid.serial_number
        })
        .ok_or(Error::SignatureSignerMissing)?;
    if signer.digest_alg.oid != ID_SHA256 {
        return Err(malformed(format!(
            "digest algorithm {}",
            signer.digest_alg.oid
        )));
    }
    let digest = Sha256::digest(content);
    let (to_be_verified, signing_time) = match &signer.signed_attrs {
        Some(attrs) => {
            let value = |oid: ObjectIdentifier| -> Result<&Any, Error> {
                let found: Vec<&Attribute> = attrs.iter().filter(|a| a.oid == oid).collect();
                match found.as_slice() {
                    [one] if one.values.len() == 1 => one
                        .values
                        .iter()
                        .next()
                        .ok_or_else(|| malformed("an empty attribute")),
                    _ => Err(malformed(format!("attribute {oid} not once"))),
                }
            };
            let stated: ObjectIdentifier = value(CONTENT_TYPE)?.decode_as().map_err(malformed)?;
            if stated != signed.encap_content_info.econtent_type {
                return Err(Error::SignatureInvalid {
                    what: "content-type".into(),
                });
            }
            let expected: OctetString = value(MESSAGE_DIGEST)?.decode_as().map_err(malformed)?;
            if expected.as_bytes() != digest.as_slice() {
                return Err(Error::SignatureInvalid {
                    what: "digest".into(),
                });
            }
            let signing_time = attrs
                .iter()
                .find(|a| a.oid == SIGNING_TIME)
                .and_then(|a| a.values.iter().next())
                .and_then(signing_time_of);
            (attrs.to_der().map_err(malformed)?, signing_time)
        }
        // Without signed attributes the signature is over the content itself.
        None => (content.to_vec(), None),
    };
    protection::verify_signature(
        &cert.tbs_certificate.subject_public_key_info,
        &verification_algorithm(signer),
        &to_be_verified,
        signer.signature.as_bytes(),
    )
    .map_err(|e| match e {
        crate::cmp::CmpError::BadSignature => Error::SignatureInvalid {
            what: "signature".into(),
        },
        other => malformed(other),
    })?;
    let signer_der = cert.to_der().map_err(malformed)?;
    let mut others = Vec::new();
    for c in &certificates {
        let der = c.to_der().map_err(malformed)?;
        if der != signer_der {
            others.push(der);
        }
    }
    Ok(Verified {
        signer: signer_der,
        certificates: others,
        signing_time,
        content: attached,
    })
}

/// A `signingTime` value (UTCTime or GeneralizedTime, RFC 5652 §11.3).
fn signing_time_of(value: &Any) -> Option<OffsetDateTime> {
    let time = x509_cert::time::Time::from_der(&value.to_der().ok()?).ok()?;
    OffsetDateTime::from_unix_timestamp(i64::try_from(time.to_unix_duration().as_secs()).ok()?).ok()
}

/// The signature algorithm a signer names, as the verifier takes it: `rsaEncryption`
/// (what OpenSSL writes for RSA signers) means PKCS #1 v1.5 with the signer's digest.
fn verification_algorithm(signer: &SignerInfo) -> AlgorithmIdentifierOwned {
    const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
    const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
    if signer.signature_algorithm.oid == RSA_ENCRYPTION && signer.digest_alg.oid == ID_SHA256 {
        AlgorithmIdentifierOwned {
            oid: SHA256_WITH_RSA,
            parameters: None,
        }
    } else {
        signer.signature_algorithm.clone()
    }
}
