//! The sandbox CA with OpenSSL's stock CMP client (`openssl cmp`): enrolment with either
//! code pair, the chain OpenSSL receives verifies, every refusal reaches it with the
//! profile's failInfo and reason code, and renewal and revocation work with a certificate
//! issued earlier.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::path::Path;

use common::{Server, openssl};

const ID: &str = "9001011234567";

fn new_key(dir: &Path, name: &str) -> String {
    let path = dir.join(name).display().to_string();
    let (ok, out) = openssl(&[
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        &path,
    ]);
    assert!(ok, "{out}");
    path
}

/// `openssl cmp -cmd ir` with `-ref`/`-secret`; returns (success, output).
fn openssl_ir(server: &Server, kid: &str, secret: &str, key: &str, out: &str) -> (bool, String) {
    openssl_ir_with(server, kid, secret, key, out, &[])
}

/// [`openssl_ir`] with more options (`-rspout FILE`, say).
fn openssl_ir_with(
    server: &Server,
    kid: &str,
    secret: &str,
    key: &str,
    out: &str,
    more: &[&str],
) -> (bool, String) {
    let server_arg = format!("127.0.0.1:{}", server.port);
    let secret = format!("pass:{secret}");
    let extra = format!("{out}.extra.pem");
    let capubs = format!("{out}.capubs.pem");
    let mut args = vec![
        "cmp",
        "-cmd",
        "ir",
        "-server",
        &server_arg,
        "-path",
        "cmp",
        "-ref",
        kid,
        "-secret",
        &secret,
        "-newkey",
        key,
        "-subject",
        "/CN=x",
        "-certout",
        out,
        "-extracertsout",
        &extra,
        "-cacertsout",
        &capubs,
        "-unprotected_errors",
    ];
    args.extend_from_slice(more);
    openssl(&args)
}

/// Whether OpenSSL reported a refusal with this failInfo and reason code (first status
/// string).
fn refused_with(out: &str, fail_info: &str, reason: &str) -> bool {
    out.contains(&format!("PKIFailureInfo: {fail_info}; StatusString"))
        && out.contains(&format!(": \"{reason}\""))
}

fn path_in(server: &Server, name: &str) -> String {
    server.path().join(name).display().to_string()
}

#[test]
fn openssl_enrols_with_the_registration_number_and_the_chain_verifies() {
    let server = Server::start(&[]);
    let app = server.apply("홍길동", "900101-1234567", &[]);
    assert_eq!(app.registration_number.as_str().len(), 27);
    let (kid, secret) = common::registration(&app);
    let key = new_key(server.path(), "key.pem");
    let cert = path_in(&server, "cert.pem");
    let (ok, out) = openssl_ir(&server, &kid, &secret, &key, &cert);
    assert!(ok, "{out}");
    assert!(out.contains("received PKICONF"), "{out}");

    // The chain OpenSSL received (extraCerts: issuing CA and root; caPubs: the root).
    let extra = format!("{cert}.extra.pem");
    let capubs = format!("{cert}.capubs.pem");
    let (ok, out) = openssl(&["verify", "-CAfile", &capubs, "-untrusted", &extra, &cert]);
    assert!(ok, "{out}");
    let root = server.root_pem().display().to_string();
    let ca1 = server.ca1_pem().display().to_string();
    let (ok, out) = openssl(&["verify", "-CAfile", &root, "-untrusted", &ca1, &cert]);
    assert!(ok, "{out}");

    // It certifies OpenSSL's key, with the NPKI shape.
    let (_, cert_key) = openssl(&["x509", "-in", &cert, "-noout", "-pubkey"]);
    let (_, own_key) = openssl(&["pkey", "-in", &key, "-pubout"]);
    assert_eq!(cert_key, own_key);
    let (_, text) = openssl(&["x509", "-in", &cert, "-noout", "-text", "-nameopt", "utf8"]);
    assert!(text.contains("CN=홍길동()00"), "{text}");
    assert!(text.contains("O=Dojang Sandbox"), "{text}");
    assert!(
        text.contains("Digital Signature, Non Repudiation"),
        "{text}"
    );
    assert!(text.contains("Policy: 1.2.410.200004.5.2.1.2"), "{text}");
    assert!(text.contains("/crl/ca1.crl"), "{text}");
    assert!(text.contains("OCSP - URI:"), "{text}");

    let valid = server.certificates_in("valid");
    assert_eq!(valid.len(), 1);

    // The invitation links to this server's CMP URL and the application, and carries no
    // code.
    let html = std::fs::read_to_string(app.invitation.as_str()).unwrap();
    let link = format!(
        "dojang://issue?ca=http%3A%2F%2F127.0.0.1%3A{}%2Fcmp&amp;application={}",
        server.port,
        app.application_number.as_str()
    );
    assert!(html.contains(&link), "{html}");
    // The app's own reader finds the CA and the application in it.
    let invitation = dojang_core::issue::invitation::Invitation::from_html(&html).unwrap();
    assert_eq!(invitation.ca, server.url);
    assert_eq!(invitation.application, app.application_number.as_str());
    assert!(html.contains("홍길동 님"));
    for code in [
        &app.authorization_code,
        &app.temporary_code,
        &app.registration_number,
    ] {
        assert!(!html.contains(code.as_str()));
    }
    let apps = server.list()["applications"].clone();
    assert_eq!(apps[0]["state"], "issued");
}

