//! NPKI private-key files (`signPri.key`) read and written by dojang-core, checked against
//! independent implementations: OpenSSL 3 (its SEED in the legacy provider, and its PKCS#8
//! PBES2 writer and reader) and the fixture tool's own key derivation.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use aws_lc_rs::rand;
use der::asn1::AnyRef;
use der::{Decode, Encode, Tag};
use dojang_core::keys::encrypted::{self, KeyEncryption, KeyFileError};
use dojang_core::keys::seed;
use dojang_testkit::npki_key::{self, Variant};
use dojang_testkit::{Subscriber, TestPki};

const PASSWORD: &str = "dojang1234!@";
const ALL_SCHEMES: [KeyEncryption; 3] = [
    KeyEncryption::NpkiSeedSha1,
    KeyEncryption::NpkiSeedFixedIv,
    KeyEncryption::Pbes2Seed,
];

/// Runs `openssl COMMAND -provider legacy -provider default ARGS…` (SEED lives in the
/// legacy provider) for a command line "COMMAND ARGS…" split at spaces, with `input` on
/// stdin; returns stdout, or stderr as the error.
fn openssl(command_line: &str, input: &[u8]) -> Result<Vec<u8>, String> {
    let mut words = command_line.split(' ');
    let mut child = Command::new("openssl")
        .args(words.next())
        .args(["-provider", "legacy", "-provider", "default"])
        .args(words)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("openssl runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().unwrap();
    let _ = writer.join().unwrap();
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0; N];
    rand::fill(&mut bytes).unwrap();
    bytes
}

/// A subscriber certificate and its RSA-2048 key (PKCS#8 DER) from the fixture PKI, made
/// once for all tests here.
fn fixture() -> &'static (Vec<u8>, Vec<u8>) {
    static FIXTURE: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        TestPki::new("KICA")
            .unwrap()
            .issue(&Subscriber::kica_personal("홍길동"))
            .unwrap()
    })
}

/// The fixture key as OpenSSL writes an unencrypted PKCS#8 `PrivateKeyInfo`.
fn plain_pkcs8() -> Vec<u8> {
    openssl(
        "pkcs8 -topk8 -nocrypt -inform DER -outform DER",
        &fixture().1,
    )
    .unwrap()
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    AnyRef::new(Tag::try_from(tag).unwrap(), content)
        .unwrap()
        .to_der()
        .unwrap()
}

/// The fixture key with an NPKI randomNum attribute added, as a CA's client writes it:
/// `[0] IMPLICIT SET OF Attribute`, the attribute being
/// `SEQUENCE { 1.2.410.200004.10.1.1.3, SET { BIT STRING (160 bits) } }`.
fn pkcs8_with_random_num() -> Vec<u8> {
    let plain = plain_pkcs8();
    let outer = AnyRef::from_der(&plain).unwrap();
    let random_num = [&[0u8][..], &random::<20>()].concat();
    let attribute = tlv(
        0x30,
        &[
            tlv(0x06, &unhex("2a831a8c9a440a010103")),
            tlv(0x31, &tlv(0x03, &random_num)),
        ]
        .concat(),
    );
    tlv(0x30, &[outer.value(), &tlv(0xa0, &attribute)].concat())
}

#[test]
fn seed_cbc_agrees_with_openssl_both_ways() {
    for len in [0, 1, 15, 16, 17, 31, 32, 33, 100, 255, 1000, 4096] {
        let key = random::<16>();
        let iv = random::<16>();
        let mut data = vec![0; len];
        rand::fill(&mut data).unwrap();
        let enc = format!("enc -seed-cbc -K {} -iv {}", hex(&key), hex(&iv));

        let ours = seed::cbc_encrypt(&key, &iv, &data);
        let theirs = openssl(&enc, &data).unwrap();
        assert_eq!(ours, theirs, "length {len}");
        assert_eq!(openssl(&format!("{enc} -d"), &ours).unwrap(), data);
        assert_eq!(
            seed::cbc_decrypt(&key, &iv, &theirs).unwrap().as_slice(),
            data
        );
    }
}

/// `openssl pkcs8 -topk8 -v2 seed-cbc` of the fixture key (variant C).
fn openssl_pbes2_file(prf: &str, password: &str) -> Vec<u8> {
    let command = format!(
        "pkcs8 -topk8 -v2 seed-cbc -v2prf {prf} -iter 2048 -inform DER -outform DER \
         -passout pass:{password}"
    );
    openssl(&command, &fixture().1).unwrap()
}

