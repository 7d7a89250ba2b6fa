//! CMS signatures against OpenSSL, both ways: what Dojang signs (RSA and P-256, the
//! content attached or detached) `openssl cms -verify` accepts, with the path to the
//! test root; what `openssl cms -sign` makes Dojang verifies; and what was tampered with,
//! cut short or never a signature is refused with its reason.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::path::Path;
use std::process::Command;

use dojang_core::Error;
use dojang_core::keys::private_key::PrivateKey;
use dojang_core::sign::{self, Signing};
use dojang_testkit::{Subscriber, TestPki};
use time::OffsetDateTime;

const CONTENT: &[u8] = "이체 승인: 1,000,000원 → 110-123-456789 (도장 은행)\n".as_bytes();

fn pem(der: &[u8]) -> String {
    dojang_core::cert::pem("CERTIFICATE", der)
}

fn openssl(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs")
}

/// A test PKI's certificate with an RSA or a P-256 key, and the files OpenSSL needs.
struct Signer {
    pki: TestPki,
    cert: Vec<u8>,
    key: PrivateKey,
    dir: tempfile::TempDir,
}

impl Signer {
    fn new(p256: bool) -> Signer {
        let pki = TestPki::new("KICA").unwrap();
        let subscriber = Subscriber::kica_personal("홍길동");
        let (cert, key) = if p256 {
            pki.issue_p256(&subscriber).unwrap()
        } else {
            pki.issue(&subscriber).unwrap()
        };
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("root.pem"), pki.root.pem()).unwrap();
        std::fs::write(dir.path().join("content.txt"), CONTENT).unwrap();
        std::fs::write(dir.path().join("signer.pem"), pem(&cert)).unwrap();
        std::fs::write(dir.path().join("ca.pem"), pki.issuing.pem()).unwrap();
        let key = PrivateKey::from_pkcs8_der(key).unwrap();
        Signer {
            pki,
            cert,
            key,
            dir,
        }
    }

    fn sign(&self, detached: bool) -> Vec<u8> {
        sign::sign(&Signing {
            key: &self.key,
            certificate: &self.cert,
            chain: &[self.pki.issuing.der()],
            content: if detached {
                sign::Content::Detached(CONTENT)
            } else {
                sign::Content::Attached(CONTENT)
            },
            at: OffsetDateTime::now_utc(),
        })
        .unwrap()
    }

    /// `openssl cms -verify` of `p7s` against the test root; the content it printed.
    fn openssl_verifies(&self, p7s: &[u8], detached: bool) -> Vec<u8> {
        std::fs::write(self.dir.path().join("sig.p7s"), p7s).unwrap();
        let mut args = vec![
            "cms", "-verify", "-inform", "DER", "-in", "sig.p7s", "-CAfile", "root.pem",
            "-purpose", "any", "-binary", "-out", "out.txt",
        ];
        if detached {
            args.extend(["-content", "content.txt"]);
        }
        let out = openssl(self.dir.path(), &args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read(self.dir.path().join("out.txt")).unwrap()
    }
}

#[test]
fn openssl_verifies_what_dojang_signs_attached_and_detached_rsa_and_p256() {
    for p256 in [false, true] {
        let signer = Signer::new(p256);
        for detached in [false, true] {
            let p7s = signer.sign(detached);
            assert_eq!(signer.openssl_verifies(&p7s, detached), CONTENT);
            // And Dojang reads its own back.
            let given = detached.then_some(CONTENT);
            let verified = sign::verify(&p7s, given).unwrap();
            assert_eq!(verified.signer, signer.cert);
            assert_eq!(verified.certificates, [signer.pki.issuing.der()]);
            assert_eq!(verified.content.is_none(), detached);
            assert!(verified.signing_time.is_some());
        }
    }
}

#[test]
fn dojang_verifies_what_openssl_signs() {
    for p256 in [false, true] {
        let signer = Signer::new(p256);
        std::fs::write(
            signer.dir.path().join("key.pem"),
            dojang_core::cert::pem("PRIVATE KEY", &signer.key.without_attributes().unwrap()),
        )
        .unwrap();
        for detached in [false, true] {
            let mut args = vec![
                "cms",
                "-sign",
                "-binary",
                "-md",
                "sha256",
                "-in",
                "content.txt",
                "-signer",
                "signer.pem",
                "-inkey",
                "key.pem",
                "-certfile",
                "ca.pem",
                "-outform",
                "DER",
                "-out",
                "theirs.p7s",
            ];
            if !detached {
                args.push("-nodetach");
            }
            let out = openssl(signer.dir.path(), &args);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let p7s = std::fs::read(signer.dir.path().join("theirs.p7s")).unwrap();
            let verified = sign::verify(&p7s, detached.then_some(CONTENT)).unwrap();
            assert_eq!(verified.signer, signer.cert);
            assert_eq!(verified.content.as_deref(), (!detached).then_some(CONTENT));
        }
    }
}

