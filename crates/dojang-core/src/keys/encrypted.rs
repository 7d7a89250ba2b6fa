//! NPKI private-key files (`signPri.key`, `kmPri.key`): a PKCS#8 `EncryptedPrivateKeyInfo`
//! (RFC 5208 §6) whose cipher is SEED-128-CBC with PKCS#7 padding.
//!
//! ```text
//! EncryptedPrivateKeyInfo ::= SEQUENCE {
//!   encryptionAlgorithm  AlgorithmIdentifier,
//!   encryptedData        OCTET STRING }        -- the DER of a PrivateKeyInfo, encrypted
//! ```
//!
//! Three encryption algorithms occur (docs/npki.md, "signPri.key"):
//!
//! ```text
//! -- A, the common one: 1.2.410.200004.1.15 (seedCBCWithSHA1)
//! -- B, older files:    1.2.410.200004.1.4  (seedCBC)
//! -- both with the parameters
//! NpkiPbeParameter ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER }
//! --   DK  = T_c where T_1 = SHA1(password || salt), T_i = SHA1(T_i-1)   (PBKDF1, RFC 8018 §5.1)
//! --   key = DK[0..16]
//! --   IV  = SHA1(DK[16..20])[0..16] for A, the ASCII string "0123456789012345" for B
//!
//! -- C: 1.2.840.113549.1.5.13 (PBES2, RFC 8018 §6.2 and A.4)
//! PBES2-params ::= SEQUENCE {
//!   keyDerivationFunc  AlgorithmIdentifier,    -- 1.2.840.113549.1.5.12 (PBKDF2)
//!   encryptionScheme   AlgorithmIdentifier }   -- 1.2.410.200004.1.4 (seedCBC), IV OCTET STRING
//! PBKDF2-params ::= SEQUENCE {                 -- RFC 8018 A.2
//!   salt            OCTET STRING,
//!   iterationCount  INTEGER (1..MAX),
//!   keyLength       INTEGER (1..MAX) OPTIONAL, -- 16 if present
//!   prf             AlgorithmIdentifier DEFAULT hmacWithSHA1 }
//!                   -- hmacWithSHA1 1.2.840.113549.2.7, hmacWithSHA256 1.2.840.113549.2.9
//! ```
//!
//! OpenSSL writes C (`openssl pkcs8 -topk8 -v2 seed-cbc`) without keyLength, without prf
//! for HMAC-SHA1 and with a NULL-parameter prf for HMAC-SHA256; [`encrypt`] writes the same.
//!
//! There is no MAC: a wrong password shows up as bad padding, or as padding that happens to
//! be valid over garbage. So after decrypting, the plaintext must look like a
//! `PrivateKeyInfo` (RFC 5208 §5, RFC 5958 §2) — a SEQUENCE spanning the whole plaintext that
//! starts with `version INTEGER (0 | 1)` and an `AlgorithmIdentifier` SEQUENCE — or it is
//! reported as a wrong password. The plaintext is returned exactly as it was encrypted, so
//! attributes such as randomNum survive byte for byte.

use std::num::NonZeroU32;

use aws_lc_rs::{digest, pbkdf2, rand};
use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Reader, Sequence, SliceReader, Tag, Tagged};
use zeroize::Zeroizing;

use super::seed;

/// seedCBCWithSHA1 (variant A).
const SEED_CBC_WITH_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.410.200004.1.15");
/// seedCBC: variant B's whole algorithm, and the encryption scheme inside variant C.
const SEED_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.410.200004.1.4");
/// id-PBES2 (RFC 8018 A.4).
const PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
/// id-PBKDF2 (RFC 8018 A.2).
const PBKDF2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.12");
/// id-hmacWithSHA1 (RFC 8018 B.1.1), PBKDF2's default PRF.
const HMAC_WITH_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.2.7");
/// id-hmacWithSHA256 (RFC 8018 B.1.2).
const HMAC_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.2.9");

