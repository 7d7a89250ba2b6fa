//! `dojang list` as support staff and scripts use it (docs/interfaces.md). Run natively by
//! the test command and under Wine by scripts/test-windows.sh (dojang_testkit::cli).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::path::Path;
use std::process::Output;

use dojang_testkit::cli::Cli;
use dojang_testkit::sample_npki_tree;

fn cli() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_dojang"))
}

fn dojang(home: &Path, args: &[&str], env_roots: Option<&str>) -> Output {
    let mut cmd = cli().command();
    cli().home(&mut cmd, home);
    cmd.args(args).env_remove("DOJANG_NPKI_ROOT");
    if let Some(roots) = env_roots {
        cmd.env("DOJANG_NPKI_ROOT", roots);
    }
    cmd.output().unwrap()
}

#[test]
fn json_listing_has_the_promised_fields() {
    let home = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    sample_npki_tree(root.path(), false).unwrap();
    let out = dojang(
        home.path(),
        &[
            "list",
            "--json",
            "--npki-root",
            &cli().path_str(root.path()),
        ],
        None,
    );
    assert!(out.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for field in [
        "id",
        "subject",
        "common_name",
        "issuer",
        "ca",
        "purpose",
        "policy_oid",
        "serial",
        "not_before",
        "not_after",
        "days_left",
        "key_algorithm",
        "store",
        "path",
        "fingerprint_sha256",
    ] {
        assert!(
            rows.iter().all(|r| r.get(field).is_some()),
            "missing {field}"
        );
    }
    let hong = rows
        .iter()
        .find(|r| r["common_name"] == "홍길동()0012345678901234")
        .unwrap();
    assert_eq!(hong["purpose"], "개인 범용");
    assert_eq!(hong["purpose_code"], "personal-general");
    assert_eq!(hong["store"], "npki");
    assert_eq!(hong["ca"], "KICA");
    assert_eq!(hong["id"].as_str().unwrap().len(), 64);
    assert!(
        time::OffsetDateTime::parse(
            hong["not_after"].as_str().unwrap(),
            &time::format_description::well_known::Rfc3339
        )
        .is_ok()
    );
    assert!(
        cli()
            .host_path(hong["path"].as_str().unwrap())
            .join("signCert.der")
            .is_file()
    );
}

#[test]
fn roots_from_the_environment_are_searched_as_a_path_list() {
    let home = tempfile::tempdir().unwrap();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    sample_npki_tree(a.path(), false).unwrap();
    sample_npki_tree(b.path(), false).unwrap();
    let joined = cli().path_list(&[a.path(), b.path()]);
    let out = dojang(
        home.path(),
        &["list", "--json", "--lang", "en"],
        Some(&joined),
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 6);
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r["purpose"] == "personal, general purpose")
    );
}

#[test]
fn text_listing_is_korean_by_default_and_names_damaged_folders() {
    let home = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    sample_npki_tree(root.path(), true).unwrap();
    let out = dojang(
        home.path(),
        &["list", "--npki-root", &cli().path_str(root.path())],
        None,
    );
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stdout.contains("홍길동  ·  개인 범용  ·  KICA"), "{stdout}");
    assert!(stdout.contains("곧 만료"), "{stdout}");
    assert!(stdout.contains("만료됨"), "{stdout}");
    assert!(stderr.contains("인증서 파일이 잘려 있습니다"), "{stderr}");
    assert!(
        stderr.contains("이 파일은 인증서가 아니거나 손상되었습니다"),
        "{stderr}"
    );
    assert!(stderr.contains("signCert.der"), "{stderr}");
}

#[test]
fn nothing_found_says_so_and_a_missing_root_is_named() {
    let home = tempfile::tempdir().unwrap();
    let missing = cli().path_str(Path::new("/no/such/NPKI"));
    let out = dojang(
        home.path(),
        &["list", "--lang", "en", "--npki-root", &missing],
        None,
    );
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("No certificates found"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{missing}: The certificate folder (NPKI) could not be found."
        )),
        "{stderr}"
    );
}

