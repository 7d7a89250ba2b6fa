//! Issuance against an independent CMP peer: OpenSSL's mock server (`openssl cmp -port`).
//! It listens on all interfaces, so each run is inside a private network namespace
//! (`unshare -n`, loopback only). The mock verifies our PBM and POP and answers with the
//! certificate it was given, so the test certifies our key in advance and brings it with
//! `--key`. Its responses are MAC-protected with its own PBM parameters.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use dojang_testkit::json;
use std::path::Path;
use std::process::{Command, Output};

use dojang_testkit::{Subscriber, TestPki};

const REFERENCE: &str = "12345678";
const AUTH_CODE: &str = "AbCdEfGhIjKlMnOpQrS";
const PASSWORD: &str = "seal#7294xq";

use dojang_core::cert::pem;

struct Setup {
    dir: tempfile::TempDir,
    cert: Vec<u8>,
}

/// A key certified in advance by a test CA, as PEM files the mock and `--key` read.
fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::new("KICA").unwrap();
    let (cert, key) = pki.issue(&Subscriber::kica_personal("홍길동")).unwrap();
    std::fs::write(dir.path().join("user.pem"), pem("CERTIFICATE", &cert)).unwrap();
    std::fs::write(dir.path().join("user.key"), pem("PRIVATE KEY", &key)).unwrap();
    std::fs::write(
        dir.path().join("ca.pem"),
        pem("CERTIFICATE", &pki.issuing.der()),
    )
    .unwrap();
    // The mock listens on loopback over plain HTTP: a sandbox distribution lists it.
    std::fs::write(
        dir.path().join("distribution.toml"),
        dojang_testkit::sandbox_distribution(&["http://127.0.0.1:8080/pkix/"]),
    )
    .unwrap();
    Setup { dir, cert }
}

/// Starts the mock with `mock_args` in a private network namespace, then runs
/// `dojang issue` with `issue_args` (password on stdin) and returns its output.
fn issue_against_mock(s: &Setup, mock_args: &str, issue_args: &str) -> Output {
    let d = s.dir.path().display();
    let script = format!(
        "ip link set lo up
         cd '{d}'
         openssl cmp -port 8080 -srv_ref {REFERENCE} -srv_secret pass:{AUTH_CODE} \
           -rsp_cert user.pem -rsp_capubs ca.pem {mock_args} > mock.log 2>&1 &
         for i in $(seq 1 50); do (echo > /dev/tcp/127.0.0.1/8080) 2>/dev/null && break; sleep 0.1; done
         printf '{PASSWORD}\\n' | \"$0\" issue --ca http://127.0.0.1:8080/pkix/ --key user.key \
           --password-stdin --json {issue_args}
         status=$?
         kill %1 2>/dev/null
         exit $status"
    );
    Command::new("unshare")
        .args(["-n", "bash", "-c", &script, env!("CARGO_BIN_EXE_dojang")])
        .env("HOME", s.dir.path())
        .env(
            "DOJANG_DISTRIBUTION",
            s.dir.path().join("distribution.toml"),
        )
        .env("DOJANG_DATA_DIR", s.dir.path().join("data"))
        .env_remove("DOJANG_NPKI_ROOT")
        .output()
        .expect("unshare and openssl run")
}

