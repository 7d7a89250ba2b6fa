#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use der::Decode as _;
use dojang_core::sign::request::{SignRequest, Signed, SiteUrl, TextFlag, shown_text};

use super::*;
use crate::registry::sqlite::SqliteRegistry;

const ORIGIN: &str = "http://127.0.0.1:8080";
const POLICY: &str = "1.2.410.200004.5.2.1.2";

fn bank() -> RelyingParty {
    let key = rsa_key().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, NAME);
    let cert = params.self_signed(&key).unwrap();
    RelyingParty::new(
        cert.der().to_vec(),
        Zeroizing::new(key.serialize_der()),
        ORIGIN,
        vec![POLICY.to_owned()],
    )
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

fn created(bank: &RelyingParty, purpose: SignPurpose, variant: Option<Variant>) -> Created {
    bank.create(purpose, variant, now()).unwrap().unwrap()
}

/// Fetches the request and reads it as Dojang does.
fn read(bank: &RelyingParty, created: &Created) -> std::result::Result<SignRequest, String> {
    let Fetched::Request(body) = bank.fetch(&created.id) else {
        panic!("not a request");
    };
    let url = SiteUrl::parse(&created.request_url).unwrap();
    SignRequest::parse(body.as_bytes(), &url, now()).map_err(|e| e.code().to_string())
}

#[test]
fn a_login_asks_for_a_fresh_nonce_and_carries_the_banks_certificate() {
    let bank = bank();
    let made = created(&bank, SignPurpose::Login, None);
    assert_eq!(made.id.len(), 32);
    assert!(made.id.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(
        made.request_url,
        format!("{ORIGIN}/rp/requests/{}", made.id)
    );
    assert_eq!(
        made.status_url,
        format!("{ORIGIN}/rp/api/requests/{}", made.id)
    );
    let link = SignLink::parse(&made.link).unwrap();
    assert_eq!(link.request.to_string(), made.request_url);

    let request = read(&bank, &made).unwrap();
    assert_eq!(request.purpose, SignPurpose::Login);
    assert_eq!(request.text, LOGIN_TEXT);
    let Signed::Data(nonce) = &request.signed else {
        panic!("a login signs data");
    };
    assert_eq!(nonce.len(), 32);
    assert_eq!(
        request.relying_party_certificate.as_deref(),
        Some(bank.certificate())
    );
    assert_eq!(request.accept.policies, [POLICY]);
    assert_eq!(
        request.callback.to_string(),
        format!("{ORIGIN}/rp/callback/{}", made.id)
    );
    let left = request.expires - now();
    assert!(
        left > Duration::minutes(4) && left <= REQUEST_LIFETIME,
        "{left}"
    );
    assert_eq!(bank.begin_answer(&made.id).unwrap().content, *nonce);

    let other = created(&bank, SignPurpose::Login, None);
    let Signed::Data(other_nonce) = read(&bank, &other).unwrap().signed else {
        panic!("a login signs data");
    };
    assert_ne!(&other_nonce, nonce);
}

#[test]
fn a_transfer_signs_its_text() {
    let bank = bank();
    let made = created(&bank, SignPurpose::Sign, None);
    let request = read(&bank, &made).unwrap();
    assert_eq!(request.text, TRANSFER_TEXT);
    assert_eq!(request.signed, Signed::Text);
    assert!(request.relying_party_certificate.is_none());
    assert_eq!(
        bank.begin_answer(&made.id).unwrap().content,
        TRANSFER_TEXT.as_bytes()
    );
}

#[test]
fn a_request_is_served_once() {
    let bank = bank();
    let made = created(&bank, SignPurpose::Sign, None);
    assert_eq!(bank.status(&made.id).unwrap().status, "waiting");
    assert!(matches!(bank.fetch(&made.id), Fetched::Request(_)));
    assert_eq!(bank.status(&made.id).unwrap().status, "fetched");
    assert_eq!(bank.fetch(&made.id), Fetched::Gone);
    assert_eq!(bank.fetch("00"), Fetched::Unknown);
    assert!(bank.status("00").is_none());
}

#[test]
fn each_variant_is_refused_by_dojang_for_its_own_reason() {
    let bank = bank();
    for (variant, code) in [
        (Variant::CallbackElsewhere, "sign-callback-origin"),
        (Variant::Expired, "sign-request-expired"),
        (Variant::HugeText, "sign-request-too-large"),
        (Variant::Version2, "sign-request-version"),
    ] {
        for purpose in [SignPurpose::Login, SignPurpose::Sign] {
            let made = created(&bank, purpose, Some(variant));
            assert_eq!(read(&bank, &made).unwrap_err(), code, "{variant:?}");
        }
    }
    let made = created(&bank, SignPurpose::Sign, Some(Variant::Redirect));
    assert_eq!(
        bank.fetch(&made.id),
        Fetched::Redirect(format!("https://evil.example/rp/requests/{}", made.id))
    );
    assert_eq!(bank.fetch(&made.id), Fetched::Gone);

    let made = created(&bank, SignPurpose::Sign, Some(Variant::Markup));
    let request = read(&bank, &made).unwrap();
    let (_, flags) = shown_text(&request.text);
    assert_eq!(flags, [TextFlag::Markup, TextFlag::DirectionControls]);

    let made = created(&bank, SignPurpose::Login, Some(Variant::NoCertificate));
    let request = read(&bank, &made).unwrap();
    assert_eq!(request.accept.policies, [UNISSUED_POLICY]);
    assert_eq!(
        bank.status(&made.id).unwrap().variant,
        Some("no-certificate")
    );

    for variant in Variant::ALL {
        assert_eq!(Variant::parse(variant.name()), Some(variant));
    }
    assert_eq!(Variant::parse("other"), None);
}

#[test]
fn the_bank_keeps_a_bounded_number_of_requests_and_forgets_old_ones() {
    let bank = bank();
    let long_ago = now() - KEPT_FOR - Duration::seconds(1);
    let old = bank
        .create(SignPurpose::Sign, None, long_ago)
        .unwrap()
        .unwrap();
    for _ in 1..MAX_REQUESTS {
        bank.create(SignPurpose::Sign, None, now())
            .unwrap()
            .unwrap();
    }
    // The old one is forgotten, which makes room for one more.
    bank.create(SignPurpose::Sign, None, now())
        .unwrap()
        .unwrap();
    assert!(!bank.knows(&old.id));
    assert_eq!(
        bank.create(SignPurpose::Sign, None, now())
            .unwrap()
            .unwrap_err(),
        CreateRefused::Full
    );
}

#[test]
fn one_answer_is_taken_and_malformed_late_or_cancelled_answers_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let authority = Authority::open_or_create(dir.path(), POLICY, ORIGIN).unwrap();
    let registry = SqliteRegistry::open(&dir.path().join("registry.sqlite")).unwrap();
    let bank = bank();
    let examine = |id: &str, body: &str, at: OffsetDateTime| {
        let question = bank.begin_answer(id).unwrap();
        let outcome = bank.examine(body.as_bytes(), &question, &authority, &registry, at);
        bank.finish_answer(id, outcome.clone());
        outcome
    };

    let made = created(&bank, SignPurpose::Sign, None);
    let cancelled = r#"{"version":1,"status":"cancelled"}"#;
    assert_eq!(examine(&made.id, cancelled, now()), Outcome::Cancelled);
    assert_eq!(
        bank.begin_answer(&made.id).unwrap_err(),
        AnswerRefused::AlreadyAnswered
    );
    assert_eq!(bank.status(&made.id).unwrap().status, "cancelled");
    assert_eq!(bank.begin_answer("00").unwrap_err(), AnswerRefused::Unknown);

    for body in [
        "not json",
        r#"{"version":2,"status":"cancelled"}"#,
        r#"{"version":1,"status":"signed"}"#,
        r#"{"version":1,"status":"signed","signature":"***"}"#,
        r#"{"version":1,"status":"signed","signature":"AA==","identity":"***"}"#,
        r#"{"version":1,"status":"cancelled","signature":"AA=="}"#,
        r#"{"version":1,"status":"maybe"}"#,
        r#"{"version":1,"status":"cancelled","extra":1}"#,
    ] {
        let made = created(&bank, SignPurpose::Sign, None);
        let outcome = examine(&made.id, body, now());
        assert_eq!(outcome, Outcome::refused(Reason::AnswerMalformed), "{body}");
        let status = bank.status(&made.id).unwrap();
        assert_eq!(status.status, "refused");
        assert_eq!(status.reason, Some("answer-malformed"));
    }

    let made = created(&bank, SignPurpose::Sign, None);
    let late = now() + REQUEST_LIFETIME + Duration::seconds(1);
    assert_eq!(
        examine(&made.id, cancelled, late),
        Outcome::refused(Reason::RequestExpired)
    );

    let made = created(&bank, SignPurpose::Sign, None);
    let garbage = r#"{"version":1,"status":"signed","signature":"MAA="}"#;
    let Outcome::Refused { reason, checks, .. } = examine(&made.id, garbage, now()) else {
        panic!("not refused");
    };
    assert_eq!(reason, Reason::SignatureInvalid);
    assert!(!checks.unwrap().signature);
}

