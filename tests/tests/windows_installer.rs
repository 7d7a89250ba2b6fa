//! The Windows installer (`src-tauri/windows/dojang.nsi`) as a user meets it, under Wine, as
//! `scripts/windows.sh installer` builds it:
//!
//! - the unbranded build's (`DOJANG_TEST_WINDOWS_INSTALLER`), installed and uninstalled
//!   silently in the user's language (Korean, English): the files in place, the `dojang:`
//!   scheme, "Open with" for certificate and issuance files, the Start-menu entry and the
//!   uninstall entry; the uninstaller takes all of it away and keeps the user's
//!   certificates unless asked;
//! - a branded build's (`DOJANG_TEST_WINDOWS_BRANDED_INSTALLER`, made from the overlay in
//!   `DOJANG_TEST_WINDOWS_BRANDING`): installed beside the unbranded one under its own
//!   names, with the app compiled with the overlay and its distribution file where the app
//!   reads it, and uninstalled without touching the other build.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use dojang_testkit::cli::{Cli, WinePrefix};

/// A build's installer and the names it installs under.
struct Build {
    installer: PathBuf,
    /// `productName`: the install folder's name.
    product: String,
    /// The window's title: the Start-menu entry and Apps & features show it.
    display_name: String,
    /// `identifier`: registry keys, ProgIDs and the data dir are named by it.
    identifier: String,
    /// `bundle.resources`: each file and where it is installed, relative to the folder.
    resources: Vec<(PathBuf, String)>,
    /// What the overlay compiles into the app: strings the app's executable must contain.
    compiled_in: Vec<String>,
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

impl Build {
    /// Dojang's own, when the script built it.
    fn unbranded() -> Option<Build> {
        Some(Build {
            installer: env_path("DOJANG_TEST_WINDOWS_INSTALLER")?,
            product: "Dojang".into(),
            display_name: "도장 Dojang".into(),
            identifier: "kr.dojang.app".into(),
            resources: Vec::new(),
            compiled_in: vec!["kr.dojang.app".into()],
        })
    }

    /// The branded build, its names read from its overlay.
    fn branded() -> Build {
        let installer = env_path("DOJANG_TEST_WINDOWS_BRANDED_INSTALLER")
            .expect("scripts/windows.sh names the branded installer");
        let overlay_path =
            env_path("DOJANG_TEST_WINDOWS_BRANDING").expect("scripts/windows.sh names the overlay");
        let overlay: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&overlay_path).unwrap()).unwrap();
        let text = |v: &serde_json::Value| v.as_str().unwrap().to_owned();
        // Paths in an overlay are relative to src-tauri/.
        let tauri_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri");
        let resources = overlay["bundle"]["resources"]
            .as_object()
            .expect("the overlay's resources, as a map")
            .iter()
            .map(|(source, target)| (tauri_dir.join(source), text(target)))
            .collect();
        let display_name = text(&overlay["app"]["windows"][0]["title"]);
        let mut compiled_in = vec![text(&overlay["identifier"]), display_name.clone()];
        if let Some(endpoint) = overlay["plugins"]["updater"]["endpoints"].get(0) {
            compiled_in.push(text(endpoint));
        }
        Build {
            installer,
            product: text(&overlay["productName"]),
            display_name,
            identifier: text(&overlay["identifier"]),
            resources,
            compiled_in,
        }
    }

    fn uninstall_key(&self) -> String {
        format!(
            r"Software\Microsoft\Windows\CurrentVersion\Uninstall\{}",
            self.identifier
        )
    }

    fn prog_id(&self, kind: &str) -> String {
        format!("{}.{kind}", self.identifier)
    }
}

