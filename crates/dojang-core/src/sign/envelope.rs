//! A secret sealed to one certificate: CMS `EnvelopedData` (RFC 5652 §6), the way a login
//! hands the certificate's randomNum to the relying party that asked, and to no one else
//! on the way (docs/signing.md).
//!
//! ```text
//! EnvelopedData ::= SEQUENCE {
//!   version 0,
//!   recipientInfos { KeyTransRecipientInfo {
//!     version 0, rid IssuerAndSerialNumber (the recipient's certificate),
//!     keyEncryptionAlgorithm id-RSAES-OAEP { SHA-256, MGF1 with SHA-256 } (RFC 4055),
//!     encryptedKey } },
//!   encryptedContentInfo { id-data, aes256-CBC { IV }, [0] the content, PKCS #7 padded } }
//! ```
//!
//! A fresh AES-256 key for each envelope, encrypted with the recipient's RSA key (OAEP:
//! PKCS #1 v1.5 key transport is refused by careful recipients, and rightly).

use aws_lc_rs::cipher::{
    AES_256, DecryptionContext, PaddedBlockDecryptingKey, PaddedBlockEncryptingKey,
    UnboundCipherKey,
};
use aws_lc_rs::rand::SecureRandom as _;
use aws_lc_rs::rsa::{
    OAEP_SHA256_MGF1SHA256, OaepPrivateDecryptingKey, OaepPublicEncryptingKey,
    PrivateDecryptingKey, PublicEncryptingKey,
};
use cms::cert::IssuerAndSerialNumber;
use cms::content_info::{CmsVersion, ContentInfo};
use cms::enveloped_data::{
    EncryptedContentInfo, EnvelopedData, KeyTransRecipientInfo, RecipientIdentifier, RecipientInfo,
    RecipientInfos,
};
use der::asn1::{Any, ObjectIdentifier, OctetString, SetOfVec};
use der::{Decode, Encode, Sequence};
use x509_cert::Certificate;
use x509_cert::spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

use crate::Error;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_ENVELOPED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.3");
const ID_RSAES_OAEP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.7");
const ID_MGF1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.8");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ID_AES256_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.42");

/// The largest envelope opened.
pub const MAX_ENVELOPE: usize = 64 * 1024;

/// RSAES-OAEP-params (RFC 4055 §4.1), with SHA-256 for the hash and for MGF1.
#[derive(Sequence)]
struct OaepParams {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    hash: AlgorithmIdentifierOwned,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT")]
    mask_gen: AlgorithmIdentifierOwned,
}

fn malformed(detail: impl std::fmt::Display) -> Error {
    Error::EnvelopeMalformed {
        detail: detail.to_string(),
    }
}

fn sha256() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: ID_SHA256,
        parameters: None,
    }
}

fn oaep_sha256() -> Result<AlgorithmIdentifierOwned, Error> {
    let params = OaepParams {
        hash: sha256(),
        mask_gen: AlgorithmIdentifierOwned {
            oid: ID_MGF1,
            parameters: Some(Any::encode_from(&sha256()).map_err(malformed)?),
        },
    };
    Ok(AlgorithmIdentifierOwned {
        oid: ID_RSAES_OAEP,
        parameters: Some(Any::encode_from(&params).map_err(malformed)?),
    })
}

fn recipient_of(cert: &Certificate) -> RecipientIdentifier {
    RecipientIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    })
}