#[test]
fn openssl_pbes2_seed_file_decrypts_to_the_pkcs8_openssl_encrypted() {
    let file = openssl_pbes2_file("hmacWithSHA1", PASSWORD);
    let (plain, scheme) = encrypted::decrypt(&file, PASSWORD.as_bytes()).unwrap();
    assert_eq!(plain.as_slice(), plain_pkcs8());
    assert_eq!(scheme, KeyEncryption::Pbes2Seed);
}

#[test]
fn openssl_pbes2_seed_file_with_hmac_sha256_decrypts() {
    let file = openssl_pbes2_file("hmacWithSHA256", PASSWORD);
    let (plain, scheme) = encrypted::decrypt(&file, PASSWORD.as_bytes()).unwrap();
    assert_eq!(plain.as_slice(), plain_pkcs8());
    assert_eq!(scheme, KeyEncryption::Pbes2Seed);
}

#[test]
fn korean_password_is_used_as_utf8_like_openssl_does() {
    let password = "도장비밀번호1!";
    let file = openssl_pbes2_file("hmacWithSHA1", password);
    let (plain, _) = encrypted::decrypt(&file, password.as_bytes()).unwrap();
    assert_eq!(plain.as_slice(), plain_pkcs8());
}

/// What `openssl pkcs8` (no `-topk8`) makes of an encrypted PKCS#8 file, as DER. OpenSSL
/// 3.0 writes its DER output as a PKCS#1 RSAPrivateKey; only the PEM output is PKCS#8, so
/// that is what is asked for and un-armoured here.
fn openssl_decrypted_pkcs8(file: &[u8], password: &str) -> Vec<u8> {
    let command = format!("pkcs8 -inform DER -outform PEM -passin pass:{password}");
    let pem = openssl(&command, file).unwrap();
    let pem = String::from_utf8(pem).unwrap();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"), "{pem}");
    let body: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .join("\n");
    openssl("base64 -d", format!("{body}\n").as_bytes()).unwrap()
}

#[test]
fn our_pbes2_seed_file_is_read_by_openssl() {
    let plain = plain_pkcs8();
    let file = encrypted::encrypt(&plain, PASSWORD.as_bytes(), KeyEncryption::Pbes2Seed).unwrap();
    assert_eq!(openssl_decrypted_pkcs8(&file, PASSWORD), plain);

    // Laid out byte for byte as OpenSSL lays out its own, but for the salt (8 bytes from
    // offset 36), the IV (16 from 62) and the ciphertext (from 82).
    let theirs = openssl_pbes2_file("hmacWithSHA1", PASSWORD);
    assert_eq!(file.len(), theirs.len());
    assert_eq!(file[..36], theirs[..36]);
    assert_eq!(file[44..62], theirs[44..62]);
    assert_eq!(file[78..82], theirs[78..82]);
}

#[test]
fn fixture_tool_variant_a_and_b_files_decrypt_to_the_same_bytes() {
    let pki = pkcs8_with_random_num();
    for (variant, scheme) in [
        (Variant::A, KeyEncryption::NpkiSeedSha1),
        (Variant::B, KeyEncryption::NpkiSeedFixedIv),
    ] {
        let file = npki_key::npki_key_file(&pki, PASSWORD, variant, random(), 2048).unwrap();
        let (plain, found) = encrypted::decrypt(&file, PASSWORD.as_bytes()).unwrap();
        assert_eq!(plain.as_slice(), pki, "{variant:?}");
        assert_eq!(found, scheme);
    }
}

#[test]
fn our_variant_a_and_b_files_are_read_by_the_fixture_tool() {
    let pki = pkcs8_with_random_num();
    for scheme in [KeyEncryption::NpkiSeedSha1, KeyEncryption::NpkiSeedFixedIv] {
        let file = encrypted::encrypt(&pki, PASSWORD.as_bytes(), scheme).unwrap();
        let read = npki_key::decrypt_npki_key_file(&file, PASSWORD).unwrap();
        assert_eq!(read, pki, "{scheme:?}");
    }
}

