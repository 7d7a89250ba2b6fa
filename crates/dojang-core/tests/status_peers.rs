//! Revocation status against independent peers on loopback: OpenSSL's OCSP responder
//! (good, revoked, unknown; signed by the CA, by a delegated responder, by a wrong key),
//! CRLs made by `openssl ca -gencrl` over HTTP and over LDAP from a real slapd, and
//! hostile answers (garbage, oversized, stale, about another certificate, a bad
//! signature), each of which must give "unknown" with its reason, never "good".

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use dojang_core::status::{CrlReason, Fault, Mode, StatusChecker, StatusSource, Verdict};
use dojang_testkit::peers::{self, FixedServer, OpensslOcsp, Revoked, Slapd};
use dojang_testkit::{Pointers, Subscriber, TestPki};
use time::{Duration, OffsetDateTime};

/// A certificate of `pki` pointing at these addresses, and its DER.
fn issue(pki: &TestPki, name: &str, pointers: Pointers) -> Vec<u8> {
    let mut subscriber = Subscriber::kica_personal(name);
    subscriber.pointers = pointers;
    pki.issue(&subscriber).unwrap().0
}

fn ocsp_at(url: &str) -> Pointers {
    Pointers {
        ocsp: Some(url.to_owned()),
        ..Pointers::default()
    }
}

fn crl_at(url: &str) -> Pointers {
    Pointers {
        crl: Some(url.to_owned()),
        ..Pointers::default()
    }
}

/// A checker with its own empty cache, online.
fn fresh_checker() -> (StatusChecker, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    (StatusChecker::new(data.path(), Mode::Fresh), data)
}

/// Two certificates of `pki` whose CRL is at `url`, and that CRL (made by `openssl ca
/// -gencrl`, a day long): the first good, the second revoked at `at` for `reason`.
fn good_and_revoked(
    pki: &TestPki,
    url: &str,
    at: OffsetDateTime,
    reason: &'static str,
) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let good = issue(pki, "홍길동", crl_at(url));
    let revoked = issue(pki, "김철수", crl_at(url));
    let index = peers::index_line(&good, None).unwrap()
        + &peers::index_line(&revoked, Some(Revoked { at, reason })).unwrap();
    let crl = peers::openssl_crl(&pki.issuing, &index, 24).unwrap();
    (good, revoked, crl)
}

fn faults(status: &dojang_core::status::CertificateStatus) -> Vec<Fault> {
    status.problems.iter().map(|p| p.fault.clone()).collect()
}

#[test]
fn openssls_responder_answers_good_revoked_and_unknown_and_dojang_believes_each() {
    let pki = TestPki::new("KICA").unwrap();
    let port = peers::free_port().unwrap();
    let url = format!("http://127.0.0.1:{port}/");
    let good = issue(&pki, "홍길동", ocsp_at(&url));
    let revoked = issue(&pki, "김철수", ocsp_at(&url));
    let stranger = issue(&pki, "이영희", ocsp_at(&url));
    let revoked_at = OffsetDateTime::now_utc() - Duration::hours(2);
    let index = peers::index_line(&good, None).unwrap()
        + &peers::index_line(
            &revoked,
            Some(Revoked {
                at: revoked_at,
                reason: "keyCompromise",
            }),
        )
        .unwrap();
    let _responder = OpensslOcsp::start(port, &pki.issuing, &pki.issuing, &index, &[]).unwrap();
    let (checker, data) = fresh_checker();
    let issuer = pki.issuing.der();
    let now = OffsetDateTime::now_utc();

    let status = checker.check(&good, Some(&issuer), now);
    assert_eq!(status.verdict, Verdict::Good, "{status:?}");
    assert_eq!(status.source, Some(StatusSource::Ocsp));
    assert_eq!(status.url.as_deref(), Some(url.as_str()));
    assert!(!status.from_cache);

    let status = checker.check(&revoked, Some(&issuer), now);
    assert_eq!(status.verdict, Verdict::Revoked, "{status:?}");
    assert_eq!(status.reason, Some(CrlReason::KeyCompromise));
    let at = status.revoked_at.unwrap();
    assert!(
        (at - revoked_at).abs() < Duration::seconds(2),
        "{at} vs {revoked_at}"
    );

    let status = checker.check(&stranger, Some(&issuer), now);
    assert_eq!(status.verdict, Verdict::Unknown);
    assert_eq!(faults(&status), [Fault::ResponderUnknown]);

    // Offline, the good answer is read back from the cache while it is fresh.
    let offline = StatusChecker::new(data.path(), Mode::Offline);
    let status = offline.check(&good, Some(&issuer), now);
    assert_eq!(status.verdict, Verdict::Good);
    assert!(status.from_cache);
    // Past its time (no nextUpdate: an hour), offline says so and when it last knew.
    let later = now + Duration::hours(2);
    let status = offline.check(&good, Some(&issuer), later);
    assert_eq!(status.verdict, Verdict::Unknown);
    assert_eq!(faults(&status), [Fault::Offline]);
    assert!(status.last_good.is_some());
}

