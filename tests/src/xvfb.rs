//! An X server of a test's own, for a window under test (the app's, an installer's).

// Test code: a test that cannot start its display fails, loudly.
#![allow(clippy::expect_used)]

use std::io::BufRead as _;
use std::process::{Child, Command, Stdio};

/// Starts Xvfb (apt package xvfb) with one screen of `size` (e.g. `1280x800x24`), on a
/// display number it picks itself and says when it is ready: the server, and its display
/// name (`:N`).
pub fn start(size: &str) -> (Child, String) {
    let mut xvfb = Command::new("Xvfb")
        .args(["-displayfd", "1", "-nolisten", "tcp", "-screen", "0", size])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb (apt package xvfb) is installed");
    let mut number = String::new();
    std::io::BufReader::new(xvfb.stdout.take().expect("piped"))
        .read_line(&mut number)
        .expect("Xvfb prints its display number");
    let name = format!(":{}", number.trim());
    (xvfb, name)
}