/// The extensions offered in "Open with", and the kind of file each is.
const OFFERS: [(&str, &str); 6] = [
    (".pfx", "Pkcs12"),
    (".p12", "Pkcs12"),
    (".der", "Certificate"),
    (".cer", "Certificate"),
    (".crt", "Certificate"),
    (".html", "Issuance"),
];

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

    /// `wine PROGRAM ARGS` in this prefix and locale, to be run.
    fn command(&self, program: &str, args: &[&str]) -> Command {
        let mut command = Command::new("wine");
        command
            .arg(program)
            .args(args)
            .env("WINEPREFIX", &self.prefix.path)
            .env("WINEDEBUG", "-all")
            .env("LANG", self.lang)
            .env("LC_ALL", self.lang);
        command
    }

    /// `wine PROGRAM ARGS`; whether it succeeded.
    fn wine(&self, program: &str, args: &[&str]) -> bool {
        self.command(program, args)
            .status()
            .expect("wine runs")
            .success()
    }

    /// The user's profile folder (`C:\users\<name>`) on this machine.
    fn profile(&self) -> PathBuf {
        self.prefix.profile()
    }

    /// A path of the user's profile as Windows writes it.
    fn windows_path(&self, relative: &str) -> String {
        let user = self
            .profile()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        format!(r"C:\users\{user}\{}", relative.replace('/', "\\"))
    }

    fn install_dir(&self, build: &Build) -> PathBuf {
        self.profile()
            .join("AppData/Local/Programs")
            .join(&build.product)
    }

    fn shortcut(&self, build: &Build) -> PathBuf {
        self.profile()
            .join("AppData/Roaming/Microsoft/Windows/Start Menu/Programs")
            .join(format!("{}.lnk", build.display_name))
    }

    fn data_dir(&self, build: &Build) -> PathBuf {
        self.profile()
            .join("AppData/Roaming")
            .join(&build.identifier)
    }

    /// The command the `dojang:` scheme opens for a build installed here, as `reg export`
    /// writes it.
    fn app_command(&self, build: &Build) -> String {
        let app = self.windows_path(&format!(
            "AppData/Local/Programs/{}/dojang-app.exe",
            build.product
        ));
        format!(r#"@="\"{}\" \"%1\"""#, app.replace('\\', r"\\"))
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

    fn install(&self, build: &Build) {
        let windows_path = Cli::Windows(PathBuf::new()).path_str(&build.installer);
        assert!(self.wine(&windows_path, &["/S"]), "the installer succeeds");
    }

    /// Runs the uninstaller silently with `args` and waits until it is done (it copies
    /// itself to the temporary folder and returns at once, so the folder is watched).
    fn uninstall(&self, build: &Build, args: &[&str]) {
        let uninstaller = self.windows_path(&format!(
            "AppData/Local/Programs/{}/uninstall.exe",
            build.product
        ));
        let mut all = vec!["/S"];
        all.extend(args);
        assert!(self.wine(&uninstaller, &all), "the uninstaller starts");
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.install_dir(build).exists() {
            assert!(Instant::now() < deadline, "the uninstaller finishes");
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// The user's certificates in the build's data dir, which must outlive the app.
    fn keep_user_data(&self, build: &Build) -> PathBuf {
        let kept = self
            .data_dir(build)
            .join("keychain")
            .join("id")
            .join("signCert.der");
        std::fs::create_dir_all(kept.parent().unwrap()).unwrap();
        std::fs::write(&kept, b"certificate").unwrap();
        kept
    }

    /// The `dojang:` scheme is registered and opens `build`'s app.
    fn assert_scheme_opens(&self, build: &Build) {
        let scheme = self
            .registry(r"Software\Classes\dojang")
            .expect("dojang: registered");
        assert!(scheme.contains("\"URL Protocol\"=\"\""), "{scheme}");
        assert!(scheme.contains(&self.app_command(build)), "{scheme}");
        assert!(
            scheme.contains(&format!("@=\"URL:{}\"", build.display_name)),
            "{scheme}"
        );
    }

    /// Everything else a build registers is there, and names this folder's app (the
    /// scheme is one per user: [`Windows::assert_scheme_opens`]).
    fn assert_registered(&self, build: &Build) {
        for (ext, kind) in OFFERS {
            let offered = self
                .registry(&format!(r"Software\Classes\{ext}"))
                .unwrap_or_default();
            assert!(
                offered.contains(&format!("\"{}\"=\"\"", build.prog_id(kind))),
                "{ext}: {offered}"
            );
            // Offered in "Open with", never made the default program for the extension.
            assert!(!offered.contains("@="), "{ext}: {offered}");
            let prog_id = self
                .registry(&format!(r"Software\Classes\{}", build.prog_id(kind)))
                .unwrap();
            assert!(prog_id.contains(&self.app_command(build)), "{prog_id}");
        }
        let entry = self
            .registry(&build.uninstall_key())
            .expect("an entry in Apps & features");
        assert!(
            entry.contains(&format!("\"DisplayName\"=\"{}\"", build.display_name)),
            "{entry}"
        );
        assert!(
            entry.contains(&format!(r"Programs\\{}\\uninstall.exe", build.product)),
            "{entry}"
        );
        assert!(entry.contains("\"QuietUninstallString\""), "{entry}");
        assert!(self.shortcut(build).is_file(), "the Start-menu entry");
    }

    /// Nothing a build registered is left (the scheme is checked by the caller: it may
    /// belong to another build).
    fn assert_unregistered(&self, build: &Build) {
        assert!(
            !self.shortcut(build).exists(),
            "the Start-menu entry is gone"
        );
        for (ext, kind) in OFFERS {
            assert_eq!(
                self.registry(&format!(r"Software\Classes\{}", build.prog_id(kind))),
                None
            );
            let offered = self
                .registry(&format!(r"Software\Classes\{ext}"))
                .unwrap_or_default();
            assert!(!offered.contains(&build.prog_id(kind)), "{offered}");
        }
        assert_eq!(self.registry(&build.uninstall_key()), None);
    }
}

fn contains(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

/// Installs in `lang`, checks everything the installer promises (the file descriptions
/// in `pkcs12_description`'s language), uninstalls keeping the data, reinstalls, and
/// uninstalls with `/DELETEDATA`.
fn installs_and_uninstalls(lang: &'static str, pkcs12_description: &str) {
    let build = Build::unbranded().expect("scripts/windows.sh names the installer");
    let windows = Windows::new(lang);
    windows.install(&build);

    for file in [
        "dojang-app.exe",
        "dojang.exe",
        "WebView2Loader.dll",
        "uninstall.exe",
    ] {
        assert!(
            windows.install_dir(&build).join(file).is_file(),
            "{file} installed"
        );
    }
    windows.assert_registered(&build);
    windows.assert_scheme_opens(&build);
    let pkcs12 = windows
        .registry(&format!(r"Software\Classes\{}", build.prog_id("Pkcs12")))
        .unwrap();
    assert!(
        pkcs12.contains(&format!("@=\"{pkcs12_description}\"")),
        "{pkcs12}"
    );

    let kept = windows.keep_user_data(&build);
    windows.uninstall(&build, &[]);
    windows.assert_unregistered(&build);
    assert_eq!(windows.registry(r"Software\Classes\dojang"), None);
    assert!(kept.is_file(), "the user's data is kept");

    // Asked to, the uninstaller deletes it too.
    windows.install(&build);
    windows.uninstall(&build, &["/DELETEDATA"]);
    assert!(
        !windows.data_dir(&build).exists(),
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

/// A bank's build installs under its own product name and identifier, beside Dojang's own
/// (when the script built it too), with the app compiled with its overlay and its
/// distribution file and logo in the app's folder; its uninstaller removes all of it,
/// keeps the user's data and leaves the other build as it was.
#[test]
#[ignore = "Windows only: scripts/windows.sh installer runs it under Wine"]
fn a_branded_build_installs_beside_dojang_under_its_own_names() {
    let build = Build::branded();
    let other = Build::unbranded();
    let windows = Windows::new("ko_KR.UTF-8");
    if let Some(other) = &other {
        windows.install(other);
    }
    windows.install(&build);

    let dir = windows.install_dir(&build);
    for file in [
        "dojang-app.exe",
        "dojang.exe",
        "WebView2Loader.dll",
        "uninstall.exe",
    ] {
        assert!(dir.join(file).is_file(), "{file} installed");
    }
    // Tauri's resource folder on Windows is the executable's: the app reads
    // distribution.toml there.
    assert!(
        build
            .resources
            .iter()
            .any(|(_, target)| target == "distribution.toml"),
        "the overlay bundles distribution.toml"
    );
    for (source, target) in &build.resources {
        assert_eq!(
            std::fs::read(dir.join(target)).unwrap(),
            std::fs::read(source).unwrap(),
            "{target} installed as the build has it"
        );
    }
    let app = std::fs::read(dir.join("dojang-app.exe")).unwrap();
    for compiled in &build.compiled_in {
        assert!(
            contains(&app, compiled),
            "the app is compiled with the overlay: {compiled}"
        );
    }
    windows.assert_registered(&build);
    // One handler per scheme and user on Windows: the build installed last has it.
    windows.assert_scheme_opens(&build);
    if let Some(other) = &other {
        windows.assert_registered(other);
    }

    let kept = windows.keep_user_data(&build);
    windows.uninstall(&build, &[]);
    assert!(!dir.exists(), "the install folder is gone");
    windows.assert_unregistered(&build);
    // It had the scheme, so it takes it away.
    assert_eq!(windows.registry(r"Software\Classes\dojang"), None);
    assert!(kept.is_file(), "the user's data is kept");
    if let Some(other) = &other {
        windows.assert_registered(other);
        assert!(windows.install_dir(other).join("dojang-app.exe").is_file());
    }
}