/// Variant B's IV: the same for every file.
const FIXED_IV: &[u8; 16] = b"0123456789012345";
/// What [`encrypt`] writes: NPKI's usual 8-byte salt and 2048 iterations.
const SALT_LEN: usize = 8;
const ITERATIONS: u32 = 2048;
/// Iteration counts above this are refused, so that a hostile file (on a stick, in a
/// PFX) cannot make each password attempt hash for seconds: NPKI software writes 2048,
/// and a million SHA-1 rounds take about a tenth of a second.
const MAX_ITERATIONS: u32 = 1_000_000;

/// How a key file is encrypted; [`decrypt`] says which it found, [`encrypt`] is told which
/// to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyEncryption {
    /// Variant A, seedCBCWithSHA1 (1.2.410.200004.1.15): PBKDF1-SHA1 key, IV hashed from the
    /// derived key. What NPKI clients write today.
    NpkiSeedSha1,
    /// Variant B, seedCBC (1.2.410.200004.1.4): PBKDF1-SHA1 key, fixed IV. Older files.
    NpkiSeedFixedIv,
    /// Variant C, PBES2 with PBKDF2 and SEED-CBC (RFC 8018). Written with HMAC-SHA1; read
    /// with HMAC-SHA1 or HMAC-SHA256.
    Pbes2Seed,
}

/// Why a key file could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyFileError {
    /// The password does not open this file (bad padding, or what it decrypts to is not a
    /// private key).
    #[error("wrong password")]
    WrongPassword,
    /// The file names an algorithm this app does not implement.
    #[error("unsupported key encryption algorithm {oid}")]
    Unsupported {
        /// The algorithm's OID, dotted.
        oid: String,
    },
    /// The file is not an `EncryptedPrivateKeyInfo` (truncated, garbage, some other DER).
    #[error("malformed key file: {detail}")]
    Malformed {
        /// What was wrong, for logs.
        detail: String,
    },
    /// [`encrypt`] was given something that is not a DER `PrivateKeyInfo` (a PKCS#1 key,
    /// say); written anyway, it would later read as a wrong password.
    #[error("not a PKCS#8 PrivateKeyInfo")]
    NotAPrivateKeyInfo,
    /// The system's random number generator failed.
    #[error("no randomness available")]
    RandomnessUnavailable,
}

fn malformed(detail: impl std::fmt::Display) -> KeyFileError {
    KeyFileError::Malformed {
        detail: detail.to_string(),
    }
}

/// `EncryptedPrivateKeyInfo` (RFC 5208 §6).
#[derive(Sequence)]
struct EncryptedPrivateKeyInfo<'a> {
    encryption_algorithm: AlgorithmIdentifier<'a>,
    encrypted_data: OctetStringRef<'a>,
}

/// `AlgorithmIdentifier` (RFC 5280 §4.1.1.2).
#[derive(Sequence)]
struct AlgorithmIdentifier<'a> {
    algorithm: ObjectIdentifier,
    parameters: Option<AnyRef<'a>>,
}

/// The parameters of variants A and B: `SEQUENCE { salt OCTET STRING, iterationCount
/// INTEGER }` (the shape of PKCS#5's PBEParameter, RFC 8018 A.3).
#[derive(Sequence)]
struct NpkiPbeParameter<'a> {
    salt: OctetStringRef<'a>,
    iteration_count: u32,
}

/// `PBES2-params` (RFC 8018 A.4).
#[derive(Sequence)]
struct Pbes2Params<'a> {
    key_derivation_func: AlgorithmIdentifier<'a>,
    encryption_scheme: AlgorithmIdentifier<'a>,
}

/// `PBKDF2-params` (RFC 8018 A.2), with the salt as an OCTET STRING (the `otherSource`
/// choice is not used by anyone).
#[derive(Sequence)]
struct Pbkdf2Params<'a> {
    salt: OctetStringRef<'a>,
    iteration_count: u32,
    key_length: Option<u32>,
    prf: Option<AlgorithmIdentifier<'a>>,
}

