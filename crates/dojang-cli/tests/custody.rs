//! The custody commands as scripts use them: `--password-stdin`, `--json`, exit statuses
//! (docs/interfaces.md), on NPKI folders and the OS keychain (a real Secret Service here;
//! the Windows Credential Manager when scripts/test-windows.sh runs this suite under Wine,
//! through dojang_testkit::cli).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use dojang_testkit::json;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use dojang_testkit::cli::Cli;
use dojang_testkit::{SAMPLE_ID_NUMBER, SAMPLE_PASSWORD, sample_npki_tree};

struct Env {
    home: tempfile::TempDir,
    data: tempfile::TempDir,
    root: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        let env = Env {
            home: tempfile::tempdir().unwrap(),
            data: tempfile::tempdir().unwrap(),
            root: tempfile::tempdir().unwrap(),
        };
        sample_npki_tree(env.root.path(), false).unwrap();
        env
    }

    /// Runs `dojang ARGS --npki-root <the sample root>` with `stdin`.
    fn run(&self, args: &[&str], stdin: &str) -> Output {
        self.run_in(self.root.path(), args, stdin)
    }

    /// Runs `dojang ARGS --npki-root ROOT` with `stdin`.
    fn run_in(&self, root: &Path, args: &[&str], stdin: &str) -> Output {
        let mut command = self.command();
        let mut child = command
            .args(args)
            .arg("--npki-root")
            .arg(cli().path(root))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // A command that refuses early never reads its input.
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        child.wait_with_output().unwrap()
    }

    /// `dojang` as this user.
    fn command(&self) -> Command {
        let mut command = cli().command();
        self.user(&mut command);
        command
    }

    /// Makes `command` run as this user: their home, data dir and keychain namespace, no
    /// extra roots.
    fn user(&self, command: &mut Command) {
        cli().home(command, self.home.path());
        cli().quiet_wine(command);
        command
            .env("DOJANG_DATA_DIR", cli().path(self.data.path()))
            .env_remove("DOJANG_NPKI_ROOT");
    }

    /// `npki:FOLDER`, the store of an NPKI folder, as the program names it.
    fn npki_store(&self, folder: &Path) -> String {
        format!("npki:{}", cli().path_str(folder))
    }

    /// `field` of every copy of `id` that `dojang list --json ARGS` lists.
    fn copies(&self, id: &str, field: &str, args: &[&str]) -> Vec<String> {
        let mut all = vec!["list", "--json"];
        all.extend(args);
        let listed = json(&self.run(&all, ""));
        listed
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["id"] == id)
            .map(|c| c[field].as_str().unwrap().to_owned())
            .collect()
    }

    fn id_of(&self, owner: &str) -> String {
        let out = self.run(&["list", "--json"], "");
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["owner"] == owner)
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .unwrap()
    }
}

fn cli() -> Cli {
    Cli::new(env!("CARGO_BIN_EXE_dojang"))
}

#[test]
fn verify_id_passes_for_the_holder_and_refuses_another_number() {
    let env = Env::new();
    let id = env.id_of("홍길동");
    let short = &id[..12];
    let ok = env.run(
        &[
            "verify-id",
            short,
            "--id-number",
            "900101-1234567",
            "--password-stdin",
            "--json",
        ],
        &format!("{SAMPLE_PASSWORD}\n"),
    );
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(json(&ok)["matches"], true);
    assert_eq!(SAMPLE_ID_NUMBER, "9001011234567");

    let other = env.run(
        &[
            "verify-id",
            short,
            "--id-number",
            "8001011234567",
            "--password-stdin",
            "--json",
        ],
        &format!("{SAMPLE_PASSWORD}\n"),
    );
    assert_eq!(other.status.code(), Some(1));
    assert_eq!(json(&other)["error"]["code"], "identity-mismatch");

    let typo = env.run(
        &[
            "verify-id",
            short,
            "--id-number",
            "124-81-00999",
            "--password-stdin",
            "--json",
        ],
        &format!("{SAMPLE_PASSWORD}\n"),
    );
    assert_eq!(json(&typo)["error"]["code"], "business-number-check-digit");
}

