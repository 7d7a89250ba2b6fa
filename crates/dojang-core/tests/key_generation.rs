//! Key generation, checked by OpenSSL: every key type parses as PKCS#8 and carries the
//! 160-bit randomNum attribute.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::io::Write;
use std::process::{Command, Stdio};

use dojang_core::keys::private_key::{KeyType, RANDOM_NUM_LEN, generate};

fn openssl_reads(der: &[u8]) -> String {
    let mut child = Command::new("openssl")
        .args(["pkey", "-inform", "DER", "-noout", "-text"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(der).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn every_key_type_is_generated_with_a_fresh_random_num_and_openssl_reads_it() {
    for (key_type, openssl_says) in [
        (KeyType::Rsa2048, "Private-Key: (2048 bit"),
        (KeyType::Rsa3072, "Private-Key: (3072 bit"),
        (KeyType::P256, "NIST CURVE: P-256"),
    ] {
        let a = generate(key_type).unwrap();
        let b = generate(key_type).unwrap();
        assert_eq!(a.algorithm().unwrap(), key_type);
        let (ra, rb) = (a.random_num().unwrap(), b.random_num().unwrap());
        assert_eq!(ra.len(), RANDOM_NUM_LEN);
        assert_ne!(ra, rb, "a fresh randomNum per key");
        let text = openssl_reads(a.pkcs8_der());
        assert!(text.contains(openssl_says), "{key_type:?}: {text}");
    }
}

#[test]
fn rsa_2048_is_the_default() {
    assert_eq!(KeyType::default(), KeyType::Rsa2048);
}
