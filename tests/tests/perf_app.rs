//! The desktop app's start and memory against its floor and a peer, printed as RESULT lines
//! by scripts/bench-app.sh (ignored in the test command: timings are never asserted).
//!
//! - **Cold start**, read from each app's own timeline (`DOJANG_TIMELINE`), with no
//!   WebDriver session: Dojang from its launch to the list of the three sample certificates
//!   painted, with the median of each phase; the floor (`bench/floor-app`, the binary named by
//!   `DOJANG_FLOOR_BINARY`) from its launch to its page painted; XCA, if installed, from its
//!   launch to its main window mapped (polled with `xdotool`, as XCA writes no timeline).
//!   The three alternate; each is started once before, unmeasured, with the home it keeps
//!   for its runs, so every measured start finds its caches and settings as a person's
//!   second start does (Dojang's list as it was: the screen kept from the last start is
//!   shown first). Medians of `RUNS` (default 5). Then Dojang alone, `RUNS` starts that
//!   each find the certificates changed since the last (two sample trees in turn), so
//!   nothing kept is shown; and, of the first runs, when the app's own screen replaced the
//!   kept one (`ready`).
//! - **Memory** as RSS, PSS and USS (private clean + dirty), summed over the app and every
//!   process under it (WebKit's web and network processes), from `/proc/PID/smaps_rollup`,
//!   3 s after the list (the page, the main window) is shown; medians of the same runs.
//! - **Memory after use**: Dojang under WebDriver opens a certificate's details, the
//!   wizard and the settings, back to the list after each, twice; measured 3 s after the
//!   list is shown, after the first round and after the second (which should not grow).
//!
//! The display is `DISPLAY` (the script starts Xvfb when there is none).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::AppWindow;
use dojang_testkit::sample_npki_tree;

/// Dojang's phases in the order they are reached; the last is the cold start's end.
const DOJANG_PHASES: &[&str] = &[
    "main",
    "setup",
    "window",
    "first-paint",
    "list-data",
    "list-painted",
    "ready",
];
/// The floor's phases; the last is its cold start's end.
const FLOOR_PHASES: &[&str] = &["main", "setup", "window", "first-paint"];
/// How long an app is left alone before its memory is measured.
const SETTLE: Duration = Duration::from_secs(3);
/// The goals of issue 14, as ratios to the floor.
const COLD_START_GOAL: f64 = 1.25;
const MEMORY_GOAL: f64 = 1.3;

fn now_micros() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_micros()
}

/// Memory of a group of processes, each figure summed over them, in KiB.
#[derive(Clone, Copy, Debug, Default)]
struct Memory {
    rss: u64,
    pss: u64,
    uss: u64,
}

impl Memory {
    fn mib(kib: u64) -> f64 {
        kib as f64 / 1024.0
    }

    /// `name_rss_mib=… name_pss_mib=… name_uss_mib=…`.
    fn fields(&self, name: &str) -> String {
        format!(
            "{name}_rss_mib={:.1} {name}_pss_mib={:.1} {name}_uss_mib={:.1}",
            Self::mib(self.rss),
            Self::mib(self.pss),
            Self::mib(self.uss)
        )
    }

    /// The median of each figure on its own.
    fn median(all: &[Memory]) -> Memory {
        Memory {
            rss: median(all.iter().map(|m| m.rss).collect()),
            pss: median(all.iter().map(|m| m.pss).collect()),
            uss: median(all.iter().map(|m| m.uss).collect()),
        }
    }
}

fn median<T: Ord + Copy + Default>(mut values: Vec<T>) -> T {
    values.sort_unstable();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

/// `pid` and every process under it, from each process's parent in `/proc/*/stat`.
fn process_tree(pid: u32) -> Vec<u32> {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(p) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) else {
            continue;
        };
        // The command name may hold spaces and parentheses: the fields follow the last ')'.
        if let Some(parent) = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|ppid| ppid.parse::<u32>().ok())
        {
            children.entry(parent).or_default().push(p);
        }
    }
    let mut tree = Vec::new();
    let mut stack = vec![pid];
    while let Some(p) = stack.pop() {
        tree.push(p);
        stack.extend(children.get(&p).into_iter().flatten());
    }
    tree
}

