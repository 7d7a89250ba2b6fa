//! End to end: `dojang verify` on a certificate from the sandbox CA, whose status it asks
//! the CA (its OCSP responder, else its CRL) — good, then revoked at the CA's own hand,
//! then known offline from the cache. Exit statuses: 0 good, 5 revoked, 6 unknown.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use common::SandboxCa;
use dojang_testkit::json;

const PASSWORD: &str = "seal#7294xq";

#[test]
fn a_certificate_is_good_until_its_ca_revokes_it_and_dojang_verify_says_so() {
    let ca = SandboxCa::start(&[]);
    let common::IssuedHome { home, npki, id } = common::IssuedHome::issue(&ca, PASSWORD);
    let dojang = |args: &[&str]| common::run_dojang(home.path(), args, &format!("{PASSWORD}\n"));
    let root = &npki.display().to_string();

    let verify = |extra: &[&str]| {
        let mut args = vec!["verify", id.as_str(), "--json", "--npki-root", root];
        args.extend(extra);
        dojang(&args)
    };
    let out = verify(&[]);
    let report = json(&out);
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert_eq!(report["verdict"], "good");
    assert_eq!(report["chain"]["valid"], true);
    let status = &report["status"]["certificate"];
    assert_eq!(status["verdict"], "good");
    assert!(
        ["ocsp", "crl"].contains(&status["source"].as_str().unwrap()),
        "{status}"
    );
    assert!(
        status["url"]
            .as_str()
            .unwrap()
            .starts_with(&ca.url.replace("/cmp", ""))
    );

    // The CA revokes it (its operator, not Dojang): asked again, Dojang learns it.
    let serial = common::serial_of(home.path(), &id, &npki);
    ca.revoke(&serial, "keyCompromise");
    let out = verify(&["--refresh"]);
    let report = json(&out);
    assert_eq!(out.status.code(), Some(5), "{report}");
    assert_eq!(report["verdict"], "revoked");
    let status = &report["status"]["certificate"];
    assert_eq!(status["reason"], "keyCompromise", "{status}");
    assert_ne!(status["source"], "local");

    // Offline, the answer kept in the data dir still says so.
    let out = verify(&["--offline"]);
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(json(&out)["status"]["certificate"]["from_cache"], true);

    // In words, in Korean by default.
    let out = dojang(&["verify", &id, "--offline", "--npki-root", root]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("폐지됨") && text.contains("키 유출"),
        "{text}"
    );
    assert!(text.contains("인증 경로"), "{text}");
}
