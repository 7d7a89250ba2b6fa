//! A private key in memory: a PKCS#8 `PrivateKeyInfo` (RFC 5208 §5, RFC 5958 §2) with the
//! NPKI randomNum attribute, and key generation.
//!
//! ```text
//! PrivateKeyInfo ::= SEQUENCE {
//!   version                   INTEGER (0 or 1),
//!   privateKeyAlgorithm       AlgorithmIdentifier,
//!   privateKey                OCTET STRING,
//!   attributes           [0]  IMPLICIT SET OF Attribute OPTIONAL,
//!   publicKey            [1]  IMPLICIT BIT STRING OPTIONAL }   -- v1 (RFC 5958) only
//! ```
//!
//! randomNum (docs/npki.md): `Attribute { 1.2.410.200004.10.1.1.3, SET { BIT STRING } }`,
//! 160 random bits generated with the key; the identity check (VID) needs it, so it must
//! survive every re-encryption, copy, export and import byte for byte. This type keeps
//! the DER exactly as read and only ever adds the attribute when it is missing.

use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Header, Length, Reader, SliceReader, Tag, TagNumber, Tagged};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::Error;

/// The randomNum attribute type (KISA, docs/npki.md).
pub const RANDOM_NUM_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.410.200004.10.1.1.3");
/// Length of a randomNum this app generates (160 bits).
pub const RANDOM_NUM_LEN: usize = 20;

const RSA_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const P256_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");

/// The kinds of key Dojang generates. RSA-2048 is the NPKI norm.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum KeyType {
    /// RSA with a 2048-bit modulus (the default).
    #[default]
    Rsa2048,
    /// RSA with a 3072-bit modulus.
    Rsa3072,
    /// RSA with a 4096-bit modulus.
    Rsa4096,
    /// ECDSA on NIST P-256.
    P256,
}

impl KeyType {
    /// The spelling used on the command line (`rsa2048`, …, `p256`).
    pub fn cli_name(self) -> &'static str {
        match self {
            KeyType::Rsa2048 => "rsa2048",
            KeyType::Rsa3072 => "rsa3072",
            KeyType::Rsa4096 => "rsa4096",
            KeyType::P256 => "p256",
        }
    }
}

/// An unencrypted private key, held only in memory and zeroized when dropped. It never
/// crosses the IPC boundary and is never written anywhere unencrypted.
pub struct PrivateKey {
    der: Zeroizing<Vec<u8>>,
    /// The crypto library's form of the key, made (and its parts checked) once, on first
    /// use: that check is most of the cost of a signature.
    pair: std::sync::OnceLock<Pair>,
}

/// A key as the crypto library holds it.
enum Pair {
    Rsa(aws_lc_rs::rsa::KeyPair),
    P256(aws_lc_rs::signature::EcdsaKeyPair),
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PrivateKey(<secret>)")
    }
}

/// The parts of a PrivateKeyInfo, borrowed from its DER.
struct Parts<'a> {
    version: u8,
    algorithm: &'a [u8],
    private_key: &'a [u8],
    attributes: Option<&'a [u8]>,
    public_key: Option<&'a [u8]>,
}

fn parse(der: &[u8]) -> der::Result<Parts<'_>> {
    let mut reader = SliceReader::new(der)?;
    let parts = reader.sequence(|r| {
        let version = u8::decode(r)?;
        let algorithm = r.tlv_bytes()?;
        let private_key = r.tlv_bytes()?;
        OctetStringRef::from_der(private_key)?;
        let mut attributes = None;
        let mut public_key = None;
        while !r.is_finished() {
            let tlv = r.tlv_bytes()?;
            let any = AnyRef::from_der(tlv)?;
            match any.tag() {
                Tag::ContextSpecific { number, .. } if number == TagNumber::N0 => {
                    attributes = Some(tlv)
                }
                Tag::ContextSpecific { number, .. } if number == TagNumber::N1 => {
                    public_key = Some(tlv)
                }
                other => return Err(other.unexpected_error(None)),
            }
        }
        Ok(Parts {
            version,
            algorithm,
            private_key,
            attributes,
            public_key,
        })
    })?;
    reader.finish(parts)
}

/// DER of `tag` around `content`.
fn tlv(tag: Tag, content: &[u8]) -> der::Result<Vec<u8>> {
    let mut out = Header::new(tag, Length::try_from(content.len())?)?.to_der()?;
    out.extend_from_slice(content);
    Ok(out)
}

