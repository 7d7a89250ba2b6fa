//! The demo bank (`/rp/`) against the app's own signing code: a request made through the
//! bank's API is fetched with `dojang_core::sign::exchange::fetch` under a sandbox
//! distribution, signed with a certificate the sandbox CA issued (`exchange::answer`, the
//! key opened with its password) and posted (`exchange::post`); the bank's status API
//! then says what a bank would have found. Each refusal is seen from both sides: the
//! callback's answer as the app reads it, and the reason the page shows.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use common::{Server, ServerClient};
use dojang_core::Error;
use dojang_core::cert::CertificateSummary;
use dojang_core::codes::{EnrolmentCodes, RegistrationNumber};
use dojang_core::distribution::Distribution;
use dojang_core::error::ErrorCode;
use dojang_core::issue::pending::PendingKeys;
use dojang_core::issue::revoke::Revocation;
use dojang_core::issue::{Enrolled, EnrolmentRequest, KeySource, UnlistedCa, enrol};
use dojang_core::keys::private_key::{KeyType, PrivateKey};
use dojang_core::password::CertificatePassword;
use dojang_core::sign::exchange::{Answer, answer, fetch, post};
use dojang_core::sign::request::{SignLink, SignRequest, TextFlag, Unfit, shown_text};
use dojang_core::store::npki_dir::NpkiDirStore;
use dojang_core::store::{NpkiRoot, RootKind, Store as _};
use serde_json::{Value, json};
use time::OffsetDateTime;

const PASSWORD: &str = "Dojang!2580x";
const ID_NUMBER: &str = "900101-1234567";

/// The sandbox CA with its demo bank, and an applicant's certificate in an NPKI folder.
struct Bank {
    server: Server,
    folder: tempfile::TempDir,
    enrolled: Enrolled,
}

impl Bank {
    fn start(key: KeyType) -> Bank {
        let server = Server::start(&[]);
        let folder = tempfile::tempdir().unwrap();
        let application = server.apply("홍길동", ID_NUMBER, &[]);
        let request = EnrolmentRequest {
            ca: Distribution::sandbox_for(&server.url)
                .approve_ca(&server.url, UnlistedCa::Refuse)
                .unwrap(),
            codes: EnrolmentCodes::Registration(
                RegistrationNumber::parse(&application.registration_number).unwrap(),
            ),
            password: CertificatePassword::new_chosen(PASSWORD).unwrap(),
            key: KeySource::Generate(key),
        };
        let pending = PendingKeys::new(&folder.path().join("data"));
        let store = NpkiDirStore::new(NpkiRoot {
            path: folder.path().join("NPKI"),
            kind: RootKind::Extra,
        });
        let enrolled = enrol(request, &store, &pending, &mut |_| {}).unwrap();
        assert!(enrolled.confirmed);
        Bank {
            server,
            folder,
            enrolled,
        }
    }

    fn origin(&self) -> String {
        self.server.url.trim_end_matches("/cmp").to_owned()
    }

    fn store(&self) -> NpkiDirStore {
        NpkiDirStore::new(NpkiRoot {
            path: self.folder.path().join("NPKI"),
            kind: RootKind::Extra,
        })
    }

    /// The certificate the applicant holds (DER).
    fn certificate(&self) -> Vec<u8> {
        let folder = self.enrolled.path.as_ref().unwrap();
        std::fs::read(folder.join("signCert.der")).unwrap()
    }

    /// The applicant's key, opened with the password.
    fn key(&self) -> PrivateKey {
        let folder = self.enrolled.path.as_ref().unwrap();
        let file = std::fs::read(folder.join("signPri.key")).unwrap();
        let (plain, _) = dojang_core::keys::encrypted::decrypt(&file, PASSWORD.as_bytes()).unwrap();
        PrivateKey::from_pkcs8_der(plain.to_vec()).unwrap()
    }

    /// Its serial as the registry keeps it.
    fn serial(&self) -> String {
        let valid = self.server.certificates_in("valid");
        valid[0]["serial"].as_str().unwrap().to_owned()
    }
}

