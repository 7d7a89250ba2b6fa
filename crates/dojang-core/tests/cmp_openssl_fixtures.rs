//! dojang-core's CMP code against messages OpenSSL's `openssl cmp` made (client and mock
//! server; the commands are in tests/fixtures/cmp/README.md): every message decodes,
//! re-encodes byte for byte, and its protection and proof of possession verify.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use dojang_core::cmp::crmf::CertTemplate;
use dojang_core::cmp::message::{CertOrEncCert, CmpCertificate};
use dojang_core::cmp::protection::{cert_hash, verify_mac, verify_signature_protection};
use dojang_core::cmp::request::{random_num, verify_pop};
use dojang_core::cmp::{
    CmpError, FailureBit, PkiBody, PkiMessage, PkiStatus, ReasonCode, decode, encode,
};
use x509_cert::der::Decode;

const SECRET: &[u8] = b"Abc123def456GHI789j";

fn fixture(name: &str) -> (Vec<u8>, PkiMessage) {
    let path = format!(
        "{}/tests/fixtures/cmp/{name}.der",
        env!("CARGO_MANIFEST_DIR")
    );
    let der = std::fs::read(&path).unwrap();
    let message = decode(&der).unwrap_or_else(|e| panic!("{name}: {e}"));
    (der, message)
}

fn signer_key(certificate: &CmpCertificate) -> x509_cert::spki::SubjectPublicKeyInfoOwned {
    x509_cert::Certificate::from_der(certificate.der())
        .unwrap()
        .tbs_certificate
        .subject_public_key_info
}

#[test]
fn every_openssl_message_reencodes_byte_for_byte() {
    for name in [
        "ir",
        "ip",
        "certConf",
        "pkiConf",
        "ip-rejected-bit26",
        "ip-rejected-allbits",
        "error",
        "kur",
        "kup",
        "kur-certConf",
        "kur-pkiConf",
        "rr",
        "rp",
    ] {
        let (der, message) = fixture(name);
        assert_eq!(
            encode(&message).unwrap(),
            der,
            "{name} re-encodes differently"
        );
        // And the body alone, re-encoded from the decoded value rather than kept bytes.
        let body = x509_cert::der::Encode::to_der(message.body.value()).unwrap();
        assert_eq!(body, message.body.der(), "{name} body");
        let header = x509_cert::der::Encode::to_der(message.header.value()).unwrap();
        assert_eq!(header, message.header.der(), "{name} header");
    }
}

#[test]
fn ir_mac_verifies_with_its_own_pbm_parameters_and_its_pop_holds() {
    let (_, ir) = fixture("ir");
    assert_eq!(ir.body.name(), "ir");
    assert_eq!(ir.header.sender_kid(), Some(&b"12345678"[..]));
    assert_eq!(ir.header.transaction_id().map(<[u8]>::len), Some(16));
    assert!(!ir.header.implicit_confirm());
    verify_mac(&ir, SECRET).unwrap();
    assert_eq!(
        verify_mac(&ir, b"Abc123def456GHI789J"),
        Err(CmpError::BadProtection)
    );
    let requests = ir.body.cert_requests().unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].cert_req.cert_req_id, 0);
    verify_pop(&requests[0]).unwrap();
    assert_eq!(random_num(&requests[0]).unwrap(), None);
}

#[test]
fn ip_carries_the_certificate_and_cert_conf_hashes_it() {
    let (_, ip) = fixture("ip");
    verify_mac(&ip, SECRET).unwrap();
    let (_, ir) = fixture("ir");
    assert_eq!(ip.header.transaction_id(), ir.header.transaction_id());
    assert_eq!(ip.header.recip_nonce(), ir.header.sender_nonce());
    let response = ip.body.cert_response().unwrap();
    assert_eq!(response.ca_pubs.as_ref().map(Vec::len), Some(1));
    assert_eq!(response.response[0].status.status, PkiStatus::ACCEPTED);
    let Some(CertOrEncCert::Certificate(cert)) = response.response[0]
        .certified_key_pair
        .as_ref()
        .map(|p| &p.cert_or_enc_cert)
    else {
        panic!("no certificate in ip");
    };
    let (_, cert_conf) = fixture("certConf");
    verify_mac(&cert_conf, SECRET).unwrap();
    assert_eq!(cert_conf.header.recip_nonce(), ip.header.sender_nonce());
    let PkiBody::CertConf(statuses) = cert_conf.body.value() else {
        panic!("not a certConf");
    };
    assert_eq!(
        statuses[0].cert_hash.as_bytes(),
        cert_hash(cert.der(), None).unwrap()
    );
    let (_, pki_conf) = fixture("pkiConf");
    assert_eq!(pki_conf.body.value(), &PkiBody::PkiConf);
    verify_mac(&pki_conf, SECRET).unwrap();
}

