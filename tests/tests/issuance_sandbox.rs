//! End to end: `dojang issue` against the sandbox CA (`dojang-ca serve`), both code
//! paths, into the OS keychain and into an NPKI folder, and each refusal of the profile.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use dojang_testkit::{error_code, issued_id, json};
use std::io::Write;
use std::process::{Command, Output, Stdio};

use common::{SandboxCa, bin_dir};

const PASSWORD: &str = "seal#7294xq";
const RESIDENT: &str = "9001011234567";

struct User {
    home: tempfile::TempDir,
}

impl User {
    fn new() -> Self {
        User {
            home: tempfile::tempdir().unwrap(),
        }
    }

    /// A user of a sandbox distribution that lists `ca`.
    fn of(ca: &SandboxCa) -> Self {
        let user = User::new();
        common::trust_sandbox(user.home.path(), &[&ca.url]);
        user
    }

    /// Runs `dojang` as this user (a `distribution.toml` in the home is in force).
    fn dojang(&self, args: &[&str], stdin: &str) -> Output {
        common::run_dojang(self.home.path(), args, stdin)
    }

    /// `dojang issue` with `--ca` (unless empty: an invitation names the CA).
    fn issue(&self, ca: &str, args: &[&str]) -> Output {
        let mut all = vec!["issue", "--password-stdin", "--json"];
        if !ca.is_empty() {
            all.extend(["--ca", ca]);
        }
        all.extend(args);
        self.dojang(&all, &format!("{PASSWORD}\n"))
    }

    /// `npki:<home>/usb/NPKI`, as the program names that store.
    fn npki(&self) -> String {
        format!(
            "npki:{}",
            common::cli().path_str(&self.home.path().join("usb").join("NPKI"))
        )
    }

    /// The folder a command's `--json` answer names, on this machine.
    fn folder_of(out: &Output) -> std::path::PathBuf {
        common::cli().host_path(json(out)["path"].as_str().unwrap())
    }
}