/// RSS, PSS and USS of `pid` and the processes under it.
fn tree_memory(pid: u32) -> Memory {
    let mut total = Memory::default();
    for p in process_tree(pid) {
        let Ok(rollup) = std::fs::read_to_string(format!("/proc/{p}/smaps_rollup")) else {
            continue;
        };
        for line in rollup.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let kib: u64 = value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse()
                .unwrap_or(0);
            match key {
                "Rss" => total.rss += kib,
                "Pss" => total.pss += kib,
                "Private_Clean" | "Private_Dirty" => total.uss += kib,
                _ => {}
            }
        }
    }
    total
}

/// Stops `child` and everything under it (SIGTERM, then SIGKILL after 5 s), and waits
/// until none of them is left, so that the next start finds the machine quiet.
fn stop(mut child: Child) {
    let tree = process_tree(child.id());
    let signal = |sig: &str, pids: &[u32]| {
        let _ = Command::new("kill")
            .arg(sig)
            .args(pids.iter().map(u32::to_string))
            .stderr(Stdio::null())
            .status();
    };
    signal("-TERM", &tree);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let _ = child.try_wait();
        let left: Vec<u32> = tree.iter().copied().filter(|p| running(*p)).collect();
        if left.is_empty() {
            break;
        }
        if Instant::now() > deadline {
            signal("-KILL", &left);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.wait();
}

/// Whether `pid` is a process that has not exited (a zombie whose parent has gone may wait
/// for a reaper that a container does not have).
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z'))
    })
}

/// One start of an app that writes a timeline: each phase's time since the launch, and
/// the memory once it has settled.
struct TimedStart {
    since_launch_ms: HashMap<String, f64>,
    memory: Memory,
}

/// Starts `program` with `env` and its timeline in `timeline`, waits until it reaches
/// `last` (up to 30 s), then `SETTLE`, measures its memory and stops it.
fn timed_start(program: &Path, env: &[(&str, &Path)], timeline: &Path, last: &str) -> TimedStart {
    let _ = std::fs::remove_file(timeline);
    let mut command = Command::new(program);
    command
        .envs(env.iter().map(|(k, v)| (*k, *v)))
        .env("DOJANG_TIMELINE", timeline)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let launched = now_micros();
    let child = command
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let phases = common::read_timeline(timeline);
        if phases.iter().any(|(name, _)| name == last) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{} never reached {last}: {phases:?}",
            program.display()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(SETTLE);
    // Read again: the phases marked just after `last` are there by now.
    let phases = common::read_timeline(timeline);
    let memory = tree_memory(child.id());
    stop(child);
    TimedStart {
        since_launch_ms: phases
            .into_iter()
            .map(|(name, t)| (name, t.saturating_sub(launched) as f64 / 1000.0))
            .collect(),
        memory,
    }
}

/// Starts XCA with `home`, waits (up to 30 s) until its main window is mapped, then
/// `SETTLE`, measures its memory and stops it. Returns the milliseconds to the window.
fn xca_start(home: &Path) -> (f64, Memory) {
    let launched = Instant::now();
    let child = Command::new("xca")
        .env("HOME", home)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("xca starts");
    // xdotool's own --sync polls twice a second, too coarse: ask every 10 ms instead.
    let ms = loop {
        let found = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--class", "xca"])
            .stderr(Stdio::null())
            .output()
            .expect("xdotool (apt package xdotool) is installed");
        if !found.stdout.trim_ascii().is_empty() {
            break launched.elapsed().as_secs_f64() * 1000.0;
        }
        assert!(
            launched.elapsed() < Duration::from_secs(30),
            "XCA's window never appeared"
        );
        std::thread::sleep(Duration::from_millis(10));
    };
    std::thread::sleep(SETTLE);
    let memory = tree_memory(child.id());
    stop(child);
    (ms, memory)
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(program).is_file()))
}

/// Each phase's median time since the launch, in the order of those medians.
fn phase_times(starts: &[TimedStart], phases: &[&str]) -> Vec<(String, f64)> {
    let mut times: Vec<(String, f64)> = phases
        .iter()
        .filter(|p| starts.iter().all(|s| s.since_launch_ms.contains_key(**p)))
        .map(|p| (p.to_string(), median_ms(starts, p)))
        .collect();
    times.sort_by(|a, b| a.1.total_cmp(&b.1));
    times
}