/// A SEED key and IV derived from a password.
struct CipherKey {
    key: Zeroizing<[u8; 16]>,
    iv: [u8; 16],
}

/// Decrypts a key file with its password (the certificate password as UTF-8 bytes) and
/// returns the DER `PrivateKeyInfo` exactly as it was encrypted, and how it was encrypted.
///
/// Errors: [`KeyFileError::WrongPassword`] whenever the structure is sound but the
/// password does not open it; [`KeyFileError::Unsupported`] for an unknown algorithm;
/// [`KeyFileError::Malformed`] for anything that is not such a file, including zero or
/// more than 1,000,000 iterations. Never panics.
pub fn decrypt(
    file: &[u8],
    password: &[u8],
) -> Result<(Zeroizing<Vec<u8>>, KeyEncryption), KeyFileError> {
    let info = EncryptedPrivateKeyInfo::from_der(file)
        .map_err(|e| malformed(format!("not an EncryptedPrivateKeyInfo: {e}")))?;
    let (scheme, cipher_key) = derive_from_file(&info.encryption_algorithm, password)?;
    let ciphertext = info.encrypted_data.as_bytes();
    if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(seed::BLOCK_LEN) {
        return Err(malformed(format!(
            "{} encrypted bytes is not a whole number of SEED blocks",
            ciphertext.len()
        )));
    }
    let plaintext = seed::cbc_decrypt(&cipher_key.key, &cipher_key.iv, ciphertext)
        .ok_or(KeyFileError::WrongPassword)?;
    if !looks_like_private_key_info(&plaintext) {
        return Err(KeyFileError::WrongPassword);
    }
    Ok((plaintext, scheme))
}

/// Encrypts a DER `PrivateKeyInfo` (kept byte for byte, attributes included) into a key
/// file with a fresh random 8-byte salt (and, for [`KeyEncryption::Pbes2Seed`], a fresh
/// IV) and 2048 iterations.
///
/// Errors: [`KeyFileError::NotAPrivateKeyInfo`] when `private_key_info` does not look like
/// one (see [`decrypt`]: the file could never be opened again);
/// [`KeyFileError::RandomnessUnavailable`] when the system cannot supply a salt.
pub fn encrypt(
    private_key_info: &[u8],
    password: &[u8],
    scheme: KeyEncryption,
) -> Result<Vec<u8>, KeyFileError> {
    let mut salt = [0u8; SALT_LEN];
    let mut iv = [0u8; 16];
    rand::fill(&mut salt).map_err(|_| KeyFileError::RandomnessUnavailable)?;
    rand::fill(&mut iv).map_err(|_| KeyFileError::RandomnessUnavailable)?;
    encrypt_with(private_key_info, password, scheme, &salt, iv, ITERATIONS)
}

