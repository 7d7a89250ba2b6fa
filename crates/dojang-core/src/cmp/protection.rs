//! Message protection (RFC 4210 §5.1.3): PasswordBasedMac for requests made with codes,
//! signatures for requests made with a certificate; proof of possession (RFC 4211 §4.1)
//! and the certificate hash of `certConf` use the same primitives.

use aws_lc_rs::{digest, hmac, signature};
use der::asn1::{Any, BitString, ObjectIdentifier, OctetString};
use der::{Encode, Sequence};
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use super::CmpError;
use super::message::{CmpCertificate, PkiBody, PkiHeader, PkiMessage};
use crate::keys::private_key::{KeyType, PrivateKey};

/// PasswordBasedMac (RFC 4210 §5.1.3.1), 1.2.840.113533.7.66.13.
pub const PASSWORD_BASED_MAC_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113533.7.66.13");
/// SHA-1, accepted as a PBM one-way function from peers.
pub const SHA1_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
/// SHA-256.
pub const SHA256_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// SHA-384.
pub const SHA384_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
/// SHA-512.
pub const SHA512_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
/// HMAC-SHA1 as RFC 4210 names it (hmac-sha1, RFC 2404), OpenSSL's default.
pub const HMAC_SHA1_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.8.1.2");
/// HMAC-SHA1 as PKCS#5 names it (hmacWithSHA1).
pub const HMAC_WITH_SHA1_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.2.7");
/// HMAC-SHA256 (hmacWithSHA256, RFC 8018).
pub const HMAC_WITH_SHA256_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.2.9");
/// sha256WithRSAEncryption (RFC 4055).
pub const SHA256_WITH_RSA_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
/// sha384WithRSAEncryption.
pub const SHA384_WITH_RSA_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
/// sha512WithRSAEncryption.
pub const SHA512_WITH_RSA_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
/// sha1WithRSAEncryption (only to hash old certificates in certConf and to check the
/// signatures of old CA certificates).
pub const SHA1_WITH_RSA_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.5");
/// ecdsa-with-SHA256 (RFC 5758).
pub const ECDSA_WITH_SHA256_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
/// ecdsa-with-SHA384.
pub const ECDSA_WITH_SHA384_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
/// rsaEncryption, the SubjectPublicKeyInfo algorithm of RSA keys.
pub const RSA_ENCRYPTION_OID: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// id-ecPublicKey, the SubjectPublicKeyInfo algorithm of EC keys.
pub const EC_PUBLIC_KEY_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

/// The most PBM iterations this module will run for a peer's message: enough for any
/// real client (OpenSSL uses 500, Dojang 10,000), low enough that a hostile message
/// costs milliseconds, not minutes.
pub const MAX_PBM_ITERATIONS: u64 = 100_000;
/// The iterations of the PBM parameters this module makes.
pub const PBM_ITERATIONS: u64 = 10_000;
/// The longest PBM salt accepted from a peer.
const MAX_PBM_SALT: usize = 1024;

/// `PBMParameter` (RFC 4210 §5.1.3.1).
///
/// ```text
/// PBMParameter ::= SEQUENCE {
///     salt                OCTET STRING,
///     owf                 AlgorithmIdentifier{DIGEST-ALGORITHM, {...}},
///     iterationCount      INTEGER,
///     mac                 AlgorithmIdentifier{MAC-ALGORITHM, {...}} }
/// ```
/// The key is `owf` applied `iterationCount` times to `secret ‖ salt`; the protection is
/// `mac(key, DER(ProtectedPart))`.
#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub struct PbmParameter {
    /// Random salt.
    pub salt: OctetString,
    /// The one-way function (SHA-256 or SHA-1).
    pub owf: AlgorithmIdentifierOwned,
    /// How often owf is applied.
    pub iteration_count: u64,
    /// The MAC (HMAC-SHA256 or HMAC-SHA1).
    pub mac: AlgorithmIdentifierOwned,
}

impl PbmParameter {
    /// Fresh parameters as Dojang's profile makes them: a 16-byte random salt, SHA-256,
    /// 10,000 iterations, HMAC-SHA256.
    pub fn new_random() -> Result<Self, CmpError> {
        let mut salt = [0u8; 16];
        aws_lc_rs::rand::fill(&mut salt).map_err(CmpError::crypto)?;
        Ok(PbmParameter {
            salt: OctetString::new(salt.to_vec()).map_err(CmpError::malformed)?,
            owf: algorithm(SHA256_OID),
            iteration_count: PBM_ITERATIONS,
            mac: algorithm(HMAC_WITH_SHA256_OID),
        })
    }

