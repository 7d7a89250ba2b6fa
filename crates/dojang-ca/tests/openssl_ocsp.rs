//! The sandbox CA's OCSP responder with OpenSSL's own client (`openssl ocsp`): a
//! certificate in force is good and the answer verifies against the root, a revoked one
//! is revoked with its reason, a serial never issued or another CA's certificate is
//! unknown, the nonce comes back, the GET form is answered like a POST, and what is not
//! a request gets `malformedRequest`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use der::{Decode as _, Encode as _};
use dojang_core::keys::private_key::{KeyType, generate};
use x509_ocsp::{BasicOcspResponse, OcspRequest, OcspResponse, OcspResponseStatus};

use common::{Enrolment, Server, ServerClient, openssl};

const ID: &str = "9001011234567";

/// A certificate issued by the server through the app's CMP client: its PEM file in the
/// server's folder and its serial number (lower-case hex).
struct Issued {
    pem: String,
    serial: String,
}

/// Issues a certificate on a new application (`apply` options `kind`) to `name`, written
/// to `file`.
fn issue(server: &Server, name: &str, file: &str, kind: &[&str]) -> Issued {
    let app = server.apply(name, ID, kind);
    let (kid, secret) = common::registration(&app);
    let key = generate(KeyType::P256).unwrap();
    let der = Enrolment::new(server.client(), &kid, &secret, &key)
        .run()
        .unwrap();
    let pem = file_in(server, file);
    std::fs::write(&pem, dojang_core::cert::pem("CERTIFICATE", &der)).unwrap();
    let parsed = x509_cert::Certificate::from_der(&der).unwrap();
    let serial = dojang_core::cert::hex(parsed.tbs_certificate.serial_number.as_bytes(), "");
    Issued { pem, serial }
}

fn file_in(server: &Server, name: &str) -> String {
    server.path().join(name).display().to_string()
}

fn url(server: &Server) -> String {
    format!("http://127.0.0.1:{}/ocsp", server.port)
}

/// `openssl ocsp` asking the server about CA1's certificates, checking the answer
/// against the root, printing it; `more` names the certificates and adds options.
fn ask(server: &Server, more: &[&str]) -> (bool, String) {
    let url = url(server);
    let ca1 = server.ca1_pem().display().to_string();
    let root = server.root_pem().display().to_string();
    let mut args = vec![
        "ocsp",
        "-issuer",
        &ca1,
        "-url",
        &url,
        "-CAfile",
        &root,
        "-resp_text",
    ];
    args.extend_from_slice(more);
    openssl(&args)
}

/// Asserts that OpenSSL printed each of `expected`.
fn prints(out: &str, expected: &[&str]) {
    for text in expected {
        assert!(out.contains(text), "no {text:?} in {out}");
    }
}

/// [`ask`], which must succeed with an answer that verifies and prints each of
/// `expected`; what OpenSSL printed.
fn answered(server: &Server, more: &[&str], expected: &[&str]) -> String {
    let (ok, out) = ask(server, more);
    assert!(ok, "{out}");
    prints(&out, &["Response verify OK"]);
    prints(&out, expected);
    out
}

/// The DER request `openssl ocsp` makes for `cert` (with a nonce), without sending it.
fn request_for(server: &Server, cert: &Issued) -> Vec<u8> {
    let file = file_in(server, "req.der");
    let ca1 = server.ca1_pem().display().to_string();
    let (ok, out) = openssl(&[
        "ocsp", "-issuer", &ca1, "-cert", &cert.pem, "-reqout", &file,
    ]);
    assert!(ok, "{out}");
    std::fs::read(&file).unwrap()
}

fn nonce_of_request(request: &[u8]) -> Vec<u8> {
    let nonce = OcspRequest::from_der(request).unwrap().nonce().unwrap();
    nonce.0.as_bytes().to_vec()
}

fn nonce_of_response(response: &[u8]) -> Vec<u8> {
    let response = OcspResponse::from_der(response).unwrap();
    let bytes = response.response_bytes.expect("a successful answer");
    let basic = BasicOcspResponse::from_der(bytes.response.as_bytes()).unwrap();
    basic.nonce().expect("a nonce").0.as_bytes().to_vec()
}

fn status_of(response: &[u8]) -> OcspResponseStatus {
    OcspResponse::from_der(response).unwrap().response_status
}