/// Asks the bank for a request, as its page does.
fn create(server: &Server, purpose: &str, variant: Option<&str>) -> Value {
    let mut body = json!({ "purpose": purpose });
    if let Some(variant) = variant {
        body["variant"] = variant.into();
    }
    let reply = server.client().post(
        "/rp/api/requests",
        "application/json",
        body.to_string().as_bytes(),
    );
    assert_eq!(
        reply.status,
        201,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert_eq!(reply.content_type, "application/json");
    reply.json()
}

/// Fetches a request as the app does, under a sandbox distribution that lists no site.
fn fetch_link(server: &Server, created: &Value) -> Result<SignRequest, Error> {
    let link = SignLink::parse(created["link"].as_str().unwrap()).unwrap();
    let (site, request) = fetch(
        &link,
        &Distribution::sandbox_for(&server.url),
        OffsetDateTime::now_utc(),
    )?;
    assert!(!site.listed);
    Ok(request)
}

/// What the page polls.
fn poll(server: &Server, created: &Value) -> Value {
    let id = created["id"].as_str().unwrap();
    let reply = server.client().get(&format!("/rp/api/requests/{id}"));
    assert_eq!(reply.status, 200);
    reply.json()
}

/// Signs a request with the applicant's certificate as the app does.
fn sign(bank: &Bank, request: &SignRequest) -> Answer {
    answer(
        &bank.store().load(&bank.enrolled.id).unwrap(),
        &CertificatePassword::new_chosen(PASSWORD).unwrap(),
        request,
        &bank.enrolled.chain,
        None,
        OffsetDateTime::now_utc(),
    )
    .unwrap()
}

/// The HTTP status an answer's post got, as the app reads it.
fn refused_status(result: Result<(), Error>) -> u16 {
    match result {
        Err(e @ Error::SiteHttpStatus { status }) => {
            assert_eq!(e.code(), "site-http-status");
            status
        }
        other => panic!("not refused with an HTTP status: {other:?}"),
    }
}

#[test]
fn a_login_is_verified_with_the_id_number_the_sandbox_holds() {
    let bank = Bank::start(KeyType::P256);
    let created = create(&bank.server, "login", None);
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 32);
    assert_eq!(
        created["request_url"],
        format!("{}/rp/requests/{id}", bank.origin())
    );
    assert_eq!(
        created["status_url"],
        format!("{}/rp/api/requests/{id}", bank.origin())
    );
    assert_eq!(poll(&bank.server, &created)["status"], "waiting");

    let request = fetch_link(&bank.server, &created).unwrap();
    assert_eq!(request.text, "도장 샌드박스 은행에 로그인합니다.");
    assert!(request.relying_party_certificate.is_some());
    assert_eq!(poll(&bank.server, &created)["status"], "fetched");
    // A request is served once.
    let again = fetch_link(&bank.server, &created).unwrap_err();
    assert_eq!(again.code(), "site-http-status");
    assert!(matches!(again, Error::SiteHttpStatus { status: 410 }));

    let answer = sign(&bank, &request);
    let Answer::Signed { identity, .. } = &answer else {
        panic!("not signed");
    };
    assert!(identity.is_some(), "a login sends the identity envelope");
    post(&request.callback, &answer).unwrap();

    let verdict = poll(&bank.server, &created);
    assert_eq!(verdict["status"], "verified", "{verdict}");
    assert_eq!(verdict["purpose"], "login");
    assert_eq!(verdict["reason"], Value::Null);
    assert_eq!(verdict["signer"]["name"], "홍길동");
    assert_eq!(verdict["signer"]["serial"], bank.serial());
    assert!(
        verdict["signer"]["issuer"]
            .as_str()
            .unwrap()
            .contains("Dojang Sandbox CA1"),
        "{verdict}"
    );
    let path = verdict["signer"]["path"].as_array().unwrap();
    assert_eq!(path.len(), 3, "{verdict}");
    assert!(path[0].as_str().unwrap().starts_with("홍길동()"));
    assert_eq!(path[1], "Dojang Sandbox CA1");
    assert_eq!(path[2], "Dojang Sandbox RootCA");
    assert_eq!(
        verdict["checks"],
        json!({
            "signature": true, "content": true, "path": true,
            "revocation": "good", "vid": "matched",
        })
    );

    // A second answer: 409, which the app reads as the site's HTTP error.
    assert_eq!(refused_status(post(&request.callback, &answer)), 409);
    let reply = bank.server.client().post(
        &format!("/rp/callback/{id}"),
        "application/json",
        answer.to_json().as_bytes(),
    );
    assert_eq!(reply.status, 409);
    assert_eq!(reply.json(), json!({ "error": "already-answered" }));
    assert_eq!(poll(&bank.server, &created)["status"], "verified");
}