/// [`encrypt`] with the random parts given; `iv` is used by PBES2 only.
fn encrypt_with(
    private_key_info: &[u8],
    password: &[u8],
    scheme: KeyEncryption,
    salt: &[u8],
    iv: [u8; 16],
    iterations: u32,
) -> Result<Vec<u8>, KeyFileError> {
    if !looks_like_private_key_info(private_key_info) {
        return Err(KeyFileError::NotAPrivateKeyInfo);
    }
    let iterations = checked_iterations(iterations)?;
    let salt_der = OctetStringRef::new(salt).map_err(malformed)?;
    let (algorithm, parameters, cipher_key) = match scheme {
        KeyEncryption::NpkiSeedSha1 | KeyEncryption::NpkiSeedFixedIv => {
            let algorithm = if scheme == KeyEncryption::NpkiSeedSha1 {
                SEED_CBC_WITH_SHA1
            } else {
                SEED_CBC
            };
            let parameters = NpkiPbeParameter {
                salt: salt_der,
                iteration_count: iterations.get(),
            };
            let key = npki_key(scheme, password, salt, iterations);
            (algorithm, parameters.to_der().map_err(malformed)?, key)
        }
        KeyEncryption::Pbes2Seed => {
            // Written as OpenSSL writes it: no keyLength, and no prf for HMAC-SHA1.
            let kdf = Pbkdf2Params {
                salt: salt_der,
                iteration_count: iterations.get(),
                key_length: None,
                prf: None,
            }
            .to_der()
            .map_err(malformed)?;
            let iv_der = OctetStringRef::new(&iv)
                .and_then(|iv| iv.to_der())
                .map_err(malformed)?;
            let parameters = Pbes2Params {
                key_derivation_func: AlgorithmIdentifier {
                    algorithm: PBKDF2,
                    parameters: Some(AnyRef::from_der(&kdf).map_err(malformed)?),
                },
                encryption_scheme: AlgorithmIdentifier {
                    algorithm: SEED_CBC,
                    parameters: Some(AnyRef::from_der(&iv_der).map_err(malformed)?),
                },
            };
            let key = pbkdf2_key(pbkdf2::PBKDF2_HMAC_SHA1, password, salt, iterations);
            let cipher_key = CipherKey { key, iv };
            (PBES2, parameters.to_der().map_err(malformed)?, cipher_key)
        }
    };
    let ciphertext = seed::cbc_encrypt(&cipher_key.key, &cipher_key.iv, private_key_info);
    EncryptedPrivateKeyInfo {
        encryption_algorithm: AlgorithmIdentifier {
            algorithm,
            parameters: Some(AnyRef::from_der(&parameters).map_err(malformed)?),
        },
        encrypted_data: OctetStringRef::new(&ciphertext).map_err(malformed)?,
    }
    .to_der()
    .map_err(malformed)
}

/// Reads the algorithm of a key file and derives its key and IV from the password.
fn derive_from_file(
    algorithm: &AlgorithmIdentifier<'_>,
    password: &[u8],
) -> Result<(KeyEncryption, CipherKey), KeyFileError> {
    let scheme = match algorithm.algorithm {
        SEED_CBC_WITH_SHA1 => KeyEncryption::NpkiSeedSha1,
        SEED_CBC => KeyEncryption::NpkiSeedFixedIv,
        PBES2 => KeyEncryption::Pbes2Seed,
        other => return Err(unsupported(other)),
    };
    let parameters = algorithm
        .parameters
        .ok_or_else(|| malformed("the encryption algorithm has no parameters"))?;
    if scheme != KeyEncryption::Pbes2Seed {
        let parameters: NpkiPbeParameter<'_> = parameters
            .decode_as()
            .map_err(|e| malformed(format!("salt and iteration count: {e}")))?;
        let iterations = checked_iterations(parameters.iteration_count)?;
        let key = npki_key(scheme, password, parameters.salt.as_bytes(), iterations);
        return Ok((scheme, key));
    }

    let parameters: Pbes2Params<'_> = parameters
        .decode_as()
        .map_err(|e| malformed(format!("PBES2 parameters: {e}")))?;
    let kdf = parameters.key_derivation_func;
    if kdf.algorithm != PBKDF2 {
        return Err(unsupported(kdf.algorithm));
    }
    let encryption = parameters.encryption_scheme;
    if encryption.algorithm != SEED_CBC {
        return Err(unsupported(encryption.algorithm));
    }
    let kdf: Pbkdf2Params<'_> = kdf
        .parameters
        .ok_or_else(|| malformed("PBKDF2 without parameters"))?
        .decode_as()
        .map_err(|e| malformed(format!("PBKDF2 parameters: {e}")))?;
    if kdf.key_length.is_some_and(|len| len != 16) {
        return Err(malformed("PBKDF2 key length is not SEED's 16 bytes"));
    }
    let prf = match kdf.prf.map(|prf| prf.algorithm) {
        None | Some(HMAC_WITH_SHA1) => pbkdf2::PBKDF2_HMAC_SHA1,
        Some(HMAC_WITH_SHA256) => pbkdf2::PBKDF2_HMAC_SHA256,
        Some(other) => return Err(unsupported(other)),
    };
    let iv: [u8; 16] = encryption
        .parameters
        .ok_or_else(|| malformed("SEED-CBC without an IV"))?
        .decode_as::<OctetStringRef<'_>>()
        .map_err(|e| malformed(format!("SEED-CBC IV: {e}")))?
        .as_bytes()
        .try_into()
        .map_err(|_| malformed("SEED-CBC IV is not 16 bytes"))?;
    let iterations = checked_iterations(kdf.iteration_count)?;
    let key = pbkdf2_key(prf, password, kdf.salt.as_bytes(), iterations);
    Ok((scheme, CipherKey { key, iv }))
}