// A variant A file fixed once and for all. The key and IV were computed with Python's
// hashlib (an implementation independent of both ours and the fixture tool's):
//   t = sha1(b"dojang1234!@" + bytes([1, 2, 3, 4, 5, 6, 7, 8])).digest()
//   2047 times: t = sha1(t).digest()
//   key = t[:16]; iv = sha1(t[16:20]).digest()[:16]
// The ciphertext is `openssl enc -seed-cbc -provider legacy -provider default -K KAT_KEY
// -iv KAT_IV` of KAT_PLAINTEXT, and KAT_FILE wraps it as
// SEQUENCE { SEQUENCE { 1.2.410.200004.1.15, SEQUENCE { OCTET STRING salt, INTEGER 2048 } },
//            OCTET STRING ciphertext }.
const KAT_SALT: [u8; 8] = [1, 2, 3, 4, 5, 6, 7, 8];
const KAT_KEY: &str = "8e17c9696a2a68c77b993daadb9d7f34";
const KAT_IV: &str = "b55a2e0bfb680a6cb69486dca9125a27";
/// `SEQUENCE { INTEGER 0, SEQUENCE { rsaEncryption, NULL }, OCTET STRING "dojang test key" }`
/// (shaped like a PrivateKeyInfo, not a real key).
const KAT_PLAINTEXT: &str =
    "3023020100300d06092a864886f70d0101010500040f646f6a616e672074657374206b6579";
const KAT_CIPHERTEXT: &str = "02d1e41bffe199ad854a53f5e615582d147ad75e40aaed94555a49b2848a2d89\
                              02c5627537bb6a0c76cc6e24f06422f6";
const KAT_FILE: &str = "304e301a06082a831a8c9a44010f300e0408010203040506070802020800\
                        043002d1e41bffe199ad854a53f5e615582d147ad75e40aaed94555a49b2848a\
                        2d8902c5627537bb6a0c76cc6e24f06422f6";

#[test]
fn known_answer_variant_a_file_decrypts() {
    let (plain, scheme) = encrypted::decrypt(&unhex(KAT_FILE), PASSWORD.as_bytes()).unwrap();
    assert_eq!(plain.as_slice(), unhex(KAT_PLAINTEXT));
    assert_eq!(scheme, KeyEncryption::NpkiSeedSha1);

    let key: [u8; 16] = unhex(KAT_KEY).try_into().unwrap();
    let iv: [u8; 16] = unhex(KAT_IV).try_into().unwrap();
    assert_eq!(
        seed::cbc_encrypt(&key, &iv, &unhex(KAT_PLAINTEXT)),
        unhex(KAT_CIPHERTEXT)
    );
    // The fixture tool agrees, key derivation and file layout both.
    assert_eq!(
        npki_key::npki_key_and_iv(PASSWORD, &KAT_SALT, 2048, Variant::A),
        (key, iv)
    );
    let file = npki_key::npki_key_file(&unhex(KAT_PLAINTEXT), PASSWORD, Variant::A, KAT_SALT, 2048)
        .unwrap();
    assert_eq!(hex(&file), KAT_FILE);
}

#[test]
fn random_num_attribute_survives_every_variant_byte_for_byte() {
    let pki = pkcs8_with_random_num();
    // What the attribute looks like, to be sure the test is about it.
    assert!(hex(&pki).contains("a0273025" /* [0] { SEQUENCE { */));
    assert!(hex(&pki).contains("060a2a831a8c9a440a0101033117031500"));
    for scheme in ALL_SCHEMES {
        let file = encrypted::encrypt(&pki, PASSWORD.as_bytes(), scheme).unwrap();
        let (plain, found) = encrypted::decrypt(&file, PASSWORD.as_bytes()).unwrap();
        assert_eq!(plain.as_slice(), pki, "{scheme:?}");
        assert_eq!(found, scheme);
    }
}

#[test]
fn many_wrong_passwords_on_variant_a_are_all_wrong_password() {
    // One iteration keeps each try cheap. Roughly one wrong key in 256 leaves valid
    // padding over garbage; go on until that has happened a few times, so the structural
    // check after the padding is exercised too, not just the padding.
    let pki = plain_pkcs8();
    let salt = random::<8>();
    let file = npki_key::npki_key_file(&pki, PASSWORD, Variant::A, salt, 1).unwrap();
    // PKCS#7 always pads, by 1 to 16 bytes.
    let ciphertext = &file[file.len() - (pki.len() / 16 + 1) * 16..];
    let mut tries = 0;
    let mut valid_padding = 0;
    while tries < 200 || (valid_padding < 5 && tries < 50_000) {
        let wrong = format!("wrong-{tries}");
        assert_eq!(
            encrypted::decrypt(&file, wrong.as_bytes()).unwrap_err(),
            KeyFileError::WrongPassword,
            "{wrong}"
        );
        let (key, iv) = npki_key::npki_key_and_iv(&wrong, &salt, 1, Variant::A);
        if seed::cbc_decrypt(&key, &iv, ciphertext).is_some() {
            valid_padding += 1;
        }
        tries += 1;
    }
    assert!(valid_padding >= 5, "{valid_padding} in {tries} tries");
    assert_eq!(
        encrypted::decrypt(&file, PASSWORD.as_bytes())
            .unwrap()
            .0
            .as_slice(),
        pki
    );
}

