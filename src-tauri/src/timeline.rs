//! The cold start as the app itself sees it, for the benchmark (scripts/bench-app.sh): with
//! `DOJANG_TIMELINE=<file>` the app appends one line per phase, `<phase> <unix time in
//! microseconds>`, the first time the phase is reached; without it nothing is written. The
//! benchmark reads the file instead of driving the window, so no WebDriver session is
//! timed with the app, and names the phase that takes longest. The window test of signing
//! for a site reads it too: from a `dojang://sign?` link's arrival to its consent painted.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use ts_rs::TS;

/// The environment variable naming the file the timeline is appended to.
pub const TIMELINE_ENV: &str = "DOJANG_TIMELINE";

/// A phase that only the window sees, reported by it through `timeline_mark`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum TimelinePhase {
    /// The first screen has been painted: the one kept from the last start, or the app's own.
    FirstPaint,
    /// The certificate list's data has arrived in the window.
    ListData,
    /// The list with that data has been painted.
    ListPainted,
    /// A site's signing request has been painted for consent (the first of this run).
    SignConsent,
    /// "발급하기" has been pressed on the wizard's review step (the first of this run).
    IssueClick,
    /// The app's own first screen has been painted (replacing the kept one, if one was
    /// shown): from here the window answers input.
    Ready,
}

/// A phase of the start, in the order they are reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// The process has entered `main`.
    Main,
    /// Tauri runs the app's setup hook.
    Setup,
    /// The main window's page has started loading.
    Window,
    /// A `dojang://sign?` link has reached the running app (the first of this run).
    SignLink,
    /// An issuance's certificate and key are in their store (the first of this run).
    IssueStored,
    /// What the window reports.
    Page(TimelinePhase),
}

impl Phase {
    /// The phase's name in the file.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Main => "main",
            Phase::Setup => "setup",
            Phase::Window => "window",
            Phase::SignLink => "sign-link",
            Phase::IssueStored => "issue-stored",
            Phase::Page(TimelinePhase::FirstPaint) => "first-paint",
            Phase::Page(TimelinePhase::ListData) => "list-data",
            Phase::Page(TimelinePhase::ListPainted) => "list-painted",
            Phase::Page(TimelinePhase::SignConsent) => "sign-consent",
            Phase::Page(TimelinePhase::IssueClick) => "issue-click",
            Phase::Page(TimelinePhase::Ready) => "ready",
        }
    }

    fn bit(self) -> u16 {
        1 << match self {
            Phase::Main => 0,
            Phase::Setup => 1,
            Phase::Window => 2,
            Phase::Page(TimelinePhase::FirstPaint) => 3,
            Phase::Page(TimelinePhase::ListData) => 4,
            Phase::Page(TimelinePhase::ListPainted) => 5,
            Phase::SignLink => 6,
            Phase::Page(TimelinePhase::SignConsent) => 7,
            Phase::Page(TimelinePhase::IssueClick) => 8,
            Phase::IssueStored => 9,
            Phase::Page(TimelinePhase::Ready) => 10,
        }
    }
}

/// Where the phases of this run are written, if anywhere, and which are written already
/// (a reload of the page, or React rendering twice in development, reaches them again).
pub struct Timeline {
    file: Option<PathBuf>,
    reached: AtomicU16,
}

impl Timeline {
    /// A timeline written to `file`, or nowhere.
    pub fn new(file: Option<PathBuf>) -> Self {
        Timeline {
            file,
            reached: AtomicU16::new(0),
        }
    }

    /// Appends `phase` with the time now, the first time it is reached. A file that
    /// cannot be written is reported on standard error once per phase: the benchmark is
    /// the only reader, and the app runs on without it.
    pub fn mark(&self, phase: Phase) {
        let Some(file) = &self.file else { return };
        let micros = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_micros())
            .unwrap_or(0);
        if self.reached.fetch_or(phase.bit(), Ordering::SeqCst) & phase.bit() != 0 {
            return;
        }
        if let Err(e) = append(file, &format!("{} {micros}\n", phase.name())) {
            eprintln!("dojang: the timeline cannot be written: {e}");
        }
    }
}

/// Appends `line` in one write, so that lines from several threads never interleave.
fn append(file: &Path, line: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(file)?.write_all(line.as_bytes())
}

/// Records `phase` in this process's timeline (`DOJANG_TIMELINE`, read on the first call).
pub fn mark(phase: Phase) {
    static TIMELINE: OnceLock<Timeline> = OnceLock::new();
    TIMELINE
        .get_or_init(|| Timeline::new(std::env::var_os(TIMELINE_ENV).map(PathBuf::from)))
        .mark(phase);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn lines(file: &Path) -> Vec<(String, u128)> {
        std::fs::read_to_string(file)
            .unwrap()
            .lines()
            .map(|l| {
                let (name, micros) = l.split_once(' ').unwrap();
                (name.to_owned(), micros.parse().unwrap())
            })
            .collect()
    }

    #[test]
    fn each_phase_is_written_once_with_its_time_in_microseconds() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("timeline");
        let before = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_micros();
        let timeline = Timeline::new(Some(file.clone()));
        timeline.mark(Phase::Main);
        timeline.mark(Phase::Setup);
        timeline.mark(Phase::Page(TimelinePhase::FirstPaint));
        timeline.mark(Phase::Page(TimelinePhase::FirstPaint));
        timeline.mark(Phase::Page(TimelinePhase::ListPainted));
        let lines = lines(&file);
        let names: Vec<&str> = lines.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["main", "setup", "first-paint", "list-painted"]);
        assert!(lines.iter().all(|(_, t)| *t >= before));
        assert!(lines.windows(2).all(|w| w[0].1 <= w[1].1));
    }

    #[test]
    fn the_window_names_its_phases_as_the_file_does() {
        for (json, phase) in [
            ("\"first-paint\"", TimelinePhase::FirstPaint),
            ("\"list-data\"", TimelinePhase::ListData),
            ("\"list-painted\"", TimelinePhase::ListPainted),
            ("\"sign-consent\"", TimelinePhase::SignConsent),
            ("\"ready\"", TimelinePhase::Ready),
        ] {
            let parsed: TimelinePhase = serde_json::from_str(json).unwrap();
            assert_eq!(parsed, phase);
            assert_eq!(format!("\"{}\"", Phase::Page(parsed).name()), json);
        }
    }
}