    fn mac_value(&self, secret: &[u8], data: &[u8]) -> Result<Vec<u8>, CmpError> {
        if !(1..=MAX_PBM_ITERATIONS).contains(&self.iteration_count) {
            return Err(CmpError::PbmIterations {
                count: self.iteration_count,
            });
        }
        if self.salt.as_bytes().len() > MAX_PBM_SALT {
            return Err(CmpError::Malformed {
                detail: "PBM salt too long".to_owned(),
            });
        }
        let owf = digest_for(&self.owf.oid).ok_or_else(|| unsupported(&self.owf.oid))?;
        let mac = if self.mac.oid == HMAC_WITH_SHA256_OID {
            hmac::HMAC_SHA256
        } else if self.mac.oid == HMAC_SHA1_OID || self.mac.oid == HMAC_WITH_SHA1_OID {
            hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY
        } else {
            return Err(unsupported(&self.mac.oid));
        };
        let mut input = zeroize::Zeroizing::new(secret.to_vec());
        input.extend_from_slice(self.salt.as_bytes());
        let mut key = zeroize::Zeroizing::new(digest::digest(owf, &input).as_ref().to_vec());
        for _ in 1..self.iteration_count {
            *key = digest::digest(owf, &key).as_ref().to_vec();
        }
        let key = hmac::Key::new(mac, &key);
        Ok(hmac::sign(&key, data).as_ref().to_vec())
    }
}

/// An AlgorithmIdentifier without parameters.
pub fn algorithm(oid: ObjectIdentifier) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid,
        parameters: None,
    }
}

fn unsupported(oid: &ObjectIdentifier) -> CmpError {
    CmpError::UnsupportedAlgorithm {
        oid: oid.to_string(),
    }
}

fn digest_for(oid: &ObjectIdentifier) -> Option<&'static digest::Algorithm> {
    if *oid == SHA256_OID {
        Some(&digest::SHA256)
    } else if *oid == SHA1_OID {
        Some(&digest::SHA1_FOR_LEGACY_USE_ONLY)
    } else if *oid == SHA384_OID {
        Some(&digest::SHA384)
    } else if *oid == SHA512_OID {
        Some(&digest::SHA512)
    } else {
        None
    }
}

/// How a message is to be protected.
pub enum Protector<'a> {
    /// PasswordBasedMac with a shared secret and these parameters.
    Mac {
        /// The secret (never sent).
        secret: &'a [u8],
        /// Salt, one-way function, iterations and MAC.
        params: PbmParameter,
    },
    /// A signature with this key (RSA: sha256WithRSAEncryption; P-256:
    /// ecdsa-with-SHA256).
    Signature {
        /// The signing key.
        key: &'a PrivateKey,
    },
}

/// The message of `header` and `body` with its protection: sets the header's
/// protectionAlg, then MACs or signs `DER(ProtectedPart)`.
pub fn protect(
    mut header: PkiHeader,
    body: PkiBody,
    extra_certs: Option<Vec<CmpCertificate>>,
    with: &Protector<'_>,
) -> Result<PkiMessage, CmpError> {
    header.protection_alg = Some(match with {
        Protector::Mac { params, .. } => AlgorithmIdentifierOwned {
            oid: PASSWORD_BASED_MAC_OID,
            parameters: Some(Any::encode_from(params).map_err(CmpError::malformed)?),
        },
        Protector::Signature { key } => signature_algorithm(key)?,
    });
    let mut message = PkiMessage::new(header, body).map_err(CmpError::malformed)?;
    let data = message.protected_part().map_err(CmpError::malformed)?;
    let value = match with {
        Protector::Mac { secret, params } => params.mac_value(secret, &data)?,
        Protector::Signature { key } => sign(key, &data)?,
    };
    message.protection = Some(BitString::from_bytes(&value).map_err(CmpError::malformed)?);
    message.extra_certs = extra_certs;
    Ok(message)
}

/// Whether the message claims PasswordBasedMac protection.
pub fn is_mac_protected(message: &PkiMessage) -> bool {
    message
        .header
        .protection_alg
        .as_ref()
        .is_some_and(|alg| alg.oid == PASSWORD_BASED_MAC_OID)
}

fn protection_bytes(message: &PkiMessage) -> Result<&[u8], CmpError> {
    message
        .protection
        .as_ref()
        .and_then(BitString::as_bytes)
        .ok_or(CmpError::Unprotected)
}