#[test]
fn openssl_enrols_with_the_temporary_code_and_id_number() {
    let server = Server::start(&[]);
    let business = "1248100998";
    let app = server.apply("(주)도장", business, &[]);
    let (kid, secret) = common::temporary(&app, business);
    let key = new_key(server.path(), "key.pem");
    let (ok, out) = openssl_ir(&server, &kid, &secret, &key, &path_in(&server, "c.pem"));
    assert!(ok, "{out}");
}

#[test]
fn refusals_reach_openssl_with_fail_info_and_reason_code() {
    let server = Server::start(&[]);
    let key = new_key(server.path(), "key.pem");
    let out_path = path_in(&server, "c.pem");

    // Unknown reference, wrong code, wrong ID number: one answer, never saying which.
    let app = server.apply("김철수", ID, &[]);
    let (kid, secret) = common::registration(&app);
    let (tkid, tsecret) = common::temporary(&app, ID);
    let wrong_id = format!("{}8001011234567", app.temporary_code.as_str());
    for (kid, secret) in [
        ("99999999".to_owned(), secret.clone()),
        (kid.clone(), format!("{secret}x")),
        (tkid.clone(), wrong_id),
    ] {
        let (ok, out) = openssl_ir(&server, &kid, &secret, &key, &out_path);
        assert!(!ok);
        assert!(refused_with(&out, "badMessageCheck", "wrong-code"), "{out}");
    }
    // Two wrong tries so far on this application; the right code still works.
    let (ok, out) = openssl_ir(&server, &tkid, &tsecret, &key, &out_path);
    assert!(ok, "{out}");

    // Already issued.
    let (ok, out) = openssl_ir(&server, &kid, &secret, &key, &out_path);
    assert!(!ok);
    assert!(
        refused_with(&out, "duplicateCertReq", "already-issued"),
        "{out}"
    );

    // Older than 30 days.
    let old = server.apply("박영희", ID, &["--applied-at", "2020-01-01T00:00:00Z"]);
    let (kid, secret) = common::registration(&old);
    let (ok, out) = openssl_ir(&server, &kid, &secret, &key, &out_path);
    assert!(!ok);
    assert!(
        refused_with(&out, "notAuthorized", "application-expired"),
        "{out}"
    );

    // Five wrong tries lock the application, even for the right code afterwards.
    let locked = server.apply("이영희", ID, &[]);
    let (kid, secret) = common::registration(&locked);
    for _ in 0..5 {
        let (ok, out) = openssl_ir(&server, &kid, "WrongWrongWrong1234", &key, &out_path);
        assert!(!ok);
        assert!(out.contains("wrong-code"), "{out}");
    }
    // Locked, a right code and a wrong one get the same answer: nothing is checked, so
    // nothing can be learnt (the ID number behind a temporary code, say).
    let answer = |secret: &str, name: &str| {
        let file = path_in(&server, name);
        let (ok, out) =
            openssl_ir_with(&server, &kid, secret, &key, &out_path, &["-rspout", &file]);
        assert!(!ok);
        assert!(
            refused_with(&out, "notAuthorized", "too-many-attempts"),
            "{out}"
        );
        use der::Decode as _;
        let message =
            dojang_core::cmp::PkiMessage::from_der(&std::fs::read(&file).unwrap()).unwrap();
        assert!(message.protection.is_none());
        message.body.der().to_vec()
    };
    assert_eq!(
        answer(&secret, "right.der"),
        answer("WrongWrongWrong1234", "wrong.der")
    );
    let apps = server.list()["applications"].clone();
    let state = apps
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["reference_number"] == kid.as_str())
        .unwrap()["state"]
        .clone();
    assert_eq!(state, "locked");
}

