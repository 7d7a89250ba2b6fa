//! End to end through the real app window: a certificate from the sandbox CA shows a good
//! status, checked with its CA; once the CA revokes it (its operator, not Dojang),
//! "지금 확인" (check now) in the details shows it revoked, with the reason.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use common::{AppWindow, SandboxCa, screenshot};

const PASSWORD: &str = "seal#7294xq";

#[tokio::test(flavor = "multi_thread")]
async fn a_certificate_revoked_at_its_ca_shows_revoked_after_check_now() {
    let ca = SandboxCa::start(&[]);
    let common::IssuedHome { home, npki, id } = common::IssuedHome::issue(&ca, PASSWORD);
    let serial = common::serial_of(home.path(), &id, &npki);

    let app = AppWindow::start(&[
        ("HOME", home.path()),
        ("DOJANG_NPKI_ROOT", &npki),
        (
            "DOJANG_DISTRIBUTION",
            &home.path().join("distribution.toml"),
        ),
    ])
    .await;
    app.wait_for("[data-testid=certificate-row]", 1).await;
    assert!(app.open_card(&["홍길동"]).await);
    // Asked of the CA's responder as the details open: good.
    let good = app
        .wait_for("[data-testid=trust-status][data-verdict=good]", 1)
        .await;
    assert!(good[0].contains("유효"), "{good:?}");

    // The CA's operator revokes it.
    ca.revoke(&serial, "keyCompromise");

    // The answer in hand is still fresh; "check now" asks again and learns it.
    app.click("[data-testid=check-now]").await;
    let status = app
        .wait_for("[data-testid=trust-status][data-verdict=revoked]", 1)
        .await;
    screenshot(&app.display, "trust-revoked-ko.png");
    app.close().await;
    assert!(status[0].contains("폐지된 인증서입니다"), "{status:?}");
    assert!(
        status[0].contains("남에게 알려졌을 수 있음"),
        "the reason in words: {status:?}"
    );
}
