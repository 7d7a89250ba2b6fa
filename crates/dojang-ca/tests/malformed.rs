//! What a broken or hostile client sends: each gets a CMP error message or an HTTP error,
//! never a crash or a hang, and the server goes on serving; it stops gracefully on
//! SIGTERM.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use common::{Enrolment, Server, ServerClient, refusal};
use dojang_core::cmp::protection::{PbmParameter, Protector, protect};
use dojang_core::cmp::request::{header, new_nonce, null_dn};
use dojang_core::cmp::{FailureBit, PkiBody, ReasonCode, decode, encode};
use dojang_core::keys::private_key::{KeyType, generate};

const ID: &str = "9001011234567";

/// POSTs a body as CMP and returns the refusal the server answered with.
fn refused(server: &Server, body: &[u8]) -> dojang_core::cmp::PkiStatusInfo {
    let answer = server.client().cmp(body);
    refusal(&answer).unwrap_or_else(|| panic!("not refused: {}", answer.body.name()))
}

fn still_serves(server: &Server) {
    let app = server.apply("확인", ID, &[]);
    let (kid, secret) = common::registration(&app);
    let key = generate(KeyType::P256).unwrap();
    Enrolment::new(server.client(), &kid, &secret, &key)
        .run()
        .unwrap();
}

#[test]
fn garbage_and_truncated_messages_get_an_error_message() {
    let server = Server::start(&[]);
    let status = refused(&server, b"this is not DER at all");
    assert!(status.fail_info().contains(FailureBit::BadDataFormat));
    assert_eq!(status.reason(), Some(ReasonCode::BadRequest));
    assert!(
        refused(&server, b"")
            .fail_info()
            .contains(FailureBit::BadDataFormat)
    );

    let app = server.apply("홍길동", ID, &[]);
    let (kid, secret) = common::registration(&app);
    let key = generate(KeyType::P256).unwrap();
    let ir = Enrolment::new(server.client(), &kid, &secret, &key).ir();
    for cut in [1, 2, 10, ir.len() / 2, ir.len() - 1] {
        let status = refused(&server, &ir[..cut]);
        assert!(status.fail_info().contains(FailureBit::BadDataFormat));
    }
    // A flipped byte in the protected part: decodes, but the MAC fails.
    let mut flipped = ir.clone();
    let last = flipped.len() - 40;
    flipped[last] ^= 1;
    let answer = server.client().cmp(&flipped);
    assert!(refusal(&answer).is_some());
    still_serves(&server);
}