fn unsupported(oid: ObjectIdentifier) -> KeyFileError {
    KeyFileError::Unsupported {
        oid: oid.to_string(),
    }
}

fn checked_iterations(iterations: u32) -> Result<NonZeroU32, KeyFileError> {
    NonZeroU32::new(iterations)
        .filter(|n| n.get() <= MAX_ITERATIONS)
        .ok_or_else(|| malformed(format!("iteration count {iterations} out of range")))
}

/// The key and IV of variants A and B (see the module documentation).
fn npki_key(
    scheme: KeyEncryption,
    password: &[u8],
    salt: &[u8],
    iterations: NonZeroU32,
) -> CipherKey {
    let derived = pbkdf1_sha1(password, salt, iterations);
    let mut key = Zeroizing::new([0u8; 16]);
    key.copy_from_slice(&derived[..16]);
    let mut iv = *FIXED_IV;
    if scheme == KeyEncryption::NpkiSeedSha1 {
        let hashed = digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, &derived[16..]);
        iv.copy_from_slice(&hashed.as_ref()[..16]);
    }
    CipherKey { key, iv }
}

/// PBKDF1 with SHA-1 (RFC 8018 §5.1), the whole 20-byte T_c.
fn pbkdf1_sha1(password: &[u8], salt: &[u8], iterations: NonZeroU32) -> Zeroizing<[u8; 20]> {
    let mut first = digest::Context::new(&digest::SHA1_FOR_LEGACY_USE_ONLY);
    first.update(password);
    first.update(salt);
    let mut t = Zeroizing::new([0u8; 20]);
    t.copy_from_slice(first.finish().as_ref());
    for _ in 1..iterations.get() {
        let next = digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, &t[..]);
        t.copy_from_slice(next.as_ref());
    }
    t
}

fn pbkdf2_key(
    prf: pbkdf2::Algorithm,
    password: &[u8],
    salt: &[u8],
    iterations: NonZeroU32,
) -> Zeroizing<[u8; 16]> {
    let mut key = Zeroizing::new([0u8; 16]);
    pbkdf2::derive(prf, iterations, salt, password, &mut key[..]);
    key
}