#[test]
fn a_transfer_is_verified_with_the_text_it_showed() {
    let bank = Bank::start(KeyType::Rsa2048);
    let created = create(&bank.server, "sign", None);
    let request = fetch_link(&bank.server, &created).unwrap();
    assert_eq!(
        request.text,
        "받는 분: 김도장\n받는 계좌: 도장은행 110-123-456789\n보내는 금액: 50,000원"
    );
    assert!(request.relying_party_certificate.is_none());
    let answer = sign(&bank, &request);
    post(&request.callback, &answer).unwrap();

    let status = poll(&bank.server, &created);
    assert_eq!(status["status"], "verified", "{status}");
    assert_eq!(status["purpose"], "sign");
    assert_eq!(status["signer"]["serial"], bank.serial());
    assert_eq!(
        status["checks"],
        json!({
            "signature": true, "content": true, "path": true,
            "revocation": "good", "vid": "not-sent",
        })
    );
}

#[test]
fn a_cancelled_request_is_recorded_as_cancelled() {
    let bank = Bank::start(KeyType::P256);
    let created = create(&bank.server, "sign", None);
    let request = fetch_link(&bank.server, &created).unwrap();
    post(&request.callback, &Answer::Cancelled).unwrap();
    let status = poll(&bank.server, &created);
    assert_eq!(status["status"], "cancelled");
    assert_eq!(status["signer"], Value::Null);
    assert_eq!(status["checks"], Value::Null);
    assert_eq!(
        refused_status(post(&request.callback, &Answer::Cancelled)),
        409
    );
}

#[test]
fn a_signature_over_something_else_is_refused() {
    let bank = Bank::start(KeyType::P256);
    let created = create(&bank.server, "login", None);
    let request = fetch_link(&bank.server, &created).unwrap();
    let signature = dojang_core::sign::sign(&dojang_core::sign::Signing {
        key: &bank.key(),
        certificate: &bank.certificate(),
        chain: &bank.enrolled.chain,
        content: dojang_core::sign::Content::Attached("다른 내용".as_bytes()),
        at: OffsetDateTime::now_utc(),
    })
    .unwrap();
    let answer = Answer::Signed {
        signature,
        identity: None,
    };
    assert_eq!(refused_status(post(&request.callback, &answer)), 422);

    let status = poll(&bank.server, &created);
    assert_eq!(status["status"], "refused", "{status}");
    assert_eq!(status["reason"], "content-mismatch");
    assert_eq!(status["signer"]["name"], "홍길동");
    assert_eq!(status["checks"]["signature"], true);
    assert_eq!(status["checks"]["content"], false);
    assert_eq!(status["checks"]["path"], true);
}

#[test]
fn a_certificate_from_another_ca_is_refused() {
    let bank = Bank::start(KeyType::P256);
    let pki = dojang_testkit::TestPki::new("KICA").unwrap();
    let (cert, key) = pki
        .issue(&dojang_testkit::Subscriber::kica_personal("홍길동"))
        .unwrap();
    let created = create(&bank.server, "sign", None);
    let request = fetch_link(&bank.server, &created).unwrap();
    let signature = dojang_core::sign::sign(&dojang_core::sign::Signing {
        key: &PrivateKey::from_pkcs8_der(key).unwrap(),
        certificate: &cert,
        chain: &[pki.issuing.der()],
        content: request.content(),
        at: OffsetDateTime::now_utc(),
    })
    .unwrap();
    let answer = Answer::Signed {
        signature,
        identity: None,
    };
    let reply = bank.server.client().post(
        request.callback.as_url().path(),
        "application/json",
        answer.to_json().as_bytes(),
    );
    assert_eq!(reply.status, 422);
    assert_eq!(
        reply.json(),
        json!({ "result": "refused", "reason": "not-from-sandbox-ca" })
    );

    let status = poll(&bank.server, &created);
    assert_eq!(status["status"], "refused");
    assert_eq!(status["reason"], "not-from-sandbox-ca");
    assert_eq!(status["checks"]["signature"], true);
    assert_eq!(status["checks"]["content"], true);
    assert_eq!(status["checks"]["path"], false);
    assert_eq!(status["checks"]["revocation"], "unknown");
}

