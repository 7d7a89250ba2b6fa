//! Signing for a site through the real window, with the sandbox's demo bank as the site
//! (docs/signing.md, docs/sandbox-ca.md): the bank makes a request, its `dojang://sign?`
//! link reaches the running app as the desktop hands a link over (a second launch with
//! it), the consent screen shows who asks, and the bank's own record says what it
//! verified. A cancel tells the bank; a wrong password posts nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{AppWindow, IssuedHome, SandboxCa, Terminated, free_port, screenshot};
use fantoccini::{Client, ClientBuilder, Locator};

const PASSWORD: &str = "seal#7294xq";
const BANK: &str = "도장 샌드박스 은행";

/// The demo bank at the sandbox CA's origin.
struct Bank {
    origin: String,
}

impl Bank {
    fn of(ca: &SandboxCa) -> Bank {
        let origin = dojang_core::sign::request::SiteUrl::parse(&ca.url)
            .unwrap()
            .origin();
        Bank { origin }
    }

    /// A new request of the bank for `purpose`: its ID and its link.
    async fn request(&self, purpose: &str) -> (String, String) {
        let url = format!("{}/rp/api/requests", self.origin);
        let body = serde_json::json!({ "purpose": purpose }).to_string();
        let made: serde_json::Value = tokio::task::spawn_blocking(move || {
            reqwest::blocking::Client::new()
                .post(url)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .and_then(|r| r.error_for_status())
                .and_then(|r| r.text())
        })
        .await
        .unwrap()
        .map(|text| serde_json::from_str(&text).expect("the bank answers JSON"))
        .expect("the bank makes a request");
        (
            made["id"].as_str().unwrap().to_owned(),
            made["link"].as_str().unwrap().to_owned(),
        )
    }

    /// What the bank's page shows of request `id`.
    async fn status(&self, id: &str) -> serde_json::Value {
        let url = format!("{}/rp/api/requests/{id}", self.origin);
        tokio::task::spawn_blocking(move || {
            reqwest::blocking::get(url)
                .and_then(|r| r.error_for_status())
                .and_then(|r| r.text())
        })
        .await
        .unwrap()
        .map(|text| serde_json::from_str(&text).expect("the bank answers JSON"))
        .expect("the bank answers")
    }

    /// Waits up to 20 s until request `id` is no longer waiting for its answer.
    async fn outcome(&self, id: &str) -> serde_json::Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let status = self.status(id).await;
            if !matches!(status["status"].as_str(), Some("waiting" | "fetched"))
                || Instant::now() > deadline
            {
                return status;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

/// Chromium (headless, Debian's, driven by its chromedriver): the bank's page as its
/// customer sees it.
struct Browser {
    client: Client,
    _driver: Terminated,
}

impl Browser {
    async fn start() -> Browser {
        let port = free_port();
        let driver = Terminated(
            std::process::Command::new("chromedriver")
                .arg(format!("--port={port}"))
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("chromedriver (apt package chromium-driver) is installed"),
        );
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--lang=ko"],
            }),
        );
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() > deadline => panic!("no Chromium session: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
            }
        };
        Browser {
            client,
            _driver: driver,
        }
    }

    /// Waits up to 20 s for `css` on the page; its text.
    async fn text(&self, css: &str) -> String {
        let element = self
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} never appeared on the bank's page: {e}"));
        element.text().await.unwrap_or_default()
    }
}

/// The request ID in a link of the bank's (`…/rp/requests/<id>`).
fn request_id(link: &str) -> String {
    let request = url::form_urlencoded::parse(link.split_once('?').unwrap().1.as_bytes())
        .find(|(k, _)| k == "request")
        .unwrap()
        .1
        .into_owned();
    request.rsplit('/').next().unwrap().to_owned()
}