#[test]
fn show_reads_an_id_a_folder_a_pem_file_and_prints_the_promised_json() {
    let home = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    let folders = sample_npki_tree(root.path(), false).unwrap();
    let hong = folders
        .iter()
        .find(|f| f.to_string_lossy().contains("홍길동"))
        .unwrap();
    let r = cli().path_str(root.path());

    let by_folder = dojang(
        home.path(),
        &["show", &cli().path_str(hong), "--json"],
        None,
    );
    assert!(
        by_folder.status.success(),
        "{}",
        String::from_utf8_lossy(&by_folder.stderr)
    );
    let row: serde_json::Value = serde_json::from_slice(&by_folder.stdout).unwrap();
    for field in [
        "id",
        "subject",
        "common_name",
        "issuer",
        "ca",
        "purpose",
        "policy_oid",
        "serial",
        "not_before",
        "not_after",
        "days_left",
        "key_algorithm",
        "fingerprint_sha256",
        "fingerprint_sha1",
        "serial_decimal",
        "pem",
        "asn1",
        "extensions",
    ] {
        assert!(row.get(field).is_some(), "missing {field}");
    }
    assert_eq!(row["purpose"], "개인 범용");
    let id = row["id"].as_str().unwrap();

    let by_id = dojang(
        home.path(),
        &["show", &id[..10], "--npki-root", &r, "--lang", "en"],
        None,
    );
    let text = String::from_utf8_lossy(&by_id.stdout);
    assert!(
        text.contains("홍길동  ·  personal, general purpose  ·  KICA"),
        "{text}"
    );
    assert!(text.contains("Identity data (VID): 홍길동"), "{text}");

    let pem_file = home.path().join("hong.pem");
    std::fs::write(&pem_file, row["pem"].as_str().unwrap()).unwrap();
    let by_pem = dojang(
        home.path(),
        &["show", &cli().path_str(&pem_file), "--json"],
        None,
    );
    let again: serde_json::Value = serde_json::from_slice(&by_pem.stdout).unwrap();
    assert_eq!(again["id"], row["id"]);

    let junk = home.path().join("junk.cer");
    std::fs::write(&junk, b"junk").unwrap();
    let refused = dojang(
        home.path(),
        &["show", &cli().path_str(&junk), "--json"],
        None,
    );
    assert_eq!(refused.status.code(), Some(1));
    let err: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(err["error"]["code"], "not-a-certificate");
}

#[test]
fn demo_issues_a_certificate_from_an_in_process_sandbox_ca_and_shows_it() {
    let home = tempfile::tempdir().unwrap();
    let out = dojang(home.path(), &["demo", "--lang", "en"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let progress = String::from_utf8_lossy(&out.stderr);
    for step in [
        "checking the codes",
        "generating the key",
        "contacting the CA",
        "confirming",
    ] {
        assert!(progress.contains(step), "{progress}");
    }
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("홍길동  ·  personal, general purpose  ·  Dojang Sandbox"),
        "{shown}"
    );
    assert!(shown.contains("Identity data (VID): 홍길동"), "{shown}");
}

/// `dojang list --json` as a user with `home`, no roots named; its rows.
fn list_unnamed(cmd: &mut std::process::Command, home: &Path) -> Vec<serde_json::Value> {
    cli().home(cmd, home);
    let out = cmd
        .args(["list", "--json"])
        .env_remove("DOJANG_NPKI_ROOT")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    rows.as_array().unwrap().clone()
}

#[test]
fn the_users_own_npki_folder_is_searched_without_being_named() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = cli().command();
    let prefix = cli().own_wine_prefix(&mut cmd);
    let own = cli().own_npki_root(home.path(), prefix.as_ref());
    sample_npki_tree(&own, false).unwrap();
    let rows = list_unnamed(&mut cmd, home.path());
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.iter().all(|r| r["store"] == "npki"), "{rows:?}");
}

#[test]
#[ignore = "Windows only: scripts/windows.sh runs it under Wine"]
fn an_npki_folder_on_another_drive_letter_is_searched_as_a_removable_drive() {
    let home = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    sample_npki_tree(&usb.path().join("NPKI"), false).unwrap();
    let mut cmd = cli().command();
    let prefix = cli()
        .own_wine_prefix(&mut cmd)
        .expect("run under Wine by scripts/windows.sh");
    prefix.map_drive('E', usb.path());
    let rows = list_unnamed(&mut cmd, home.path());
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(
        rows.iter()
            .all(|r| r["path"].as_str().unwrap().starts_with(r"E:\NPKI\")),
        "{rows:?}"
    );
}