#[test]
fn dojang_completes_ir_ip_certconf_pkiconf_with_openssls_mock_server() {
    let s = setup();
    let npki = s.dir.path().join("npki");
    let out = issue_against_mock(
        &s,
        "",
        &format!(
            "--registration-number {REFERENCE}{AUTH_CODE} --store npki:{}",
            npki.display()
        ),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let done = json(&out);
    assert_eq!(done["confirmed"], true, "pkiConf received");
    let folder = Path::new(done["path"].as_str().unwrap());
    assert_eq!(std::fs::read(folder.join("signCert.der")).unwrap(), s.cert);
    // The stored key opens with the chosen password and matches the certificate.
    let files = dojang_core::store::npki_dir::read_folder_files(folder).unwrap();
    let password = dojang_core::password::CertificatePassword::existing(PASSWORD);
    dojang_core::custody::open_key(&files, &password).unwrap();
    // Nothing is left pending.
    let pending = s.dir.path().join("data").join("pending");
    assert_eq!(
        std::fs::read_dir(&pending).map(|d| d.count()).unwrap_or(0),
        0
    );
}

#[test]
fn the_mocks_refusals_come_out_as_the_profiles_reason_codes() {
    let s = setup();
    for (failure, code) in [
        (1, "ca-wrong-code"),
        (26, "ca-already-issued"),
        (10, "ca-certificate-revoked"),
        (24, "ca-unavailable"),
        (2, "ca-bad-request"),
        (23, "ca-refused"),
    ] {
        let out = issue_against_mock(
            &s,
            &format!("-pkistatus 2 -failure {failure}"),
            &format!(
                "--registration-number {REFERENCE}{AUTH_CODE} --store npki:{}",
                s.dir.path().join("npki").display()
            ),
        );
        assert_eq!(out.status.code(), Some(3), "failure bit {failure}");
        assert_eq!(json(&out)["error"]["code"], code, "failure bit {failure}");
    }
    assert!(!s.dir.path().join("npki").exists(), "nothing stored");
}

#[test]
fn a_wrong_code_is_refused_and_nothing_is_stored() {
    let s = setup();
    let out = issue_against_mock(
        &s,
        "",
        &format!(
            "--registration-number {REFERENCE}AbCdEfGhIjKlMnOpQrs --store npki:{}",
            s.dir.path().join("npki").display()
        ),
    );
    assert_eq!(out.status.code(), Some(3));
    // OpenSSL's mock reports a MAC it cannot verify as badRequest.
    assert_eq!(json(&out)["error"]["code"], "ca-bad-request");
    assert!(!s.dir.path().join("npki").exists());
}

#[test]
fn a_malformed_code_is_refused_before_anything_is_sent() {
    let home = tempfile::tempdir().unwrap();
    for (number, code) in [
        ("12345678AbCdEfGhIjKlMnOpQr", "registration-number-length"),
        (
            "12345678AbCdEfGhIjKlMnOpQr!",
            "registration-number-character",
        ),
        ("1234567xAbCdEfGhIjKlMnOpQrS", "reference-number-not-digits"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_dojang"))
            // No CA listens there; a malformed code never gets that far.
            .args([
                "issue",
                "--ca",
                "http://127.0.0.1:9/cmp",
                "--registration-number",
                number,
            ])
            .args(["--password-stdin", "--json"])
            .env("HOME", home.path())
            .env("DOJANG_DATA_DIR", home.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{number}");
        assert_eq!(json(&out)["error"]["code"], code, "{number}");
    }
}

#[test]
fn an_unreachable_ca_keeps_the_key_pending_and_a_retry_succeeds() {
    let s = setup();
    let data = s.dir.path().join("data");
    let npki = s.dir.path().join("npki");
    // The same CA address, with nothing listening there yet.
    let out = Command::new("unshare")
        .args([
            "-n",
            "bash",
            "-c",
            &format!(
                "ip link set lo up; printf '{PASSWORD}\\n' | \"$0\" issue --ca http://127.0.0.1:8080/pkix/ \
                 --key '{}' --registration-number {REFERENCE}{AUTH_CODE} --store npki:'{}' \
                 --password-stdin --json",
                s.dir.path().join("user.key").display(),
                npki.display()
            ),
            env!("CARGO_BIN_EXE_dojang"),
        ])
        .env("HOME", s.dir.path())
        .env("DOJANG_DISTRIBUTION", s.dir.path().join("distribution.toml"))
        .env("DOJANG_DATA_DIR", &data)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(json(&out)["error"]["code"], "ca-unreachable");
    let pending: Vec<_> = std::fs::read_dir(data.join("pending")).unwrap().collect();
    assert_eq!(pending.len(), 1, "the key is kept, encrypted, for a retry");
    let key_file = pending[0].as_ref().unwrap().path().join("signPri.key");
    assert!(
        dojang_core::keys::encrypted::decrypt(
            &std::fs::read(key_file).unwrap(),
            PASSWORD.as_bytes()
        )
        .is_ok()
    );

    let retry = issue_against_mock(
        &s,
        "",
        &format!(
            "--registration-number {REFERENCE}{AUTH_CODE} --store npki:{}",
            npki.display()
        ),
    );
    assert_eq!(
        retry.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&retry.stderr)
    );
    assert_eq!(std::fs::read_dir(data.join("pending")).unwrap().count(), 0);
}
