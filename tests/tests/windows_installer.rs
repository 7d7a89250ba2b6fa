//! The Windows installer (`src-tauri/windows/dojang.nsi`) as a user meets it, installed and
//! uninstalled silently under Wine by `scripts/windows.sh installer`, which builds it and
//! names it in `DOJANG_TEST_WINDOWS_INSTALLER`: the files in place, the `dojang:` scheme,
//! "Open with" for certificate and issuance files, the Start-menu entry and the uninstall
//! entry, in the user's language (Korean, English); then the uninstaller takes all of it
//! away and keeps the user's certificates unless asked.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use dojang_testkit::cli::{Cli, WinePrefix};

const INSTALLER_ENV: &str = "DOJANG_TEST_WINDOWS_INSTALLER";
/// The product's name as the Start menu and "Apps & features" show it.
const DISPLAY_NAME: &str = "도장 Dojang";

/// A Wine prefix of the test's own, run in the locale `lang`.
struct Windows {
    prefix: WinePrefix,
    lang: &'static str,
}

impl Windows {
    fn new(lang: &'static str) -> Windows {
        let cli = Cli::new("dojang");
        let mut probe = Command::new("true");
        let prefix = cli
            .own_wine_prefix(&mut probe)
            .expect("run under Wine by scripts/windows.sh");
        Windows { prefix, lang }
    }

    /// `wine PROGRAM ARGS` in this prefix and locale; whether it succeeded.
    fn wine(&self, program: &str, args: &[&str]) -> bool {
        Command::new("wine")
            .arg(program)
            .args(args)
            .env("WINEPREFIX", &self.prefix.path)
            .env("WINEDEBUG", "-all")
            .env("LANG", self.lang)
            .env("LC_ALL", self.lang)
            .status()
            .expect("wine runs")
            .success()
    }

    /// The user's profile folder (`C:\users\<name>`) on this machine.
    fn profile(&self) -> PathBuf {
        self.prefix.profile()
    }

    fn install_dir(&self) -> PathBuf {
        self.profile().join("AppData/Local/Programs/Dojang")
    }

    fn shortcut(&self) -> PathBuf {
        self.profile()
            .join("AppData/Roaming/Microsoft/Windows/Start Menu/Programs")
            .join(format!("{DISPLAY_NAME}.lnk"))
    }

    fn data_dir(&self) -> PathBuf {
        self.profile().join("AppData/Roaming/kr.dojang.app")
    }