#[test]
fn a_delegated_responder_is_believed_only_with_the_cas_ocsp_signing_certificate() {
    let pki = TestPki::new("KICA").unwrap();
    let issuer = pki.issuing.der();
    for (for_ocsp, key_id, believed) in [
        (true, false, true),
        (true, true, true),
        (false, false, false),
    ] {
        let port = peers::free_port().unwrap();
        let url = format!("http://127.0.0.1:{port}/");
        let cert = issue(&pki, "홍길동", ocsp_at(&url));
        let (responder, key) = pki.issue_responder(for_ocsp).unwrap();
        let extra: &[&str] = if key_id { &["-resp_key_id"] } else { &[] };
        let index = peers::index_line(&cert, None).unwrap();
        let _responder =
            OpensslOcsp::start_with_signer(port, &pki.issuing, &responder, &key, &index, extra)
                .unwrap();
        let (checker, _data) = fresh_checker();
        let status = checker.check(&cert, Some(&issuer), OffsetDateTime::now_utc());
        if believed {
            assert_eq!(status.verdict, Verdict::Good, "{status:?}");
        } else {
            assert_eq!(status.verdict, Verdict::Unknown);
            assert!(
                matches!(&faults(&status)[..], [Fault::BadSignature { detail }] if detail.contains("not for OCSP signing")),
                "{status:?}"
            );
        }
    }
}

#[test]
fn hostile_ocsp_answers_are_never_good() {
    let pki = TestPki::new("KICA").unwrap();
    let issuer = pki.issuing.der();
    let now = OffsetDateTime::now_utc();
    let check = |url: &str| {
        let cert = issue(&pki, "홍길동", ocsp_at(url));
        let (checker, _data) = fresh_checker();
        checker.check(&cert, Some(&issuer), now)
    };

    // Signed by a key that is not the CA's (another CA of the same name).
    let impostor = TestPki::new("KICA").unwrap();
    let port = peers::free_port().unwrap();
    let url = format!("http://127.0.0.1:{port}/");
    let cert = issue(&pki, "홍길동", ocsp_at(&url));
    let index = peers::index_line(&cert, None).unwrap();
    let _wrong = OpensslOcsp::start(port, &pki.issuing, &impostor.issuing, &index, &[]).unwrap();
    let (checker, _data) = fresh_checker();
    let status = checker.check(&cert, Some(&issuer), now);
    assert_eq!(status.verdict, Verdict::Unknown);
    assert!(
        matches!(faults(&status)[..], [Fault::BadSignature { .. }]),
        "{status:?}"
    );

    // Garbage, and an answer far larger than any OCSP answer.
    let garbage = FixedServer::start(b"<html>not OCSP</html>".to_vec()).unwrap();
    let status = check(&garbage.url);
    assert!(
        matches!(faults(&status)[..], [Fault::Malformed { .. }]),
        "{status:?}"
    );
    let flood = FixedServer::start(vec![0x30; 200 * 1024]).unwrap();
    let status = check(&flood.url);
    assert_eq!(faults(&status), [Fault::TooLarge { limit: 64 * 1024 }]);
    assert_eq!(status.verdict, Verdict::Unknown);

    // A real answer about another certificate, replayed (without a nonce, as a replay
    // would be): about the wrong certificate.
    let port = peers::free_port().unwrap();
    let url = format!("http://127.0.0.1:{port}/");
    let other = issue(&pki, "김철수", ocsp_at(&url));
    let index = peers::index_line(&other, None).unwrap();
    let responder = OpensslOcsp::start(port, &pki.issuing, &pki.issuing, &index, &[]).unwrap();
    let recorded = record_answer(&other, &pki, &responder.url, false);
    let replay = FixedServer::start(recorded).unwrap();
    let status = check(&replay.url);
    assert_eq!(faults(&status), [Fault::WrongCertificate], "{status:?}");

    // An answer about this very certificate replayed from its address: without a nonce
    // it is believed while fresh (RFC 8954 lets responders leave the nonce out); with
    // another request's nonce it is refused.
    let replay = FixedServer::start(Vec::new()).unwrap();
    let replayed = issue(&pki, "김철수", ocsp_at(&replay.url));
    let index = peers::index_line(&replayed, None).unwrap();
    let real_port = peers::free_port().unwrap();
    let real = OpensslOcsp::start(real_port, &pki.issuing, &pki.issuing, &index, &[]).unwrap();
    for (nonce, believed) in [(false, true), (true, false)] {
        replay.set_body(record_answer(&replayed, &pki, &real.url, nonce));
        let (checker, _data) = fresh_checker();
        let status = checker.check(&replayed, Some(&issuer), now);
        if believed {
            assert_eq!(status.verdict, Verdict::Good, "{status:?}");
        } else {
            assert_eq!(faults(&status), [Fault::NonceMismatch], "{status:?}");
        }
    }

    // The responder's own answer judged three hours on (without nextUpdate it is
    // believed for an hour): stale.
    let (checker, _data) = fresh_checker();
    let status = checker.check(&other, Some(&issuer), now + Duration::hours(3));
    assert_eq!(status.verdict, Verdict::Unknown);
    assert!(
        matches!(faults(&status)[..], [Fault::Stale { .. }]),
        "{status:?}"
    );
}