/// Checks a PasswordBasedMac protection with `secret`, using the message's own PBM
/// parameters (a SHA-1 or SHA-2 one-way function, HMAC-SHA1 or HMAC-SHA256, at most
/// [`MAX_PBM_ITERATIONS`] iterations).
pub fn verify_mac(message: &PkiMessage, secret: &[u8]) -> Result<(), CmpError> {
    let alg = message
        .header
        .protection_alg
        .as_ref()
        .ok_or(CmpError::Unprotected)?;
    if alg.oid != PASSWORD_BASED_MAC_OID {
        return Err(CmpError::WrongProtectionKind);
    }
    let params: PbmParameter = alg
        .parameters
        .as_ref()
        .ok_or_else(|| CmpError::Malformed {
            detail: "PasswordBasedMac without parameters".to_owned(),
        })?
        .decode_as()
        .map_err(CmpError::malformed)?;
    let received = protection_bytes(message)?;
    let data = message.protected_part().map_err(CmpError::malformed)?;
    let expected = params.mac_value(secret, &data)?;
    aws_lc_rs::constant_time::verify_slices_are_equal(&expected, received)
        .map_err(|_| CmpError::BadProtection)
}

/// Checks a signature protection with the signer's public key.
pub fn verify_signature_protection(
    message: &PkiMessage,
    signer: &SubjectPublicKeyInfoOwned,
) -> Result<(), CmpError> {
    let alg = message
        .header
        .protection_alg
        .as_ref()
        .ok_or(CmpError::Unprotected)?;
    if alg.oid == PASSWORD_BASED_MAC_OID {
        return Err(CmpError::WrongProtectionKind);
    }
    let received = protection_bytes(message)?;
    let data = message.protected_part().map_err(CmpError::malformed)?;
    verify_signature(signer, alg, &data, received).map_err(|e| match e {
        CmpError::BadSignature => CmpError::BadProtection,
        other => other,
    })
}

/// The signature algorithm this module signs with for `key`.
pub fn signature_algorithm(key: &PrivateKey) -> Result<AlgorithmIdentifierOwned, CmpError> {
    Ok(match key.algorithm().map_err(CmpError::key)? {
        KeyType::P256 => algorithm(ECDSA_WITH_SHA256_OID),
        _ => AlgorithmIdentifierOwned {
            oid: SHA256_WITH_RSA_OID,
            parameters: Some(Any::from(der::asn1::Null)),
        },
    })
}

/// Signs `data` with `key` (RSA PKCS#1 v1.5 with SHA-256, or ECDSA P-256 with SHA-256).
pub fn sign(key: &PrivateKey, data: &[u8]) -> Result<Vec<u8>, CmpError> {
    key.sign_sha256(data).map_err(CmpError::key)
}

/// Verifies a signature made with the key of `spki` under `alg` (RSA PKCS#1 v1.5 with
/// SHA-256/384/512, ECDSA P-256 with SHA-256 or SHA-384). [`CmpError::BadSignature`]
/// when it does not verify.
pub fn verify_signature(
    spki: &SubjectPublicKeyInfoOwned,
    alg: &AlgorithmIdentifierOwned,
    data: &[u8],
    sig: &[u8],
) -> Result<(), CmpError> {
    verify_with(spki, alg, data, sig, false)
}

/// Like [`verify_signature`], also accepting sha1WithRSAEncryption: only for the
/// signature on a certificate, where KISA RootCA 1's generation of CAs (all expired) used
/// it and their paths are still explained. Never for a message, a response or a CRL.
pub fn verify_certificate_signature(
    spki: &SubjectPublicKeyInfoOwned,
    alg: &AlgorithmIdentifierOwned,
    data: &[u8],
    sig: &[u8],
) -> Result<(), CmpError> {
    verify_with(spki, alg, data, sig, true)
}