#[test]
fn a_registration_number_issues_into_the_keychain_and_the_identity_check_passes() {
    let ca = SandboxCa::start(&[]);
    let user = User::of(&ca);
    let app = ca.apply("홍길동", RESIDENT, &[]);
    let number = app.registration_number.as_str();
    let out = user.issue(
        &ca.url,
        &["--registration-number", number, "--store", "keychain"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let done = json(&out);
    assert_eq!(done["confirmed"], true);
    let id = done["id"].as_str().unwrap();

    let list = user.dojang(&["list", "--json"], "");
    let rows = json(&list);
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap();
    assert_eq!(row["store"], "keychain");
    assert_eq!(row["owner"], "홍길동");
    assert_eq!(row["purpose"], "개인 범용");

    // Its path: up to the sandbox root, which came with the issuance.
    let shown = json(&user.dojang(&["show", id, "--json"], ""));
    let chain = &shown["chain"];
    assert_eq!(chain["valid"], true, "{chain}");
    let links = chain["links"].as_array().unwrap();
    assert_eq!(links.len(), 3, "{chain}");
    assert_eq!(links[2]["source"], "issuance");
    assert_eq!(links[2]["anchor"], true);

    let right = user.dojang(
        &[
            "verify-id",
            id,
            "--id-number",
            "900101-1234567",
            "--password-stdin",
            "--json",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(
        json(&right)["matches"],
        true,
        "{}",
        String::from_utf8_lossy(&right.stderr)
    );
    let wrong = user.dojang(
        &[
            "verify-id",
            id,
            "--id-number",
            "8001011234567",
            "--password-stdin",
            "--json",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(error_code(&wrong), "identity-mismatch");

    // The same number again: already issued.
    let again = user.issue(
        &ca.url,
        &["--registration-number", number, "--store", "keychain"],
    );
    assert_eq!(again.status.code(), Some(3));
    assert_eq!(error_code(&again), "ca-already-issued");
    user.dojang(&["delete", id, "--yes"], "");
}

#[test]
fn the_issuance_email_path_uses_the_invitation_and_issues_into_an_npki_folder() {
    let ca = SandboxCa::start(&[]);
    let user = User::of(&ca);
    let app = ca.apply("(주)도장", "1248100998", &[]);
    let invitation = app.invitation.as_str();
    let code = app.temporary_code.as_str();
    let out = user.issue(
        "",
        &[
            "--invitation",
            invitation,
            "--temp-code",
            code,
            "--id-number",
            "124-81-00998",
            "--store",
            &user.npki(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let folder = User::folder_of(&out);
    assert!(folder.join("signCert.der").is_file() && folder.join("signPri.key").is_file());
    assert!(folder.starts_with(user.home.path().join("usb").join("NPKI")));
    // OpenSSL verifies the certificate against the sandbox CA's chain.
    let cert_pem = user.home.path().join("cert.pem");
    let der = std::fs::read(folder.join("signCert.der")).unwrap();
    let conv = Command::new("openssl")
        .args(["x509", "-inform", "DER", "-out"])
        .arg(&cert_pem)
        .stdin(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(&der)?;
            c.wait()
        })
        .unwrap();
    assert!(conv.success());
    let verify = Command::new("openssl")
        .arg("verify")
        .arg("-CAfile")
        .arg(ca.dir.path().join("root-ca.pem"))
        .arg("-untrusted")
        .arg(ca.dir.path().join("ca1.pem"))
        .arg(&cert_pem)
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    let id = json(&out)["id"].as_str().unwrap().to_owned();
    let check = user.dojang(
        &[
            "verify-id",
            &id,
            "--id-number",
            "1248100998",
            "--password-stdin",
            "--npki-root",
            &user.npki()[5..],
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn the_cas_refusals_reach_the_user_as_the_profiles_reasons() {
    let ca = SandboxCa::start(&[]);
    let user = User::of(&ca);

    // One letter's case changed: wrong code, and nothing stored.
    let app = ca.apply("김철수", RESIDENT, &[]);
    let number = app.registration_number.as_str().to_owned();
    let flipped: String = number
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i == 10 {
                if c.is_ascii_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            } else {
                c
            }
        })
        .collect();
    let flipped = if flipped == number {
        // Position 10 held a digit: flip the first letter instead.
        let i = number
            .char_indices()
            .skip(8)
            .find(|(_, c)| c.is_ascii_alphabetic())
            .unwrap()
            .0;
        let mut s = number.clone();
        let c = s.remove(i);
        s.insert(
            i,
            if c.is_ascii_lowercase() {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            },
        );
        s
    } else {
        flipped
    };
    let out = user.issue(
        &ca.url,
        &["--registration-number", &flipped, "--store", &user.npki()],
    );
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(error_code(&out), "ca-wrong-code");

    // Applied 40 days ago: expired.
    let applied = (time::OffsetDateTime::now_utc() - time::Duration::days(40))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let old = ca.apply("이영희", RESIDENT, &["--applied-at", &applied]);
    let out = user.issue(
        &ca.url,
        &[
            "--registration-number",
            old.registration_number.as_str(),
            "--store",
            &user.npki(),
        ],
    );
    assert_eq!(error_code(&out), "ca-application-expired");

    // Five wrong temporary codes lock the application; then even the right one is refused.
    let locked = ca.apply("박민수", RESIDENT, &[]);
    let application = locked.application_number.as_str();
    for _ in 0..5 {
        let out = user.issue(
            &ca.url,
            &[
                "--application",
                application,
                "--temp-code",
                "Wrong12345",
                "--id-number",
                RESIDENT,
                "--store",
                &user.npki(),
            ],
        );
        assert_eq!(error_code(&out), "ca-wrong-code");
    }
    let out = user.issue(
        &ca.url,
        &[
            "--application",
            application,
            "--temp-code",
            locked.temporary_code.as_str(),
            "--id-number",
            RESIDENT,
            "--store",
            &user.npki(),
        ],
    );
    assert_eq!(error_code(&out), "ca-too-many-attempts");
    assert!(!user.home.path().join("usb").exists(), "nothing stored");
}

#[test]
fn a_stopped_ca_is_unreachable_and_the_same_code_works_once_it_is_back() {
    let mut ca = SandboxCa::start(&[]);
    let user = User::of(&ca);
    let app = ca.apply("홍길동", RESIDENT, &[]);
    let number = app.registration_number.as_str().to_owned();
    let url = ca.url.clone();
    ca.stop();
    let out = user.issue(
        &url,
        &["--registration-number", &number, "--store", &user.npki()],
    );
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(error_code(&out), "ca-unreachable");
    assert_eq!(
        std::fs::read_dir(user.home.path().join("data").join("pending"))
            .unwrap()
            .count(),
        1
    );
    // The CA comes back (same folder, another port): the retry with the same code succeeds.
    let dir = std::mem::replace(&mut ca.dir, tempfile::tempdir().unwrap());
    drop(ca);
    let back = common::SandboxCa::start_in(dir, &[]);
    common::trust_sandbox(user.home.path(), &[&url, &back.url]);
    let out = user.issue(
        &back.url,
        &["--registration-number", &number, "--store", &user.npki()],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_certificate_is_revoked_at_its_ca_and_a_second_revocation_is_refused() {
    let ca = SandboxCa::start(&[]);
    let user = User::of(&ca);
    let app = ca.apply("홍길동", RESIDENT, &[]);
    let out = user.issue(
        &ca.url,
        &[
            "--registration-number",
            app.registration_number.as_str(),
            "--store",
            &user.npki(),
        ],
    );
    let id = issued_id(&out);
    let root = user.npki()[5..].to_owned();
    let revoke = |password: &str| {
        user.dojang(
            &[
                "revoke",
                &id,
                "--reason",
                "keyCompromise",
                "--npki-root",
                &root,
                "--password-stdin",
                "--json",
            ],
            &format!("{password}\n"),
        )
    };
    assert_eq!(error_code(&revoke("wrong!2580x")), "wrong-password");
    let done = revoke(PASSWORD);
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&done.stdout)
    );
    assert_eq!(json(&done)["revoked"], true);
    let listed = Command::new(bin_dir().join("dojang-ca"))
        .args(["list", "--json", "--dir"])
        .arg(ca.dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(text.contains("revoked"), "{text}");
    // The list says so from now on, with the reason given.
    let mine = || {
        let out = user.dojang(&["list", "--json", "--npki-root", &root], "");
        json(&out)
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id.as_str())
            .cloned()
            .unwrap()
    };
    let revoked = mine()["revoked"].clone();
    assert_eq!(revoked["reason"], "keyCompromise", "{revoked}");
    assert!(
        time::OffsetDateTime::parse(
            revoked["known_since"].as_str().unwrap(),
            &time::format_description::well_known::Rfc3339
        )
        .is_ok(),
        "{revoked}"
    );
    let shown = user.dojang(&["show", &id, "--npki-root", &root], "");
    assert!(
        String::from_utf8_lossy(&shown.stdout).contains("폐지됨"),
        "{}",
        String::from_utf8_lossy(&shown.stdout)
    );
    let again = revoke(PASSWORD);
    assert_eq!(again.status.code(), Some(3));
    assert_eq!(error_code(&again), "ca-certificate-revoked");
    assert_eq!(mine()["revoked"], revoked, "the first note stands");

    // A certificate brought from elsewhere has no CA Dojang knows of: it says so.
    // Its distribution lists two CAs, so neither is the certificate's CA by default.
    let other = User::new();
    common::trust_sandbox(other.home.path(), &[&ca.url, "http://127.0.0.1:9/cmp"]);
    let folder = json(&out)["path"].as_str().unwrap().to_owned();
    assert_eq!(
        other
            .dojang(&["import", &folder, "--json"], "")
            .status
            .code(),
        Some(0)
    );
    let unknown = other.dojang(
        &["revoke", &id, "--password-stdin", "--json"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(error_code(&unknown), "ca-unknown");
    // Told where its CA is, that CA says it is revoked: noted without a reason.
    let told = other.dojang(
        &["revoke", &id, "--ca", &ca.url, "--password-stdin", "--json"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(error_code(&told), "ca-certificate-revoked");
    let listed = json(&other.dojang(&["list", "--json"], ""));
    let theirs = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id.as_str())
        .unwrap();
    assert!(theirs["revoked"].is_object(), "{theirs}");
    assert!(theirs["revoked"]["reason"].is_null(), "{theirs}");
}

/// `dojang renew` with the sandbox CA, whose certificates are within their renewal
/// window from the start (valid 20 days).
#[test]
fn a_certificate_due_for_renewal_is_renewed_in_its_npki_folder_and_the_old_pair_goes() {
    let ca = SandboxCa::start(&["--validity-days", "20"]);
    let user = User::of(&ca);
    let app = ca.apply("홍길동", RESIDENT, &[]);
    let issued = user.issue(
        &ca.url,
        &[
            "--registration-number",
            app.registration_number.as_str(),
            "--store",
            &user.npki(),
        ],
    );
    assert_eq!(issued.status.code(), Some(0));
    let old_id = json(&issued)["id"].as_str().unwrap().to_owned();
    let folder = User::folder_of(&issued);
    let old_cert = std::fs::read(folder.join("signCert.der")).unwrap();
    let root = user.npki()[5..].to_owned();
    let renew = |password: &str| {
        user.dojang(
            &[
                "renew",
                &old_id[..12],
                "--npki-root",
                &root,
                "--password-stdin",
                "--json",
            ],
            &format!("{password}\n"),
        )
    };

    // A wrong password stops it before anything is sent or written.
    assert_eq!(error_code(&renew("wrong!2580x")), "wrong-password");
    assert_eq!(
        std::fs::read(folder.join("signCert.der")).unwrap(),
        old_cert
    );

    let done = renew(PASSWORD);
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&done.stdout),
        String::from_utf8_lossy(&done.stderr)
    );
    let renewed = json(&done);
    let new_id = renewed["id"].as_str().unwrap().to_owned();
    assert_ne!(new_id, old_id);
    assert_eq!(renewed["confirmed"], true);
    assert_eq!(User::folder_of(&done), folder);
    let new_cert = std::fs::read(folder.join("signCert.der")).unwrap();
    assert_ne!(new_cert, old_cert);
    let new_key = std::fs::read(folder.join("signPri.key")).unwrap();
    assert!(!new_key.is_empty());

    // One certificate remains, the renewed one, under the same password and holder.
    let listed = json(&user.dojang(&["list", "--json", "--npki-root", &root], ""));
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [new_id.as_str()]);
    let check = user.dojang(
        &[
            "verify-id",
            &new_id,
            "--id-number",
            RESIDENT,
            "--npki-root",
            &root,
            "--password-stdin",
            "--json",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // The renewed certificate's key is a new one: OpenSSL reads both certificates and
    // finds different public keys.
    let key_of = |der: &[u8]| {
        let file = user.home.path().join("c.der");
        std::fs::write(&file, der).unwrap();
        Command::new("openssl")
            .args(["x509", "-inform", "DER", "-noout", "-pubkey", "-in"])
            .arg(&file)
            .output()
            .unwrap()
            .stdout
    };
    assert_ne!(key_of(&new_cert), key_of(&old_cert));

    // The CA has both; a second renewal of the old one is refused by the CA's own rules
    // only if it asks, and ours is gone, so it cannot.
    let listed = Command::new(bin_dir().join("dojang-ca"))
        .args(["list", "--json", "--dir"])
        .arg(ca.dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&listed.stdout);
    assert_eq!(text.matches("\"serial\"").count(), 2, "{text}");
    assert_eq!(error_code(&renew(PASSWORD)), "certificate-not-found");
}

#[test]
fn renewal_before_its_window_is_refused_locally_and_the_distribution_names_the_ca() {
    let ca = SandboxCa::start(&[]);
    let user = User::of(&ca);
    // No --ca: the distribution names the sandbox CA.
    std::fs::write(
        user.home.path().join("distribution.toml"),
        format!(
            "product_name = \"시험 은행\"\nsandbox = true\n[[ca]]\nname = \"시험 CA\"\ncmp_url = \"{}\"\n",
            ca.url
        ),
    )
    .unwrap();
    let app = ca.apply("홍길동", RESIDENT, &[]);
    let issued = user.issue(
        "",
        &[
            "--registration-number",
            app.registration_number.as_str(),
            "--store",
            &user.npki(),
        ],
    );
    let id = issued_id(&issued);
    let folder = User::folder_of(&issued);
    let before = std::fs::read(folder.join("signCert.der")).unwrap();
    let root = user.npki()[5..].to_owned();
    let early = user.dojang(
        &[
            "renew",
            &id,
            "--npki-root",
            &root,
            "--password-stdin",
            "--json",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(early.status.code(), Some(1));
    assert_eq!(error_code(&early), "renewal-too-early");
    assert_eq!(json(&early)["error"]["params"]["opens_in_days"], "335");
    assert_eq!(std::fs::read(folder.join("signCert.der")).unwrap(), before);

    // A broken distribution file is one clear error, not a half-configured run.
    std::fs::write(
        user.home.path().join("distribution.toml"),
        "product_name = 3\n",
    )
    .unwrap();
    let broken = user.issue(
        "",
        &["--registration-number", "12345678AbCdEfGhIjKlMnOpQrS"],
    );
    assert_eq!(error_code(&broken), "distribution-invalid");
}

/// 재발급: the codes of a reissue application issue a new certificate; the CA revokes the
/// previous one (superseded) when the new one is confirmed.
#[test]
fn a_reissue_application_issues_a_new_certificate_and_the_ca_revokes_the_old() {
    let ca = SandboxCa::start(&[]);
    let user = User::of(&ca);
    let first = ca.apply("홍길동", RESIDENT, &[]);
    let old = user.issue(
        &ca.url,
        &[
            "--registration-number",
            first.registration_number.as_str(),
            "--store",
            &user.npki(),
        ],
    );
    assert_eq!(old.status.code(), Some(0));
    let reissue = ca.apply("홍길동", RESIDENT, &["--kind", "reissue"]);
    let new = user.issue(
        &ca.url,
        &[
            "--registration-number",
            reissue.registration_number.as_str(),
            "--store",
            &user.npki(),
        ],
    );
    assert_eq!(
        new.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&new.stdout)
    );
    assert_ne!(json(&new)["id"], json(&old)["id"]);
    assert_eq!(json(&new)["confirmed"], true);
    let listed = Command::new(bin_dir().join("dojang-ca"))
        .args(["list", "--dir"])
        .arg(ca.dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&listed.stdout);
    assert_eq!(text.matches(" valid ").count(), 1, "{text}");
    assert!(text.contains("(superseded)"), "{text}");
}

/// Codes and ID numbers need not be arguments, which any local user sees in the process
/// list and which shells keep in their history: left out, they are read like passwords
/// (here from standard input, before the password). And an interrupted issuance into the
/// keychain keeps its pending key sealed under the keychain, not merely encrypted.
#[test]
fn codes_and_id_numbers_can_come_from_standard_input_instead_of_the_command_line() {
    let ca = SandboxCa::start(&[]);
    let user = User::of(&ca);
    // The registration number: the option without a value.
    let first = ca.apply("홍길동", RESIDENT, &[]);
    let number = first.registration_number.as_str();
    let out = user.dojang(
        &[
            "issue",
            "--password-stdin",
            "--json",
            "--ca",
            &ca.url,
            "--registration-number",
            "--store",
            "keychain",
        ],
        &format!("{number}\n{PASSWORD}\n"),
    );
    let id = issued_id(&out);

    // The e-mail path: the temporary code, then the ID number.
    let second = ca.apply("(주)도장", "1248100998", &[]);
    let out = user.dojang(
        &[
            "issue",
            "--password-stdin",
            "--json",
            "--invitation",
            second.invitation.as_str(),
            "--store",
            &user.npki(),
        ],
        &format!(
            "{}\n124-81-00998\n{PASSWORD}\n",
            second.temporary_code.as_str()
        ),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The identity check: the ID number, then the certificate password.
    let check = |id_number: &str| {
        user.dojang(
            &["verify-id", &id, "--password-stdin", "--json"],
            &format!("{id_number}\n{PASSWORD}\n"),
        )
    };
    assert_eq!(json(&check(RESIDENT))["matches"], true);
    assert_eq!(error_code(&check("8001011234567")), "identity-mismatch");

    // An issuance into the keychain cut short leaves its key sealed, not just encrypted.
    let third = ca.apply("홍길동", RESIDENT, &[]);
    let out = user.dojang(
        &[
            "issue",
            "--password-stdin",
            "--json",
            "--ca",
            "http://127.0.0.1:9/cmp",
            "--allow-unlisted-ca",
            "--registration-number",
            third.registration_number.as_str(),
            "--store",
            "keychain",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(4));
    let pending: Vec<_> = std::fs::read_dir(user.home.path().join("data").join("pending"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(pending.len(), 1);
    assert!(pending[0].join("signPri.key.sealed").is_file());
    assert!(!pending[0].join("signPri.key").exists());
}
