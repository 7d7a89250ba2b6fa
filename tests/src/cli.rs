//! The `dojang` program a CLI test runs: the native build, or the Windows build under Wine.
//!
//! The CLI suites are written once. `scripts/test-windows.sh` cross-builds `dojang.exe`
//! and runs the same suites with [`WINDOWS_EXE_ENV`] naming it: each command then runs as
//! `wine dojang.exe …` in the Wine prefix the script made, paths given to it are written
//! as Windows sees them (`Z:\tmp\…`, Wine's drive for the host's `/`), and paths it prints
//! are read back as host paths. A test that passes natively and fails there has found a
//! difference between the platforms.

// Test support: an environment the tests cannot run in fails them loudly.
#![allow(clippy::expect_used)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Names the Windows build of `dojang` (`dojang.exe`) to run under Wine instead of the
/// native one.
pub const WINDOWS_EXE_ENV: &str = "DOJANG_TEST_WINDOWS_EXE";

/// A Wine prefix of a command's own ([`Cli::own_wine_prefix`]), removed when dropped.
#[derive(Debug)]
pub struct WinePrefix {
    _dir: tempfile::TempDir,
    /// The prefix (`WINEPREFIX`).
    pub path: PathBuf,
}

impl Drop for WinePrefix {
    /// Waits for the prefix's Wine server to exit (it saves the registry into the prefix)
    /// before the folder goes.
    fn drop(&mut self) {
        let _ = Command::new("wineserver")
            .arg("-w")
            .env("WINEPREFIX", &self.path)
            .status();
    }
}

impl WinePrefix {
    /// The Windows user's profile folder (`C:\users\<name>`), as a path on this machine.
    pub fn profile(&self) -> PathBuf {
        let users = self.path.join("drive_c").join("users");
        std::fs::read_dir(&users)
            .expect("the prefix has user profiles")
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_name().is_some_and(|n| n != "Public"))
            .expect("the prefix has the user's profile")
    }

    /// Maps the drive `letter` (`E`) to `folder`, as Windows would show a USB stick.
    pub fn map_drive(&self, letter: char, folder: &Path) {
        let link = self
            .path
            .join("dosdevices")
            .join(format!("{}:", letter.to_ascii_lowercase()));
        // Wine runs on Unix; the Windows arm only keeps this crate building there.
        #[cfg(unix)]
        let mapped = std::os::unix::fs::symlink(folder, link);
        #[cfg(windows)]
        let mapped = std::os::windows::fs::symlink_dir(folder, link);
        mapped.expect("the drive is mapped");
    }
}

/// The drive letter under which Wine shows the host's root folder.
const WINE_HOST_DRIVE: &str = "Z:";

/// How the suites reach `dojang`.
#[derive(Clone, Debug)]
pub enum Cli {
    /// The build for this machine, at this path.
    Native(PathBuf),
    /// `dojang.exe` at this path, under Wine.
    Windows(PathBuf),
}

impl Cli {
    /// The Windows build when [`WINDOWS_EXE_ENV`] names one, else `native` (a test passes
    /// `env!("CARGO_BIN_EXE_dojang")` or the path of its own build).
    pub fn new(native: impl Into<PathBuf>) -> Cli {
        match std::env::var_os(WINDOWS_EXE_ENV) {
            Some(exe) if !exe.is_empty() => Cli::Windows(PathBuf::from(exe)),
            _ => Cli::Native(native.into()),
        }
    }

    /// Whether the commands run the Windows build.
    pub fn is_windows(&self) -> bool {
        matches!(self, Cli::Windows(_))
    }

    /// A command that runs `dojang` with no arguments yet. Under Wine, Wine's own
    /// messages are silenced so that standard error holds only what `dojang` wrote.
    pub fn command(&self) -> Command {
        match self {
            Cli::Native(path) => Command::new(path),
            Cli::Windows(exe) => {
                let mut command = Command::new("wine");
                command.arg(exe);
                self.quiet_wine(&mut command);
                command
            }
        }
    }

    /// The program and the arguments before `dojang`'s own: `[dojang]` natively,
    /// `[wine, dojang.exe]` under Wine (for a shell script that runs it as `"$@" …`; Wine's
    /// messages are silenced by [`Cli::quiet_wine`] on the command that runs the script).
    pub fn argv(&self) -> Vec<OsString> {
        match self {
            Cli::Native(path) => vec![path.clone().into_os_string()],
            Cli::Windows(exe) => vec!["wine".into(), exe.clone().into_os_string()],
        }
    }

    /// Silences Wine's own messages on `command` (a no-op natively).
    pub fn quiet_wine(&self, command: &mut Command) {
        if self.is_windows() {
            command.env("WINEDEBUG", "-all");
        }
    }