#[test]
fn passwd_enforces_the_rules_and_a_wrong_password_changes_nothing() {
    let env = Env::new();
    let id = env.id_of("홍길동");
    let folder = env.root.path().join("KICA").join("USER");
    let key_file = |f: &Path| {
        std::fs::read_dir(f)
            .unwrap()
            .map(|e| std::fs::read(e.unwrap().path().join("signPri.key")).unwrap())
            .next()
            .unwrap()
    };
    let before = key_file(&folder);
    let weak = env.run(
        &["passwd", &id, "--password-stdin", "--json"],
        &format!("{SAMPLE_PASSWORD}\nabc123\n"),
    );
    assert_eq!(json(&weak)["error"]["code"], "password-too-short");
    let wrong = env.run(
        &["passwd", &id, "--password-stdin", "--json"],
        "nope!2580xx\nseal#7294xq\n",
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert_eq!(json(&wrong)["error"]["code"], "wrong-password");
    assert_eq!(key_file(&folder), before);

    let done = env.run(
        &["passwd", &id, "--password-stdin"],
        &format!("{SAMPLE_PASSWORD}\nseal#7294xq\n"),
    );
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert_ne!(key_file(&folder), before);
    let check = env.run(
        &[
            "verify-id",
            &id,
            "--id-number",
            SAMPLE_ID_NUMBER,
            "--password-stdin",
        ],
        "seal#7294xq\n",
    );
    assert!(check.status.success());
}

#[test]
fn export_as_pfx_then_import_into_another_npki_folder_then_delete() {
    let env = Env::new();
    let id = env.id_of("홍길동");
    let pfx = env.data.path().join("hong.pfx");
    let export = |pfx_password: &str| {
        env.run(
            &[
                "export",
                &id,
                "--pfx",
                &cli().path_str(&pfx),
                "--password-stdin",
                "--json",
            ],
            &format!("{SAMPLE_PASSWORD}\n{pfx_password}\n"),
        )
    };
    // The file leaves the stores' protection: an empty or weak password is refused, and
    // nothing is written.
    for (weak, code) in [
        ("", "password-too-short"),
        ("1234", "password-too-short"),
        ("pfxpassword", "password-needs-digit"),
    ] {
        let refused = export(weak);
        assert_eq!(refused.status.code(), Some(1), "{weak:?}");
        let error: serde_json::Value = serde_json::from_slice(&refused.stdout).unwrap();
        assert_eq!(error["error"]["code"], code, "{weak:?}");
        assert!(!pfx.exists());
    }
    let out = export("pfx!pass2580");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info = Command::new("openssl")
        .args([
            "pkcs12",
            "-in",
            pfx.to_str().unwrap(),
            "-passin",
            "pass:pfx!pass2580",
            "-noout",
        ])
        .output()
        .unwrap();
    assert!(info.status.success(), "OpenSSL reads the exported PFX");

    let usb = tempfile::tempdir().unwrap();
    let store = env.npki_store(usb.path());
    let imported = env.run(
        &[
            "import",
            &cli().path_str(&pfx),
            "--store",
            &store,
            "--password-stdin",
            "--json",
        ],
        "pfx!pass2580\nusb!Pass9753\n",
    );
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let row = json(&imported);
    assert_eq!(row["id"], id.as_str());
    let folder = cli().host_path(row["path"].as_str().unwrap());
    assert!(folder.join("signPri.key").is_file());

    // The same ID now exists twice; delete the copy on the "USB" (the first store
    // holding it is the sample root, so delete through its own root).
    let deleted = env.run_in(usb.path(), &["delete", &id, "--yes"], "");
    assert!(
        deleted.status.success(),
        "{}",
        String::from_utf8_lossy(&deleted.stderr)
    );
    assert!(!folder.exists());
}

#[test]
fn delete_without_yes_and_without_a_terminal_is_refused() {
    let env = Env::new();
    let id = env.id_of("홍길동");
    let out = env.run(&["delete", &id, "--json"], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["error"]["code"], "confirmation-needed");
    assert_eq!(env.id_of("홍길동"), id, "still there");
}

#[test]
fn an_unknown_or_ambiguous_id_is_explained() {
    let env = Env::new();
    let out = env.run(
        &["passwd", "00000000", "--password-stdin", "--json"],
        "x\ny\n",
    );
    assert_eq!(json(&out)["error"]["code"], "certificate-not-found");
    let out = env.run(
        &["passwd", "abc", "--password-stdin", "--lang", "en"],
        "x\ny\n",
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("The certificate could not be found") && said.contains("[id: abc]"),
        "{said}"
    );
}

/// Runs `dojang copy ID --to npki:MNT/NPKI --json` with a 64 KiB tmpfs mounted at MNT in
/// a private mount namespace, after the shell `prepare` (with `MNT` in it replaced by the
/// mount point) has run; returns the error code.
fn copy_to_small_drive(env: &Env, id: &str, prepare: &str) -> String {
    let mnt = tempfile::tempdir().unwrap();
    let m = mnt.path().display().to_string();
    let script = format!(
        "mount -t tmpfs -o size=64k tmpfs '{m}' && {} && exec \"$@\"",
        prepare.replace("MNT", &m),
    );
    let mut unshare = Command::new("unshare");
    env.user(&mut unshare);
    let _prefix = cli().own_wine_prefix(&mut unshare);
    let out = unshare
        .args(["-m", "sh", "-c", &script, "sh"])
        .args(cli().argv())
        .args(["copy", id, "--to"])
        .arg(env.npki_store(&mnt.path().join("NPKI")))
        .args(["--json", "--npki-root"])
        .arg(cli().path(env.root.path()))
        .output()
        .expect("unshare (util-linux) runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)["error"]["code"].as_str().unwrap().to_owned()
}

#[test]
fn copying_to_a_full_or_read_only_drive_is_explained_and_loses_nothing() {
    let env = Env::new();
    let id = env.id_of("홍길동");
    let fill = "dd if=/dev/zero of='MNT/filler' bs=1k count=60 2>/dev/null; true";
    assert_eq!(copy_to_small_drive(&env, &id, fill), "disk-full");
    let read_only = "mkdir -p 'MNT/NPKI' && mount -o remount,ro 'MNT'";
    assert_eq!(copy_to_small_drive(&env, &id, read_only), "read-only");
    // The original still opens with its password.
    let check = env.run(
        &[
            "verify-id",
            &id,
            "--id-number",
            SAMPLE_ID_NUMBER,
            "--password-stdin",
        ],
        &format!("{SAMPLE_PASSWORD}\n"),
    );
    assert!(check.status.success());
}

#[test]
fn store_names_the_copy_a_command_acts_on() {
    let env = Env::new();
    let id = env.id_of("홍길동");
    let usb = tempfile::tempdir().unwrap();
    let usb_store = env.npki_store(usb.path());
    let disk_store = env.npki_store(env.root.path());
    let copied = env.run(&["copy", &id, "--to", &usb_store, "--json"], "");
    assert_eq!(copied.status.code(), Some(0), "{:?}", copied);

    // A new password for the copy on the USB stick only.
    let changed = env.run(
        &["passwd", &id, "--store", &usb_store, "--password-stdin"],
        &format!("{SAMPLE_PASSWORD}\nusb!Pass9753\n"),
    );
    assert_eq!(changed.status.code(), Some(0), "{:?}", changed);
    let verify = |store: Option<&str>, password: &str| {
        let mut args = vec![
            "verify-id",
            &id,
            "--id-number",
            SAMPLE_ID_NUMBER,
            "--password-stdin",
            "--json",
        ];
        if let Some(store) = store {
            args.extend(["--store", store]);
        }
        json(&env.run(&args, &format!("{password}\n")))
    };
    assert_eq!(verify(Some(&usb_store), "usb!Pass9753")["matches"], true);
    assert_eq!(
        verify(Some(&usb_store), SAMPLE_PASSWORD)["error"]["code"],
        "wrong-password"
    );
    assert_eq!(verify(Some(&disk_store), SAMPLE_PASSWORD)["matches"], true);
    // Without --store: the first store holding it, here the only root searched.
    assert_eq!(verify(None, SAMPLE_PASSWORD)["matches"], true);
    // A store that does not hold it, and a store that does not exist, say so.
    assert_eq!(
        verify(Some("keychain"), SAMPLE_PASSWORD)["error"]["code"],
        "certificate-not-found"
    );
    assert_eq!(
        verify(Some("floppy"), SAMPLE_PASSWORD)["error"]["code"],
        "store-unknown"
    );

    // Deleting the USB copy leaves the one on disk, with its password.
    let deleted = env.run(&["delete", &id, "--store", &usb_store, "--yes"], "");
    assert_eq!(deleted.status.code(), Some(0), "{:?}", deleted);
    let paths = env.copies(&id, "path", &["--npki-root", &cli().path_str(usb.path())]);
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(
        cli().host_path(&paths[0]).starts_with(env.root.path()),
        "{paths:?}"
    );
    assert_eq!(verify(Some(&disk_store), SAMPLE_PASSWORD)["matches"], true);
}

/// The private key of a PFX file, as OpenSSL reads it (unencrypted PKCS#8 PEM).
fn key_of_pfx(pfx: &Path, password: &str) -> String {
    let out = Command::new("openssl")
        .args(["pkcs12", "-nocerts", "-noenc", "-in"])
        .arg(pfx)
        .args(["-passin", &format!("pass:{password}")])
        .output()
        .unwrap();
    assert!(out.status.success(), "OpenSSL reads {}", pfx.display());
    // OpenSSL prints the bag attributes before the key, the Korean friendlyName not as UTF-8.
    let text = String::from_utf8_lossy(&out.stdout);
    let start = text.find("-----BEGIN PRIVATE KEY-----").unwrap();
    text[start..].to_owned()
}

#[test]
fn a_copy_in_the_keychain_is_used_changed_exported_and_deleted_like_a_folder() {
    let env = Env::new();
    let id = env.id_of("홍길동");
    let copied = env.run(&["copy", &id, "--to", "keychain", "--json"], "");
    assert_eq!(copied.status.code(), Some(0), "{copied:?}");
    assert_eq!(env.copies(&id, "store", &[]), ["keychain", "npki"]);

    // A new password for the keychain copy; the folder keeps the old one.
    let changed = env.run(
        &["passwd", &id, "--store", "keychain", "--password-stdin"],
        &format!("{SAMPLE_PASSWORD}\nkey!Chain9753\n"),
    );
    assert_eq!(changed.status.code(), Some(0), "{changed:?}");
    let verify = |store: &str, password: &str| {
        json(&env.run(
            &[
                "verify-id",
                &id,
                "--id-number",
                SAMPLE_ID_NUMBER,
                "--store",
                store,
                "--password-stdin",
                "--json",
            ],
            &format!("{password}\n"),
        ))
    };
    assert_eq!(verify("keychain", "key!Chain9753")["matches"], true);
    assert_eq!(
        verify("keychain", SAMPLE_PASSWORD)["error"]["code"],
        "wrong-password"
    );
    let disk = env.npki_store(env.root.path());
    assert_eq!(verify(&disk, SAMPLE_PASSWORD)["matches"], true);

    // The same key comes out of both copies.
    let export = |store: &str, password: &str, file: &Path| {
        let out = env.run(
            &[
                "export",
                &id,
                "--store",
                store,
                "--pfx",
                &cli().path_str(file),
                "--password-stdin",
                "--json",
            ],
            &format!("{password}\npfx!pass2580\n"),
        );
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        key_of_pfx(file, "pfx!pass2580")
    };
    let from_keychain = export(
        "keychain",
        "key!Chain9753",
        &env.data.path().join("keychain.pfx"),
    );
    let from_disk = export(&disk, SAMPLE_PASSWORD, &env.data.path().join("disk.pfx"));
    assert_eq!(from_keychain, from_disk);

    // Deleting the keychain copy leaves the folder.
    let deleted = env.run(&["delete", &id, "--store", "keychain", "--yes"], "");
    assert_eq!(deleted.status.code(), Some(0), "{deleted:?}");
    assert_eq!(
        verify("keychain", "key!Chain9753")["error"]["code"],
        "certificate-not-found"
    );
    assert_eq!(verify(&disk, SAMPLE_PASSWORD)["matches"], true);
}
