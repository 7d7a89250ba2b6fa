//! End to end through the real app window: the certificate list, read from NPKI folders
//! the fixture tool lays out, shown by the debug build of the app under WebKitWebDriver.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use common::{AppWindow, screenshot};
use dojang_testkit::sample_npki_tree;
use std::path::Path;

#[tokio::test(flavor = "multi_thread")]
async fn the_window_lists_the_certificates_of_an_npki_folder_in_korean() {
    let home = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    sample_npki_tree(root.path(), true).unwrap();

    let app = AppWindow::start(&[("HOME", home.path()), ("DOJANG_NPKI_ROOT", root.path())]).await;
    let rows = app.wait_for("[data-testid=certificate-row]", 3).await;
    let owners = app
        .texts("[data-testid=certificate-row] [data-testid=owner]")
        .await;
    let unreadable = app.texts("[data-testid=unreadable-row]").await;
    let lang = app
        .client
        .execute("return document.documentElement.lang", vec![])
        .await
        .unwrap();
    app.close().await;

    assert_eq!(rows.len(), 3, "{rows:?}");
    let mut sorted = owners.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["(주)도장 테스트", "김철수", "홍길동"],
        "{owners:?}"
    );
    let hong = rows.iter().find(|r| r.contains("홍길동")).unwrap();
    assert!(hong.contains("개인 범용"), "{hong}");
    // The CA by the name people know.
    assert!(hong.contains("한국정보인증"), "{hong}");
    assert!(hong.contains("일 남음"), "{hong}");
    assert_eq!(lang, "ko");
    assert_eq!(unreadable.len(), 3, "{unreadable:?}");
    assert!(
        unreadable.iter().any(|u| u.contains("잘려")),
        "the truncated certificate is explained: {unreadable:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_window_shows_the_empty_state_when_there_is_no_certificate() {
    let home = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    let app = AppWindow::start(&[("HOME", home.path()), ("DOJANG_NPKI_ROOT", root.path())]).await;
    let empty = app.wait_for("[data-testid=empty-state]", 1).await;
    app.close().await;
    assert_eq!(empty.len(), 1);
    assert!(
        empty[0].contains(&root.path().display().to_string()),
        "the empty state names the folder it searched: {empty:?}"
    );
}

