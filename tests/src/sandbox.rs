//! The sandbox CA as every test meets it: the real `dojang-ca` binary serving on a free
//! loopback port in a throwaway folder (stopped with SIGTERM when dropped), its admin
//! commands, and the application `apply` registers, typed.

// Test code: a harness that cannot start its CA fails the test, loudly.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde::Deserialize;

/// The folder holding the workspace's binaries: the test binary runs from
/// `target/<profile>/deps/`, the binaries are one level up.
pub fn bin_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    exe.parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps/<test>")
        .to_owned()
}

/// An application as `dojang-ca apply --json` registers it: both code pairs and the
/// invitation.
#[derive(Debug, Clone, Deserialize)]
pub struct Application {
    /// The 27-character registration number.
    pub registration_number: String,
    /// Its first 8 digits (the senderKID).
    pub reference_number: String,
    /// Its last 19 characters (the MAC secret).
    pub authorization_code: String,
    /// The application number.
    pub application_number: String,
    /// The 10-character temporary code.
    pub temporary_code: String,
    /// The issue.html written for it.
    pub invitation: String,
}

/// A running `dojang-ca serve`.
pub struct SandboxCa {
    /// Its folder (CA keys and certificates, the registry, invitations).
    pub dir: tempfile::TempDir,
    /// The CMP URL it serves.
    pub url: String,
    /// Its loopback port.
    pub port: u16,
    child: Option<Child>,
}

impl SandboxCa {
    /// Starts a sandbox CA in a fresh folder with extra `serve` options.
    pub fn start(options: &[&str]) -> SandboxCa {
        Self::start_in(tempfile::tempdir().expect("a temporary folder"), options)
    }

    /// Starts a sandbox CA kept in `dir` (made on first start) with extra `serve` options.
    pub fn start_in(dir: tempfile::TempDir, options: &[&str]) -> SandboxCa {
        let mut child = Command::new(bin_dir().join("dojang-ca"))
            .args(["serve", "--dir"])
            .arg(dir.path())
            .args(["--listen", "127.0.0.1:0"])
            .args(options)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("dojang-ca is built (cargo build --workspace)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped"))
            .read_line(&mut line)
            .expect("dojang-ca says where it listens");
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        let port = url
            .trim_end_matches("/cmp")
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("a port in the URL");
        SandboxCa {
            dir,
            url,
            port,
            child: Some(child),
        }
    }

    /// Its folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Its root certificate (PEM).
    pub fn root_pem(&self) -> PathBuf {
        self.path().join("root-ca.pem")
    }

    /// Its issuing CA's certificate (PEM).
    pub fn ca1_pem(&self) -> PathBuf {
        self.path().join("ca1.pem")
    }

    /// Runs an admin command of `dojang-ca` on this CA's folder; its standard output.
    fn admin(&self, command: &str, args: &[&str]) -> Vec<u8> {
        let out = Command::new(bin_dir().join("dojang-ca"))
            .args([command, "--dir"])
            .arg(self.path())
            .args(args)
            .output()
            .expect("dojang-ca runs");
        assert!(
            out.status.success(),
            "dojang-ca {command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    /// Registers an application for a person or business, with extra `apply` options.
    pub fn apply(&self, name: &str, id_number: &str, extra: &[&str]) -> Application {
        let mut args = vec!["--name", name, "--id-number", id_number, "--json"];
        args.extend(extra);
        serde_json::from_slice(&self.admin("apply", &args)).expect("apply prints JSON")
    }

    /// Revokes the certificate with this serial (hex) for `reason` (a CRLReason's name), as
    /// the CA's operator does: not asked by its holder.
    pub fn revoke(&self, serial: &str, reason: &str) {
        self.admin("revoke", &[serial, "--reason", reason]);
    }

    /// `dojang-ca list --json`: applications and certificates with their states.
    pub fn list(&self) -> serde_json::Value {
        serde_json::from_slice(&self.admin("list", &["--json"])).expect("list prints JSON")
    }

    /// `dojang-ca list`, as text.
    pub fn list_text(&self) -> String {
        String::from_utf8_lossy(&self.admin("list", &[])).into_owned()
    }

    /// The certificates of `list --json` in this state.
    pub fn certificates_in(&self, state: &str) -> Vec<serde_json::Value> {
        self.list()["certificates"]
            .as_array()
            .map(|all| {
                all.iter()
                    .filter(|c| c["state"] == state)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Sends SIGTERM and waits; whether the server exited successfully.
    pub fn stop(&mut self) -> bool {
        let Some(mut child) = self.child.take() else {
            return true;
        };
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        for _ in 0..200 {
            if let Ok(Some(status)) = child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        false
    }

    /// Whether the server is still running.
    pub fn is_running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|c| c.try_wait().ok().flatten().is_none())
    }
}

impl Drop for SandboxCa {
    fn drop(&mut self) {
        self.stop();
    }
}