/// Each phase's median time since the phase reached just before it in the same start (the
/// launch, for the first), in the order of `times`; and the phase that takes longest. The
/// window's data and its first paint race each other, so "before" is by time, not by name.
fn phase_steps(starts: &[TimedStart], times: &[(String, f64)]) -> (Vec<(String, f64)>, String) {
    let steps: Vec<(String, f64)> = times
        .iter()
        .map(|(phase, _)| {
            let mut steps: Vec<u64> = starts
                .iter()
                .map(|s| {
                    let at = s.since_launch_ms[phase];
                    let before = s
                        .since_launch_ms
                        .values()
                        .copied()
                        .filter(|t| *t < at)
                        .fold(0.0, f64::max);
                    ((at - before) * 1000.0).round() as u64
                })
                .collect();
            steps.sort_unstable();
            (phase.clone(), median(steps) as f64 / 1000.0)
        })
        .collect();
    let slowest = steps
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(p, _)| p.clone())
        .unwrap_or_default();
    (steps, slowest)
}

fn median_ms(starts: &[TimedStart], phase: &str) -> f64 {
    median(
        starts
            .iter()
            .map(|s| (s.since_launch_ms[phase] * 1000.0).round() as u64)
            .collect(),
    ) as f64
        / 1000.0
}

fn phase_fields(medians: &[(String, f64)], suffix: &str) -> String {
    medians
        .iter()
        .map(|(p, ms)| format!("{}_{suffix}={ms:.0}", p.replace('-', "_")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `<name>_cold_start_timeline` (each phase's median since the launch) and
/// `<name>_cold_start_phases` (each phase's median since the one before, the slowest named).
fn print_phases(name: &str, runs: usize, starts: &[TimedStart], phases: &[&str]) {
    let times = phase_times(starts, phases);
    let (steps, slowest) = phase_steps(starts, &times);
    println!(
        "RESULT {name}_cold_start_timeline runs={runs} {}",
        phase_fields(&times, "at_ms")
    );
    println!(
        "RESULT {name}_cold_start_phases runs={runs} {} slowest={slowest}",
        phase_fields(&steps, "ms")
    );
}

fn verdict(ratio: f64, goal: f64) -> &'static str {
    if ratio <= goal { "yes" } else { "no" }
}

#[test]
#[ignore = "a benchmark: scripts/bench-app.sh runs it"]
fn cold_start_and_memory_against_the_floor_and_xca() {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "no DISPLAY: run scripts/bench-app.sh, which starts Xvfb"
    );
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let app = common::app_binary();
    let floor = std::env::var_os("DOJANG_FLOOR_BINARY").map(PathBuf::from);
    let xca = on_path("xca");

    let dojang_home = tempfile::tempdir().unwrap();
    let npki = tempfile::tempdir().unwrap();
    sample_npki_tree(npki.path(), false).unwrap();
    let data = dojang_home.path().join("data");
    let dojang_env = [
        ("HOME", dojang_home.path()),
        ("DOJANG_DATA_DIR", data.as_path()),
        ("DOJANG_NPKI_ROOT", npki.path()),
    ];
    let floor_home = tempfile::tempdir().unwrap();
    let xca_home = tempfile::tempdir().unwrap();
    let timeline = tempfile::tempdir().unwrap();
    let timeline = timeline.path().join("timeline");

    let mut dojang = Vec::new();
    let mut floors = Vec::new();
    let mut xcas = Vec::new();
    // Run 0 is the unmeasured first start of each.
    for run in 0..=runs {
        let start = timed_start(&app, &dojang_env, &timeline, "list-painted");
        if run > 0 {
            dojang.push(start);
        }
        if let Some(floor) = &floor {
            let start = timed_start(
                floor,
                &[("HOME", floor_home.path())],
                &timeline,
                "first-paint",
            );
            if run > 0 {
                floors.push(start);
            }
        }
        if xca {
            let start = xca_start(xca_home.path());
            if run > 0 {
                xcas.push(start);
            }
        }
    }

    // Starts that find the certificates changed since the last one (two sample trees, in
    // turn): nothing kept from the last start can be shown, the app draws the list itself,
    // as on the very first start.
    let other_npki = tempfile::tempdir().unwrap();
    sample_npki_tree(other_npki.path(), true).unwrap();
    let mut changed = Vec::new();
    for run in 0..runs {
        let root = if run % 2 == 0 {
            other_npki.path()
        } else {
            npki.path()
        };
        let env = [
            ("HOME", dojang_home.path()),
            ("DOJANG_DATA_DIR", data.as_path()),
            ("DOJANG_NPKI_ROOT", root),
        ];
        changed.push(timed_start(&app, &env, &timeline, "ready"));
    }

    let dojang_ms = median_ms(&dojang, "list-painted");
    print_phases("app", runs, &dojang, DOJANG_PHASES);
    print_phases("app_changed", runs, &changed, DOJANG_PHASES);
    let dojang_memory = Memory::median(&dojang.iter().map(|s| s.memory).collect::<Vec<_>>());
    if floors.is_empty() {
        println!("RESULT app_cold_start runs={runs} dojang_ms={dojang_ms:.0} floor=not-built");
        println!(
            "RESULT app_memory_idle runs={runs} {}",
            dojang_memory.fields("dojang")
        );
    } else {
        let floor_ms = median_ms(&floors, "first-paint");
        let ratio = dojang_ms / floor_ms;
        println!(
            "RESULT app_cold_start runs={runs} dojang_ms={dojang_ms:.0} floor_ms={floor_ms:.0} ratio={ratio:.2} goal={COLD_START_GOAL} met={}",
            verdict(ratio, COLD_START_GOAL)
        );
        print_phases("floor", runs, &floors, FLOOR_PHASES);
        for (name, starts, phase, what) in [
            (
                "app_ready",
                &dojang,
                "ready",
                "the app's own first screen painted, after the kept one",
            ),
            (
                "app_changed_cold_start",
                &changed,
                "list-painted",
                "certificates changed since the last start: nothing kept shown",
            ),
        ] {
            let ms = median_ms(starts, phase);
            println!(
                "RESULT {name} runs={runs} dojang_ms={ms:.0} floor_ms={floor_ms:.0} ratio={:.2} ({what})",
                ms / floor_ms
            );
        }
        let floor_memory = Memory::median(&floors.iter().map(|s| s.memory).collect::<Vec<_>>());
        let ratio = |d: u64, f: u64| d as f64 / f as f64;
        let (rss, pss, uss) = (
            ratio(dojang_memory.rss, floor_memory.rss),
            ratio(dojang_memory.pss, floor_memory.pss),
            ratio(dojang_memory.uss, floor_memory.uss),
        );
        println!(
            "RESULT app_memory_idle runs={runs} {} {} ratio_rss={rss:.2} ratio_pss={pss:.2} ratio_uss={uss:.2} goal={MEMORY_GOAL} met_pss={} met_uss={}",
            dojang_memory.fields("dojang"),
            floor_memory.fields("floor"),
            verdict(pss, MEMORY_GOAL),
            verdict(uss, MEMORY_GOAL)
        );
    }
    if xca {
        let ms = median(xcas.iter().map(|(ms, _)| (ms * 1000.0) as u64).collect()) as f64 / 1000.0;
        let memory = Memory::median(&xcas.iter().map(|(_, m)| *m).collect::<Vec<_>>());
        println!(
            "RESULT xca_cold_start runs={runs} xca_ms={ms:.0} dojang_ms={dojang_ms:.0} ratio={:.2} (XCA: to its main window mapped, no database open)",
            dojang_ms / ms
        );
        println!(
            "RESULT xca_memory_idle runs={runs} {} {}",
            memory.fields("xca"),
            dojang_memory.fields("dojang")
        );
    } else {
        println!("RESULT xca_cold_start skipped (XCA is not installed: apt-get install xca)");
    }

    memory_after_use(&dojang_env);
}

/// The pid of the newest process whose command is `dojang-app` (under WebDriver, the app
/// is started by WebKitWebDriver).
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

/// Dojang's memory at idle, after a round of the details, the wizard and the settings, and
/// after a second round (through WebDriver, which clicks).
fn memory_after_use(env: &[(&str, &Path)]) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let app = AppWindow::start(env).await;
        let list = "[data-testid=certificate-row]";
        app.wait_for(list, 3).await;
        tokio::time::sleep(SETTLE).await;
        let pid = app_pid().expect("the app runs");
        let mut measured = vec![tree_memory(pid)];
        for _ in 0..2 {
            app.click("[data-testid=certificate-row] [data-testid=open-details]")
                .await;
            app.wait_for("[data-testid=details]", 1).await;
            app.click("[data-testid=back]").await;
            app.wait_for(list, 3).await;
            app.click("[data-testid=open-issue]").await;
            app.wait_for("[data-testid=step-path]", 1).await;
            app.click("[data-testid=back]").await;
            app.wait_for(list, 3).await;
            app.click("[data-testid=open-settings]").await;
            app.wait_for("[data-testid=settings]", 1).await;
            app.click("[data-testid=back]").await;
            app.wait_for(list, 3).await;
            tokio::time::sleep(SETTLE).await;
            measured.push(tree_memory(pid));
        }
        app.close().await;
        let [idle, first, second] = measured[..] else {
            unreachable!()
        };
        let growth = |a: u64, b: u64| (b as f64 - a as f64) / 1024.0;
        println!(
            "RESULT app_memory_after_use (under WebDriver) {} {} {} second_round_growth_pss_mib={:.1} second_round_growth_uss_mib={:.1}",
            idle.fields("idle"),
            first.fields("round1"),
            second.fields("round2"),
            growth(first.pss, second.pss),
            growth(first.uss, second.uss)
        );
    });
}