/// Whether the first script showed the screen kept from the last start (ui/src/keptScreen.ts).
async fn kept_screen_shown(app: &AppWindow) -> bool {
    app.client
        .execute(
            "return performance.getEntriesByName('dojang-kept-screen-shown').length > 0",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap()
}

/// The next start shows the list kept from the last one before the app's scripts have
/// loaded, then the app's own list replaces it and answers.
#[tokio::test(flavor = "multi_thread")]
async fn the_next_start_shows_the_list_kept_from_the_last_then_the_app_takes_over() {
    let home = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    sample_npki_tree(root.path(), false).unwrap();
    // The samples' dates are whole days from the second they were made, so their days left
    // (rounded down) change once, a second later: both starts must list them the same.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    // The web view's storage of its own (it is under XDG_DATA_HOME, which other tests share).
    let share = home.path().join("share");
    let env = [
        ("HOME", home.path()),
        ("XDG_DATA_HOME", share.as_path()),
        ("DOJANG_NPKI_ROOT", root.path()),
    ];

    let first = AppWindow::start(&env).await;
    first.wait_for("[data-testid=certificate-row]", 3).await;
    let shown_first = kept_screen_shown(&first).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while first
        .client
        .execute(
            "return localStorage.getItem('dojang.keptScreen') === null",
            vec![],
        )
        .await
        .unwrap()
        .as_bool()
        .unwrap()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the list was never kept"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // WebKit writes the window's storage to disk on a timer, a moment later (a window
    // closed at once loses it: the next start then draws the list itself).
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    first.close().await;

    let next = AppWindow::start(&env).await;
    let rows = next.wait_for("[data-testid=certificate-row]", 3).await;
    let shown_next = kept_screen_shown(&next).await;
    let inert = next
        .client
        .execute("return document.getElementById('root').inert", vec![])
        .await
        .unwrap();
    let owners = next
        .texts("[data-testid=certificate-row] [data-testid=owner]")
        .await;
    next.close().await;

    assert!(!shown_first, "nothing was kept before the first start");
    assert!(shown_next, "the second start showed the kept list first");
    assert_eq!(inert, serde_json::Value::Bool(false));
    assert_eq!(rows.len(), 3, "{rows:?}");
    let mut sorted = owners;
    sorted.sort();
    assert_eq!(sorted, ["(주)도장 테스트", "김철수", "홍길동"]);
}

/// Outside a package, the app registers itself for `dojang:` links with the desktop once
/// its window is drawn (src-tauri/src/first_screen.rs), so a link on a bank's page opens it.
#[tokio::test(flavor = "multi_thread")]
async fn the_app_registers_for_dojang_links_once_its_window_is_drawn() {
    let home = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    let share = home.path().join("share");
    let app = AppWindow::start(&[
        ("HOME", home.path()),
        ("XDG_DATA_HOME", share.as_path()),
        ("DOJANG_NPKI_ROOT", root.path()),
    ])
    .await;
    app.wait_for("[data-testid=empty-state]", 1).await;
    let handler = share
        .join("applications")
        .join("dojang-app-handler.desktop");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut entry = String::new();
    while std::time::Instant::now() < deadline {
        entry = std::fs::read_to_string(&handler).unwrap_or_default();
        if entry.contains("x-scheme-handler/dojang") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.close().await;
    assert!(
        entry.contains("MimeType=x-scheme-handler/dojang"),
        "{}: {entry:?}",
        handler.display()
    );
    assert!(entry.contains("Exec="), "{entry}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_details_screen_of_the_real_window_shows_the_certificate_in_full() {
    let home = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    let folders = sample_npki_tree(root.path(), false).unwrap();
    let hong = folders
        .iter()
        .find(|f| f.to_string_lossy().contains("홍길동"))
        .unwrap();
    let der = std::fs::read(hong.join("signCert.der")).unwrap();
    let expected = dojang_core::cert::details::CertificateDetails::from_der(
        &der,
        hong,
        time::OffsetDateTime::now_utc(),
    )
    .unwrap();

    let app = AppWindow::start(&[("HOME", home.path()), ("DOJANG_NPKI_ROOT", root.path())]).await;
    app.wait_for("[data-testid=certificate-row]", 3).await;
    screenshot(&app.display, "list-ko.png");
    assert!(
        app.open_card(&["홍길동"]).await,
        "홍길동's card has a way to open its details"
    );
    let details = app.wait_for("[data-testid=details]", 1).await;
    // Serials and fingerprints are behind “기술 정보”, closed at first.
    app.click("[data-testid=technical-toggle]").await;
    let sha256 = app
        .wait_for_text("[data-testid=sha256]", &expected.summary.fingerprint_sha256)
        .await;
    let identity = app.texts("[data-testid=identity-data]").await;
    let serial = app.texts("[data-testid=serial-decimal]").await;
    // The top of the details, as a person first sees them.
    let _ = app.client.execute("window.scrollTo(0, 0)", vec![]).await;
    screenshot(&app.display, "details-ko.png");
    app.close().await;

    assert_eq!(details.len(), 1);
    assert_eq!(sha256.len(), 1, "the details loaded: {details:?}");
    assert!(
        sha256[0].contains(&expected.summary.fingerprint_sha256),
        "{sha256:?}"
    );
    assert!(serial[0].contains(&expected.serial_decimal), "{serial:?}");
    assert!(identity[0].contains("홍길동"), "{identity:?}");
}

/// One certificate in two NPKI folders (this computer's and a USB stick's): the copy
/// opened from the list is the one the window manages, and its new password is its own.
#[tokio::test(flavor = "multi_thread")]
async fn the_window_changes_the_password_of_the_copy_opened_only() {
    use common::run_dojang;
    use dojang_testkit::{SAMPLE_ID_NUMBER, SAMPLE_PASSWORD};
    const NEW_PASSWORD: &str = "usb!Pass9753";

    let home = tempfile::tempdir().unwrap();
    let disk = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    sample_npki_tree(disk.path(), false).unwrap();
    let disk_root = disk.path().to_str().unwrap();
    let usb_root = usb.path().to_str().unwrap();
    let listed: serde_json::Value = serde_json::from_slice(
        &run_dojang(
            home.path(),
            &["list", "--json", "--npki-root", disk_root],
            "",
        )
        .stdout,
    )
    .unwrap();
    let id = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["owner"] == "홍길동")
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .unwrap();
    let to_usb = format!("npki:{usb_root}");
    let copied = run_dojang(
        home.path(),
        &["copy", &id, "--to", &to_usb, "--npki-root", disk_root],
        "",
    );
    assert!(copied.status.success(), "{copied:?}");

    let roots = std::env::join_paths([disk.path(), usb.path()]).unwrap();
    let app = AppWindow::start(&[
        ("HOME", home.path()),
        ("DOJANG_NPKI_ROOT", Path::new(&roots)),
    ])
    .await;
    app.wait_for("[data-testid=certificate-row]", 4).await;
    // Each copy says where it is kept: the USB copy by its folder's name.
    let usb_name = usb.path().file_name().unwrap().to_str().unwrap();
    assert!(
        app.open_card(&["홍길동", usb_name]).await,
        "the USB copy is listed on its own"
    );
    let managed = app.wait_for("[data-testid=managed-copy]", 1).await;
    let _ = app.client.execute("window.scrollTo(0, 0)", vec![]).await;
    screenshot(&app.display, "details-copy-ko.png");
    app.click("[data-testid=open-change-password]").await;
    let dialog = "[data-testid=change-password-dialog] input[type=password]";
    app.type_into(dialog, 0, SAMPLE_PASSWORD).await;
    app.type_into(dialog, 1, NEW_PASSWORD).await;
    app.type_into(dialog, 2, NEW_PASSWORD).await;
    app.click("[data-testid=change-password-dialog] [data-testid=submit]")
        .await;
    let notice = app.wait_for("[data-testid=done-notice]", 1).await;
    app.close().await;
    assert!(managed[0].contains("사본에만"), "{managed:?}");
    assert!(notice[0].contains("암호를 바꿨습니다"), "{notice:?}");

    // From outside: the USB copy opens with the new password only, the disk's with the old.
    let verify = |root: &str, password: &str| {
        let store = format!("npki:{root}");
        let out = run_dojang(
            home.path(),
            &[
                "verify-id",
                &id,
                "--store",
                &store,
                "--id-number",
                SAMPLE_ID_NUMBER,
                "--password-stdin",
                "--json",
            ],
            &format!("{password}\n"),
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    assert_eq!(verify(usb_root, NEW_PASSWORD)["matches"], true);
    assert_eq!(
        verify(usb_root, SAMPLE_PASSWORD)["error"]["code"],
        "wrong-password"
    );
    assert_eq!(verify(disk_root, SAMPLE_PASSWORD)["matches"], true);
}