#[test]
fn the_banks_key_and_certificate_are_kept_in_the_cas_folder() {
    let dir = tempfile::tempdir().unwrap();
    let authority = Authority::open_or_create(dir.path(), POLICY, ORIGIN).unwrap();
    let first = RelyingParty::open_or_create(dir.path(), &authority).unwrap();
    assert_eq!(first.origin(), ORIGIN);
    let again = RelyingParty::open_or_create(dir.path(), &authority).unwrap();
    assert_eq!(first.certificate(), again.certificate());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join(KEY_FILE))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let (_, cert) = x509_parser::parse_x509_certificate(first.certificate()).unwrap();
    assert_eq!(
        cert.subject().to_string(),
        format!("C=KR, O=Dojang Sandbox, CN={NAME}")
    );
    let usage = cert.key_usage().unwrap().unwrap().value;
    assert!(usage.digital_signature() && usage.key_encipherment());
    assert!(!usage.key_cert_sign() && !usage.non_repudiation());
    assert!(
        cert.extended_key_usage()
            .unwrap()
            .unwrap()
            .value
            .server_auth
    );
    let issuer = x509_cert::Certificate::from_der(authority.issuing_der()).unwrap();
    let ours = x509_cert::Certificate::from_der(first.certificate()).unwrap();
    assert!(dojang_core::cert::chain::signed_by(&ours, &issuer));

    // A certificate not from this folder's CA is made again.
    std::fs::write(
        dir.path().join(CERTIFICATE_FILE),
        dojang_core::cert::pem("CERTIFICATE", bank().certificate()),
    )
    .unwrap();
    let remade = RelyingParty::open_or_create(dir.path(), &authority).unwrap();
    assert_ne!(remade.certificate(), first.certificate());
    let ours = x509_cert::Certificate::from_der(remade.certificate()).unwrap();
    assert!(dojang_core::cert::chain::signed_by(&ours, &issuer));
}