fn openssl_signed(server: &Server, cmd: &[&str], cert: &str, key: &str) -> (bool, String) {
    let server_arg = format!("127.0.0.1:{}", server.port);
    let root = server.root_pem().display().to_string();
    let mut args = vec![
        "cmp",
        "-server",
        &server_arg,
        "-path",
        "cmp",
        "-cert",
        cert,
        "-key",
        key,
        "-trusted",
        &root,
        "-unprotected_errors",
    ];
    args.extend_from_slice(cmd);
    openssl(&args)
}

#[test]
fn openssl_renews_and_revokes_a_certificate_issued_earlier() {
    // Certificates valid 20 days are inside the 30-day renewal window at once.
    let server = Server::start(&["--validity-days", "20"]);
    let app = server.apply("홍길동", ID, &[]);
    let (kid, secret) = common::registration(&app);
    let key = new_key(server.path(), "key.pem");
    let cert = path_in(&server, "cert.pem");
    let (ok, out) = openssl_ir(&server, &kid, &secret, &key, &cert);
    assert!(ok, "{out}");

    let new_key_path = new_key(server.path(), "new.pem");
    let renewed = path_in(&server, "renewed.pem");
    let (ok, out) = openssl_signed(
        &server,
        &[
            "-cmd",
            "kur",
            "-newkey",
            &new_key_path,
            "-certout",
            &renewed,
        ],
        &cert,
        &key,
    );
    assert!(ok, "{out}");
    assert!(out.contains("received PKICONF"), "{out}");
    let root = server.root_pem().display().to_string();
    let ca1 = server.ca1_pem().display().to_string();
    let (ok, out) = openssl(&["verify", "-CAfile", &root, "-untrusted", &ca1, &renewed]);
    assert!(ok, "{out}");
    let renewed_from = server.certificates_in("valid");
    assert_eq!(renewed_from.len(), 2);
    assert!(renewed_from.iter().any(|c| c["renewed_from"].is_string()));

    // Revoke the renewed certificate with its own key.
    let (ok, out) = openssl_signed(
        &server,
        &["-cmd", "rr", "-oldcert", &renewed, "-revreason", "1"],
        &renewed,
        &new_key_path,
    );
    assert!(ok, "{out}");
    assert!(out.contains("revocation accepted"), "{out}");
    let revoked = server.certificates_in("revoked");
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0]["revocation_reason"], "keyCompromise");

    // A revoked certificate can be neither renewed nor revoked again.
    let again = path_in(&server, "again.pem");
    let (ok, out) = openssl_signed(
        &server,
        &["-cmd", "kur", "-newkey", &key, "-certout", &again],
        &renewed,
        &new_key_path,
    );
    assert!(!ok);
    assert!(
        refused_with(&out, "certRevoked", "certificate-revoked"),
        "{out}"
    );
    let (ok, out) = openssl_signed(
        &server,
        &["-cmd", "rr", "-oldcert", &renewed],
        &renewed,
        &new_key_path,
    );
    assert!(!ok);
    assert!(out.contains("certificate-revoked"), "{out}");

    // The CRL lists it.
    let crl = common::Http { port: server.port }
        .raw(b"GET /crl/ca1.crl HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(crl.status, 200);
    let crl_path = path_in(&server, "ca1.crl");
    std::fs::write(&crl_path, &crl.body).unwrap();
    let (ok, text) = openssl(&["crl", "-inform", "DER", "-in", &crl_path, "-noout", "-text"]);
    assert!(ok, "{text}");
    let serial = revoked[0]["serial"].as_str().unwrap().to_uppercase();
    assert!(
        text.replace(':', "").to_uppercase().contains(&serial),
        "{text}"
    );
}

#[test]
fn renewal_before_its_window_is_refused() {
    let server = Server::start(&[]);
    let app = server.apply("홍길동", ID, &[]);
    let (kid, secret) = common::registration(&app);
    let key = new_key(server.path(), "key.pem");
    let cert = path_in(&server, "cert.pem");
    let (ok, out) = openssl_ir(&server, &kid, &secret, &key, &cert);
    assert!(ok, "{out}");
    let new_key_path = new_key(server.path(), "new.pem");
    let (ok, out) = openssl_signed(
        &server,
        &[
            "-cmd",
            "kur",
            "-newkey",
            &new_key_path,
            "-certout",
            &path_in(&server, "r.pem"),
        ],
        &cert,
        &key,
    );
    assert!(!ok);
    assert!(
        refused_with(&out, "notAuthorized", "renewal-not-due"),
        "{out}"
    );
}