#[test]
fn a_revoked_certificate_and_a_randomnum_that_proves_no_one_are_refused() {
    let bank = Bank::start(KeyType::P256);

    // An envelope sealing another randomNum to the bank: the VID does not match.
    let created = create(&bank.server, "login", None);
    let request = fetch_link(&bank.server, &created).unwrap();
    let Answer::Signed { signature, .. } = sign(&bank, &request) else {
        panic!("not signed");
    };
    let site = request.relying_party_certificate.as_ref().unwrap();
    let identity = dojang_core::sign::envelope::seal(site, &[7u8; 20]).unwrap();
    let answer = Answer::Signed {
        signature,
        identity: Some(identity),
    };
    assert_eq!(refused_status(post(&request.callback, &answer)), 422);
    let status = poll(&bank.server, &created);
    assert_eq!(status["reason"], "vid-mismatch", "{status}");
    assert_eq!(status["checks"]["vid"], "mismatched");

    bank.server.revoke(&bank.serial(), "keyCompromise");
    let created = create(&bank.server, "login", None);
    let request = fetch_link(&bank.server, &created).unwrap();
    assert_eq!(
        refused_status(post(&request.callback, &sign(&bank, &request))),
        422
    );
    let status = poll(&bank.server, &created);
    assert_eq!(status["reason"], "certificate-revoked", "{status}");
    assert_eq!(status["checks"]["revocation"], "revoked");
    assert_eq!(status["checks"]["vid"], "matched");
}

#[test]
fn a_certificate_the_request_does_not_take_or_a_wrong_password_signs_nothing() {
    let bank = Bank::start(KeyType::Rsa2048);
    let created = create(&bank.server, "sign", None);
    let request = fetch_link(&bank.server, &created).unwrap();
    let files = bank.store().load(&bank.enrolled.id).unwrap();
    let password = CertificatePassword::new_chosen(PASSWORD).unwrap();
    let now = OffsetDateTime::now_utc();
    let refused = |request: &SignRequest, password: &CertificatePassword, revoked| {
        answer(
            &files,
            password,
            request,
            &bank.enrolled.chain,
            revoked,
            now,
        )
        .err()
        .map(|e| e.code())
    };

    // Another policy than the certificate's.
    let mut other_policy = request.clone();
    other_policy.accept.policies = vec!["1.2.410.200004.5.2.1.1".to_owned()];
    assert_eq!(
        refused(&other_policy, &password, None),
        Some(ErrorCode::SignNoCertificate)
    );
    // Another issuer.
    let mut other_issuer = request.clone();
    other_issuer.accept.issuers = vec!["signGATE CA5".to_owned()];
    assert_eq!(
        refused(&other_issuer, &password, None),
        Some(ErrorCode::SignNoCertificate)
    );
    // Revoked, as this computer knows.
    let revoked = Revocation {
        reason: None,
        known_since: now,
    };
    assert_eq!(
        refused(&request, &password, Some(revoked)),
        Some(ErrorCode::SignNoCertificate)
    );
    // The wrong password.
    let wrong = CertificatePassword::existing("Dojang!2580y".to_owned());
    assert_eq!(
        refused(&request, &wrong, None),
        Some(ErrorCode::WrongPassword)
    );

    // The bank heard nothing of any of them: its request is fetched, not answered.
    assert_eq!(poll(&bank.server, &created)["status"], "fetched");
}

#[test]
fn each_variant_is_refused_by_the_app_with_its_code() {
    let bank = Bank::start(KeyType::P256);
    for (variant, code) in [
        ("callback-elsewhere", "sign-callback-origin"),
        ("expired", "sign-request-expired"),
        ("huge-text", "sign-request-too-large"),
        ("version-2", "sign-request-version"),
        ("redirect", "site-redirected"),
    ] {
        let created = create(&bank.server, "sign", Some(variant));
        let e = fetch_link(&bank.server, &created).unwrap_err();
        assert_eq!(e.code(), code, "{variant}: {e:?}");
        assert_eq!(poll(&bank.server, &created)["variant"], variant);
    }

    // Fetched, and its text shown as what it is.
    let created = create(&bank.server, "sign", Some("markup"));
    let request = fetch_link(&bank.server, &created).unwrap();
    let (shown, flags) = shown_text(&request.text);
    assert_eq!(flags, [TextFlag::Markup, TextFlag::DirectionControls]);
    assert!(shown.contains("⟨U+202E⟩"), "{shown}");

    // Fetched, and no certificate fits it.
    let created = create(&bank.server, "login", Some("no-certificate"));
    let request = fetch_link(&bank.server, &created).unwrap();
    assert_eq!(request.accept.policies, ["1.2.410.200004.5.99.99"]);
    let summary = CertificateSummary::from_der(
        &bank.certificate(),
        std::path::Path::new(""),
        OffsetDateTime::now_utc(),
    )
    .unwrap();
    assert_eq!(
        request.accept.unfit(&summary),
        Some(Unfit::PolicyNotAccepted)
    );
    // The same certificate fits a plain login.
    let created = create(&bank.server, "login", None);
    let request = fetch_link(&bank.server, &created).unwrap();
    assert_eq!(request.accept.unfit(&summary), None);
}

