//! NPKI private-key files (`signPri.key`) made the fixture tool's own way, independently of
//! dojang-core, so that tests can check one implementation against another: the key
//! derivation written from docs/npki.md with the `sha1` crate, SEED-CBC done by the
//! OpenSSL command line (`openssl enc -seed-cbc`, legacy provider), the DER by `der`.
//!
//! ```text
//! EncryptedPrivateKeyInfo ::= SEQUENCE {                  -- RFC 5208 §6
//!   encryptionAlgorithm SEQUENCE {
//!     algorithm   OBJECT IDENTIFIER,   -- A: 1.2.410.200004.1.15, B: 1.2.410.200004.1.4
//!     parameters  SEQUENCE { salt OCTET STRING, iterationCount INTEGER } },
//!   encryptedData OCTET STRING }
//! ```
//!
//! DK = T_n with T_1 = SHA1(password ‖ salt), T_i = SHA1(T_i-1); key = DK[0..16]; the IV is
//! SHA1(DK[16..20])[0..16] for variant A and ASCII `0123456789012345` for variant B.
//! OpenSSL cannot make these files itself: their OIDs are not PKCS#5's.

use std::io::Write;
use std::process::{Command, Stdio};

use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Sequence};
use sha1::{Digest, Sha1};

use crate::Result;

/// Which of NPKI's own encryption algorithms a key file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// seedCBCWithSHA1 (1.2.410.200004.1.15): the IV is hashed from the derived key.
    A,
    /// seedCBC (1.2.410.200004.1.4): the IV is fixed.
    B,
}

impl Variant {
    fn oid(self) -> ObjectIdentifier {
        match self {
            Variant::A => ObjectIdentifier::new_unwrap("1.2.410.200004.1.15"),
            Variant::B => ObjectIdentifier::new_unwrap("1.2.410.200004.1.4"),
        }
    }
}

#[derive(Sequence)]
struct EncryptedPrivateKeyInfo<'a> {
    encryption_algorithm: AlgorithmIdentifier<'a>,
    encrypted_data: OctetStringRef<'a>,
}

#[derive(Sequence)]
struct AlgorithmIdentifier<'a> {
    algorithm: ObjectIdentifier,
    parameters: AnyRef<'a>,
}

#[derive(Sequence)]
struct SaltAndIterations<'a> {
    salt: OctetStringRef<'a>,
    iteration_count: u32,
}

/// The SEED key and IV of a variant A or B file, from the password, salt and iteration
/// count (as docs/npki.md gives them).
pub fn npki_key_and_iv(
    password: &str,
    salt: &[u8],
    iterations: u32,
    variant: Variant,
) -> ([u8; 16], [u8; 16]) {
    let mut t: [u8; 20] = Sha1::new()
        .chain_update(password.as_bytes())
        .chain_update(salt)
        .finalize()
        .into();
    for _ in 1..iterations {
        t = Sha1::digest(t).into();
    }
    let mut key = [0; 16];
    key.copy_from_slice(&t[..16]);
    let iv = match variant {
        Variant::A => {
            let mut iv = [0; 16];
            iv.copy_from_slice(&Sha1::digest(&t[16..])[..16]);
            iv
        }
        Variant::B => *b"0123456789012345",
    };
    (key, iv)
}

/// Encrypts (or with `decrypt`, decrypts) SEED-128-CBC with PKCS#7 padding through
/// `openssl enc -seed-cbc`.
pub fn openssl_seed_cbc(
    key: &[u8; 16],
    iv: &[u8; 16],
    data: &[u8],
    decrypt: bool,
) -> Result<Vec<u8>> {
    let mut command = Command::new("openssl");
    command.args([
        "enc",
        "-seed-cbc",
        "-provider",
        "legacy",
        "-provider",
        "default",
    ]);
    if decrypt {
        command.arg("-d");
    }
    let mut child = command
        .args(["-K", &hex(key), "-iv", &hex(iv)])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // Write from a thread: a large input would otherwise fill the pipe while OpenSSL's
    // output pipe fills too.
    let mut stdin = child.stdin.take().ok_or("openssl: no stdin")?;
    let input = data.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output()?;
    writer
        .join()
        .map_err(|_| "openssl: writer thread panicked")??;
    if !output.status.success() {
        return Err(format!(
            "openssl enc failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(output.stdout)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A variant A or B key file holding `private_key_info` (DER, kept byte for byte).
pub fn npki_key_file(
    private_key_info: &[u8],
    password: &str,
    variant: Variant,
    salt: [u8; 8],
    iterations: u32,
) -> Result<Vec<u8>> {
    let (key, iv) = npki_key_and_iv(password, &salt, iterations, variant);
    let encrypted = openssl_seed_cbc(&key, &iv, private_key_info, false)?;
    let parameters = SaltAndIterations {
        salt: OctetStringRef::new(&salt)?,
        iteration_count: iterations,
    }
    .to_der()?;
    Ok(EncryptedPrivateKeyInfo {
        encryption_algorithm: AlgorithmIdentifier {
            algorithm: variant.oid(),
            parameters: AnyRef::from_der(&parameters)?,
        },
        encrypted_data: OctetStringRef::new(&encrypted)?,
    }
    .to_der()?)
}

/// Decrypts a variant A or B key file the same independent way, returning the plaintext
/// as OpenSSL leaves it (padding removed).
pub fn decrypt_npki_key_file(file: &[u8], password: &str) -> Result<Vec<u8>> {
    let info = EncryptedPrivateKeyInfo::from_der(file)?;
    let algorithm = info.encryption_algorithm.algorithm;
    let variant = [Variant::A, Variant::B]
        .into_iter()
        .find(|v| v.oid() == algorithm)
        .ok_or_else(|| format!("not an NPKI variant A or B key file: {algorithm}"))?;
    let parameters: SaltAndIterations<'_> = info.encryption_algorithm.parameters.decode_as()?;
    let (key, iv) = npki_key_and_iv(
        password,
        parameters.salt.as_bytes(),
        parameters.iteration_count,
        variant,
    );
    openssl_seed_cbc(&key, &iv, info.encrypted_data.as_bytes(), true)
}
