//! End to end with the command line: a certificate from the sandbox CA signs a file
//! (`dojang sign`), OpenSSL verifies the signature up to the sandbox's root from what it
//! carries, and `dojang verify-signature` says who signed and that the certificate is good;
//! a changed file, a wrong password and a file that is no signature are each refused with
//! their own code.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use common::SandboxCa;
use dojang_testkit::{error_code, json};

const PASSWORD: &str = "seal#7294xq";

#[test]
fn a_file_signed_with_dojang_is_verified_by_openssl_and_by_dojang() {
    let ca = SandboxCa::start(&[]);
    let common::IssuedHome { home, npki, id } = common::IssuedHome::issue(&ca, PASSWORD);
    let root = npki.display().to_string();
    let dojang = |args: &[&str], stdin: &str| {
        let mut all = args.to_vec();
        all.extend(["--npki-root", &root]);
        common::run_dojang(home.path(), &all, stdin)
    };
    let document = home.path().join("계약서 1.txt");
    std::fs::write(&document, "임대차 계약에 동의합니다.\n").unwrap();
    let document_text = document.display().to_string();

    // Attached, next to the file.
    let out = dojang(
        &[
            "sign",
            &id,
            "--in",
            &document_text,
            "--password-stdin",
            "--json",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p7s = json(&out)["signature"].as_str().unwrap().to_owned();
    assert_eq!(p7s, format!("{document_text}.p7s"));

    // OpenSSL: the signature, and the path through the CA certificate it carries.
    let verified = home.path().join("verified.txt");
    let out = std::process::Command::new("openssl")
        .args([
            "cms", "-verify", "-inform", "DER", "-binary", "-purpose", "any", "-in",
        ])
        .arg(&p7s)
        .arg("-CAfile")
        .arg(ca.root_pem())
        .arg("-out")
        .arg(&verified)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&verified).unwrap(),
        std::fs::read(&document).unwrap()
    );

    // Dojang: who signed, and that the certificate is good.
    let out = dojang(&["verify-signature", &p7s, "--json"], "");
    let report = json(&out);
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert_eq!(report["signature"], "valid");
    assert!(
        report["signer"].as_str().unwrap().starts_with("홍길동"),
        "{report}"
    );
    assert_eq!(report["certificate"]["verdict"], "good", "{report}");
    assert_eq!(report["detached"], false);

    // Detached: the file is needed, and a changed file does not verify.
    let detached = home.path().join("detached.p7s");
    let detached_text = detached.display().to_string();
    let out = dojang(
        &[
            "sign",
            &id,
            "--in",
            &document_text,
            "--out",
            &detached_text,
            "--detached",
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = dojang(&["verify-signature", &detached_text, "--json"], "");
    assert_eq!(error_code(&out), "signature-content-missing");
    let out = dojang(
        &[
            "verify-signature",
            &detached_text,
            "--content",
            &document_text,
            "--json",
        ],
        "",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    std::fs::write(&document, "임대차 계약에 동의하지 않습니다.\n").unwrap();
    let out = dojang(
        &[
            "verify-signature",
            &detached_text,
            "--content",
            &document_text,
            "--json",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(error_code(&out), "signature-invalid");

    // A wrong password signs nothing; a certificate is not a signature.
    let nothing = home.path().join("nothing.p7s");
    let out = dojang(
        &[
            "sign",
            &id,
            "--in",
            &document_text,
            "--out",
            &nothing.display().to_string(),
            "--password-stdin",
            "--json",
        ],
        "wrong#password1\n",
    );
    assert_eq!(error_code(&out), "wrong-password");
    assert!(!nothing.exists());
    let out = dojang(
        &[
            "verify-signature",
            &ca.root_pem().display().to_string(),
            "--json",
        ],
        "",
    );
    assert_eq!(error_code(&out), "signature-malformed");
}