fn verify_with(
    spki: &SubjectPublicKeyInfoOwned,
    alg: &AlgorithmIdentifierOwned,
    data: &[u8],
    sig: &[u8],
    legacy_sha1: bool,
) -> Result<(), CmpError> {
    let key_bits = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| CmpError::Malformed {
            detail: "public key with unused bits".to_owned(),
        })?;
    let (key_alg, verification): (_, &'static dyn signature::VerificationAlgorithm) = match alg.oid
    {
        oid if oid == SHA256_WITH_RSA_OID => {
            (RSA_ENCRYPTION_OID, &signature::RSA_PKCS1_2048_8192_SHA256)
        }
        oid if oid == SHA1_WITH_RSA_OID && legacy_sha1 => (
            RSA_ENCRYPTION_OID,
            &signature::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY,
        ),
        oid if oid == SHA384_WITH_RSA_OID => {
            (RSA_ENCRYPTION_OID, &signature::RSA_PKCS1_2048_8192_SHA384)
        }
        oid if oid == SHA512_WITH_RSA_OID => {
            (RSA_ENCRYPTION_OID, &signature::RSA_PKCS1_2048_8192_SHA512)
        }
        oid if oid == ECDSA_WITH_SHA256_OID => {
            (EC_PUBLIC_KEY_OID, &signature::ECDSA_P256_SHA256_ASN1)
        }
        oid if oid == ECDSA_WITH_SHA384_OID => {
            (EC_PUBLIC_KEY_OID, &signature::ECDSA_P256_SHA384_ASN1)
        }
        oid => return Err(unsupported(&oid)),
    };
    if spki.algorithm.oid != key_alg {
        return Err(unsupported(&spki.algorithm.oid));
    }
    signature::UnparsedPublicKey::new(verification, key_bits)
        .verify(data, sig)
        .map_err(|_| CmpError::BadSignature)
}

/// The certHash of `certConf` (RFC 4210 §5.3.18, RFC 9480 §2.10): with `hash_alg` when
/// given, else the hash of the certificate's own signature algorithm (SHA-256 for the
/// SHA-256 signatures Dojang meets; SHA-1, SHA-384 and SHA-512 for those algorithms).
pub fn cert_hash(
    cert_der: &[u8],
    hash_alg: Option<&AlgorithmIdentifierOwned>,
) -> Result<Vec<u8>, CmpError> {
    let algorithm = match hash_alg {
        Some(alg) => digest_for(&alg.oid).ok_or_else(|| unsupported(&alg.oid))?,
        None => {
            let cert = <x509_cert::Certificate as der::Decode>::from_der(cert_der)
                .map_err(CmpError::malformed)?;
            match cert.signature_algorithm.oid {
                oid if oid == SHA1_WITH_RSA_OID => &digest::SHA1_FOR_LEGACY_USE_ONLY,
                oid if oid == SHA384_WITH_RSA_OID || oid == ECDSA_WITH_SHA384_OID => {
                    &digest::SHA384
                }
                oid if oid == SHA512_WITH_RSA_OID => &digest::SHA512,
                _ => &digest::SHA256,
            }
        }
    };
    Ok(digest::digest(algorithm, cert_der).as_ref().to_vec())
}

/// Encodes `value` as DER, mapping the error.
pub(crate) fn to_der<T: Encode>(value: &T) -> Result<Vec<u8>, CmpError> {
    value.to_der().map_err(CmpError::malformed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmp::request::{header, null_dn};

    fn message_with(params: PbmParameter, secret: &[u8]) -> PkiMessage {
        let hdr = header(null_dn(), null_dn(), Some(b"12345678"), b"tx", None).unwrap();
        protect(
            hdr,
            PkiBody::PkiConf,
            None,
            &Protector::Mac { secret, params },
        )
        .unwrap()
    }

    #[test]
    fn sha1_owf_and_both_hmac_sha1_oids_verify() {
        for mac in [HMAC_SHA1_OID, HMAC_WITH_SHA1_OID, HMAC_WITH_SHA256_OID] {
            let params = PbmParameter {
                owf: algorithm(SHA1_OID),
                mac: algorithm(mac),
                iteration_count: 500,
                ..PbmParameter::new_random().unwrap()
            };
            let message = message_with(params, b"secret");
            verify_mac(&message, b"secret").unwrap();
            assert_eq!(
                verify_mac(&message, b"secreT"),
                Err(CmpError::BadProtection)
            );
        }
    }

    #[test]
    fn iteration_counts_outside_the_bound_are_refused_before_any_work() {
        for count in [0, MAX_PBM_ITERATIONS + 1, u64::MAX] {
            let params = PbmParameter {
                iteration_count: count,
                ..PbmParameter::new_random().unwrap()
            };
            assert_eq!(
                params.mac_value(b"s", b"data"),
                Err(CmpError::PbmIterations { count })
            );
        }
    }

    #[test]
    fn an_unknown_mac_algorithm_is_named() {
        let params = PbmParameter {
            mac: algorithm(SHA256_WITH_RSA_OID),
            ..PbmParameter::new_random().unwrap()
        };
        assert!(matches!(
            params.mac_value(b"s", b"data"),
            Err(CmpError::UnsupportedAlgorithm { oid }) if oid == "1.2.840.113549.1.1.11"
        ));
    }
}
