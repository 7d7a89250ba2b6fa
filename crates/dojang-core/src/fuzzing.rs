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
        // Entries are parsed on first need: a path search makes every one of them parsed.
        if let Some(first) = certificates.first() {
            let _ = pool.missing_issuer_urls(first);
            let _ = pool.validate(first, time::OffsetDateTime::now_utc());
        }
    }
}

/// The time fuzzed signing requests are read at: the tests' and the corpus's `now`, so
/// that a request of the corpus expiring a few minutes later is still waited for.
fn signing_now() -> time::OffsetDateTime {
    // 2026-12-05T10:00:00Z
    time::OffsetDateTime::from_unix_timestamp(1_796_464_800)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// The certificates the consent window sorts for a fuzzed request: two bundled CA
/// certificates as the list summarises them (the acceptable-certificate filter reads their
/// validity, policy and issuer).
fn sign_candidates() -> &'static crate::store::CertificateList {
    use crate::store::{CertificateList, ListedCertificate, StoreKind};
    static LIST: OnceLock<CertificateList> = OnceLock::new();
    LIST.get_or_init(|| {
        let certificates = crate::cert::anchors::KOREAN_PKI
            .iter()
            .filter(|b| {
                b.file.starts_with("yessignCA_Class_2") || b.file.starts_with("KISA_RootCA_4")
            })
            .filter_map(|b| {
                crate::cert::CertificateSummary::from_der(b.der, Path::new(b.file), signing_now())
                    .ok()
            })
            .map(|certificate| ListedCertificate {
                certificate,
                store: StoreKind::Npki,
                path: None,
                location: None,
            })
            .collect();
        CertificateList {
            certificates,
            unreadable: Vec::new(),
            searched_roots: Vec::new(),
        }
    })
}

/// A web page's `dojang://sign?request=` link, and the JSON a site serves at the URL it
/// names (fetched from a fixed `https://bank.example` request URL, read at a fixed time),
/// then what the app does with a request before the network: who asks (the unbranded
/// distribution), what is signed, the consent window (the text with what could mislead
/// made visible, the certificates sorted by the request's filter) and, for a login with
/// the site's certificate, the randomNum sealed to it.
pub fn sign_request(data: &[u8]) {
    use crate::sign::request::{SignLink, SignRequest, SiteUrl, shown_text};
    let text = String::from_utf8_lossy(data);
    let distribution = crate::distribution::Distribution::default();
    if let Ok(link) = SignLink::parse(&text) {
        let _ = (
            link.request.origin(),
            distribution.check_site(&link.request),
        );
    }
    // Only links: anything else names a file, which a fuzzer must not go looking for.
    if text.starts_with("dojang:") {
        let _ = crate::open::OpenRequest::from_arg(&text, &distribution);
    }
    let _ = shown_text(&text);
    let Ok(url) = SiteUrl::parse("https://bank.example/rp/requests/8f1c") else {
        return;
    };
    let Ok(request) = SignRequest::parse(data, &url, signing_now()) else {
        return;
    };
    let _ = request.content();
    if let Ok(site) = distribution.check_site(&request.url) {
        let consent = crate::sign::consent::Consent::new(site, &request, sign_candidates());
        let _ = (consent.answerable(), serde_json::to_string(&consent));
    }
    if let Some(site) = &request.relying_party_certificate {
        let _ = crate::sign::envelope::seal(site, b"0123456789abcdefghij");
    }
}

/// The relying party fuzzed envelopes are opened for: a self-signed certificate (DER) with
/// an RSA-2048 key, and the key as a bank keeps it (PKCS#8 without attributes), made once.
/// The key is new in each process, but the certificate's issuer and serial are fixed: an
/// envelope sealed to it in another process still names it as the recipient.
pub fn envelope_recipient() -> &'static (Vec<u8>, zeroize::Zeroizing<Vec<u8>>) {
    static RECIPIENT: OnceLock<(Vec<u8>, zeroize::Zeroizing<Vec<u8>>)> = OnceLock::new();
    #[allow(clippy::expect_used)] // the fuzzing harness cannot run without a recipient
    RECIPIENT.get_or_init(|| make_recipient().expect("an RSA recipient"))
}

fn make_recipient() -> Option<(Vec<u8>, zeroize::Zeroizing<Vec<u8>>)> {
    use der::asn1::{Any, BitString, ObjectIdentifier, UtcTime};
    use der::{Decode as _, Encode as _};
    use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
    use x509_cert::time::{Time, Validity};
    const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
    let key = generate(KeyType::Rsa2048).ok()?;
    let name: x509_cert::name::Name = "CN=Dojang fuzzing relying party".parse().ok()?;
    let algorithm = AlgorithmIdentifierOwned {
        oid: SHA256_WITH_RSA,
        parameters: Some(Any::null()),
    };
    let at = |secs| {
        UtcTime::from_unix_duration(std::time::Duration::from_secs(secs))
            .ok()
            .map(Time::UtcTime)
    };
    let tbs = x509_cert::TbsCertificate {
        version: x509_cert::Version::V3,
        serial_number: x509_cert::serial_number::SerialNumber::new(&[1]).ok()?,
        signature: algorithm.clone(),
        issuer: name.clone(),
        // 2026-01-01 to 2036-01-01.
        validity: Validity {
            not_before: at(1_767_225_600)?,
            not_after: at(2_082_758_400)?,
        },
        subject: name,
        subject_public_key_info: SubjectPublicKeyInfoOwned::from_der(&key.public_key_spki().ok()?)
            .ok()?,
        issuer_unique_id: None,
        subject_unique_id: None,
        extensions: None,
    };
    let signature = key.sign_sha256(&tbs.to_der().ok()?).ok()?;
    let certificate = x509_cert::Certificate {
        tbs_certificate: tbs,
        signature_algorithm: algorithm,
        signature: BitString::from_bytes(&signature).ok()?,
    };
    Some((certificate.to_der().ok()?, key.without_attributes().ok()?))
}

/// A login's identity envelope (CMS EnvelopedData) opened as a relying party opens it,
/// with its certificate and RSA key.
pub fn envelope(data: &[u8]) {
    let (certificate, key) = envelope_recipient();
    if let Ok(random_num) = crate::sign::envelope::open(data, certificate, key) {
        let _ = random_num.len();
    }
}