/// Whether `der` is shaped like a `PrivateKeyInfo`: one SEQUENCE filling all of it, whose
/// first element is INTEGER 0 or 1 and whose second is a SEQUENCE. Garbage decrypted with a
/// wrong password fails this with overwhelming probability; the rest of the structure is
/// left to whoever uses the key.
fn looks_like_private_key_info(der: &[u8]) -> bool {
    let Ok(outer) = AnyRef::from_der(der) else {
        return false;
    };
    if outer.tag() != Tag::Sequence {
        return false;
    }
    let Ok(mut reader) = SliceReader::new(outer.value()) else {
        return false;
    };
    let version_ok = AnyRef::decode(&mut reader)
        .is_ok_and(|v| v.tag() == Tag::Integer && matches!(v.value(), [0] | [1]));
    version_ok
        && reader.peek_tag().is_ok_and(|tag| tag == Tag::Sequence)
        && AnyRef::decode(&mut reader).is_ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// `SEQUENCE { INTEGER 0, SEQUENCE { rsaEncryption, NULL }, OCTET STRING "dojang test
    /// key" }`: the shape of a PrivateKeyInfo, not a real key.
    const SHAPED_PKI: &str =
        "3023020100300d06092a864886f70d0101010500040f646f6a616e672074657374206b6579";

    const SALT: [u8; 8] = [1, 2, 3, 4, 5, 6, 7, 8];

    #[test]
    fn variant_a_key_and_iv_match_an_independent_computation() {
        // Python's hashlib: t = sha1(b"dojang1234!@" + bytes(range(1, 9))), then 2047 times
        // t = sha1(t); key = t[:16]; iv = sha1(t[16:20])[:16].
        let key = npki_key(
            KeyEncryption::NpkiSeedSha1,
            b"dojang1234!@",
            &SALT,
            NonZeroU32::new(2048).unwrap(),
        );
        assert_eq!(key.key.to_vec(), unhex("8e17c9696a2a68c77b993daadb9d7f34"));
        assert_eq!(key.iv.to_vec(), unhex("b55a2e0bfb680a6cb69486dca9125a27"));

        let b = npki_key(
            KeyEncryption::NpkiSeedFixedIv,
            b"dojang1234!@",
            &SALT,
            NonZeroU32::new(2048).unwrap(),
        );
        assert_eq!(*b.key, *key.key);
        assert_eq!(&b.iv, b"0123456789012345");
    }

    #[test]
    fn pbes2_key_matches_an_independent_computation() {
        // Python: hashlib.pbkdf2_hmac("sha1", b"dojang1234!@", bytes(range(1, 9)), 2048, 16)
        let key = pbkdf2_key(
            pbkdf2::PBKDF2_HMAC_SHA1,
            b"dojang1234!@",
            &SALT,
            NonZeroU32::new(2048).unwrap(),
        );
        assert_eq!(key.to_vec(), unhex("af9730bda74d0ec9556f7787d3d3f6fd"));
    }

    #[test]
    fn every_scheme_round_trips_and_reports_itself() {
        let pki = unhex(SHAPED_PKI);
        for scheme in [
            KeyEncryption::NpkiSeedSha1,
            KeyEncryption::NpkiSeedFixedIv,
            KeyEncryption::Pbes2Seed,
        ] {
            let file = encrypt(&pki, "비밀번호 1234!".as_bytes(), scheme).unwrap();
            let (plain, found) = decrypt(&file, "비밀번호 1234!".as_bytes()).unwrap();
            assert_eq!(plain.as_slice(), pki.as_slice());
            assert_eq!(found, scheme);
            assert_eq!(
                decrypt(&file, b"not it").unwrap_err(),
                KeyFileError::WrongPassword
            );
        }
    }

    #[test]
    fn empty_password_and_empty_salt_work() {
        let pki = unhex(SHAPED_PKI);
        for scheme in [KeyEncryption::NpkiSeedSha1, KeyEncryption::Pbes2Seed] {
            let file = encrypt_with(&pki, b"", scheme, &[], [0; 16], 1).unwrap();
            assert_eq!(decrypt(&file, b"").unwrap().0.as_slice(), pki.as_slice());
        }
    }

    /// A key file with the given algorithm and parameters (DER) over 32 bytes of zeros.
    fn file_with(algorithm: ObjectIdentifier, parameters: &[u8]) -> Vec<u8> {
        EncryptedPrivateKeyInfo {
            encryption_algorithm: AlgorithmIdentifier {
                algorithm,
                parameters: Some(AnyRef::from_der(parameters).unwrap()),
            },
            encrypted_data: OctetStringRef::new(&[0; 32]).unwrap(),
        }
        .to_der()
        .unwrap()
    }

    fn pbes2_parameters(iteration_count: u32, prf: ObjectIdentifier, iv: &[u8]) -> Vec<u8> {
        let kdf = Pbkdf2Params {
            salt: OctetStringRef::new(&SALT).unwrap(),
            iteration_count,
            key_length: None,
            prf: Some(AlgorithmIdentifier {
                algorithm: prf,
                parameters: None,
            }),
        }
        .to_der()
        .unwrap();
        let iv = OctetStringRef::new(iv).unwrap().to_der().unwrap();
        Pbes2Params {
            key_derivation_func: AlgorithmIdentifier {
                algorithm: PBKDF2,
                parameters: Some(AnyRef::from_der(&kdf).unwrap()),
            },
            encryption_scheme: AlgorithmIdentifier {
                algorithm: SEED_CBC,
                parameters: Some(AnyRef::from_der(&iv).unwrap()),
            },
        }
        .to_der()
        .unwrap()
    }

    #[test]
    fn iteration_counts_out_of_range_are_malformed() {
        for iterations in [0, MAX_ITERATIONS + 1, u32::MAX] {
            let npki = NpkiPbeParameter {
                salt: OctetStringRef::new(&SALT).unwrap(),
                iteration_count: iterations,
            }
            .to_der()
            .unwrap();
            let pbes2 = pbes2_parameters(iterations, HMAC_WITH_SHA1, &[0; 16]);
            for file in [
                file_with(SEED_CBC_WITH_SHA1, &npki),
                file_with(SEED_CBC, &npki),
                file_with(PBES2, &pbes2),
            ] {
                assert!(
                    matches!(decrypt(&file, b"pw"), Err(KeyFileError::Malformed { .. })),
                    "{iterations}"
                );
            }
        }
        // Within range, the same files are merely opened with the wrong password.
        let pbes2 = pbes2_parameters(1, HMAC_WITH_SHA256, &[0; 16]);
        assert_eq!(
            decrypt(&file_with(PBES2, &pbes2), b"pw").unwrap_err(),
            KeyFileError::WrongPassword
        );
    }

    #[test]
    fn pbes2_with_an_unknown_prf_or_a_short_iv_is_refused() {
        let md5_prf = ObjectIdentifier::new_unwrap("1.2.840.113549.2.5");
        let file = file_with(PBES2, &pbes2_parameters(1, md5_prf, &[0; 16]));
        assert_eq!(
            decrypt(&file, b"pw").unwrap_err(),
            KeyFileError::Unsupported {
                oid: "1.2.840.113549.2.5".into()
            }
        );
        let file = file_with(PBES2, &pbes2_parameters(1, HMAC_WITH_SHA1, &[0; 8]));
        assert!(matches!(
            decrypt(&file, b"pw"),
            Err(KeyFileError::Malformed { .. })
        ));
    }

    #[test]
    fn unknown_algorithm_is_unsupported() {
        let pki = unhex(SHAPED_PKI);
        let mut file = encrypt(&pki, b"pw", KeyEncryption::NpkiSeedSha1).unwrap();
        // The last arc of 1.2.410.200004.1.15 becomes 99.
        let at = file.windows(2).position(|w| w == [1, 15]).unwrap();
        file[at + 1] = 99;
        assert_eq!(
            decrypt(&file, b"pw").unwrap_err(),
            KeyFileError::Unsupported {
                oid: "1.2.410.200004.1.99".into()
            }
        );
    }

    #[test]
    fn garbage_is_malformed_not_a_panic() {
        for file in [
            &b""[..],
            b"\x30",
            b"\x30\x00",
            b"\x30\x80\x00\x00",
            b"hello world",
        ] {
            assert!(matches!(
                decrypt(file, b"pw"),
                Err(KeyFileError::Malformed { .. })
            ));
        }
    }

    #[test]
    fn encrypt_refuses_what_is_not_a_private_key_info() {
        // A PKCS#1 RSAPrivateKey also starts SEQUENCE { INTEGER 0, … } but goes on with an
        // INTEGER.
        let pkcs1 = unhex("300802010002010502010a");
        for bytes in [&pkcs1[..], b"", b"\x30\x00"] {
            assert_eq!(
                encrypt(bytes, b"pw", KeyEncryption::NpkiSeedSha1).unwrap_err(),
                KeyFileError::NotAPrivateKeyInfo
            );
        }
    }
}
