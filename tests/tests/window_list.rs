//! End to end through the real app window: the certificate list, read from NPKI folders
//! the fixture tool lays out, shown by the debug build of the app under WebKitWebDriver.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use common::AppWindow;
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