#[test]
fn a_changed_content_a_changed_signature_or_no_signature_is_refused() {
    let signer = Signer::new(false);
    let detached = signer.sign(true);
    let mut changed = CONTENT.to_vec();
    changed[0] ^= 0x01;
    assert!(matches!(
        sign::verify(&detached, Some(&changed)),
        Err(Error::SignatureInvalid { what }) if what == "digest"
    ));
    assert!(matches!(
        sign::verify(&detached, None),
        Err(Error::SignatureContentMissing)
    ));
    // The signature is the message's last field: its last byte flipped, the digest holds
    // and the signature does not.
    let mut forged = signer.sign(false);
    let last = forged.len() - 1;
    forged[last] ^= 0x01;
    assert!(matches!(
        sign::verify(&forged, None),
        Err(Error::SignatureInvalid { what }) if what == "signature"
    ));
    // Cut short, or not a signature at all.
    let whole = signer.sign(false);
    for bytes in [
        &whole[..whole.len() / 2],
        b"not a signature".as_slice(),
        &[],
    ] {
        assert!(matches!(
            sign::verify(bytes, None),
            Err(Error::SignatureMalformed { .. })
        ));
    }
    // A certificate is not a signature either.
    assert!(matches!(
        sign::verify(&signer.cert, None),
        Err(Error::SignatureMalformed { .. })
    ));
}

#[test]
fn a_key_signs_only_for_its_own_certificate() {
    let signer = Signer::new(false);
    let other = Signer::new(false);
    let refused = sign::sign(&Signing {
        key: &other.key,
        certificate: &signer.cert,
        chain: &[],
        content: sign::Content::Attached(CONTENT),
        at: OffsetDateTime::now_utc(),
    });
    assert!(matches!(refused, Err(Error::KeyCertificateMismatch)));
}

#[test]
fn a_document_signed_by_its_digest_verifies_with_the_document() {
    use sha2::Digest as _;
    let signer = Signer::new(false);
    let p7s = sign::sign(&Signing {
        key: &signer.key,
        certificate: &signer.cert,
        chain: &[signer.pki.issuing.der()],
        content: sign::Content::Digest(sha2::Sha256::digest(CONTENT).into()),
        at: OffsetDateTime::now_utc(),
    })
    .unwrap();
    assert_eq!(signer.openssl_verifies(&p7s, true), CONTENT);
    assert!(sign::verify(&p7s, Some(CONTENT)).is_ok());
    let e = sign::verify(&p7s, Some(b"another document")).unwrap_err();
    assert_eq!(e.code(), "signature-invalid");
}

/// The login's identity check as a relying party does it with OpenSSL: the randomNum
/// sealed to its certificate opens with its key (`openssl cms -decrypt`), and with the ID
/// number it holds gives the certificate's VID.
#[test]
fn openssl_opens_the_sealed_random_num_and_its_vid_matches() {
    let signer = Signer::new(false);
    let (rp_cert, rp_key) = signer.pki.issue_responder(false).unwrap();
    std::fs::write(signer.dir.path().join("rp.pem"), &rp_cert).unwrap();
    std::fs::write(signer.dir.path().join("rp.key"), &rp_key).unwrap();
    let rp_der = dojang_core::cert::pem_or_der(rp_cert.as_bytes(), "CERTIFICATE");
    let random = signer
        .key
        .random_num()
        .expect("the key carries its randomNum");
    let envelope = sign::envelope::seal(&rp_der, &random).unwrap();
    std::fs::write(signer.dir.path().join("identity.der"), &envelope).unwrap();
    let out = openssl(
        signer.dir.path(),
        &[
            "cms",
            "-decrypt",
            "-inform",
            "DER",
            "-in",
            "identity.der",
            "-recip",
            "rp.pem",
            "-inkey",
            "rp.key",
            "-binary",
            "-out",
            "random.bin",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let opened = std::fs::read(signer.dir.path().join("random.bin")).unwrap();
    assert_eq!(opened, random);
    let id = dojang_core::codes::IdNumber::parse(dojang_testkit::SAMPLE_ID_NUMBER).unwrap();
    assert!(dojang_core::cert::vid::matches(&signer.cert, &opened, &id).unwrap());
    let other = dojang_core::codes::IdNumber::parse("8001011234568").unwrap();
    assert!(!dojang_core::cert::vid::matches(&signer.cert, &opened, &other).unwrap());
    // Dojang opens it the same way (the sandbox relying party does).
    let rp_key_der = dojang_core::cert::pem_or_der(rp_key.as_bytes(), "PRIVATE KEY");
    let ours = sign::envelope::open(&envelope, &rp_der, &rp_key_der).unwrap();
    assert_eq!(*ours, random);
}