#[test]
fn a_reissue_revokes_the_previous_certificate_when_confirmed() {
    let server = Server::start(&[]);
    let key = new_key(server.path(), "key.pem");
    let first = server.apply("홍길동", ID, &[]);
    let (kid, secret) = common::registration(&first);
    let (ok, out) = openssl_ir(&server, &kid, &secret, &key, &path_in(&server, "1.pem"));
    assert!(ok, "{out}");
    let reissue = server.apply("홍길동", ID, &["--kind", "reissue"]);
    let (kid, secret) = common::registration(&reissue);
    let (ok, out) = openssl_ir(&server, &kid, &secret, &key, &path_in(&server, "2.pem"));
    assert!(ok, "{out}");
    let revoked = server.certificates_in("revoked");
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0]["revocation_reason"], "superseded");
    assert_eq!(server.certificates_in("valid").len(), 1);
}

#[test]
fn a_certificate_revoked_by_the_admin_command_cannot_be_renewed() {
    let server = Server::start(&["--validity-days", "20"]);
    let app = server.apply("홍길동", ID, &[]);
    let (kid, secret) = common::registration(&app);
    let key = new_key(server.path(), "key.pem");
    let cert = path_in(&server, "cert.pem");
    let (ok, out) = openssl_ir(&server, &kid, &secret, &key, &cert);
    assert!(ok, "{out}");
    let serial = server.certificates_in("valid")[0]["serial"]
        .as_str()
        .unwrap()
        .to_owned();
    // The admin command, in its own process, beside the running server.
    let revoke = std::process::Command::new(env!("CARGO_BIN_EXE_dojang-ca"))
        .args(["revoke", "--dir"])
        .arg(server.path())
        .args([
            serial.to_uppercase().as_str(),
            "--reason",
            "affiliationChanged",
        ])
        .output()
        .unwrap();
    assert!(revoke.status.success(), "{revoke:?}");
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_dojang-ca"))
        .args(["revoke", "--dir"])
        .arg(server.path())
        .arg(&serial)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    let revoked = server.certificates_in("revoked");
    assert_eq!(revoked[0]["revocation_reason"], "affiliationChanged");

    let new_key_path = new_key(server.path(), "new.pem");
    let (ok, out) = openssl_signed(
        &server,
        &[
            "-cmd",
            "kur",
            "-newkey",
            &new_key_path,
            "-certout",
            &path_in(&server, "r.pem"),
        ],
        &cert,
        &key,
    );
    assert!(!ok);
    assert!(
        refused_with(&out, "certRevoked", "certificate-revoked"),
        "{out}"
    );
}

