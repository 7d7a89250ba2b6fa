//! The registry's rules under concurrent clients: many clients racing on one registration
//! number get exactly one certificate; many clients on many applications are all served
//! with unique serial numbers; an unconfirmed enrolment expires and frees its application.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::collections::HashSet;
use std::sync::{Arc, Barrier};

use common::{Enrolment, Server, ServerClient};
use dojang_core::cmp::{FailureBit, PkiBody, ReasonCode};
use dojang_core::keys::private_key::{KeyType, generate};

const ID: &str = "9001011234567";

#[test]
fn twenty_clients_racing_on_one_registration_number_get_exactly_one_certificate() {
    let server = Server::start(&[]);
    let app = server.apply("홍길동", ID, &[]);
    let (kid, secret) = common::registration(&app);
    let http = server.client();
    let barrier = Arc::new(Barrier::new(20));
    let outcomes: Vec<_> = (0..20)
        .map(|_| {
            let (kid, secret, barrier) = (kid.clone(), secret.clone(), barrier.clone());
            std::thread::spawn(move || {
                let key = generate(KeyType::P256).unwrap();
                let enrolment = Enrolment::new(http, &kid, &secret, &key);
                barrier.wait();
                enrolment.run()
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|t| t.join().unwrap())
        .collect();
    let issued = outcomes.iter().filter(|o| o.is_ok()).count();
    assert_eq!(issued, 1);
    // The others are told it is already issued, or, while five checks of the codes are
    // under way (the most an application allows at once), to try again in a moment.
    for refusal in outcomes.iter().filter_map(|o| o.as_ref().err()) {
        match refusal.reason() {
            Some(ReasonCode::AlreadyIssued) => {
                assert!(refusal.fail_info().contains(FailureBit::DuplicateCertReq));
            }
            Some(ReasonCode::Unavailable) => {
                assert!(refusal.fail_info().contains(FailureBit::SystemUnavail));
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(server.certificates_in("valid").len(), 1);
    assert_eq!(server.certificates_in("pending").len(), 0);
}

#[test]
fn fifty_applications_at_once_are_all_served_with_unique_serials() {
    let server = Server::start(&[]);
    let apps: Vec<_> = (0..50)
        .map(|i| server.apply(&format!("신청자{i}"), ID, &[]))
        .collect();
    let http = server.client();
    let barrier = Arc::new(Barrier::new(apps.len()));
    let certs: Vec<Vec<u8>> = apps
        .iter()
        .enumerate()
        .map(|(i, app)| {
            // Half use the registration number, half the temporary code.
            let (kid, secret) = if i % 2 == 0 {
                common::registration(app)
            } else {
                common::temporary(app, ID)
            };
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let key = generate(KeyType::P256).unwrap();
                let enrolment = Enrolment::new(http, &kid, &secret, &key);
                barrier.wait();
                enrolment.run().unwrap()
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|t| t.join().unwrap())
        .collect();
    let serials: HashSet<_> = certs
        .iter()
        .map(|der| {
            use x509_cert::der::Decode;
            x509_cert::Certificate::from_der(der)
                .unwrap()
                .tbs_certificate
                .serial_number
                .as_bytes()
                .to_vec()
        })
        .collect();
    assert_eq!(serials.len(), 50);
    let list = server.list();
    assert!(
        list["applications"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["state"] == "issued")
    );
    assert_eq!(server.certificates_in("valid").len(), 50);
}

#[test]
fn an_unconfirmed_enrolment_expires_and_frees_its_application() {
    // Times are kept to the second: 2 s leaves at least one whole second between the two
    // requests below and the expiry.
    let server = Server::start(&["--confirm-timeout", "2"]);
    let app = server.apply("홍길동", ID, &[]);
    let (kid, secret) = common::registration(&app);
    let key = generate(KeyType::P256).unwrap();
    let first = Enrolment::new(server.client(), &kid, &secret, &key);
    let (ip, cert) = first.request().unwrap();

    // While the first waits for its certConf, a second transaction is refused.
    let second = Enrolment::new(server.client(), &kid, &secret, &key);
    let (_, refusal) = second.request().unwrap_err();
    assert_eq!(refusal.reason(), Some(ReasonCode::AlreadyIssued));

    std::thread::sleep(std::time::Duration::from_millis(3200));
    // The late certConf is refused and its certificate withdrawn...
    let late = first.confirm(&ip, &cert);
    let status = common::refusal(&late).unwrap();
    assert_eq!(status.reason(), Some(ReasonCode::BadRequest));
    assert!(status.describe().contains("expired"));
    assert_eq!(server.certificates_in("withdrawn").len(), 1);
    // ...and the application can be used again.
    let third = Enrolment::new(server.client(), &kid, &secret, &key);
    third.run().unwrap();
    assert_eq!(server.certificates_in("valid").len(), 1);
}

#[test]
fn a_rejecting_cert_conf_withdraws_the_certificate_and_frees_the_application() {
    let server = Server::start(&[]);
    let app = server.apply("홍길동", ID, &[]);
    let (kid, secret) = common::registration(&app);
    let key = generate(KeyType::P256).unwrap();
    let first = Enrolment::new(server.client(), &kid, &secret, &key);
    let (ip, cert) = first.request().unwrap();
    let answer = server.client().cmp(&first.cert_conf(&ip, &cert, true));
    assert_eq!(answer.body.value(), &PkiBody::PkiConf);
    let withdrawn = server.certificates_in("withdrawn");
    assert_eq!(withdrawn.len(), 1);
    // The CRL lists the withdrawn certificate, so that a kept copy cannot be used.
    let crl = server
        .client()
        .raw(b"GET /crl/ca1.crl HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(crl.status, 200);
    use x509_parser::prelude::FromDer;
    let (_, list) =
        x509_parser::revocation_list::CertificateRevocationList::from_der(&crl.body).unwrap();
    let listed: Vec<String> = list
        .iter_revoked_certificates()
        .map(|r| r.raw_serial().iter().map(|b| format!("{b:02x}")).collect())
        .collect();
    assert_eq!(
        listed,
        vec![withdrawn[0]["serial"].as_str().unwrap().to_owned()]
    );
    Enrolment::new(server.client(), &kid, &secret, &key)
        .run()
        .unwrap();
}

#[test]
fn the_certificate_carries_the_vid_of_the_id_number_and_the_clients_random_num() {
    let server = Server::start(&[]);
    let app = server.apply("홍길동", "900101-1234567", &[]);
    let (kid, secret) = common::registration(&app);
    let key = generate(KeyType::Rsa2048).unwrap();
    let cert = Enrolment::new(server.client(), &kid, &secret, &key)
        .run()
        .unwrap();
    let id = dojang_core::codes::IdNumber::parse(ID).unwrap();
    let random_num = key.random_num().unwrap();
    assert!(dojang_core::cert::vid::matches(&cert, &random_num, &id).unwrap());
    let other = dojang_core::codes::IdNumber::parse("8001011234567").unwrap();
    assert!(!dojang_core::cert::vid::matches(&cert, &random_num, &other).unwrap());
    let data = dojang_core::cert::vid::identity_data(&cert)
        .unwrap()
        .unwrap();
    assert_eq!(data.real_name, "홍길동");
    // The viewer labels it as KICA's personal general-purpose certificate.
    let summary = dojang_core::cert::CertificateSummary::from_der(
        &cert,
        std::path::Path::new("x"),
        time::OffsetDateTime::now_utc(),
    )
    .unwrap();
    assert_eq!(
        summary.policy_oid.as_deref(),
        Some("1.2.410.200004.5.2.1.2")
    );
    assert_eq!(summary.owner, "홍길동");
    assert_eq!(summary.ca, "Dojang Sandbox");
}