#[test]
fn transport_errors_are_http_errors() {
    let server = Server::start(&[]);
    let http = server.client();
    assert_eq!(http.post("/cmp", "text/plain", b"x").status, 415);
    assert_eq!(http.post("/cmp", "application/json", b"{}").status, 415);
    assert_eq!(http.post("/other", "application/pkixcmp", b"x").status, 404);
    let get = http.raw(b"GET /cmp HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(get.status, 405);
    let big = vec![0x30u8; 1024 * 1024];
    assert_eq!(http.post("/cmp", "application/pkixcmp", &big).status, 413);
    // A body larger than announced by chunked encoding is cut off too.
    let mut chunked = b"POST /cmp HTTP/1.1\r\nHost: x\r\nContent-Type: application/pkixcmp\r\n\
        Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        .to_vec();
    for _ in 0..80 {
        chunked.extend_from_slice(b"400\r\n");
        chunked.extend_from_slice(&[0x41; 0x400]);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    assert_eq!(http.raw(&chunked).status, 413);
    // The content type may carry parameters and any case.
    let answer = http.post("/cmp", "Application/PKIXCMP; charset=binary", b"\x30\x00");
    assert_eq!(answer.status, 200);
    // The CA certificates are served for the AIA pointers.
    let root = http.raw(b"GET /ca/root.der HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(root.status, 200);
    assert_eq!(root.body, common_root_der(&server));
    still_serves(&server);
}

fn common_root_der(server: &Server) -> Vec<u8> {
    let pem = std::fs::read(server.root_pem()).unwrap();
    x509_parser::pem::parse_x509_pem(&pem).unwrap().1.contents
}

#[test]
fn unsupported_bodies_and_unauthenticated_requests_are_refused() {
    let server = Server::start(&[]);
    let app = server.apply("홍길동", ID, &[]);
    let (kid, secret) = common::registration(&app);
    let tx = new_nonce().unwrap();
    let mac = |body: PkiBody| {
        let hdr = header(
            null_dn(),
            null_dn(),
            Some(kid.as_bytes()),
            tx.as_bytes(),
            None,
        )
        .unwrap();
        encode(
            &protect(
                hdr,
                body,
                None,
                &Protector::Mac {
                    secret: secret.as_bytes(),
                    params: PbmParameter::new_random().unwrap(),
                },
            )
            .unwrap(),
        )
        .unwrap()
    };
    let status = refused(&server, &mac(PkiBody::Genm(vec![])));
    assert!(status.fail_info().contains(FailureBit::BadRequest));
    assert!(status.describe().contains("genm"));
    let status = refused(&server, &mac(PkiBody::PkiConf));
    assert!(status.fail_info().contains(FailureBit::BadRequest));

    // An ir without protection.
    let key = generate(KeyType::P256).unwrap();
    let hdr = header(
        null_dn(),
        null_dn(),
        Some(kid.as_bytes()),
        tx.as_bytes(),
        None,
    )
    .unwrap();
    let body = PkiBody::Ir(vec![
        dojang_core::cmp::request::cert_req_msg(&key, 0, None, None).unwrap(),
    ]);
    let unprotected = encode(&dojang_core::cmp::PkiMessage::new(hdr, body).unwrap()).unwrap();
    let status = refused(&server, &unprotected);
    assert!(status.fail_info().contains(FailureBit::WrongIntegrity));

    // PBM parameters asking for a billion iterations are refused at once.
    let hdr = header(
        null_dn(),
        null_dn(),
        Some(kid.as_bytes()),
        tx.as_bytes(),
        None,
    )
    .unwrap();
    let mut params = PbmParameter::new_random().unwrap();
    params.iteration_count = 1_000_000_000;
    let hostile = protect(
        hdr,
        PkiBody::Ir(vec![
            dojang_core::cmp::request::cert_req_msg(&key, 0, None, None).unwrap(),
        ]),
        None,
        &Protector::Mac {
            secret: b"x",
            params: PbmParameter::new_random().unwrap(),
        },
    )
    .unwrap();
    // Rebuild with the hostile parameters in the header (the MAC itself is never
    // computed: the count is checked first).
    let mut header_value = hostile.header.value().clone();
    header_value.protection_alg = Some(x509_cert::spki::AlgorithmIdentifierOwned {
        oid: dojang_core::cmp::protection::PASSWORD_BASED_MAC_OID,
        parameters: Some(x509_cert::der::asn1::Any::encode_from(&params).unwrap()),
    });
    let mut message =
        dojang_core::cmp::PkiMessage::new(header_value, hostile.body.value().clone()).unwrap();
    message.protection = hostile.protection.clone();
    let started = std::time::Instant::now();
    let status = refused(&server, &encode(&message).unwrap());
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    assert!(status.fail_info().contains(FailureBit::BadAlg));
    still_serves(&server);
}

#[test]
fn replayed_messages_and_foreign_cert_confs_are_refused() {
    let server = Server::start(&[]);
    let app = server.apply("홍길동", ID, &[]);
    let (kid, secret) = common::registration(&app);
    let key = generate(KeyType::P256).unwrap();
    let enrolment = Enrolment::new(server.client(), &kid, &secret, &key);
    let ir = enrolment.ir();
    let ip = server.client().cmp(&ir);
    assert!(refusal(&ip).is_none());
    // The same ir again: its transactionID is in use.
    let status = refused(&server, &ir);
    assert!(status.fail_info().contains(FailureBit::TransactionIdInUse));

    let cert = match ip.body.value() {
        PkiBody::Ip(rep) => match &rep.response[0]
            .certified_key_pair
            .as_ref()
            .unwrap()
            .cert_or_enc_cert
        {
            dojang_core::cmp::message::CertOrEncCert::Certificate(c) => c.der().to_vec(),
            _ => panic!(),
        },
        _ => panic!(),
    };

    // A certConf from another application's holder for this transaction: its MAC is
    // made with the other secret.
    let other = server.apply("김철수", ID, &[]);
    let (other_kid, other_secret) = common::registration(&other);
    let mut foreign = Enrolment::new(server.client(), &other_kid, &other_secret, &key);
    foreign.transaction_id = enrolment.transaction_id.clone();
    let status = refused(&server, &foreign.cert_conf(&ip, &cert, false));
    assert!(status.fail_info().contains(FailureBit::BadMessageCheck));
    // A certConf for a transaction nobody started.
    let mut stranger = Enrolment::new(server.client(), &kid, &secret, &key);
    stranger.transaction_id = new_nonce().unwrap().as_bytes().to_vec();
    let status = refused(&server, &stranger.cert_conf(&ip, &cert, false));
    assert!(status.fail_info().contains(FailureBit::BadRequest));
    // A certConf with the wrong recipNonce.
    let ir_message = decode(&ir).unwrap();
    let status = refused(&server, &enrolment.cert_conf(&ir_message, &cert, false));
    assert!(status.fail_info().contains(FailureBit::BadRecipientNonce));

    // The real certConf commits; replaying it is refused.
    let cert_conf = enrolment.cert_conf(&ip, &cert, false);
    let answer = server.client().cmp(&cert_conf);
    assert_eq!(answer.body.value(), &PkiBody::PkiConf);
    let status = refused(&server, &cert_conf);
    assert!(status.fail_info().contains(FailureBit::CertConfirmed));
    assert_eq!(server.certificates_in("valid").len(), 1);
}

#[test]
fn stalled_connections_do_not_stop_the_server_and_sigterm_stops_it_gracefully() {
    let mut server = Server::start(&["--shutdown-grace", "2"]);
    // A client that sends half a request and waits.
    let mut stalled = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    use std::io::Write;
    stalled
        .write_all(b"POST /cmp HTTP/1.1\r\nHost: x\r\nContent-Type: application/pkixcmp\r\nContent-Length: 100\r\n\r\n\x30")
        .unwrap();
    still_serves(&server);
    assert!(server.is_running());
    let started = std::time::Instant::now();
    assert!(server.stop(), "the server did not exit cleanly");
    // Gives the stalled exchange at most the grace period.
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn mutated_requests_always_get_a_cmp_answer() {
    // Two hundred requests from one address: no rate limit for this one.
    let server = Server::start(&["--rate-limit", "0"]);
    let app = server.apply("홍길동", ID, &[]);
    let (kid, secret) = common::registration(&app);
    let key = generate(KeyType::P256).unwrap();
    let ir = Enrolment::new(server.client(), &kid, &secret, &key).ir();
    // A cheap deterministic generator: the same mutations on every run.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..200 {
        let mut bad = ir.clone();
        for _ in 0..(next() % 4 + 1) {
            let at = (next() as usize) % bad.len();
            match next() % 3 {
                0 => bad[at] = next() as u8,
                1 => {
                    bad.remove(at);
                }
                _ => bad.insert(at, next() as u8),
            }
        }
        let reply = server.client().post("/cmp", "application/pkixcmp", &bad);
        assert_eq!(reply.status, 200);
        decode(&reply.body).unwrap();
    }
    still_serves(&server);
}

/// One client address cannot hammer the CA: over its rate limit it is told to come back
/// later (HTTP 429, an "unavailable" CMP error with the wait), while the CA goes on.
#[test]
fn a_client_over_its_rate_limit_is_told_to_wait() {
    let server = Server::start(&["--rate-limit", "6"]);
    let http = server.client();
    let garbage = b"\x30\x03\x02\x01\x00";
    for _ in 0..6 {
        assert_eq!(
            http.post("/cmp", "application/pkixcmp", garbage).status,
            200
        );
    }
    let over = http.post("/cmp", "application/pkixcmp", garbage);
    assert_eq!(over.status, 429);
    assert_eq!(over.content_type, "application/pkixcmp");
    let answer = decode(&over.body).unwrap();
    let status = refusal(&answer).unwrap();
    assert_eq!(status.reason(), Some(ReasonCode::Unavailable));
    assert!(status.fail_info().contains(FailureBit::SystemUnavail));
    assert!(
        status.describe().contains("try again in"),
        "{}",
        status.describe()
    );
    // A token comes back every ten seconds at six a minute.
    std::thread::sleep(std::time::Duration::from_secs(10));
    assert_eq!(
        http.post("/cmp", "application/pkixcmp", garbage).status,
        200
    );
}

/// The CRL is signed once and served from a cache: the same bytes until a certificate
/// changes state, then a new CRL that lists it.
#[test]
fn the_crl_is_cached_until_a_certificate_changes_state() {
    let server = Server::start(&[]);
    let http = server.client();
    let get = || {
        let reply = http.raw(b"GET /crl/ca1.crl HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assert_eq!(reply.status, 200);
        assert_eq!(reply.content_type, "application/pkix-crl");
        reply.body
    };
    let app = server.apply("홍길동", ID, &[]);
    let (kid, secret) = common::registration(&app);
    let key = generate(KeyType::P256).unwrap();
    let cert = Enrolment::new(server.client(), &kid, &secret, &key)
        .run()
        .unwrap();
    let first = get();
    // Its thisUpdate would be a second later if it were signed again.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(get(), first, "served from the cache");
    use der::Decode as _;
    let serial_bytes = x509_cert::Certificate::from_der(&cert)
        .unwrap()
        .tbs_certificate
        .serial_number;
    let serial = dojang_core::cert::hex(serial_bytes.as_bytes(), "");
    let revoked = std::process::Command::new(env!("CARGO_BIN_EXE_dojang-ca"))
        .args(["revoke", "--dir"])
        .arg(server.path())
        .arg(&serial)
        .output()
        .unwrap();
    assert!(
        revoked.status.success(),
        "{}",
        String::from_utf8_lossy(&revoked.stderr)
    );
    let after = get();
    assert_ne!(after, first, "a revocation makes a new CRL");
    assert!(
        after
            .windows(serial_bytes.as_bytes().len())
            .any(|w| w == serial_bytes.as_bytes())
    );
}
