//! The app's performance as a person feels it, printed as RESULT lines by
//! scripts/bench-app.sh (ignored in the test command: timings are never asserted):
//! cold start to the list shown, and the resident memory of the app with its WebKit
//! processes at idle.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly

mod common;

use std::time::{Duration, Instant};

use common::AppWindow;
use dojang_testkit::sample_npki_tree;

/// The resident set of `pid` and every process under it, in KiB.
fn tree_rss_kib(pid: u32) -> u64 {
    let mut total = 0;
    let mut stack = vec![pid];
    while let Some(p) = stack.pop() {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{p}/status")) {
            total += status
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                .unwrap_or(0);
        }
        if let Ok(children) = std::fs::read_to_string(format!("/proc/{p}/task/{p}/children")) {
            stack.extend(
                children
                    .split_whitespace()
                    .filter_map(|c| c.parse::<u32>().ok()),
            );
        }
    }
    total
}

/// The pid of the newest process whose command is `dojang-app`.
fn app_pid() -> Option<u32> {
    let mut newest: Option<(u64, u32)> = None;
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(comm) = std::fs::read_to_string(format!("/proc/{pid}/comm")) else {
            continue;
        };
        if comm.trim() != "dojang-app" {
            continue;
        }
        let start = std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|s| {
                s.rsplit(')')
                    .next()?
                    .split_whitespace()
                    .nth(19)?
                    .parse()
                    .ok()
            })
            .unwrap_or(0);
        if newest.is_none_or(|(t, _)| start > t) {
            newest = Some((start, pid));
        }
    }
    newest.map(|(_, pid)| pid)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: scripts/bench-app.sh runs it"]
async fn cold_start_and_idle_memory() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let mut starts = Vec::new();
    let mut rss = Vec::new();
    for _ in 0..runs {
        let home = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        sample_npki_tree(root.path(), false).unwrap();
        let started = Instant::now();
        let app =
            AppWindow::start(&[("HOME", home.path()), ("DOJANG_NPKI_ROOT", root.path())]).await;
        app.wait_for("[data-testid=certificate-row]", 3).await;
        starts.push(started.elapsed().as_millis());
        tokio::time::sleep(Duration::from_secs(3)).await;
        if let Some(pid) = app_pid() {
            rss.push(tree_rss_kib(pid));
        }
        app.close().await;
    }
    starts.sort_unstable();
    rss.sort_unstable();
    let start_ms = starts[starts.len() / 2];
    let rss_mib = rss.get(rss.len() / 2).copied().unwrap_or(0) as f64 / 1024.0;
    println!("RESULT app_cold_start_to_list runs={runs} median_ms={start_ms}");
    println!("RESULT app_idle_rss_with_webkit runs={runs} median_mib={rss_mib:.1}");
}