/// An answer about `cert` recorded with OpenSSL's own client, with its own nonce or
/// without one.
fn record_answer(cert: &[u8], pki: &TestPki, url: &str, nonce: bool) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let pem = |der: &[u8]| dojang_core::cert::pem("CERTIFICATE", der);
    std::fs::write(dir.path().join("cert.pem"), pem(cert)).unwrap();
    std::fs::write(dir.path().join("ca.pem"), pki.issuing.pem()).unwrap();
    let nonce = if nonce { "-nonce" } else { "-no_nonce" };
    let out = std::process::Command::new("openssl")
        .args([
            "ocsp",
            "-issuer",
            "ca.pem",
            "-cert",
            "cert.pem",
            "-url",
            url,
            nonce,
            "-noverify",
            "-respout",
            "answer.der",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(dir.path().join("answer.der")).unwrap()
}

#[test]
fn a_crl_from_openssl_ca_is_read_over_http_and_a_tampered_or_stale_one_is_not() {
    let pki = TestPki::new("KICA").unwrap();
    let issuer = pki.issuing.der();
    let now = OffsetDateTime::now_utc();
    // The CRL's address is in the certificates before the CRL exists: the server's
    // answer is set afterwards.
    let server = FixedServer::start(Vec::new()).unwrap();
    let url = format!("{}ca1.crl", server.url);
    let (good, revoked, crl) = good_and_revoked(&pki, &url, now - Duration::days(1), "superseded");
    server.set_body(crl.clone());

    let (checker, data) = fresh_checker();
    let status = checker.check(&good, Some(&issuer), now);
    assert_eq!(status.verdict, Verdict::Good, "{status:?}");
    assert_eq!(status.source, Some(StatusSource::Crl));
    // The CRL fetched once serves every certificate it covers, until its nextUpdate.
    let checker = StatusChecker::new(data.path(), Mode::Cached);
    let status = checker.check(&revoked, Some(&issuer), now);
    assert_eq!(status.verdict, Verdict::Revoked);
    assert_eq!(status.reason, Some(CrlReason::Superseded));
    assert!(status.from_cache);
    let hits = server.hits();

    // After its nextUpdate the cached CRL is stale, and the server's copy too.
    let status = checker.check(&good, Some(&issuer), now + Duration::hours(30));
    assert_eq!(status.verdict, Verdict::Unknown);
    assert!(
        matches!(faults(&status)[..], [Fault::Stale { .. }]),
        "{status:?}"
    );
    assert_eq!(server.hits(), hits + 1, "a stale CRL is fetched again");
    drop(data);

    // A CRL whose signature was tampered with.
    let mut tampered = crl.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    let server = FixedServer::start(tampered).unwrap();
    let cert = issue(&pki, "이영희", crl_at(&server.url));
    let (checker, _data) = fresh_checker();
    let status = checker.check(&cert, Some(&issuer), now);
    assert_eq!(status.verdict, Verdict::Unknown);
    assert!(
        matches!(faults(&status)[..], [Fault::BadSignature { .. }]),
        "{status:?}"
    );

    // Another CA's CRL at the address: about other certificates.
    let other = TestPki::new("yessign").unwrap();
    let foreign = peers::openssl_crl(&other.issuing, "", 24).unwrap();
    let server = FixedServer::start(foreign).unwrap();
    let cert = issue(&pki, "박민수", crl_at(&server.url));
    let status = checker.check(&cert, Some(&issuer), now);
    assert_eq!(faults(&status), [Fault::WrongCertificate]);
}

#[test]
fn a_crl_published_in_a_real_ldap_directory_is_fetched_and_applied() {
    let slapd = Slapd::start().unwrap();
    let pki = TestPki::new("TradeSign").unwrap();
    let issuer = pki.issuing.der();
    let now = OffsetDateTime::now_utc();
    let url = slapd.url_for(
        "TradeSign",
        "crldp3",
        "crl1dp588",
        "certificateRevocationList",
    );
    let (good, revoked, crl) =
        good_and_revoked(&pki, &url, now - Duration::hours(5), "keyCompromise");
    let published = slapd
        .publish(
            "TradeSign",
            "crldp3",
            "crl1dp588",
            "certificateRevocationList",
            &crl,
        )
        .unwrap();
    assert_eq!(published, url);

    let (checker, _data) = fresh_checker();
    let status = checker.check(&revoked, Some(&issuer), now);
    assert_eq!(status.verdict, Verdict::Revoked, "{status:?}");
    assert_eq!(status.source, Some(StatusSource::Crl));
    assert_eq!(status.url.as_deref(), Some(url.as_str()));
    let status = checker.check(&good, Some(&issuer), now);
    assert_eq!(status.verdict, Verdict::Good, "{status:?}");

    // An entry without the CRL attribute says so.
    let missing = slapd.url_for(
        "TradeSign",
        "crldp3",
        "nothing-here",
        "certificateRevocationList",
    );
    let cert = issue(&pki, "이영희", crl_at(&missing));
    let (checker, _data) = fresh_checker();
    let status = checker.check(&cert, Some(&issuer), now);
    assert_eq!(status.verdict, Verdict::Unknown);
    assert!(
        matches!(faults(&status)[..], [Fault::Missing { .. }]),
        "{status:?}"
    );
}

#[test]
fn without_a_pointer_or_an_issuer_nothing_is_claimed() {
    let pki = TestPki::new("KICA").unwrap();
    let bare = issue(&pki, "홍길동", Pointers::default());
    let (checker, _data) = fresh_checker();
    let now = OffsetDateTime::now_utc();
    let status = checker.check(&bare, Some(&pki.issuing.der()), now);
    assert_eq!(
        (status.verdict, faults(&status)),
        (Verdict::Unknown, vec![Fault::NoPointer])
    );
    let pointed = issue(&pki, "홍길동", ocsp_at("http://127.0.0.1:9/"));
    let status = checker.check(&pointed, None, now);
    assert_eq!(faults(&status), [Fault::IssuerNotFound]);
    // Nothing listens there.
    let status = checker.check(&pointed, Some(&pki.issuing.der()), now);
    assert!(
        matches!(faults(&status)[..], [Fault::Unreachable { .. }]),
        "{status:?}"
    );
}

/// A responder that takes each connection and closes it unanswered, counting them.
fn closing_server() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let accepted = std::sync::Arc::new(AtomicUsize::new(0));
    let counter = accepted.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            counter.fetch_add(1, Ordering::SeqCst);
            drop(stream);
        }
    });
    (url, accepted)
}

#[test]
fn a_responder_that_cannot_be_reached_is_waited_for_once_in_a_round() {
    let pki = TestPki::new("KICA").unwrap();
    let (url, accepted) = closing_server();
    let certs: Vec<Vec<u8>> = ["홍길동", "김철수", "이영희"]
        .iter()
        .map(|name| issue(&pki, name, ocsp_at(&url)))
        .collect();
    let issuer = pki.issuing.der();
    let now = OffsetDateTime::now_utc();
    let (checker, _data) = fresh_checker();
    for cert in &certs {
        let status = checker.check(cert, Some(&issuer), now);
        assert_eq!(status.verdict, Verdict::Unknown);
        assert!(
            matches!(faults(&status)[..], [Fault::Unreachable { .. }]),
            "{status:?}"
        );
    }
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 1);
    // The next round (the next list, or "check now") tries again.
    let (checker, _data) = fresh_checker();
    let status = checker.check(&certs[0], Some(&issuer), now);
    assert_eq!(status.verdict, Verdict::Unknown);
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 2);
}
