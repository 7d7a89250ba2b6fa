//! End to end through the real app window: a certificate issued from the sandbox CA
//! through the wizard into this computer's NPKI folder, seen in the list, opened, its
//! password changed and exported as PKCS#12 — then checked from outside with the
//! command line and OpenSSL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::process::Command;

use common::{AppWindow, SandboxCa, bin_dir, screenshot};

const RESIDENT: &str = "9001011234567";
const FIRST_PASSWORD: &str = "seal#7294xq";
const SECOND_PASSWORD: &str = "stamp@5821zk";
const PFX_PASSWORD: &str = "carry%3197pw";
/// What the details screen says under a chain whose every link verified.
const CHAIN_COMPLETE: &str = "최상위 인증기관까지 모든 서명과 유효 기간을 확인했습니다";

/// Runs `dojang` as the window's user with the passwords on standard input.
fn dojang(home: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    common::run_dojang(home, args, stdin)
}

/// Waits for the native file dialog titled `title` on `display`, types `path` into its
/// name field and accepts it.
async fn save_in_native_dialog(display: &str, title: &str, path: &std::path::Path) {
    let xdotool = |args: &[&str]| {
        Command::new("xdotool")
            .args(args)
            .env("DISPLAY", display)
            .output()
            .expect("xdotool (apt package xdotool) is installed")
    };
    let mut window = String::new();
    for _ in 0..100 {
        let found = xdotool(&["search", "--name", title]);
        window = String::from_utf8_lossy(&found.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned();
        if !window.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(!window.is_empty(), "no native dialog titled {title}");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    xdotool(&["windowfocus", "--sync", &window]);
    xdotool(&["key", "--window", &window, "ctrl+a"]);
    xdotool(&["type", "--delay", "15", &path.display().to_string()]);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    xdotool(&["key", "Return"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_certificate_issued_through_the_wizard_is_listed_opened_repassworded_and_exported() {
    let ca = SandboxCa::start(&[]);
    let number = ca
        .apply("홍길동", RESIDENT, &[])
        .registration_number
        .as_str()
        .to_owned();
    let home = tempfile::tempdir().unwrap();
    let distribution = home.path().join("distribution.toml");
    std::fs::write(
        &distribution,
        format!(
            "product_name = \"도장 체험판\"\nsandbox = true\n[[ca]]\nname = \"시험 CA\"\ncmp_url = \"{}\"\n",
            ca.url
        ),
    )
    .unwrap();
    let pfx = home.path().join("hong.pfx");
    let timeline = home.path().join("timeline");

    let app = AppWindow::start(&[
        ("HOME", home.path()),
        ("DOJANG_DISTRIBUTION", &distribution),
        ("DOJANG_TIMELINE", &timeline),
    ])
    .await;
    app.wait_for("[data-testid=sandbox-banner]", 1).await;

    // The wizard: registration number, this computer's NPKI folder, a new password.
    app.wizard_to_review(&number, FIRST_PASSWORD).await;
    app.click_button("발급하기").await;
    let done = app
        .wait_for(
            "[data-testid=step-done] [data-testid=issued-certificate]",
            1,
        )
        .await;
    assert!(done.iter().any(|d| d.contains("홍길동")), "{done:?}");
    screenshot(&app.display, "wizard-done-ko.png");
    // From "발급하기" to the certificate in its store, on the app's own timeline (printed, not
    // asserted: this is the debug build beside the rest of the test command; the benchmark
    // measures the release build, tests/tests/perf_app.rs).
    let clicked =
        common::timeline_phase(&timeline, "issue-click").expect("the click is on the timeline");
    let stored =
        common::timeline_phase(&timeline, "issue-stored").expect("the store is on the timeline");
    println!(
        "RESULT issue_click_to_stored build=debug ms={:.0} goal=150",
        stored.saturating_sub(clicked) as f64 / 1000.0
    );

    // Its details, from the done screen.
    app.click("[data-testid=done-open-details]").await;
    let owner = app.wait_for("[data-testid=details-owner]", 1).await;
    assert_eq!(owner, ["홍길동"]);
    // The chain came with the certificate: issuing CA and root, every signature checked.
    let chain = app.wait_for("[data-testid=chain] > li", 3).await;
    assert_eq!(chain.len(), 3, "{chain:?}");
    let summary = app.wait_for("[data-testid=chain-summary]", 1).await;
    assert!(summary[0].contains(CHAIN_COMPLETE), "{summary:?}");

    // A new password.
    app.click("[data-testid=open-change-password]").await;
    let dialog = "[data-testid=change-password-dialog] input[type=password]";
    app.type_into(dialog, 0, FIRST_PASSWORD).await;
    app.type_into(dialog, 1, SECOND_PASSWORD).await;
    app.type_into(dialog, 2, SECOND_PASSWORD).await;
    app.click("[data-testid=change-password-dialog] [data-testid=submit]")
        .await;
    let notice = app.wait_for("[data-testid=done-notice]", 1).await;
    assert!(notice[0].contains("암호를 바꿨습니다"), "{notice:?}");

    // Export as PKCS#12, choosing where to save in the native (GTK) save dialog, which
    // WebDriver cannot reach: it is driven with X keystrokes.
    app.click("[data-testid=open-export]").await;
    let export = "[data-testid=export-dialog] input[type=password]";
    app.type_into(export, 0, SECOND_PASSWORD).await;
    app.type_into(export, 1, PFX_PASSWORD).await;
    app.type_into(export, 2, PFX_PASSWORD).await;
    app.click("[data-testid=export-path] button").await;
    save_in_native_dialog(&app.display, "PFX 파일을 저장할 곳", &pfx).await;
    let chosen = pfx.display().to_string();
    for _ in 0..50 {
        if app
            .texts("[data-testid=export-path]")
            .await
            .iter()
            .any(|t| t.contains(&chosen))
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    app.click("[data-testid=export-dialog] [data-testid=submit]")
        .await;
    for _ in 0..100 {
        let notice = app.texts("[data-testid=done-notice]").await;
        if notice.iter().any(|n| n.contains("내보냈습니다")) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let dialog_text = app.texts("[data-testid=export-dialog]").await;
    assert!(pfx.exists(), "{dialog_text:?}");

    // Back to the list: the new certificate is there, in the NPKI folder.
    app.click("[data-testid=back]").await;
    let rows = app.wait_for("[data-testid=certificate-row]", 1).await;
    let unreadable = app.texts("[data-testid=unreadable-row]").await;
    app.close().await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("홍길동"), "{rows:?}");
    assert!(unreadable.is_empty(), "{unreadable:?}");

    // From outside: the NPKI folder opens with the new password only, and belongs to
    // the applicant; OpenSSL reads the PKCS#12 with its password.
    let listed: serde_json::Value =
        serde_json::from_slice(&dojang(home.path(), &["list", "--json"], "").stdout).unwrap();
    let id = listed[0]["id"].as_str().unwrap().to_owned();
    assert!(
        listed[0]["path"].as_str().unwrap().contains("NPKI"),
        "{listed}"
    );
    let verify = |password: &str| {
        dojang(
            home.path(),
            &[
                "verify-id",
                &id,
                "--id-number",
                RESIDENT,
                "--password-stdin",
                "--json",
            ],
            &format!("{password}\n"),
        )
    };
    assert_eq!(verify(SECOND_PASSWORD).status.code(), Some(0));
    assert_eq!(verify(FIRST_PASSWORD).status.code(), Some(1));
    let info = Command::new("openssl")
        .args(["pkcs12", "-in"])
        .arg(&pfx)
        .args(["-nokeys", "-passin", &format!("pass:{PFX_PASSWORD}")])
        .output()
        .unwrap();
    assert!(
        info.status.success(),
        "{}",
        String::from_utf8_lossy(&info.stderr)
    );
    assert!(String::from_utf8_lossy(&info.stdout).contains("BEGIN CERTIFICATE"));
}

/// A second launch with an issue.html (as the desktop does when the file is opened with
/// Dojang) hands it to the window already open and exits; the window starts the
/// e-mail path with the application filled in.
#[tokio::test(flavor = "multi_thread")]
async fn an_invitation_opened_while_the_app_runs_reaches_the_open_window_behind_a_ca_warning() {
    let home = tempfile::tempdir().unwrap();
    let invitation = home.path().join("issue.html");
    std::fs::write(
        &invitation,
        "<html><body><a href=\"dojang://issue?ca=https%3A%2F%2Fca.example%2Fcmp&amp;application=20261125042\">인증서 발급</a></body></html>",
    )
    .unwrap();
    let app = AppWindow::start(&[("HOME", home.path())]).await;
    app.wait_for("[data-testid=empty-state]", 1).await;

    let exited = app.open_with(home.path(), invitation.as_os_str()).await;

    // A build without CAs of its own: the invitation's CA is a blocking warning with its
    // host in full, and no code can be typed before the person accepts it.
    let host = app
        .wait_for_text("[data-testid=ca-warning-host]", "ca.example")
        .await;
    assert_eq!(host, ["ca.example"]);
    let code_fields = app
        .texts("[data-testid=application-number], [data-testid=temp-code]")
        .await;
    assert!(code_fields.is_empty(), "{code_fields:?}");
    common::screenshot(&app.display, "wizard-ca-warning-ko.png");
    app.click("[data-testid=ca-warning-continue]").await;
    let field = app
        .find(fantoccini::Locator::Css(
            "[data-testid=application-number] input",
        ))
        .await;
    let mut value = String::new();
    for _ in 0..50 {
        value = field.prop("value").await.unwrap().unwrap_or_default();
        if !value.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let windows = app.client.windows().await.unwrap();
    app.close().await;
    assert!(exited, "the second launch hands over and exits");
    assert_eq!(value, "20261125042");
    assert_eq!(windows.len(), 1, "still one window");
}

/// 갱신 and 폐지 through the real window: a certificate in its last 30 days (the sandbox
/// CA issues for 20) is renewed from the details screen's banner, and the renewed one is
/// revoked; the CA's own list shows both outcomes.
#[tokio::test(flavor = "multi_thread")]
async fn a_certificate_due_is_renewed_then_revoked_through_the_window() {
    let ca = SandboxCa::start(&["--validity-days", "20"]);
    let number = ca
        .apply("홍길동", RESIDENT, &[])
        .registration_number
        .as_str()
        .to_owned();
    let home = tempfile::tempdir().unwrap();
    common::trust_sandbox(home.path(), &[&ca.url]);
    let distribution = home.path().join("distribution.toml");
    let issued = dojang(
        home.path(),
        &[
            "issue",
            "--password-stdin",
            "--json",
            "--ca",
            &ca.url,
            "--registration-number",
            &number,
            "--store",
            "npki",
        ],
        &format!("{FIRST_PASSWORD}\n"),
    );
    assert_eq!(issued.status.code(), Some(0));
    let old_id = serde_json::from_slice::<serde_json::Value>(&issued.stdout).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let app = AppWindow::start(&[
        ("HOME", home.path()),
        ("DOJANG_DISTRIBUTION", &distribution),
    ])
    .await;
    app.click("[data-testid=certificate-row] [data-testid=open-details]")
        .await;
    app.wait_for("[data-testid=status-banner]", 1).await;
    app.wait_for_verdict().await;
    // Renewal is offered first, with the days left.
    app.click("[data-testid=renew-now]").await;
    app.type_into(
        "[data-testid=renew-dialog] input[type=password]",
        0,
        FIRST_PASSWORD,
    )
    .await;
    app.click("[data-testid=renew-dialog] [data-testid=submit]")
        .await;
    let done = app
        .wait_for_text("[data-testid=renew-done]", "갱신했습니다")
        .await;
    assert!(done[0].contains("갱신했습니다"), "{done:?}");
    app.click_until_gone("[data-testid=open-renewed]", "[data-testid=renew-dialog]")
        .await;
    app.wait_for_verdict().await;
    let listed: serde_json::Value =
        serde_json::from_slice(&dojang(home.path(), &["list", "--json"], "").stdout).unwrap();
    let new_id = listed[0]["id"].as_str().unwrap().to_owned();
    // The renewed certificate's details replace the old one's.
    let fingerprint = listed[0]["fingerprint_sha256"].as_str().unwrap();
    // Behind “기술 정보”: opened on either certificate's screen, it stays open on the next.
    app.click("[data-testid=technical-toggle]").await;
    let shown = app.wait_for_text("[data-testid=sha256]", fingerprint).await;
    assert!(shown.iter().any(|t| t.contains(fingerprint)), "{shown:?}");

    // The renewed certificate is revoked: reason, typed confirmation, password.
    app.click("[data-testid=open-revoke]").await;
    app.type_into("[data-testid=revoke-confirm] input", 0, &new_id[..8])
        .await;
    app.type_into(
        "[data-testid=revoke-dialog] input[type=password]",
        0,
        FIRST_PASSWORD,
    )
    .await;
    app.click("[data-testid=revoke-dialog] [data-testid=submit]")
        .await;
    let notice = app.wait_for("[data-testid=done-notice]", 1).await;
    // From now on the window says it is revoked, and why.
    let banner = app
        .wait_for("[data-testid=status-banner][data-status=revoked]", 1)
        .await;
    let _ = app.client.execute("window.scrollTo(0, 0)", vec![]).await;
    screenshot(&app.display, "details-revoked-ko.png");
    app.close().await;
    assert!(notice[0].contains("폐지했습니다"), "{notice:?}");
    assert!(banner[0].contains("폐지된 인증서입니다"), "{banner:?}");
    assert!(banner[0].contains("까닭: 특별한 까닭 없음"), "{banner:?}");
    let after: serde_json::Value =
        serde_json::from_slice(&dojang(home.path(), &["list", "--json"], "").stdout).unwrap();
    assert_eq!(after[0]["revoked"]["reason"], "unspecified", "{after}");

    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_ne!(
        new_id, old_id,
        "the renewed certificate replaced the old one"
    );
    let states = Command::new(bin_dir().join("dojang-ca"))
        .args(["list", "--dir"])
        .arg(ca.dir.path())
        .output()
        .unwrap();
    let states = String::from_utf8_lossy(&states.stdout);
    // The certificate lines: serial, state, …
    let state_of = |state: &str| {
        states
            .lines()
            .filter(|l| l.split_whitespace().nth(1) == Some(state))
            .count()
    };
    assert_eq!(state_of("valid"), 1, "the old one stays valid: {states}");
    assert_eq!(state_of("revoked"), 1, "{states}");
}
