//! Files on shared disks: whatever the umask, what Dojang writes is for its user alone —
//! key files, sealed keychain files, exported PFX and everything in the data dir are
//! `0600`, the folders it makes `0700` — after issue, import, passwd, export and copy.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{SandboxCa, bin_dir};

const PASSWORD: &str = "seal#7294xq";
const NEW_PASSWORD: &str = "stamp#8153qz";
const PFX_PASSWORD: &str = "export#5927wx";
const RESIDENT: &str = "9001011234567";

/// `dojang` as `home`'s user, under umask 000: nothing but Dojang's own modes protect
/// what it writes. It must succeed.
fn dojang(home: &Path, args: &[&str], stdin: &str) -> Output {
    let out = run(home, args, stdin);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `dojang` as `home`'s user, under umask 000.
fn run(home: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write as _;
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(bin_dir().join("dojang"))
        .args(args)
        .env("HOME", home)
        .env("DOJANG_DATA_DIR", home.join("data"))
        .env("DOJANG_DISTRIBUTION", home.join("distribution.toml"))
        .env_remove("DOJANG_NPKI_ROOT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}

/// Every folder and file under `dir` (itself included), with its mode, where the mode is
/// not the private one.
fn not_private(dir: &Path) -> Vec<(PathBuf, u32)> {
    let mut wrong = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(path) = stack.pop() {
        let meta = std::fs::symlink_metadata(&path).unwrap();
        let want = if meta.is_dir() { 0o700 } else { 0o600 };
        if mode(&path) != want {
            wrong.push((path.clone(), mode(&path)));
        }
        if meta.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        }
    }
    wrong
}

fn id_of(out: &Output) -> String {
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["id"].as_str().unwrap().to_owned()
}

#[test]
fn what_dojang_writes_is_private_whatever_the_umask() {
    let ca = SandboxCa::start(&[]);
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    common::trust_sandbox(home, &[&ca.url]);
    let usb = home.join("usb").join("NPKI");

    // Issued into an NPKI folder and into the keychain.
    let issue = |store: &str| {
        let number = ca
            .apply("홍길동", RESIDENT, &[])
            .registration_number
            .as_str()
            .to_owned();
        id_of(&dojang(
            home,
            &[
                "issue",
                "--registration-number",
                &number,
                "--store",
                store,
                "--password-stdin",
                "--json",
            ],
            &format!("{PASSWORD}\n"),
        ))
    };
    let on_usb = issue(&format!("npki:{}", usb.display()));
    let in_keychain = issue("keychain");
    assert_eq!(not_private(&usb), []);
    assert_eq!(not_private(&home.join("data")), []);
    assert!(
        home.join("data")
            .join("keychain")
            .join(&in_keychain)
            .is_dir()
    );

    // A new password: the folder is written again.
    dojang(
        home,
        &[
            "passwd",
            &on_usb,
            "--npki-root",
            usb.to_str().unwrap(),
            "--password-stdin",
            "--json",
        ],
        &format!("{PASSWORD}\n{NEW_PASSWORD}\n"),
    );
    assert_eq!(not_private(&usb), []);

    // Exported as PKCS#12, imported from it into another data dir's keychain, copied to
    // this computer's NPKI folder.
    let pfx = home.join("backup.pfx");
    dojang(
        home,
        &[
            "export",
            &in_keychain,
            "--pfx",
            pfx.to_str().unwrap(),
            "--password-stdin",
            "--json",
        ],
        &format!("{PASSWORD}\n{PFX_PASSWORD}\n"),
    );
    assert_eq!(mode(&pfx), 0o600);
    let other = tempfile::tempdir().unwrap();
    common::trust_sandbox(other.path(), &[&ca.url]);
    dojang(
        other.path(),
        &[
            "import",
            pfx.to_str().unwrap(),
            "--password-stdin",
            "--json",
        ],
        &format!("{PFX_PASSWORD}\n{PASSWORD}\n"),
    );
    assert_eq!(not_private(&other.path().join("data")), []);
    dojang(home, &["copy", &in_keychain, "--to", "npki", "--json"], "");
    assert_eq!(not_private(&home.join("NPKI")), []);
    assert_eq!(not_private(&home.join("data")), []);

    // A stick whose `<CA>/USER` is a link into the home gets nothing written through it.
    let folder = usb.read_dir().unwrap().next().unwrap().unwrap().file_name();
    let stick = home.join("stick").join("NPKI");
    std::fs::create_dir_all(stick.join(&folder)).unwrap();
    let victim = home.join("victim");
    std::fs::create_dir(&victim).unwrap();
    std::os::unix::fs::symlink(&victim, stick.join(&folder).join("USER")).unwrap();
    let refused = run(
        home,
        &[
            "copy",
            &in_keychain,
            "--to",
            &format!("npki:{}", stick.display()),
            "--json",
        ],
        "",
    );
    assert_eq!(refused.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(error["error"]["code"], "file-not-regular");
    assert_eq!(std::fs::read_dir(&victim).unwrap().count(), 0);
}