#[test]
fn fail_info_bit_26_and_all_bits_decode_as_sent() {
    let (_, rejected) = fixture("ip-rejected-bit26");
    let status = &rejected.body.cert_response().unwrap().response[0].status;
    assert_eq!(status.status, PkiStatus::REJECTION);
    assert_eq!(
        status.fail_info().bits(),
        vec![FailureBit::DuplicateCertReq]
    );
    assert_eq!(status.reason(), Some(ReasonCode::AlreadyIssued));

    let (_, all) = fixture("ip-rejected-allbits");
    let status = &all.body.cert_response().unwrap().response[0].status;
    assert_eq!(status.fail_info().bits(), FailureBit::ALL.to_vec());
}

#[test]
fn an_unprotected_error_says_what_went_wrong() {
    let (_, error) = fixture("error");
    let PkiBody::Error(content) = error.body.value() else {
        panic!("not an error");
    };
    assert!(
        content
            .pki_status_info
            .fail_info()
            .contains(FailureBit::BadRequest)
    );
    assert!(
        content
            .pki_status_info
            .describe()
            .contains("wrong pbm value")
    );
    assert!(content.error_code.is_some());
}

#[test]
fn kur_and_rr_signatures_verify_with_the_signers_certificate() {
    let (_, kur) = fixture("kur");
    let client = &kur.extra_certs.as_ref().unwrap()[0];
    verify_signature_protection(&kur, &signer_key(client)).unwrap();
    verify_pop(&kur.body.cert_requests().unwrap()[0]).unwrap();
    assert_eq!(verify_mac(&kur, SECRET), Err(CmpError::WrongProtectionKind));

    let (_, kup) = fixture("kup");
    let server = &kup.extra_certs.as_ref().unwrap()[0];
    verify_signature_protection(&kup, &signer_key(server)).unwrap();
    // The client's key does not verify the server's message.
    assert_eq!(
        verify_signature_protection(&kup, &signer_key(client)),
        Err(CmpError::BadProtection)
    );

    let (_, rr) = fixture("rr");
    verify_signature_protection(&rr, &signer_key(&rr.extra_certs.as_ref().unwrap()[0])).unwrap();
    let PkiBody::Rr(details) = rr.body.value() else {
        panic!("not an rr");
    };
    let CertTemplate {
        serial_number,
        issuer,
        ..
    } = &details[0].cert_details;
    assert!(serial_number.is_some() && issuer.is_some());
    let reason = details[0].crl_entry_details.as_ref().unwrap();
    assert_eq!(reason[0].extn_id.to_string(), "2.5.29.21");

    let (_, rp) = fixture("rp");
    let PkiBody::Rp(content) = rp.body.value() else {
        panic!("not an rp");
    };
    assert_eq!(content.status[0].status, PkiStatus::ACCEPTED);
}

#[test]
fn truncated_and_garbage_input_is_malformed_not_a_panic() {
    let (der, _) = fixture("ip");
    for cut in [0, 1, 2, 10, der.len() / 2, der.len() - 1] {
        assert!(matches!(
            decode(&der[..cut]),
            Err(CmpError::Malformed { .. })
        ));
    }
    let mut trailing = der.clone();
    trailing.push(0);
    assert!(decode(&trailing).is_err());
    assert!(decode(b"GET / HTTP/1.1\r\n\r\n").is_err());
    // Every single-byte corruption decodes or fails cleanly.
    for i in 0..der.len() {
        let mut bad = der.clone();
        bad[i] ^= 0xff;
        let _ = decode(&bad);
    }
}

#[test]
fn our_own_mac_protected_ir_round_trips_with_pop_and_random_num() {
    use dojang_core::cmp::protection::{PbmParameter, Protector, protect, verify_mac};
    use dojang_core::cmp::request::{cert_req_msg, header, new_nonce, null_dn};
    use dojang_core::keys::private_key::{KeyType, generate};

    let key = generate(KeyType::P256).unwrap();
    let tx = new_nonce().unwrap();
    let hdr = header(null_dn(), null_dn(), Some(b"12345678"), tx.as_bytes(), None).unwrap();
    let body = PkiBody::Ir(vec![cert_req_msg(&key, 0, None, None).unwrap()]);
    let params = PbmParameter::new_random().unwrap();
    assert_eq!(params.iteration_count, 10_000);
    let message = protect(
        hdr,
        body,
        None,
        &Protector::Mac {
            secret: SECRET,
            params,
        },
    )
    .unwrap();
    let der = encode(&message).unwrap();
    let back = decode(&der).unwrap();
    assert_eq!(back, message);
    verify_mac(&back, SECRET).unwrap();
    assert_eq!(verify_mac(&back, b"other"), Err(CmpError::BadProtection));
    let request = &back.body.cert_requests().unwrap()[0];
    verify_pop(request).unwrap();
    assert_eq!(random_num(request).unwrap(), key.random_num());
}