impl PrivateKey {
    /// Takes a PKCS#8 PrivateKeyInfo (DER), checking its structure and algorithm.
    pub fn from_pkcs8_der(der: Vec<u8>) -> Result<Self, Error> {
        let der = Zeroizing::new(der);
        let key = PrivateKey {
            der,
            pair: std::sync::OnceLock::new(),
        };
        key.algorithm()?;
        Ok(key)
    }

    /// The PrivateKeyInfo DER, attributes included, exactly as held.
    pub fn pkcs8_der(&self) -> &[u8] {
        &self.der
    }

    fn parts(&self) -> Result<Parts<'_>, Error> {
        parse(&self.der).map_err(|e| Error::KeyMalformed {
            detail: e.to_string(),
        })
    }

    /// The key type, from the algorithm identifier (and the modulus size for RSA).
    pub fn algorithm(&self) -> Result<KeyType, Error> {
        match self.pair()? {
            Pair::Rsa(pair) => match pair.public_modulus_len() * 8 {
                2048 => Ok(KeyType::Rsa2048),
                3072 => Ok(KeyType::Rsa3072),
                4096 => Ok(KeyType::Rsa4096),
                bits => Err(Error::KeyAlgorithmUnsupported {
                    oid: format!("RSA {bits}"),
                }),
            },
            Pair::P256(_) => Ok(KeyType::P256),
        }
    }

    /// The crypto library's key, read from the DER (and checked by it) on first use.
    fn pair(&self) -> Result<&Pair, Error> {
        if let Some(pair) = self.pair.get() {
            return Ok(pair);
        }
        let parts = self.parts()?;
        let unsupported = |oid: String| Error::KeyAlgorithmUnsupported { oid };
        let malformed = |detail: String| Error::KeyMalformed { detail };
        let mut reader = SliceReader::new(parts.algorithm).map_err(Error::key_malformed)?;
        let (oid, param) = reader
            .sequence(|r| {
                let oid = ObjectIdentifier::decode(r)?;
                let param = if r.is_finished() {
                    None
                } else {
                    Some(AnyRef::decode(r)?)
                };
                Ok((oid, param))
            })
            .map_err(Error::key_malformed)?;
        let pair = if oid == RSA_OID {
            Pair::Rsa(
                aws_lc_rs::rsa::KeyPair::from_pkcs8(&self.without_attributes()?)
                    .map_err(|e| malformed(e.to_string()))?,
            )
        } else if oid == EC_OID {
            match param.and_then(|p| p.decode_as::<ObjectIdentifier>().ok()) {
                Some(curve) if curve == P256_OID => Pair::P256(
                    aws_lc_rs::signature::EcdsaKeyPair::from_pkcs8(
                        &aws_lc_rs::signature::ECDSA_P256_SHA256_ASN1_SIGNING,
                        &self.without_attributes()?,
                    )
                    .map_err(|e| malformed(e.to_string()))?,
                ),
                Some(curve) => return Err(unsupported(curve.to_string())),
                None => return Err(unsupported(oid.to_string())),
            }
        } else {
            return Err(unsupported(oid.to_string()));
        };
        Ok(self.pair.get_or_init(|| pair))
    }

    /// Signs `data` with SHA-256: RSA PKCS#1 v1.5 for an RSA key, ECDSA (DER) for P-256.
    pub fn sign_sha256(&self, data: &[u8]) -> Result<Vec<u8>, Error> {
        let rng = aws_lc_rs::rand::SystemRandom::new();
        let failed = |e: aws_lc_rs::error::Unspecified| Error::KeyMalformed {
            detail: e.to_string(),
        };
        match self.pair()? {
            Pair::Rsa(pair) => {
                let mut sig = vec![0u8; pair.public_modulus_len()];
                pair.sign(
                    &aws_lc_rs::signature::RSA_PKCS1_SHA256,
                    &rng,
                    data,
                    &mut sig,
                )
                .map_err(failed)?;
                Ok(sig)
            }
            Pair::P256(pair) => Ok(pair.sign(&rng, data).map_err(failed)?.as_ref().to_vec()),
        }
    }

    /// The same key as a bare PrivateKeyInfo (version 0, no attributes, no public key),
    /// the form crypto libraries accept. Zeroized when dropped.
    pub fn without_attributes(&self) -> Result<Zeroizing<Vec<u8>>, Error> {
        let parts = self.parts()?;
        let mut content = Zeroizing::new(Vec::new());
        content.extend_from_slice(&[0x02, 0x01, 0x00]);
        content.extend_from_slice(parts.algorithm);
        content.extend_from_slice(parts.private_key);
        tlv(Tag::Sequence, &content)
            .map(Zeroizing::new)
            .map_err(Error::key_malformed)
    }

    /// The randomNum attribute's bytes, if the key carries one.
    pub fn random_num(&self) -> Option<Vec<u8>> {
        let attributes = self.parts().ok()?.attributes?;
        let any = AnyRef::from_der(attributes).ok()?;
        let mut reader = SliceReader::new(any.value()).ok()?;
        while !reader.is_finished() {
            let found = reader
                .sequence(|r| {
                    let oid = ObjectIdentifier::decode(r)?;
                    let values = AnyRef::decode(r)?;
                    if oid != RANDOM_NUM_OID {
                        return Ok(None);
                    }
                    let bits =
                        BitStringRef::from_der(SliceReader::new(values.value())?.tlv_bytes()?)?;
                    Ok(bits.as_bytes().map(<[u8]>::to_vec))
                })
                .ok()?;
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// Adds a randomNum attribute holding `random_num`, unless the key already has one
    /// (an existing randomNum is never replaced: the certificate's VID depends on it).
    pub fn with_random_num(self, random_num: &[u8]) -> Result<Self, Error> {
        if self.random_num().is_some() {
            return Ok(self);
        }
        let parts = self.parts()?;
        let attribute = {
            let bits = BitStringRef::from_bytes(random_num)
                .and_then(|b| b.to_der())
                .map_err(Error::key_malformed)?;
            let values = tlv(Tag::Set, &bits).map_err(Error::key_malformed)?;
            let mut content = RANDOM_NUM_OID.to_der().map_err(Error::key_malformed)?;
            content.extend_from_slice(&values);
            tlv(Tag::Sequence, &content).map_err(Error::key_malformed)?
        };
        let mut set_content = match parts.attributes {
            Some(existing) => AnyRef::from_der(existing)
                .map_err(Error::key_malformed)?
                .value()
                .to_vec(),
            None => Vec::new(),
        };
        set_content.extend_from_slice(&attribute);
        let attributes_tag = Tag::ContextSpecific {
            constructed: true,
            number: TagNumber::N0,
        };
        let mut content = Zeroizing::new(Vec::new());
        content.extend_from_slice(&[0x02, 0x01, parts.version]);
        content.extend_from_slice(parts.algorithm);
        content.extend_from_slice(parts.private_key);
        content
            .extend_from_slice(&tlv(attributes_tag, &set_content).map_err(Error::key_malformed)?);
        if let Some(public_key) = parts.public_key {
            content.extend_from_slice(public_key);
        }
        let der = tlv(Tag::Sequence, &content).map_err(Error::key_malformed)?;
        PrivateKey::from_pkcs8_der(der)
    }

    /// The public key as a DER SubjectPublicKeyInfo, to compare with a certificate's.
    pub fn public_key_spki(&self) -> Result<Vec<u8>, Error> {
        use aws_lc_rs::encoding::{AsDer, PublicKeyX509Der};
        use aws_lc_rs::signature::KeyPair as _;
        fn der(key: &impl AsDer<PublicKeyX509Der<'static>>) -> Result<Vec<u8>, Error> {
            key.as_der()
                .map(|der| der.as_ref().to_vec())
                .map_err(|e| Error::KeyMalformed {
                    detail: e.to_string(),
                })
        }
        match self.pair()? {
            Pair::P256(pair) => der(pair.public_key()),
            Pair::Rsa(pair) => der(pair.public_key()),
        }
    }
}

/// An RSA key (PKCS #8 DER) from the first of `searches` generations run at once.
///
/// RSA generation's time is random: it draws fresh random candidates until two are prime
/// (FIPS 186-4 B.3.3, as aws-lc does, with its checks). Which candidate ends a search does
/// not depend on how many were drawn before it, so the first of independent searches to
/// finish gives a key distributed exactly as any one search's, while the wait becomes the
/// shortest of their times. The others finish in the background and are dropped (aws-lc
/// cleanses a key it frees); they cannot be stopped, and a process cannot exit before
/// they finish (aws-lc's exit handlers wait for them), so only a process that lives on
/// after an issuance gains by racing.
fn racing_rsa(
    size: aws_lc_rs::rsa::KeySize,
    searches: usize,
) -> Result<Vec<u8>, aws_lc_rs::error::Unspecified> {
    use aws_lc_rs::encoding::AsDer;
    let generate = move || {
        aws_lc_rs::rsa::KeyPair::generate(size)
            .and_then(|pair| Ok(pair.as_der()?.as_ref().to_vec()))
    };
    if searches <= 1 {
        return generate();
    }
    let (found, first) = std::sync::mpsc::channel();
    for _ in 0..searches {
        let found = found.clone();
        // A thread that cannot start leaves the others to win.
        let _ = std::thread::Builder::new()
            .name("rsa-keygen".into())
            .spawn(move || {
                let _ = found.send(generate().map(Zeroizing::new));
            });
    }
    drop(found);
    match first.recv() {
        Ok(key) => key.map(|mut key| std::mem::take(&mut *key)),
        // No thread could start: search here.
        Err(_) => generate(),
    }
}

/// Generates a key of the given type with a fresh 20-byte randomNum attribute, in one
/// search.
pub fn generate(key_type: KeyType) -> Result<PrivateKey, Error> {
    generate_racing(key_type, 1)
}

/// One search per core, up to four: [`generate_racing`]'s `searches` for a process that
/// lives on.
pub fn searches_per_core() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Generates a key of the given type with a fresh 20-byte randomNum attribute; an RSA key
/// from the first of `searches` run at once (see `racing_rsa` for why that keeps the key
/// as random, and when it helps).
pub fn generate_racing(key_type: KeyType, searches: usize) -> Result<PrivateKey, Error> {
    let failed = |e: aws_lc_rs::error::Unspecified| Error::KeyGenerationFailed {
        detail: e.to_string(),
    };
    let pkcs8: Vec<u8> = match key_type {
        KeyType::P256 => {
            let pair = aws_lc_rs::signature::EcdsaKeyPair::generate(
                &aws_lc_rs::signature::ECDSA_P256_SHA256_ASN1_SIGNING,
            )
            .map_err(failed)?;
            pair.to_pkcs8v1().map_err(failed)?.as_ref().to_vec()
        }
        rsa => {
            let size = match rsa {
                KeyType::Rsa3072 => aws_lc_rs::rsa::KeySize::Rsa3072,
                KeyType::Rsa4096 => aws_lc_rs::rsa::KeySize::Rsa4096,
                _ => aws_lc_rs::rsa::KeySize::Rsa2048,
            };
            racing_rsa(size, searches).map_err(failed)?
        }
    };
    let mut random_num = Zeroizing::new([0u8; RANDOM_NUM_LEN]);
    aws_lc_rs::rand::fill(&mut random_num[..]).map_err(failed)?;
    PrivateKey::from_pkcs8_der(pkcs8)?.with_random_num(&random_num[..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raced_rsa_keys_are_whole_2048_bit_keys_each_new() {
        let keys: Vec<PrivateKey> = (0..3)
            .map(|_| generate_racing(KeyType::Rsa2048, 2).unwrap())
            .collect();
        for key in &keys {
            assert_eq!(key.algorithm().unwrap(), KeyType::Rsa2048);
            // aws-lc's own checks of a key (its parts agree) on reading it back.
            let bare = key.without_attributes().unwrap();
            aws_lc_rs::rsa::KeyPair::from_pkcs8(&bare).unwrap();
        }
        let mut spkis: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key_spki().unwrap()).collect();
        spkis.sort();
        spkis.dedup();
        assert_eq!(spkis.len(), 3);
    }

    #[test]
    fn a_generated_p256_key_carries_a_160_bit_random_num() {
        let key = generate(KeyType::P256).unwrap();
        assert_eq!(key.algorithm().unwrap(), KeyType::P256);
        assert_eq!(key.random_num().unwrap().len(), RANDOM_NUM_LEN);
        assert!(key.public_key_spki().unwrap().len() > 60);
    }

    #[test]
    fn an_existing_random_num_is_kept_and_bytes_are_stable() {
        let key = generate(KeyType::P256).unwrap();
        let before = key.pkcs8_der().to_vec();
        let num = key.random_num().unwrap();
        let again = key.with_random_num(&[7u8; 20]).unwrap();
        assert_eq!(again.random_num().unwrap(), num);
        assert_eq!(again.pkcs8_der(), &before[..]);
    }

    #[test]
    fn garbage_is_a_malformed_key_not_a_panic() {
        for bad in [
            &b""[..],
            b"\x30\x03\x02\x01\x00",
            b"not a key at all",
            b"\x30\x80",
        ] {
            assert!(PrivateKey::from_pkcs8_der(bad.to_vec()).is_err());
        }
    }
}