/// Seals `content` to the RSA certificate `recipient` (DER): a DER `ContentInfo` holding an
/// `EnvelopedData` only that certificate's key opens. A certificate without an RSA key is
/// [`Error::EnvelopeRecipientUnsupported`].
pub fn seal(recipient: &[u8], content: &[u8]) -> Result<Vec<u8>, Error> {
    let cert = Certificate::from_der(recipient).map_err(malformed)?;
    let unsupported = || Error::EnvelopeRecipientUnsupported {
        algorithm: cert
            .tbs_certificate
            .subject_public_key_info
            .algorithm
            .oid
            .to_string(),
    };
    let spki = cert
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(malformed)?;
    let public = PublicEncryptingKey::from_der(&spki).map_err(|_| unsupported())?;
    if public.key_size_bits() < 2048 {
        return Err(unsupported());
    }
    let public = OaepPublicEncryptingKey::new(public).map_err(|_| unsupported())?;

    let mut key = Zeroizing::new([0u8; 32]);
    aws_lc_rs::rand::SystemRandom::new()
        .fill(key.as_mut())
        .map_err(|_| malformed("no randomness for the content key"))?;
    let mut encrypted_key = vec![0u8; public.ciphertext_size()];
    let encrypted_key = public
        .encrypt(
            &OAEP_SHA256_MGF1SHA256,
            key.as_ref(),
            &mut encrypted_key,
            None,
        )
        .map_err(|_| unsupported())?
        .to_vec();
    let cipher = UnboundCipherKey::new(&AES_256, key.as_ref())
        .and_then(PaddedBlockEncryptingKey::cbc_pkcs7)
        .map_err(|_| malformed("AES-256-CBC unavailable"))?;
    let mut body = content.to_vec();
    let iv = match cipher.encrypt(&mut body) {
        Ok(DecryptionContext::Iv128(iv)) => AsRef::<[u8; 16]>::as_ref(&iv).to_vec(),
        _ => return Err(malformed("AES-256-CBC failed")),
    };

    let recipient_info = RecipientInfo::Ktri(KeyTransRecipientInfo {
        version: CmsVersion::V0,
        rid: recipient_of(&cert),
        key_enc_alg: oaep_sha256()?,
        enc_key: OctetString::new(encrypted_key).map_err(malformed)?,
    });
    let enveloped = EnvelopedData {
        version: CmsVersion::V0,
        originator_info: None,
        recip_infos: RecipientInfos(SetOfVec::try_from(vec![recipient_info]).map_err(malformed)?),
        encrypted_content: EncryptedContentInfo {
            content_type: ID_DATA,
            content_enc_alg: AlgorithmIdentifierOwned {
                oid: ID_AES256_CBC,
                parameters: Some(
                    Any::encode_from(&OctetString::new(iv).map_err(malformed)?)
                        .map_err(malformed)?,
                ),
            },
            encrypted_content: Some(OctetString::new(body).map_err(malformed)?),
        },
        unprotected_attrs: None,
    };
    ContentInfo {
        content_type: ID_ENVELOPED_DATA,
        content: Any::encode_from(&enveloped).map_err(malformed)?,
    }
    .to_der()
    .map_err(malformed)
}