#[test]
fn openssl_hears_good_then_revoked_with_the_reason() {
    let server = Server::start(&[]);
    let cert = issue(&server, "홍길동", "cert.pem", &[]);

    let out = answered(
        &server,
        &["-cert", &cert.pem],
        &[
            "cert.pem: good",
            "Next Update: ",
            "Signature Algorithm: sha256WithRSAEncryption",
        ],
    );
    // Signed by CA1 itself, named byKey: the same SHA-1 as the CertID's issuerKeyHash.
    let field = |name: &str| {
        out.lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .unwrap_or_else(|| panic!("no {name} in {out}"))
            .to_owned()
    };
    assert_eq!(field("Responder Id: "), field("Issuer Key Hash: "));

    common::revoke(&server, &cert.serial, "keyCompromise");
    answered(
        &server,
        &["-cert", &cert.pem],
        &[
            "cert.pem: revoked",
            "Reason: keyCompromise",
            "Revocation Time: ",
        ],
    );

    // A reissue supersedes the previous certificate: the reason the registry keeps.
    let first = issue(&server, "김철수", "first.pem", &[]);
    issue(&server, "김철수", "second.pem", &["--kind", "reissue"]);
    answered(
        &server,
        &["-cert", &first.pem],
        &["first.pem: revoked", "Reason: superseded"],
    );
}

#[test]
fn serials_never_issued_and_other_issuers_are_unknown() {
    let server = Server::start(&[]);
    let cert = issue(&server, "홍길동", "cert.pem", &[]);

    answered(
        &server,
        &["-serial", "0x0123456789abcdef"],
        &["0x0123456789abcdef: unknown"],
    );
    // Several at once, each answered: the issued one good, the others unknown.
    answered(
        &server,
        &["-serial", "0x01", "-cert", &cert.pem, "-serial", "0x02"],
        &["0x01: unknown", "cert.pem: good", "0x02: unknown"],
    );

    // An issued serial under another issuer (the root) is not this CA's certificate. (The
    // answer cannot verify: CA1 does not answer for the root's certificates.)
    let root = server.root_pem().display().to_string();
    let (_, out) = openssl(&[
        "ocsp",
        "-issuer",
        &root,
        "-cert",
        &cert.pem,
        "-url",
        &url(&server),
        "-noverify",
    ]);
    prints(&out, &["cert.pem: unknown"]);
}

#[test]
fn cert_ids_hashed_with_sha256_are_answered_and_other_hashes_are_unknown() {
    let server = Server::start(&[]);
    let cert = issue(&server, "홍길동", "cert.pem", &[]);
    answered(
        &server,
        &["-sha256", "-cert", &cert.pem],
        &["Hash Algorithm: sha256", "cert.pem: good"],
    );
    answered(
        &server,
        &["-sha384", "-cert", &cert.pem],
        &["Hash Algorithm: sha384", "cert.pem: unknown"],
    );
}

#[test]
fn the_nonce_comes_back_and_a_request_without_one_is_answered_too() {
    let server = Server::start(&[]);
    let cert = issue(&server, "홍길동", "cert.pem", &[]);

    // OpenSSL sends a nonce unless told not to, and checks the one that comes back.
    let out = answered(&server, &["-cert", &cert.pem], &["OCSP Nonce"]);
    assert!(!out.contains("WARNING: no nonce in response"), "{out}");
    assert!(!out.contains("Nonce Verify error"), "{out}");

    let out = answered(
        &server,
        &["-no_nonce", "-cert", &cert.pem],
        &["cert.pem: good"],
    );
    assert!(!out.contains("OCSP Nonce"), "{out}");

    // A request OpenSSL wrote, sent by hand: the same nonce comes back.
    let request = request_for(&server, &cert);
    let reply = server
        .client()
        .post("/ocsp", "application/ocsp-request", &request);
    assert_eq!(nonce_of_response(&reply.body), nonce_of_request(&request));

    // A nonce longer than 32 octets is refused (RFC 8954).
    let mut long = OcspRequest::from_der(&request).unwrap();
    let extensions = long.tbs_request.request_extensions.as_mut().unwrap();
    let nonce = der::asn1::OctetString::new(vec![7u8; 33]).unwrap();
    extensions[0].extn_value = der::asn1::OctetString::new(nonce.to_der().unwrap()).unwrap();
    let reply = server
        .client()
        .post("/ocsp", "application/ocsp-request", &long.to_der().unwrap());
    assert_eq!(reply.status, 200);
    assert_eq!(status_of(&reply.body), OcspResponseStatus::MalformedRequest);
}

