//! The entry points of the fuzz targets (`fuzz/`) and of the replay of their corpus on
//! stable (`tests/fuzz_corpus.rs`): each runs bytes from outside through the code that
//! meets them in the app, the way the app does. Any input must come back — an error is
//! fine — without a panic, a hang or unbounded memory. Not an API: hidden from the docs.

use std::path::Path;
use std::sync::OnceLock;

use crate::cmp::PkiBody;
use crate::issue::answer::{self, Protection, Transaction};
use crate::keys::private_key::{KeyType, PrivateKey, generate};

/// A key the fuzzed answers are checked against (generated once).
fn our_key() -> &'static PrivateKey {
    static KEY: OnceLock<PrivateKey> = OnceLock::new();
    #[allow(clippy::expect_used)] // the fuzzing harness cannot run without a key
    KEY.get_or_init(|| generate(KeyType::P256).expect("a P-256 key"))
}

/// A CA's answer as the client checks it: decoded, its protection checked as a MAC with
/// the codes' secret and as the signature of a CA (the first of its extraCerts as the
/// certificate in hand), then what is believed after that: the certificate granted, the
/// chain that came with it, the revocation status, re-encoding.
pub fn cmp_response(data: &[u8]) {
    let Ok(message) = crate::cmp::decode(data) else {
        return;
    };
    let tx = message.header.value().transaction_id().unwrap_or_default();
    let nonce = Some(&b"0123456789abcdef"[..]);
    let _ = answer::verify(&message, Protection::Mac(b"AbCdEfGhIjKlMnOpQrS"), tx, nonce);
    if let Some(first) = message.extra_certs.iter().flatten().next()
        && let Ok(ours) = <x509_cert::Certificate as der::Decode>::from_der(first.der())
    {
        let _ = answer::verify(&message, Protection::IssuerOf(&ours), tx, nonce);
    }
    if let Ok((cert, chain)) = Transaction::certified(&message, our_key()) {
        let _ = answer::verify_chain(&cert, &chain, &[]);
    }
    if let PkiBody::Rp(content) = message.body.value() {
        for status in &content.status {
            let _ = (status.reason(), status.describe(), status.fail_info());
        }
    }
    let _ = crate::cmp::encode(&message);
}

/// A key file (`signPri.key`, `kmPri.key`, a pending or exported one) opened with a
/// password, and the key inside read.
pub fn npki_key(data: &[u8]) {
    if let Ok((plain, _)) = crate::keys::encrypted::decrypt(data, b"sample!2580")
        && let Ok(key) = PrivateKey::from_pkcs8_der(plain.to_vec())
    {
        let _ = (key.algorithm(), key.public_key_spki(), key.random_num());
    }
    let _ = PrivateKey::from_pkcs8_der(data.to_vec());
}

/// A PKCS#12 file imported with a password.
pub fn pkcs12(data: &[u8]) {
    let _ = crate::store::pkcs12::read(data, "sample!2580");
}

/// A certificate file as the list and the details screen show it, text and all.
pub fn certificate(data: &[u8]) {
    let now = time::OffsetDateTime::now_utc();
    let path = Path::new("signCert.der");
    let der = crate::cert::pem_or_der(data, "CERTIFICATE");
    if let Ok(summary) = crate::cert::CertificateSummary::from_der(&der, path, now) {
        let _ = serde_json::to_string(&summary);
    }
    if let Ok(details) = crate::cert::details::CertificateDetails::from_der(&der, path, now) {
        let _ = serde_json::to_string(&details);
    }
    let _ = crate::cert::npki_folder_names(&der);
}

/// An issue.html page, or a `dojang:` link handed to the app, as the window gets it.
pub fn invitation(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let distribution = crate::distribution::Distribution::default();
    if let Ok(invitation) = crate::issue::Invitation::from_html(&text) {
        let _ = invitation.link();
        let _ = invitation.checked(&distribution);
    }
    let _ = crate::issue::Invitation::from_link(&text);
    // Only links: anything else names a file, which a fuzzer must not go looking for.
    if text.starts_with("dojang:") {
        let _ = crate::open::OpenRequest::from_arg(&text, &distribution);
    }
}

/// A distribution file as the app reads it at start (logos and roots named in it are
/// looked for beside it, in a folder that does not exist).
pub fn distribution(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("/nonexistent-dojang-fuzz/distribution.toml");
    if let Ok(distribution) = crate::distribution::Distribution::parse(text, path) {
        for ca in &distribution.cas {
            let _ = distribution.check_ca(&ca.cmp_url);
        }
    }
}

/// What a person types: the codes on either path (lines: registration number,
/// application, temporary code, ID number), a new password, a CA address.
pub fn codes(data: &[u8]) {
    use crate::issue::IssuePath;
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let mut next = || lines.next().unwrap_or_default().to_owned();
    let registration = IssuePath::Registration {
        registration_number: next().into(),
    };
    let temporary = IssuePath::Temporary {
        application: next(),
        temp_code: next().into(),
        id_number: next().into(),
    };
    for path in [registration, temporary] {
        let _ = (path.mistakes(), path.codes().map(|c| c.mac_secret()));
    }
    let _ = crate::password::broken_rules(&text);
    let _ = crate::codes::IdNumber::parse(&text);
    let _ = crate::distribution::Distribution::default().check_ca(&text);
}

/// A `.p7s` signature checked, attached or against a detached content.
pub fn signature(data: &[u8]) {
    if let Ok(verified) = crate::sign::verify(data, Some(b"content")) {
        let _ = (verified.signing_time, verified.certificates.len());
    }
}

/// The certificate and issuer the fuzzed status answers are about: a licensed CA's
/// certificate under KISA RootCA 4, both bundled (answers need a subject and its issuer).
fn status_subject() -> Option<(x509_cert::Certificate, x509_cert::Certificate)> {
    use der::Decode as _;
    let bundled = |prefix: &str| {
        crate::cert::anchors::KOREAN_PKI
            .iter()
            .find(|b| b.file.starts_with(prefix))
            .and_then(|b| x509_cert::Certificate::from_der(b.der).ok())
    };
    Some((bundled("yessignCA_Class_2")?, bundled("KISA_RootCA_4")?))
}

/// An OCSP answer (from a responder a certificate names, or the cache) read and checked,
/// then judged fresh or not.
pub fn ocsp_answer(data: &[u8]) {
    let Some((cert, issuer)) = status_subject() else {
        return;
    };
    let now = time::OffsetDateTime::now_utc();
    for nonce in [None, Some(&b"0123456789abcdef"[..])] {
        if let Ok(answer) = crate::status::ocsp::read(data, &cert, &issuer, nonce, now) {
            let _ = answer.fresh_at(now);
        }
    }
}

/// A CRL (over HTTP or LDAP, or from the cache) read and checked, then judged fresh or
/// not.
pub fn crl(data: &[u8]) {
    let Some((cert, issuer)) = status_subject() else {
        return;
    };
    let url = "http://crl.example/ca.crl";
    if let Ok(answer) = crate::status::crl::read(data, url, &cert, &issuer) {
        let _ = answer.fresh_at(time::OffsetDateTime::now_utc());
    }
}

/// A `CaPubs` file from an NPKI folder.
pub fn capubs(data: &[u8]) {
    if let Ok(certificates) = crate::cert::capubs::read(data) {
        let mut pool = crate::cert::chain::Pool::new();
        pool.add_all(
            certificates.iter().map(Vec::as_slice),
            crate::cert::chain::LinkSource::CaPubs,
        );
        let _ = pool.len();
    }
}