/// Opens an envelope sealed to `recipient` (its certificate, DER) with that certificate's
/// private key (`key_pkcs8`, RSA): what a relying party does with the randomNum a login
/// sends it. Envelopes of another shape than [`seal`] makes, or for another recipient, are
/// refused.
pub fn open(
    envelope: &[u8],
    recipient: &[u8],
    key_pkcs8: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    if envelope.len() > MAX_ENVELOPE {
        return Err(malformed("larger than any envelope Dojang makes"));
    }
    let info = ContentInfo::from_der(envelope).map_err(malformed)?;
    if info.content_type != ID_ENVELOPED_DATA {
        return Err(malformed(format!("content type {}", info.content_type)));
    }
    let enveloped: EnvelopedData = info.content.decode_as().map_err(malformed)?;
    let cert = Certificate::from_der(recipient).map_err(malformed)?;
    let ours = recipient_of(&cert);
    let ktri = enveloped
        .recip_infos
        .0
        .iter()
        .find_map(|r| match r {
            RecipientInfo::Ktri(k) if k.rid == ours => Some(k),
            _ => None,
        })
        .ok_or_else(|| malformed("not sealed to this certificate"))?;
    if ktri.key_enc_alg != oaep_sha256()? {
        return Err(malformed(format!(
            "key transport {} is not RSAES-OAEP with SHA-256",
            ktri.key_enc_alg.oid
        )));
    }
    let private = PrivateDecryptingKey::from_pkcs8(key_pkcs8)
        .ok()
        .and_then(|k| OaepPrivateDecryptingKey::new(k).ok())
        .ok_or_else(|| malformed("the recipient's key is not an RSA key"))?;
    let mut key = Zeroizing::new(vec![0u8; private.min_output_size()]);
    let key_len = private
        .decrypt(
            &OAEP_SHA256_MGF1SHA256,
            ktri.enc_key.as_bytes(),
            &mut key,
            None,
        )
        .map_err(|_| malformed("the content key does not decrypt with this key"))?
        .len();
    if key_len != 32 {
        return Err(malformed("the content key is not an AES-256 key"));
    }
    let content = &enveloped.encrypted_content;
    if content.content_enc_alg.oid != ID_AES256_CBC {
        return Err(malformed(format!(
            "content encryption {} is not AES-256-CBC",
            content.content_enc_alg.oid
        )));
    }
    let iv: [u8; 16] = content
        .content_enc_alg
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<OctetString>().ok())
        .and_then(|iv| <[u8; 16]>::try_from(iv.as_bytes()).ok())
        .ok_or_else(|| malformed("the AES-256-CBC IV is missing"))?;
    let mut body = Zeroizing::new(
        content
            .encrypted_content
            .as_ref()
            .ok_or_else(|| malformed("no encrypted content"))?
            .as_bytes()
            .to_vec(),
    );
    let cipher = UnboundCipherKey::new(&AES_256, &key[..key_len])
        .and_then(PaddedBlockDecryptingKey::cbc_pkcs7)
        .map_err(|_| malformed("AES-256-CBC unavailable"))?;
    let plain = cipher
        .decrypt(&mut body, DecryptionContext::Iv128(iv.into()))
        .map_err(|_| malformed("the content does not decrypt"))?
        .len();
    body.truncate(plain);
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A relying party's certificate and key (DER, PKCS #8) from a test PKI.
    fn relying_party(pki: &dojang_testkit::TestPki) -> (Vec<u8>, Vec<u8>) {
        let (cert, key) = pki.issue_responder(false).unwrap();
        (
            crate::cert::pem_or_der(cert.as_bytes(), "CERTIFICATE"),
            crate::cert::pem_or_der(key.as_bytes(), "PRIVATE KEY"),
        )
    }

    #[test]
    fn what_is_sealed_to_a_certificate_opens_with_its_key_only() {
        let pki = dojang_testkit::TestPki::new("KICA").unwrap();
        let (rp, rp_key) = relying_party(&pki);
        let (other, other_key) = relying_party(&pki);
        let envelope = seal(&rp, b"randomNum").unwrap();
        assert_eq!(&**open(&envelope, &rp, &rp_key).unwrap(), b"randomNum");
        // Two envelopes of one secret differ (a fresh key and IV each time).
        assert_ne!(seal(&rp, b"randomNum").unwrap(), envelope);
        let e = open(&envelope, &other, &other_key).unwrap_err();
        assert_eq!(e.code(), "envelope-malformed");
        let mut changed = envelope.clone();
        let last = changed.len() - 1;
        changed[last] ^= 1;
        assert!(open(&changed, &rp, &rp_key).is_err());
    }

    #[test]
    fn only_an_rsa_certificate_receives_an_envelope() {
        let pki = dojang_testkit::TestPki::new("KICA").unwrap();
        let (p256, _) = pki
            .issue_p256(&dojang_testkit::Subscriber::kica_personal("홍길동"))
            .unwrap();
        let e = seal(&p256, b"randomNum").unwrap_err();
        assert_eq!(e.code(), "envelope-recipient-unsupported");
    }
}