/// The goal of issue 14 for an issuance in the window, in milliseconds.
const CLICK_TO_STORED_GOAL_MS: f64 = 150.0;

/// An issuance in the window against the sandbox CA on loopback, `RUNS` times (a new app and
/// application each): from "발급하기" pressed (`issue-click`, marked by the window) to the
/// certificate and key in their store (`issue-stored`, marked by the app before it tells the
/// CA), read from the app's own timeline. The review step is left open a second first, as a
/// person reads it: the key is generated while the person is on the steps before.
#[test]
#[ignore = "a benchmark: scripts/bench-app.sh runs it"]
fn issuance_from_click_to_stored() {
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let ca = common::SandboxCa::start(&[]);
    let mut times = Vec::new();
    for run in 0..runs {
        let number = ca
            .apply("홍길동", "9001011234567", &[])
            .registration_number
            .as_str()
            .to_owned();
        let home = tempfile::tempdir().unwrap();
        let distribution = common::trust_sandbox(home.path(), &[&ca.url]);
        let timeline = home.path().join("timeline");
        let npki = home.path().join("NPKI");
        std::fs::create_dir_all(&npki).unwrap();
        let micros = runtime.block_on(async {
            let app = AppWindow::start(&[
                ("HOME", home.path()),
                ("DOJANG_DISTRIBUTION", &distribution),
                ("DOJANG_NPKI_ROOT", &npki),
                ("DOJANG_TIMELINE", &timeline),
            ])
            .await;
            app.wait_for("[data-testid=sandbox-banner]", 1).await;
            app.wizard_to_review(&number, "seal#7294xq").await;
            tokio::time::sleep(Duration::from_secs(1)).await;
            app.click_button("발급하기").await;
            app.wait_for(
                "[data-testid=step-done] [data-testid=issued-certificate]",
                1,
            )
            .await;
            app.close().await;
            let clicked = common::timeline_phase(&timeline, "issue-click").expect("the click");
            let stored = common::timeline_phase(&timeline, "issue-stored").expect("the store");
            stored.saturating_sub(clicked)
        });
        eprintln!("run {run}: {:.1} ms", micros as f64 / 1000.0);
        times.push(micros);
    }
    times.sort_unstable();
    let ms = |micros: u128| micros as f64 / 1000.0;
    let median = ms(times[times.len() / 2]);
    let p90 = ms(times[(times.len() * 9).div_ceil(10).saturating_sub(1)]);
    println!(
        "RESULT issue_click_to_stored runs={runs} median_ms={median:.0} p90_ms={p90:.0} goal={CLICK_TO_STORED_GOAL_MS} met={}",
        verdict(median, CLICK_TO_STORED_GOAL_MS)
    );
}