#[test]
fn apply_refuses_a_malformed_id_number_with_usage_status() {
    let dir = tempfile::tempdir().unwrap();
    for id in ["124-81-00999", "12345", "9013011234567"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dojang-ca"))
            .args(["apply", "--dir"])
            .arg(dir.path())
            .args(["--name", "홍길동", "--id-number", id])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{id}");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dojang-ca"))
        .args(["apply", "--dir"])
        .arg(dir.path())
        .args([
            "--name",
            "홍길동",
            "--id-number",
            ID,
            "--applied-at",
            "yesterday",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// The five places where the sandbox CA disagreed with OpenSSL's own CMP test suite,
/// replayed with `openssl cmp`.
#[test]
fn the_ca_agrees_with_openssls_client_where_its_test_suite_found_deviations() {
    let server = Server::start(&["--validity-days", "20"]);
    let issue = |name: &str, file: &str| {
        let app = server.apply(name, ID, &[]);
        let (kid, secret) = common::registration(&app);
        let key = new_key(server.path(), &format!("{file}.key"));
        let cert = path_in(&server, &format!("{file}.pem"));
        let rsp = path_in(&server, &format!("{file}.ip.der"));
        let (ok, out) = openssl_ir_with(&server, &kid, &secret, &key, &cert, &["-rspout", &rsp]);
        assert!(ok, "{out}");
        (cert, key, rsp, kid, secret)
    };
    let (a_cert, a_key, a_ip, kid, secret) = issue("홍길동", "a");
    let (b_cert, _, _, _, _) = issue("김철수", "b");

    // 3. The CA writes the subject from the application, not the template's /CN=x: the
    // certificate comes "grantedWithMods", as RFC 4210 says a changed request must.
    use der::Decode as _;
    let ip = dojang_core::cmp::PkiMessage::from_der(&std::fs::read(&a_ip).unwrap()).unwrap();
    let dojang_core::cmp::PkiBody::Ip(reply) = ip.body.value() else {
        panic!("not an ip")
    };
    assert_eq!(
        reply.response[0].status.status,
        dojang_core::cmp::PkiStatus::GRANTED_WITH_MODS
    );

    // 1. A kur naming another certificate (oldCertID) than the one signing it is refused.
    let renewed = path_in(&server, "renewed.pem");
    let (ok, out) = openssl_signed(
        &server,
        &[
            "-cmd", "kur", "-oldcert", &b_cert, "-newkey", &a_key, "-certout", &renewed,
        ],
        &a_cert,
        &a_key,
    );
    assert!(!ok);
    assert!(out.contains("badCertId"), "{out}");
    assert!(
        out.contains("oldCertID is not the one that signed"),
        "{out}"
    );

    // 2. A revocation keeps the reason asked for (cACompromise here); a hold is refused
    // with its reason, and nothing is revoked by it.
    let (ok, out) = openssl_signed(
        &server,
        &["-cmd", "rr", "-oldcert", &a_cert, "-revreason", "6"],
        &a_cert,
        &a_key,
    );
    assert!(!ok);
    assert!(out.contains("certificateHold is not supported"), "{out}");
    assert_eq!(server.certificates_in("revoked").len(), 0);
    let (ok, out) = openssl_signed(
        &server,
        &["-cmd", "rr", "-oldcert", &a_cert, "-revreason", "2"],
        &a_cert,
        &a_key,
    );
    assert!(ok, "{out}");
    let revoked = server.certificates_in("revoked");
    assert_eq!(revoked[0]["revocation_reason"], "cACompromise");

    // 4. A cr is refused naming it, protected by the application's MAC since that checked
    // out: OpenSSL reads the reason without -unprotected_errors.
    let server_arg = format!("127.0.0.1:{}", server.port);
    let pass = format!("pass:{secret}");
    let key = new_key(server.path(), "cr.key");
    let cr_cert = path_in(&server, "cr.pem");
    let (ok, out) = openssl(&[
        "cmp",
        "-cmd",
        "cr",
        "-server",
        &server_arg,
        "-path",
        "cmp",
        "-ref",
        &kid,
        "-secret",
        &pass,
        "-newkey",
        &key,
        "-subject",
        "/CN=x",
        "-certout",
        &cr_cert,
    ]);
    assert!(!ok);
    assert!(out.contains("cr is not supported here"), "{out}");
    assert!(!out.contains("missing protection"), "{out}");
}

/// 5. An `rr` that names no certificate is told so.
#[test]
fn a_revocation_request_without_a_serial_number_is_told_what_is_missing() {
    use der::{Decode as _, Encode as _};
    use dojang_core::cmp::message::{RevDetails, revocation_template};
    use dojang_core::cmp::protection::{Protector, protect};
    use dojang_core::cmp::request::{directory_name, header};
    use dojang_core::keys::private_key::{KeyType, generate};
    let server = Server::start(&[]);
    let app = server.apply("홍길동", ID, &[]);
    let (kid, secret) = common::registration(&app);
    let key = generate(KeyType::P256).unwrap();
    let cert = common::Enrolment::new(common::ServerClient::client(&server), &kid, &secret, &key)
        .run()
        .unwrap();
    let parsed = x509_cert::Certificate::from_der(&cert).unwrap();
    let mut template = revocation_template(
        parsed.tbs_certificate.issuer.clone(),
        der::asn1::Int::new(parsed.tbs_certificate.serial_number.as_bytes()).unwrap(),
    );
    template.serial_number = None;
    let subject = parsed.tbs_certificate.subject.to_der().unwrap();
    let issuer = parsed.tbs_certificate.issuer.to_der().unwrap();
    let rr = protect(
        header(
            directory_name(&subject).unwrap(),
            directory_name(&issuer).unwrap(),
            None,
            &[9u8; 16],
            None,
        )
        .unwrap(),
        dojang_core::cmp::PkiBody::Rr(vec![RevDetails {
            cert_details: template,
            crl_entry_details: None,
        }]),
        Some(vec![
            dojang_core::cmp::message::CmpCertificate::from_der_bytes(&cert).unwrap(),
        ]),
        &Protector::Signature { key: &key },
    )
    .unwrap();
    let answer = common::ServerClient::client(&server).cmp(&dojang_core::cmp::encode(&rr).unwrap());
    let status = common::refusal(&answer).unwrap();
    assert!(
        status.describe().contains("no serialNumber"),
        "{}",
        status.describe()
    );
    assert_eq!(server.certificates_in("revoked").len(), 0);
}