#[test]
fn the_page_is_served_with_a_strict_policy_and_both_buttons() {
    let server = Server::start(&[]);
    let page = server.client().get("/rp/");
    assert_eq!(page.status, 200);
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    let policy = page.header("content-security-policy").unwrap();
    assert!(policy.starts_with("default-src 'none'; "), "{policy}");
    assert!(policy.contains("script-src 'sha256-"), "{policy}");
    assert!(policy.contains("connect-src 'self'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    let html = String::from_utf8(page.body).unwrap();
    assert!(html.contains("<html lang=\"ko\">"));
    for id in [
        "rp-login",
        "rp-sign",
        "rp-variant",
        "rp-link",
        "rp-status",
        "rp-signer",
        "rp-serial",
        "rp-path",
        "rp-vid",
        "rp-reason",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(html.contains(">인증서로 로그인</button>"));
    assert!(html.contains(">이체 승인</button>"));
}

#[test]
fn the_api_answers_what_it_does_not_take_with_json_errors() {
    let server = Server::start(&[]);
    let http = server.client();
    let error = |reply: common::Reply| {
        assert_eq!(reply.content_type, "application/json");
        (
            reply.status,
            reply.json()["error"].as_str().unwrap().to_owned(),
        )
    };
    let post = |path: &str, content_type: &str, body: &str| {
        error(http.post(path, content_type, body.as_bytes()))
    };
    assert_eq!(
        post(
            "/rp/api/requests",
            "application/json",
            r#"{"purpose":"pay"}"#
        ),
        (400, "bad-request".to_owned())
    );
    assert_eq!(
        post(
            "/rp/api/requests",
            "application/json",
            r#"{"purpose":"sign","variant":"other"}"#
        ),
        (400, "unknown-variant".to_owned())
    );
    assert_eq!(
        post("/rp/api/requests", "text/plain", r#"{"purpose":"sign"}"#),
        (415, "content-type".to_owned())
    );
    let unknown = "0".repeat(32);
    assert_eq!(
        post(
            &format!("/rp/callback/{unknown}"),
            "application/json",
            r#"{"version":1,"status":"cancelled"}"#
        ),
        (404, "unknown-request".to_owned())
    );
    assert_eq!(
        error(http.get(&format!("/rp/api/requests/{unknown}"))),
        (404, "unknown-request".to_owned())
    );
    assert_eq!(
        error(http.get(&format!("/rp/requests/{unknown}"))),
        (404, "unknown-request".to_owned())
    );
    let reply = http.get("/rp/api/requests");
    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("allow"), Some("POST"));

    // A callback larger than any answer is refused before it is read whole.
    let created = create(&server, "sign", None);
    let id = created["id"].as_str().unwrap();
    let huge = "x".repeat(2 * 1024 * 1024);
    let reply = http.post(
        &format!("/rp/callback/{id}"),
        "application/json",
        huge.as_bytes(),
    );
    assert_eq!(reply.status, 413);
    // ... and it was no answer: a real one is still taken.
    let reply = http.post(
        &format!("/rp/callback/{id}"),
        "application/json",
        br#"{"version":1,"status":"cancelled"}"#,
    );
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json(), json!({ "result": "cancelled" }));
}

/// The distribution file `scripts/run.sh` writes lists the bank: its requests come with
/// its name, and another site on this machine is refused.
#[test]
fn a_sandbox_distribution_that_lists_the_bank_names_it() {
    let server = Server::start(&[]);
    let origin = server.url.trim_end_matches("/cmp").to_owned();
    let text = format!(
        "product_name = \"도장 체험판\"\nsandbox = true\n\n[[ca]]\nname = \"도장 시험 인증기관\"\n\
         cmp_url = \"{}\"\n\n[[relying_party]]\nname = \"도장 샌드박스 은행\"\norigin = \"{origin}\"\n",
        server.url
    );
    let distribution =
        Distribution::parse(&text, std::path::Path::new("distribution.toml")).unwrap();
    let created = create(&server, "login", None);
    let link = SignLink::parse(created["link"].as_str().unwrap()).unwrap();
    let (site, _) = fetch(&link, &distribution, OffsetDateTime::now_utc()).unwrap();
    assert!(site.listed);
    assert_eq!(site.name.as_deref(), Some("도장 샌드박스 은행"));
    assert_eq!(site.origin, origin);

    let elsewhere =
        SignLink::parse(&SignLink::to_link("http://127.0.0.1:9/rp/requests/0")).unwrap();
    let e = fetch(&elsewhere, &distribution, OffsetDateTime::now_utc()).unwrap_err();
    assert_eq!(e.code(), "site-not-listed");
}
