//! End to end through the real app window: the certificate list, read from NPKI folders
//! the fixture tool lays out, shown by the debug build of the app under WebKitWebDriver.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use common::{AppWindow, screenshot};
use dojang_testkit::sample_npki_tree;

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
    assert!(hong.contains("KICA"), "{hong}");
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

#[tokio::test(flavor = "multi_thread")]
async fn the_details_screen_of_the_real_window_shows_the_certificate_in_full() {
    use fantoccini::Locator;
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
    let rows = app
        .client
        .find_all(Locator::Css("[data-testid=certificate-row]"))
        .await
        .unwrap();
    let mut opened = false;
    for row in rows {
        if row.text().await.unwrap_or_default().contains("홍길동") {
            row.find(Locator::Css("[data-testid=open-details]"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            opened = true;
            break;
        }
    }
    assert!(opened, "홍길동's card has a way to open its details");
    let details = app.wait_for("[data-testid=details]", 1).await;
    let sha256 = app.wait_for("[data-testid=sha256]", 1).await;
    let identity = app.texts("[data-testid=identity-data]").await;
    let serial = app.texts("[data-testid=serial-decimal]").await;
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