/// `http://127.0.0.1:PORT` of `http://127.0.0.1:PORT/cmp`.
/// A sandbox distribution that lists the CA and the demo bank, as scripts/run.sh writes.
fn distribution(home: &Path, ca: &SandboxCa, bank: &Bank) -> std::path::PathBuf {
    let path = home.join("distribution-with-bank.toml");
    std::fs::write(
        &path,
        format!(
            "product_name = \"도장 체험판\"\nsandbox = true\n\n[[ca]]\nname = \"도장 시험 인증기관\"\n\
             cmp_url = \"{}\"\n\n[[relying_party]]\nname = \"{BANK}\"\norigin = \"{}\"\n",
            ca.url, bank.origin
        ),
    )
    .unwrap();
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_bank_s_requests_are_signed_cancelled_or_refused_in_the_window() {
    let ca = SandboxCa::start(&[]);
    let issued = IssuedHome::issue(&ca, PASSWORD);
    let home = issued.home.path();
    let bank = Bank::of(&ca);
    let dist = distribution(home, &ca, &bank);
    let timeline = home.join("timeline");
    let app = AppWindow::start(&[
        ("HOME", home),
        ("DOJANG_NPKI_ROOT", &issued.npki),
        ("DOJANG_DISTRIBUTION", &dist),
        ("DOJANG_TIMELINE", &timeline),
    ])
    .await;
    app.wait_for("[data-testid=certificate-row]", 1).await;

    // A login started on the bank's page in Chromium: the bank's name, large, in the
    // window; the password; the bank verifies the signature, the path to the sandbox root
    // and the ID number it holds (VID), and its page says so.
    let browser = Browser::start().await;
    browser
        .client
        .goto(&format!("{}/rp/", bank.origin))
        .await
        .unwrap();
    browser
        .client
        .find(Locator::Css("#rp-login"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.text("#rp-link").await;
    let link = browser
        .client
        .find(Locator::Css("#rp-link"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .expect("the page links to Dojang");
    assert!(link.starts_with("dojang://sign?request="), "{link}");
    let id = request_id(&link);
    assert!(
        app.open_with(home, link.as_ref()).await,
        "the second launch hands the link over and exits"
    );
    app.wait_for("[data-testid=sign-screen][data-state=consent]", 1)
        .await;
    let site = app.wait_for_text("[data-testid=sign-site]", BANK).await;
    assert!(site.iter().any(|t| t.contains(BANK)), "{site:?}");
    assert_eq!(app.texts("[data-testid=sign-candidate]").await.len(), 1);
    screenshot(&app.display, "sign-consent-ko.png");
    app.type_into("[data-testid=sign-password]", 0, PASSWORD)
        .await;
    app.click("[data-testid=sign-submit]").await;
    app.wait_for("[data-testid=sign-done]", 1).await;
    let verified = bank.outcome(&id).await;
    assert_eq!(verified["status"], "verified", "{verified}");
    assert_eq!(verified["checks"]["signature"], true, "{verified}");
    assert_eq!(verified["checks"]["path"], true, "{verified}");
    assert_eq!(verified["checks"]["vid"], "matched", "{verified}");
    // The bank's page, still open in Chromium, shows what its server verified.
    let deadline = Instant::now() + Duration::from_secs(20);
    while browser
        .client
        .find_all(Locator::Css("#rp-status[data-status=verified]"))
        .await
        .unwrap_or_default()
        .is_empty()
    {
        assert!(
            Instant::now() < deadline,
            "the bank's page never said verified"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let signer = browser.text("#rp-signer").await;
    assert!(signer.contains("홍길동"), "{signer}");
    let _ = browser.client.close().await;
    // From the link's arrival in the running app to its consent painted.
    let arrived = common::timeline_phase(&timeline, "sign-link")
        .expect("the link's arrival is on the timeline");
    let painted =
        common::timeline_phase(&timeline, "sign-consent").expect("the consent is on the timeline");
    println!(
        "RESULT sign_consent_shown ms={:.0} goal=300",
        (painted.saturating_sub(arrived)) as f64 / 1000.0
    );
    app.click("[data-testid=sign-back]").await;
    app.wait_for("[data-testid=certificate-row]", 1).await;

    // A transfer, cancelled: the bank is told, and nothing is signed.
    let (id, link) = bank.request("sign").await;
    assert!(app.open_with(home, link.as_ref()).await);
    app.wait_for("[data-testid=sign-screen][data-state=consent]", 1)
        .await;
    let text = app
        .wait_for_text("[data-testid=sign-text]", "50,000원")
        .await;
    assert!(text.iter().any(|t| t.contains("50,000원")), "{text:?}");
    app.click("[data-testid=sign-cancel]").await;
    app.wait_for("[data-testid=certificate-row]", 1).await;
    let cancelled = bank.outcome(&id).await;
    assert_eq!(cancelled["status"], "cancelled", "{cancelled}");

    // A wrong password: said under the field, and nothing reaches the bank.
    let (id, link) = bank.request("login").await;
    assert!(app.open_with(home, link.as_ref()).await);
    app.wait_for("[data-testid=sign-screen][data-state=consent]", 1)
        .await;
    app.type_into("[data-testid=sign-password]", 0, "wrong#password1")
        .await;
    app.click("[data-testid=sign-submit]").await;
    let error = app.wait_for_text("[data-testid=sign-error]", "암호").await;
    assert!(error.iter().any(|t| t.contains("암호")), "{error:?}");
    let waiting = bank.status(&id).await;
    assert_eq!(waiting["status"], "fetched", "{waiting}");
    assert!(
        app.exists("[data-testid=sign-screen][data-state=consent]")
            .await
    );
    app.click("[data-testid=sign-cancel]").await;
    app.wait_for("[data-testid=certificate-row]", 1).await;
    assert_eq!(bank.outcome(&id).await["status"], "cancelled");
    app.close().await;
}