#[test]
fn wrong_passwords_on_variants_b_and_c_are_wrong_password() {
    let pki = plain_pkcs8();
    let files = [
        npki_key::npki_key_file(&pki, PASSWORD, Variant::B, random(), 2048).unwrap(),
        openssl_pbes2_file("hmacWithSHA1", PASSWORD),
        openssl_pbes2_file("hmacWithSHA256", PASSWORD),
    ];
    for file in &files {
        for i in 0..50 {
            let wrong = format!("{PASSWORD}{i}");
            assert_eq!(
                encrypted::decrypt(file, wrong.as_bytes()).unwrap_err(),
                KeyFileError::WrongPassword
            );
        }
        assert!(encrypted::decrypt(file, b"").is_err());
    }
}

#[test]
fn every_truncation_of_a_real_file_is_refused_without_panic() {
    let pki = plain_pkcs8();
    let files = [
        npki_key::npki_key_file(&pki, PASSWORD, Variant::A, random(), 1).unwrap(),
        openssl_pbes2_file("hmacWithSHA1", PASSWORD),
    ];
    for file in &files {
        for len in 0..file.len() {
            let result = encrypted::decrypt(&file[..len], PASSWORD.as_bytes());
            assert!(
                matches!(
                    result,
                    Err(KeyFileError::Malformed { .. } | KeyFileError::WrongPassword)
                ),
                "length {len}: {result:?}"
            );
        }
    }
}

#[test]
fn every_corrupted_header_byte_is_handled_without_panic() {
    let file = npki_key::npki_key_file(&plain_pkcs8(), PASSWORD, Variant::A, random(), 1).unwrap();
    // The DER around the ciphertext: outer header, algorithm, and the OCTET STRING header.
    for at in 0..40 {
        for flip in [0x01, 0x80, 0xff] {
            let mut bad = file.clone();
            bad[at] ^= flip;
            // Anything but a panic; a flip inside the salt is simply a wrong key.
            let _ = encrypted::decrypt(&bad, PASSWORD.as_bytes());
        }
    }
}

#[test]
fn a_certificate_given_as_a_key_file_is_malformed() {
    let certificate = &fixture().0;
    assert!(matches!(
        encrypted::decrypt(certificate, PASSWORD.as_bytes()),
        Err(KeyFileError::Malformed { .. })
    ));
    // An unencrypted PKCS#8 key is not a key file either.
    assert!(matches!(
        encrypted::decrypt(&plain_pkcs8(), PASSWORD.as_bytes()),
        Err(KeyFileError::Malformed { .. })
    ));
}

#[test]
fn pkcs8_files_with_other_ciphers_are_unsupported() {
    let pkcs8 = |cipher: &str| {
        let command =
            format!("pkcs8 -topk8 {cipher} -inform DER -outform DER -passout pass:{PASSWORD}");
        openssl(&command, &fixture().1).unwrap()
    };
    // PBES2 with AES-128-CBC: the encryption scheme is the unknown part.
    assert_eq!(
        encrypted::decrypt(&pkcs8("-v2 aes-128-cbc"), PASSWORD.as_bytes()).unwrap_err(),
        KeyFileError::Unsupported {
            oid: "2.16.840.1.101.3.4.1.2".into()
        }
    );
    // PKCS#12's pbeWithSHAAnd3-KeyTripleDES-CBC as the whole algorithm.
    assert_eq!(
        encrypted::decrypt(&pkcs8("-v1 PBE-SHA1-3DES"), PASSWORD.as_bytes()).unwrap_err(),
        KeyFileError::Unsupported {
            oid: "1.2.840.113549.1.12.1.3".into()
        }
    );
}
