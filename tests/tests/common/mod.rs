//! The real app window under test: an X server (Xvfb, started here when there is no
//! display), tauri-driver with WebKitWebDriver, and the debug build of `dojang-app`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

// Each test file uses part of this module.
#[allow(unused_imports)]
pub use dojang_testkit::sandbox::{SandboxCa, bin_dir};

/// The app binary: `DOJANG_APP_BINARY` (the benchmark's release build), else the one
/// the README's test command builds before the tests run.
pub fn app_binary() -> PathBuf {
    let app = std::env::var_os("DOJANG_APP_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| bin_dir().join(format!("dojang-app{}", std::env::consts::EXE_SUFFIX)));
    assert!(
        app.is_file(),
        "{} is missing: build the workspace first (cargo build --workspace)",
        app.display()
    );
    app
}

pub fn free_port() -> u16 {
    dojang_testkit::peers::free_port().expect("a free loopback port")
}

/// A process stopped with SIGTERM when dropped (tauri-driver then stops WebKitWebDriver;
/// SIGKILL would orphan it).
pub struct Terminated(pub Child);

impl Drop for Terminated {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running app window driven over WebDriver.
pub struct AppWindow {
    pub client: Client,
    driver: Terminated,
    xvfb: Option<Terminated>,
    pub display: String,
}

impl AppWindow {
    /// Starts the app with the given environment (HOME, DOJANG_NPKI_ROOT, …) and connects.
    pub async fn start(env: &[(&str, &Path)]) -> AppWindow {
        Self::start_app(&app_binary(), env).await
    }

    /// Starts the program `app` (the app's binary, or an AppImage of it) with the given
    /// environment and connects.
    pub async fn start_app(app: &Path, env: &[(&str, &Path)]) -> AppWindow {
        let (display, xvfb) = match std::env::var("DISPLAY") {
            Ok(d) if !d.is_empty() => (d, None),
            _ => {
                let (xvfb, display) = dojang_testkit::xvfb::start("1280x800x24");
                (display, Some(Terminated(xvfb)))
            }
        };
        let port = free_port();
        let native_port = free_port();
        let driver = std::env::var_os("TAURI_DRIVER").unwrap_or_else(|| "tauri-driver".into());
        let mut cmd = Command::new(driver);
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("DISPLAY", &display)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        // Each window its own data dir (one instance runs per data dir; XDG_DATA_HOME may
        // be shared by every test), in its home unless the test names one.
        if !env.iter().any(|(k, _)| *k == "DOJANG_DATA_DIR")
            && let Some((_, home)) = env.iter().find(|(k, _)| *k == "HOME")
        {
            cmd.env("DOJANG_DATA_DIR", home.join("data"));
        }
        let driver = Terminated(
            cmd.spawn()
                .expect("tauri-driver is installed (cargo install tauri-driver --version '^2')"),
        );

        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() > deadline => panic!("no WebDriver session: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
            }
        };
        AppWindow {
            client,
            driver,
            xvfb,
            display,
        }
    }

    /// Waits for the elements matching a CSS selector and returns their texts.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let elements = self
            .client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_default();
        let mut texts = Vec::new();
        for e in elements {
            texts.push(e.text().await.unwrap_or_default());
        }
        texts
    }

    /// Waits up to 20 s until at least `n` elements match.
    pub async fn wait_for(&self, css: &str, n: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let texts = self.texts(css).await;
            if texts.len() >= n || Instant::now() > deadline {
                return texts;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Waits up to 20 s until an element matching `css` holds `needle`; returns the texts
    /// of the elements matching, as last seen.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let texts = self.texts(css).await;
            if texts.iter().any(|t| t.contains(needle)) || Instant::now() > deadline {
                return texts;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Waits up to 30 s for the first element matching `locator`.
    pub async fn find(&self, locator: fantoccini::Locator<'_>) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(locator)
            .await
            .unwrap_or_else(|e| panic!("{locator:?} never appeared: {e}"))
    }

    /// Clicks the first element matching a CSS selector, waiting for it to appear and
    /// to take the click (a closing dialog may still cover it for a moment).
    pub async fn click(&self, css: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let element = self.find(Locator::Css(css)).await;
            // Inside a scrolled dialog the element may need bringing into view first.
            let _ = self
                .client
                .execute(
                    "arguments[0].scrollIntoView({block: 'center'})",
                    vec![serde_json::to_value(&element).unwrap_or_default()],
                )
                .await;
            match element.click().await {
                Ok(()) => return,
                Err(e) if Instant::now() > deadline => {
                    // What covers it, for the failure's message.
                    let covering = self
                        .client
                        .execute(
                            "const r = arguments[0].getBoundingClientRect(); \
                             const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); \
                             return [top ? top.outerHTML.slice(0, 300) : null, \
                                     Array.from(document.querySelectorAll('[role=dialog]')).map(d => d.outerHTML.slice(0, 200))];",
                            vec![serde_json::to_value(&element).unwrap_or_default()],
                        )
                        .await;
                    panic!("cannot click {css}: {e}; at its centre and open dialogs: {covering:?}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// Clicks `css` until `gone` (the dialog it closes, say) is no longer on the page:
    /// a button in a dialog that has just changed its content can move under the click
    /// (the dialog settles its position a frame later), which then lands beside it.
    pub async fn click_until_gone(&self, css: &str, gone: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.exists(gone).await {
            assert!(
                Instant::now() < deadline,
                "{gone} stayed after clicking {css}"
            );
            if self.exists(css).await {
                self.click(css).await;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }

    /// Waits (up to 20 s) until the details' trust check has answered: the banner then
    /// takes its verdict's height, which moves the buttons under it.
    pub async fn wait_for_verdict(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self
            .exists("[data-testid=status-banner][data-status=checking]")
            .await
        {
            assert!(Instant::now() < deadline, "the trust check never answered");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Whether an element matches `css` now.
    pub async fn exists(&self, css: &str) -> bool {
        self.client
            .find_all(Locator::Css(css))
            .await
            .is_ok_and(|found| !found.is_empty())
    }

    /// Opens the details of the first certificate card whose text holds every one of
    /// `needles` (an owner, a folder). Returns whether there was one.
    pub async fn open_card(&self, needles: &[&str]) -> bool {
        let rows = self
            .client
            .find_all(Locator::Css("[data-testid=certificate-row]"))
            .await
            .unwrap_or_default();
        for row in rows {
            let text = row.text().await.unwrap_or_default();
            if needles.iter().all(|n| text.contains(n))
                && let Ok(open) = row.find(Locator::Css("[data-testid=open-details]")).await
            {
                return open.click().await.is_ok();
            }
        }
        false
    }

    /// Clicks the first button whose text is exactly `text`.
    pub async fn click_button(&self, text: &str) {
        let xpath = format!("//button[normalize-space()='{text}']");
        self.find(Locator::XPath(&xpath))
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click the button {text}: {e}"));
    }

    /// Types (after what is there) into the `n`th element (from 0) matching a CSS selector.
    pub async fn type_into(&self, css: &str, n: usize, text: &str) {
        self.find(Locator::Css(css)).await;
        let all = self.client.find_all(Locator::Css(css)).await.unwrap();
        let field = all
            .get(n)
            .unwrap_or_else(|| panic!("no element {n} of {css}"));
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into {css} ({n}): {e}"));
    }

    /// Opens `arg` (a file or a `dojang:` link) with the app while this window runs, as
    /// the desktop does: a second launch by the user whose home is `home` (so the same
    /// data dir), which hands `arg` over and exits. Whether it exited, successfully,
    /// within 10 s.
    pub async fn open_with(&self, home: &Path, arg: &std::ffi::OsStr) -> bool {
        let second = Command::new(app_binary())
            .arg(arg)
            .env("HOME", home)
            .env("DOJANG_DATA_DIR", home.join("data"))
            .env("DISPLAY", &self.display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the app starts a second time");
        tokio::task::spawn_blocking(move || {
            let mut second = second;
            for _ in 0..100 {
                if let Ok(Some(status)) = second.try_wait() {
                    return status.success();
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = second.kill();
            false
        })
        .await
        .unwrap_or(false)
    }

    /// Walks the issuance wizard to its review step on the registration-number path: the
    /// number, this computer's NPKI folder, `password` twice. The README's screenshots of the
    /// codes and the review are taken on the way (when they are asked for).
    pub async fn wizard_to_review(&self, number: &str, password: &str) {
        self.click("[data-testid=open-issue]").await;
        self.wait_for("[data-testid=step-path]", 1).await;
        self.click("[data-testid=next]").await;
        self.type_into("[data-testid=registration-number] input", 0, number)
            .await;
        screenshot(&self.display, "wizard-codes-ko.png");
        self.click("[data-testid=next]").await;
        self.click("[data-testid=destination-disk]").await;
        for field in 0..2 {
            self.type_into(
                "[data-testid=step-storage] input[type=password]",
                field,
                password,
            )
            .await;
        }
        self.click("[data-testid=next]").await;
        self.wait_for("[data-testid=issue-summary]", 1).await;
        screenshot(&self.display, "wizard-review-ko.png");
    }

    /// Ends the WebDriver session (closing the window) and stops the driver.
    pub async fn close(self) {
        let _ = self.client.close().await;
        drop(self.driver);
        drop(self.xvfb);
    }
}

/// The phases of an app's timeline file (`DOJANG_TIMELINE`: `<phase> <unix µs>` a line), in
/// the order written; none when there is no file yet.
pub fn read_timeline(file: &Path) -> Vec<(String, u128)> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (name, micros) = l.split_once(' ')?;
            Some((name.to_owned(), micros.trim().parse().ok()?))
        })
        .collect()
}

/// The microseconds of `phase` in a timeline file, if it is there.
pub fn timeline_phase(file: &Path, phase: &str) -> Option<u128> {
    read_timeline(file)
        .into_iter()
        .find_map(|(name, micros)| (name == phase).then_some(micros))
}

/// Saves the window's screen as `name` in `DOJANG_SCREENSHOT_DIR`, when it is set (the
/// README's screenshots, scripts/screenshots.sh).
pub fn screenshot(display: &str, name: &str) {
    if let Some(dir) = std::env::var_os("DOJANG_SCREENSHOT_DIR") {
        std::thread::sleep(Duration::from_millis(700));
        let path = Path::new(&dir).join(name);
        let _ = Command::new("/usr/bin/import")
            .args([
                "-display",
                display,
                "-window",
                "root",
                "-crop",
                "1040x720+0+0",
            ])
            .arg(path)
            .status();
    }
}

/// Makes `home`'s user one of a sandbox distribution that lists the CAs at `cmp_urls`
/// (written as `<home>/distribution.toml`, which [`dojang_command`] puts in force, and the
/// window tests give the app as `DOJANG_DISTRIBUTION`); its path.
pub fn trust_sandbox(home: &Path, cmp_urls: &[&str]) -> PathBuf {
    let path = home.join("distribution.toml");
    std::fs::write(&path, dojang_testkit::sandbox_distribution(cmp_urls))
        .expect("the distribution file is written");
    path
}

/// The `dojang` these tests run: the one built beside them, or the Windows build under
/// Wine when scripts/windows.sh names it (dojang_testkit::cli).
pub fn cli() -> dojang_testkit::cli::Cli {
    dojang_testkit::cli::Cli::new(bin_dir().join("dojang"))
}

/// `dojang` as run by a user whose home is `home`: the data dir (and keychain namespace)
/// is `<home>/data`, no extra NPKI roots, and a `distribution.toml` in the home, if
/// there is one, is the distribution in force. Standard streams are piped.
pub fn dojang_command(home: &Path, args: &[&str]) -> Command {
    let cli = cli();
    let mut command = cli.command();
    let distribution = home.join("distribution.toml");
    if distribution.exists() {
        command.env("DOJANG_DISTRIBUTION", cli.path(&distribution));
    } else {
        command.env_remove("DOJANG_DISTRIBUTION");
    }
    cli.home(&mut command, home);
    command
        .args(args)
        .env("DOJANG_DATA_DIR", cli.path(&home.join("data")))
        .env_remove("DOJANG_NPKI_ROOT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Runs [`dojang_command`] with `stdin` (passwords, one per line) and waits for it.
pub fn run_dojang(home: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write as _;
    let mut child = dojang_command(home, args).spawn().expect("dojang is built");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().expect("dojang runs")
}

/// A user who trusts the sandbox CA `ca` and has had a certificate issued to 홍길동 by
/// `dojang issue` into the NPKI folder of their home, under `password`.
#[allow(dead_code)] // not every test binary issues
pub struct IssuedHome {
    pub home: tempfile::TempDir,
    /// The NPKI folder the certificate is in.
    pub npki: PathBuf,
    /// The certificate's ID.
    pub id: String,
}

#[allow(dead_code)] // not every test binary issues
impl IssuedHome {
    /// Applies at `ca` for 홍길동 and issues with the registration number; the issuance
    /// must succeed.
    pub fn issue(ca: &SandboxCa, password: &str) -> IssuedHome {
        let home = tempfile::tempdir().unwrap();
        trust_sandbox(home.path(), &[&ca.url]);
        let npki = home.path().join("NPKI");
        let application = ca.apply("홍길동", "9001011234567", &[]);
        let store = format!("npki:{}", npki.display());
        let out = run_dojang(
            home.path(),
            &[
                "issue",
                "--password-stdin",
                "--json",
                "--ca",
                &ca.url,
                "--registration-number",
                &application.registration_number,
                "--store",
                &store,
            ],
            &format!("{password}\n"),
        );
        let id = dojang_testkit::issued_id(&out);
        IssuedHome { home, npki, id }
    }
}

/// The serial number (hex) of certificate `id` in the NPKI folder `npki`, from
/// `dojang show --json`.
#[allow(dead_code)] // not every test binary asks
pub fn serial_of(home: &Path, id: &str, npki: &Path) -> String {
    let shown = run_dojang(
        home,
        &[
            "show",
            id,
            "--json",
            "--npki-root",
            &npki.display().to_string(),
        ],
        "",
    );
    dojang_testkit::json(&shown)["serial"]
        .as_str()
        .expect("show names the serial")
        .to_owned()
}