    /// Under Wine, gives `command` a Wine prefix of its own (hard links to the run's
    /// `WINEPREFIX`, so it costs no copy), and so a Wine server and a user profile of its
    /// own: for a test that writes into the profile, or runs inside a private mount
    /// namespace (Wine creates files and folders in its server, which must see the same
    /// mounts). Natively nothing changes and `None` is returned; else the prefix's
    /// folder, removed when dropped.
    pub fn own_wine_prefix(&self, command: &mut Command) -> Option<WinePrefix> {
        if !self.is_windows() {
            return None;
        }
        let shared = std::env::var_os("WINEPREFIX").expect("scripts/windows.sh sets WINEPREFIX");
        let dir = tempfile::tempdir().expect("a temporary folder");
        let own = dir.path().join("wine");
        let copied = Command::new("cp")
            .arg("-al")
            .arg(&shared)
            .arg(&own)
            .status()
            .expect("cp runs");
        assert!(copied.success(), "the Wine prefix is linked");
        command.env("WINEPREFIX", &own);
        Some(WinePrefix {
            _dir: dir,
            path: own,
        })
    }

    /// The user's own NPKI folder, which the program searches without being told, as a
    /// path on this machine: `<home>/NPKI` natively (Linux), the Windows profile's
    /// `AppData\LocalLow\NPKI` in `prefix` under Wine (Windows programs take the profile
    /// from Wine, not from the environment).
    pub fn own_npki_root(&self, home: &Path, prefix: Option<&WinePrefix>) -> PathBuf {
        match prefix {
            None => home.join("NPKI"),
            Some(prefix) => prefix
                .profile()
                .join("AppData")
                .join("LocalLow")
                .join("NPKI"),
        }
    }

    /// Makes `home` the home folder of the user `command` runs as: `HOME` natively,
    /// `USERPROFILE` under Wine (which Windows programs read it from), so that the
    /// platform's own NPKI folders are looked for there.
    pub fn home(&self, command: &mut Command, home: &Path) {
        command.env("HOME", home);
        if self.is_windows() {
            command.env("USERPROFILE", self.path(home));
        }
    }

    /// `path` as the program sees it: itself natively, `Z:\…` under Wine.
    pub fn path(&self, path: &Path) -> OsString {
        match self {
            Cli::Native(_) => path.as_os_str().to_owned(),
            Cli::Windows(_) => {
                let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
                let mut windows = OsString::from(WINE_HOST_DRIVE);
                windows.push(absolute.to_string_lossy().replace('/', "\\"));
                windows
            }
        }
    }

    /// [`Cli::path`] as a string, for an argument list of `&str`.
    pub fn path_str(&self, path: &Path) -> String {
        self.path(path).to_string_lossy().into_owned()
    }

    /// Several paths as one list, separated as the program's platform does in `PATH`.
    pub fn path_list(&self, paths: &[&Path]) -> String {
        let separator = if self.is_windows() { ";" } else { ":" };
        paths
            .iter()
            .map(|p| self.path_str(p))
            .collect::<Vec<_>>()
            .join(separator)
    }

    /// A path the program printed, as a path on this machine.
    pub fn host_path(&self, printed: &str) -> PathBuf {
        match self {
            Cli::Native(_) => PathBuf::from(printed),
            Cli::Windows(_) => {
                let rest = printed
                    .strip_prefix(WINE_HOST_DRIVE)
                    .or_else(|| printed.strip_prefix("z:"))
                    .unwrap_or(printed);
                PathBuf::from(rest.replace('\\', "/"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_paths_are_on_wines_host_drive_and_read_back() {
        let cli = Cli::Windows(PathBuf::from("dojang.exe"));
        let path = Path::new("/tmp/a b/홍길동");
        assert_eq!(cli.path_str(path), r"Z:\tmp\a b\홍길동");
        assert_eq!(
            cli.host_path(r"Z:\tmp\a b\홍길동\NPKI"),
            Path::new("/tmp/a b/홍길동/NPKI")
        );
        assert_eq!(
            cli.path_list(&[Path::new("/a"), Path::new("/b")]),
            r"Z:\a;Z:\b"
        );
    }

    #[test]
    fn native_paths_are_left_alone() {
        let cli = Cli::Native(PathBuf::from("dojang"));
        assert_eq!(cli.path_str(Path::new("/tmp/x")), "/tmp/x");
        assert_eq!(cli.path_list(&[Path::new("/a"), Path::new("/b")]), "/a:/b");
        assert_eq!(cli.host_path("/tmp/x"), Path::new("/tmp/x"));
    }
}