#[test]
fn a_get_request_is_answered_like_a_post() {
    let server = Server::start(&[]);
    let cert = issue(&server, "홍길동", "cert.pem", &[]);
    let request = request_for(&server, &cert);
    let (ok, base64) = openssl(&["base64", "-A", "-in", &file_in(&server, "req.der")]);
    assert!(ok, "{base64}");
    let base64 = base64.trim();
    let encoded = base64
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    let ca1 = server.ca1_pem().display().to_string();
    let root = server.root_pem().display().to_string();

    // Percent-encoded, as RFC 6960 A.1 has it, and as bare base64, as some clients send it.
    for path in [encoded.as_str(), base64] {
        let get = format!("GET /ocsp/{path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let reply = server.client().raw(get.as_bytes());
        assert_eq!(reply.status, 200);
        assert_eq!(reply.content_type, "application/ocsp-response");
        assert_eq!(nonce_of_response(&reply.body), nonce_of_request(&request));
        let response_file = file_in(&server, "resp.der");
        std::fs::write(&response_file, &reply.body).unwrap();
        // OpenSSL reads the answer back; the request it would make has another nonce.
        let (ok, out) = openssl(&[
            "ocsp",
            "-respin",
            &response_file,
            "-issuer",
            &ca1,
            "-cert",
            &cert.pem,
            "-CAfile",
            &root,
            "-no_nonce",
        ]);
        assert!(ok, "{out}");
        prints(&out, &["cert.pem: good", "Response verify OK"]);
    }

    // A path that is not base64 is a malformed request.
    let reply = server
        .client()
        .raw(b"GET /ocsp/not%20base64! HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(reply.status, 200);
    assert_eq!(status_of(&reply.body), OcspResponseStatus::MalformedRequest);
}

#[test]
fn what_is_not_a_request_gets_malformed_request() {
    let server = Server::start(&[]);
    let http = server.client();
    let garbage = http.post(
        "/ocsp",
        "application/ocsp-request",
        b"this is not DER at all",
    );
    assert_eq!(garbage.status, 200);
    assert_eq!(garbage.content_type, "application/ocsp-response");
    let response = OcspResponse::from_der(&garbage.body).unwrap();
    assert_eq!(
        response.response_status,
        OcspResponseStatus::MalformedRequest
    );
    assert!(response.response_bytes.is_none());
    // OpenSSL reads it the same way.
    let file = file_in(&server, "garbage.der");
    std::fs::write(&file, &garbage.body).unwrap();
    let (_, out) = openssl(&["ocsp", "-respin", &file, "-noverify"]);
    prints(&out, &["Responder Error: malformedrequest (1)"]);

    // Empty, and over 64 KiB.
    let empty = http.post("/ocsp", "application/ocsp-request", b"");
    assert_eq!(status_of(&empty.body), OcspResponseStatus::MalformedRequest);
    let big = http.post("/ocsp", "application/ocsp-request", &vec![0x30; 65 * 1024]);
    assert_eq!(big.status, 200);
    assert_eq!(status_of(&big.body), OcspResponseStatus::MalformedRequest);

    // Seventeen certificates in one request are more than the responder answers at once.
    let serials: Vec<String> = (1..=17).map(|n| n.to_string()).collect();
    let many: Vec<&str> = serials
        .iter()
        .flat_map(|s| ["-serial", s.as_str()])
        .collect();
    let (_, out) = ask(&server, &many);
    prints(&out, &["Responder Error: malformedrequest (1)"]);

    // What is not OCSP at all is refused as HTTP.
    assert_eq!(http.post("/ocsp", "text/plain", b"x").status, 415);
    let put = http
        .raw(b"PUT /ocsp HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert_eq!(put.status, 405);
}

/// OCSP requests count against a client's rate limit together with CMP requests: over
/// it, HTTP 429 and `tryLater`.
#[test]
fn a_client_over_its_rate_limit_is_told_to_try_later() {
    let server = Server::start(&["--rate-limit", "2"]);
    let http = server.client();
    for _ in 0..2 {
        let reply = http.post("/ocsp", "application/ocsp-request", b"x");
        assert_eq!(reply.status, 200);
    }
    let over = http.post("/ocsp", "application/ocsp-request", b"x");
    assert_eq!(over.status, 429);
    assert_eq!(over.content_type, "application/ocsp-response");
    assert_eq!(status_of(&over.body), OcspResponseStatus::TryLater);
    // The same bucket as CMP's.
    assert_eq!(http.post("/cmp", "application/pkixcmp", b"x").status, 429);
}