    /// The key `key` of HKEY_CURRENT_USER as `reg export` writes it (its values and those
    /// of its subkeys), or `None` when there is no such key.
    fn registry(&self, key: &str) -> Option<String> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("key.reg");
        let windows_file = Cli::Windows(PathBuf::new()).path_str(&file);
        if !self.wine(
            "reg",
            &["export", &format!("HKCU\\{key}"), &windows_file, "/y"],
        ) {
            return None;
        }
        let bytes = std::fs::read(&file).unwrap();
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    }

    fn install(&self, installer: &Path) {
        let windows_path = Cli::Windows(PathBuf::new()).path_str(installer);
        assert!(self.wine(&windows_path, &["/S"]), "the installer succeeds");
    }

    /// Runs the uninstaller silently with `args` and waits until it is done (it copies
    /// itself to the temporary folder and returns at once, so the folder is watched).
    fn uninstall(&self, args: &[&str]) {
        let user = self
            .profile()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let uninstaller = format!(r"C:\users\{user}\AppData\Local\Programs\Dojang\uninstall.exe");
        let mut all = vec!["/S"];
        all.extend(args);
        assert!(self.wine(&uninstaller, &all), "the uninstaller starts");
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.install_dir().exists() {
            assert!(Instant::now() < deadline, "the uninstaller finishes");
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

fn installer() -> PathBuf {
    PathBuf::from(std::env::var_os(INSTALLER_ENV).expect("scripts/windows.sh names the installer"))
}

/// Installs in `lang`, checks everything the installer promises (the file descriptions
/// in `pkcs12_description`'s language), uninstalls keeping the data, reinstalls, and
/// uninstalls with `/DELETEDATA`.
fn installs_and_uninstalls(lang: &'static str, pkcs12_description: &str) {
    let windows = Windows::new(lang);
    windows.install(&installer());

    for file in [
        "dojang-app.exe",
        "dojang.exe",
        "WebView2Loader.dll",
        "uninstall.exe",
    ] {
        assert!(
            windows.install_dir().join(file).is_file(),
            "{file} installed"
        );
    }
    assert!(windows.shortcut().is_file(), "the Start-menu entry");

    let scheme = windows
        .registry(r"Software\Classes\dojang")
        .expect("dojang: registered");
    assert!(scheme.contains("\"URL Protocol\"=\"\""), "{scheme}");
    assert!(
        scheme.contains(r#"Programs\\Dojang\\dojang-app.exe\" \"%1\""#),
        "{scheme}"
    );
    for (ext, prog_id) in [
        (".pfx", "Dojang.Pkcs12"),
        (".p12", "Dojang.Pkcs12"),
        (".der", "Dojang.Certificate"),
        (".cer", "Dojang.Certificate"),
        (".crt", "Dojang.Certificate"),
        (".html", "Dojang.Issuance"),
    ] {
        let offered = windows
            .registry(&format!(r"Software\Classes\{ext}"))
            .unwrap_or_default();
        assert!(
            offered.contains(&format!("\"{prog_id}\"=\"\"")),
            "{ext}: {offered}"
        );
        // Offered in "Open with", never made the default program for the extension.
        assert!(!offered.contains("@="), "{ext}: {offered}");
    }
    let pkcs12 = windows.registry(r"Software\Classes\Dojang.Pkcs12").unwrap();
    assert!(
        pkcs12.contains(&format!("@=\"{pkcs12_description}\"")),
        "{pkcs12}"
    );
    let entry = windows
        .registry(r"Software\Microsoft\Windows\CurrentVersion\Uninstall\Dojang")
        .expect("an entry in Apps & features");
    assert!(
        entry.contains(&format!("\"DisplayName\"=\"{DISPLAY_NAME}\"")),
        "{entry}"
    );
    assert!(entry.contains("\"QuietUninstallString\""), "{entry}");

    // The user's certificates in Dojang's data dir outlive the app.
    let kept = windows
        .data_dir()
        .join("keychain")
        .join("id")
        .join("signCert.der");
    std::fs::create_dir_all(kept.parent().unwrap()).unwrap();
    std::fs::write(&kept, b"certificate").unwrap();
    windows.uninstall(&[]);
    assert!(!windows.shortcut().exists(), "the Start-menu entry is gone");
    assert_eq!(windows.registry(r"Software\Classes\dojang"), None);
    assert_eq!(windows.registry(r"Software\Classes\Dojang.Pkcs12"), None);
    let pfx = windows
        .registry(r"Software\Classes\.pfx")
        .unwrap_or_default();
    assert!(!pfx.contains("Dojang"), "{pfx}");
    assert_eq!(
        windows.registry(r"Software\Microsoft\Windows\CurrentVersion\Uninstall\Dojang"),
        None
    );
    assert!(kept.is_file(), "the user's data is kept");

    // Asked to, the uninstaller deletes it too.
    windows.install(&installer());
    windows.uninstall(&["/DELETEDATA"]);
    assert!(
        !windows.data_dir().exists(),
        "the user's data is deleted when asked"
    );
}

#[test]
#[ignore = "Windows only: scripts/windows.sh installer runs it under Wine"]
fn the_installer_speaks_korean_on_a_korean_windows() {
    installs_and_uninstalls("ko_KR.UTF-8", "공동인증서 파일 (PKCS#12)");
}

#[test]
#[ignore = "Windows only: scripts/windows.sh installer runs it under Wine"]
fn the_installer_speaks_english_elsewhere() {
    installs_and_uninstalls("en_US.UTF-8", "Certificate file (PKCS#12)");
}
