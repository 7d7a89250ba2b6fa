//! Test fixtures for Dojang, made by code rather than kept as hand-edited binaries: a test
//! PKI shaped like the Korean one (a root, an accredited issuing CA, subscriber
//! certificates with NPKI subjects, KICA/yessign/CrossCert policy OIDs and key usage), laid
//! out as NPKI folders. The `dojang-fixtures` binary exposes the same to scripts.
#![forbid(unsafe_code)]

pub use rcgen::RsaKeySize;

pub mod cli;
pub mod identity;
pub mod npki_key;
pub mod peers;
pub mod sandbox;
pub mod xvfb;

use std::path::{Path, PathBuf};

use der::Encode;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, CustomExtension, DistinguishedName,
    DnType, DnValue, IsCa, KeyPair, KeyUsagePurpose, PKCS_RSA_SHA256,
};
use time::{Duration, OffsetDateTime};
use x509_cert::ext::pkix::CertificatePolicies;
use x509_cert::ext::pkix::certpolicy::PolicyInformation;

/// Anything that can go wrong while making fixtures.
pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// The OID of the OrganizationalUnitName attribute, used to write a second OU (NPKI
/// subjects have two or three; rcgen's own OU type holds one).
const OU_OID: [u64; 4] = [2, 5, 4, 11];

/// What a command printed on standard output, as JSON (`--json`); the test fails with both
/// of its outputs when it is not.
pub fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "not JSON: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The ID of the certificate a `dojang issue --json` (or `renew`) made; the test fails with
/// both of its outputs when the command did not succeed.
pub fn issued_id(out: &std::process::Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let answer = json(out);
    match answer["id"].as_str() {
        Some(id) => id.to_owned(),
        None => panic!("no certificate ID in {answer}"),
    }
}

/// The error code a command printed with `--json` (empty when it printed none).
pub fn error_code(out: &std::process::Output) -> String {
    json(out)["error"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The text of a sandbox distribution file (`sandbox = true`) that lists the CAs at
/// `cmp_urls`: what a test's user needs to reach a sandbox CA over plain HTTP on loopback.
pub fn sandbox_distribution(cmp_urls: &[&str]) -> String {
    let mut text = String::from("product_name = \"도장 시험\"\nsandbox = true\n");
    for (i, url) in cmp_urls.iter().enumerate() {
        text.push_str(&format!(
            "[[ca]]\nname = \"시험 CA {}\"\ncmp_url = \"{url}\"\n",
            i + 1
        ));
    }
    text
}

/// A certificate authority of the test PKI: its certificate and its signing key.
pub struct TestCa {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

impl TestCa {
    /// The CA certificate, DER.
    pub fn der(&self) -> Vec<u8> {
        self.issuer.der().to_vec()
    }

    /// The CA certificate, PEM (for OpenSSL's tools).
    pub fn pem(&self) -> String {
        self.issuer.pem()
    }

    /// The CA's private key, PKCS#8 PEM (for OpenSSL's tools, which sign CRLs and OCSP
    /// responses with it).
    pub fn key_pem(&self) -> String {
        self.issuer.key().serialize_pem()
    }
}

/// How the issuing CA of a [`TestPki`] departs from a well-formed one, to test that paths
/// through it fail with the right reason.
#[derive(Debug, Clone, Copy, Default)]
pub struct IssuingShape {
    /// Its validity ended a day ago.
    pub expired: bool,
    /// Its keyUsage lacks keyCertSign (it keeps cRLSign).
    pub without_cert_sign: bool,
    /// It has no basicConstraints: not a CA.
    pub not_a_ca: bool,
}

/// Where a subscriber certificate points relying parties (absent when `None`).
#[derive(Debug, Clone, Default)]
pub struct Pointers {
    /// The OCSP responder (AIA id-ad-ocsp).
    pub ocsp: Option<String>,
    /// The issuing CA's certificate (AIA id-ad-caIssuers).
    pub ca_issuers: Option<String>,
    /// The CRL (cRLDistributionPoints).
    pub crl: Option<String>,
}

/// A test root and an accredited issuing CA under it, shaped like KICA's
/// (`CN=…,OU=AccreditedCA,O=<org>,C=KR`).
pub struct TestPki {
    /// The root CA.
    pub root: TestCa,
    /// The issuing CA.
    pub issuing: TestCa,
}

/// What a subscriber certificate should say.
#[derive(Debug, Clone)]
pub struct Subscriber {
    /// The owner's name, e.g. `홍길동`; the CN becomes `<name>()<digits>`.
    pub name: String,
    /// The digits after `()` in the CN.
    pub cn_digits: String,
    /// The OUs, most specific first, as RFC 4514 writes them (at most two).
    pub ous: Vec<String>,
    /// The O, which is also the CA folder name (`KICA`, `yessign`, …).
    pub org: String,
    /// The first certificate-policy OID, dotted.
    pub policy_oid: String,
    /// Validity start, relative to now.
    pub starts_in: Duration,
    /// Validity end, relative to now.
    pub ends_in: Duration,
    /// The ID number and randomNum bound into the certificate's VID (identifyData);
    /// the key then carries the randomNum.
    pub identity: Option<identity::Identity>,
    /// Where the certificate points for its status and its CA.
    pub pointers: Pointers,
}

/// The certificate password of every key the fixture tool writes (it keeps the rules).
pub const SAMPLE_PASSWORD: &str = "sample!2580";

/// The resident registration number the sample certificates are bound to (a made-up,
/// well-formed one).
pub const SAMPLE_ID_NUMBER: &str = "9001011234567";

/// A randomNum for fixtures: unpredictable enough for tests (hash of the name and the
/// clock), never used for anything real.
pub fn fixture_random_num(seed: &str) -> [u8; 20] {
    use sha2::Digest;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let digest = sha2::Sha256::digest(format!("{seed}{nanos}").as_bytes());
    let mut out = [0u8; 20];
    out.copy_from_slice(&digest[..20]);
    out
}

impl Subscriber {
    /// A KICA personal general-purpose (개인 범용) certificate valid for a year.
    pub fn kica_personal(name: &str) -> Self {
        Subscriber {
            name: name.to_owned(),
            cn_digits: "0012345678901234".to_owned(),
            ous: vec!["RA센터".to_owned(), "KICA".to_owned()],
            org: "KICA".to_owned(),
            policy_oid: "1.2.410.200004.5.2.1.2".to_owned(),
            starts_in: Duration::days(-1),
            ends_in: Duration::days(365),
            identity: Some(identity::Identity {
                id_number: SAMPLE_ID_NUMBER.to_owned(),
                random_num: fixture_random_num(name),
            }),
            pointers: Pointers::default(),
        }
    }

    /// The NPKI folder name: the subject DN in RFC 4514 order, lower case.
    pub fn folder_name(&self) -> String {
        let mut parts = vec![format!("cn={}(){}", self.name, self.cn_digits)];
        parts.extend(self.ous.iter().map(|ou| format!("ou={ou}")));
        parts.push(format!("o={}", self.org));
        parts.push("c=kr".to_owned());
        parts.join(",").to_lowercase()
    }
}

fn ca_params(cn: &str, org: &str, now: OffsetDateTime) -> Result<CertificateParams> {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(
        DnType::CountryName,
        DnValue::PrintableString("KR".try_into()?),
    );
    dn.push(DnType::OrganizationName, org);
    dn.push(DnType::OrganizationalUnitName, "AccreditedCA");
    dn.push(DnType::CommonName, cn);
    params.distinguished_name = dn;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = now - Duration::days(365);
    params.not_after = now + Duration::days(3650);
    Ok(params)
}

fn rsa_key() -> Result<KeyPair> {
    Ok(KeyPair::generate_rsa_for(
        &PKCS_RSA_SHA256,
        RsaKeySize::_2048,
    )?)
}

impl TestPki {
    /// A fresh root (`Dojang Test RootCA`) and issuing CA (`Dojang Test CA1`) whose O is
    /// `org`.
    pub fn new(org: &str) -> Result<Self> {
        Self::with_issuing(org, IssuingShape::default())
    }

    /// Like [`TestPki::new`], with an issuing CA shaped as `shape` says.
    pub fn with_issuing(org: &str, shape: IssuingShape) -> Result<Self> {
        let now = OffsetDateTime::now_utc();
        let root = CertifiedIssuer::self_signed(
            ca_params("Dojang Test RootCA", "Dojang Test", now)?,
            rsa_key()?,
        )?;
        let mut params = ca_params("Dojang Test CA1", org, now)?;
        if shape.expired {
            params.not_after = now - Duration::days(1);
        }
        if shape.without_cert_sign {
            params.key_usages = vec![KeyUsagePurpose::CrlSign];
        }
        if shape.not_a_ca {
            params.is_ca = IsCa::ExplicitNoCa;
        }
        let issuing = CertifiedIssuer::signed_by(params, rsa_key()?, &root)?;
        Ok(TestPki {
            root: TestCa { issuer: root },
            issuing: TestCa { issuer: issuing },
        })
    }

    /// Issues a subscriber certificate (DER) with a fresh RSA-2048 key, which is returned
    /// too (PKCS#8 DER, with the randomNum attribute when the subscriber has an identity).
    pub fn issue(&self, s: &Subscriber) -> Result<(Vec<u8>, Vec<u8>)> {
        self.issue_with_key(s, rsa_key()?)
    }

    /// An OCSP responder's certificate from the issuing CA, with extKeyUsage
    /// id-kp-OCSPSigning when `for_ocsp` (else serverAuth), valid for a year, and its key:
    /// both PEM.
    pub fn issue_responder(&self, for_ocsp: bool) -> Result<(String, String)> {
        let now = OffsetDateTime::now_utc();
        let key = rsa_key()?;
        let mut params = CertificateParams::default();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, "Dojang Test OCSP Responder");
        params.distinguished_name = dn;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![if for_ocsp {
            rcgen::ExtendedKeyUsagePurpose::OcspSigning
        } else {
            rcgen::ExtendedKeyUsagePurpose::ServerAuth
        }];
        params.not_before = now - Duration::days(1);
        params.not_after = now + Duration::days(365);
        let cert = params.signed_by(&key, &self.issuing.issuer)?;
        Ok((cert.pem(), key.serialize_pem()))
    }

    /// Like [`TestPki::issue`] with an RSA key of the given size (e.g. 4096 bits).
    pub fn issue_rsa(&self, s: &Subscriber, size: RsaKeySize) -> Result<(Vec<u8>, Vec<u8>)> {
        self.issue_with_key(s, KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, size)?)
    }

    /// Like [`TestPki::issue`] with a P-256 key.
    pub fn issue_p256(&self, s: &Subscriber) -> Result<(Vec<u8>, Vec<u8>)> {
        self.issue_with_key(s, KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)?)
    }

    fn issue_with_key(&self, s: &Subscriber, key: KeyPair) -> Result<(Vec<u8>, Vec<u8>)> {
        let now = OffsetDateTime::now_utc();
        let mut params = CertificateParams::default();
        let mut dn = DistinguishedName::new();
        dn.push(
            DnType::CountryName,
            DnValue::PrintableString("kr".try_into()?),
        );
        dn.push(DnType::OrganizationName, s.org.as_str());
        // DER order is the reverse of RFC 4514's: least specific OU first.
        let mut ous = s.ous.iter().rev();
        if let Some(ou) = ous.next() {
            dn.push(DnType::OrganizationalUnitName, ou.as_str());
        }
        if let Some(ou) = ous.next() {
            dn.push(DnType::CustomDnType(OU_OID.to_vec()), ou.as_str());
        }
        dn.push(
            DnType::CommonName,
            format!("{}(){}", s.name, s.cn_digits).as_str(),
        );
        params.distinguished_name = dn;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::ContentCommitment,
        ];
        params.not_before = now + s.starts_in;
        params.not_after = now + s.ends_in;
        params.use_authority_key_identifier_extension = true;
        params
            .custom_extensions
            .push(policies_extension(&s.policy_oid)?);
        if let Some(extension) = access_extension(&s.pointers)? {
            params.custom_extensions.push(extension);
        }
        if let Some(crl) = &s.pointers.crl {
            params.crl_distribution_points = vec![rcgen::CrlDistributionPoint {
                uris: vec![crl.clone()],
            }];
        }
        let mut pkcs8 = key.serialize_der();
        if let Some(id) = &s.identity {
            params
                .custom_extensions
                .push(identity::identify_data_extension(&s.name, id)?);
            pkcs8 = identity::with_random_num(&pkcs8, &id.random_num)?;
        }
        let cert = params.signed_by(&key, &self.issuing.issuer)?;
        Ok((cert.der().to_vec(), pkcs8))
    }
}

/// The certificatePolicies extension (RFC 5280 §4.2.1.4) naming one policy.
fn policies_extension(oid: &str) -> Result<CustomExtension> {
    let policies = CertificatePolicies(vec![PolicyInformation {
        policy_identifier: der::asn1::ObjectIdentifier::new(oid)
            .map_err(|e| format!("policy OID {oid}: {e}"))?,
        policy_qualifiers: None,
    }]);
    Ok(CustomExtension::from_oid_content(
        &[2, 5, 29, 32],
        policies.to_der()?,
    ))
}

/// The authorityInfoAccess extension (RFC 5280 §4.2.2.1) with the OCSP and caIssuers
/// addresses given, or none.
fn access_extension(pointers: &Pointers) -> Result<Option<CustomExtension>> {
    use x509_cert::ext::pkix::name::GeneralName;
    use x509_cert::ext::pkix::{AccessDescription, AuthorityInfoAccessSyntax};
    let mut access = Vec::new();
    for (method, url) in [
        ("1.3.6.1.5.5.7.48.1", &pointers.ocsp),
        ("1.3.6.1.5.5.7.48.2", &pointers.ca_issuers),
    ] {
        if let Some(url) = url {
            access.push(AccessDescription {
                access_method: der::asn1::ObjectIdentifier::new_unwrap(method),
                access_location: GeneralName::UniformResourceIdentifier(der::asn1::Ia5String::new(
                    url,
                )?),
            });
        }
    }
    if access.is_empty() {
        return Ok(None);
    }
    Ok(Some(CustomExtension::from_oid_content(
        &[1, 3, 6, 1, 5, 5, 7, 1, 1],
        AuthorityInfoAccessSyntax(access).to_der()?,
    )))
}

/// Writes one NPKI certificate folder `root/<org>/<user_dir>/<subject>/signCert.der` and
/// returns the folder.
pub fn write_npki_folder(
    root: &Path,
    user_dir: &str,
    s: &Subscriber,
    cert_der: &[u8],
) -> Result<PathBuf> {
    let dir = root.join(&s.org).join(user_dir).join(s.folder_name());
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("signCert.der"), cert_der)?;
    Ok(dir)
}

/// Writes a whole NPKI certificate folder: signCert.der and signPri.key (variant A under
/// `password`, made by the fixture tool's own path through OpenSSL's SEED).
pub fn write_npki_certificate(
    root: &Path,
    user_dir: &str,
    s: &Subscriber,
    cert_der: &[u8],
    pkcs8: &[u8],
    password: &str,
) -> Result<PathBuf> {
    let dir = write_npki_folder(root, user_dir, s, cert_der)?;
    let salt: [u8; 8] = fixture_random_num(&s.name)[..8].try_into()?;
    let key_file = npki_key::npki_key_file(pkcs8, password, npki_key::Variant::A, salt, 2048)?;
    std::fs::write(dir.join("signPri.key"), key_file)?;
    Ok(dir)
}

/// The sample NPKI tree (keys under [`SAMPLE_PASSWORD`]): three readable certificates from three CAs (one valid, one
/// expiring within the warning window, one expired), under `root`. With `broken`, also
/// the folders a damaged drive shows: a truncated certificate, a file that is not a
/// certificate, and a folder without signCert.der. Returns the readable folders.
pub fn sample_npki_tree(root: &Path, broken: bool) -> Result<Vec<PathBuf>> {
    let mut made = Vec::new();
    let kica = TestPki::new("KICA")?;
    let hong = Subscriber::kica_personal("홍길동");
    let (der, key) = kica.issue(&hong)?;
    made.push(write_npki_certificate(
        root,
        "USER",
        &hong,
        &der,
        &key,
        SAMPLE_PASSWORD,
    )?);

    let yessign = TestPki::new("yessign")?;
    let kim = Subscriber {
        name: "김철수".to_owned(),
        cn_digits: "0041234567890123456".to_owned(),
        ous: vec!["woori".to_owned(), "personal4IB".to_owned()],
        org: "yessign".to_owned(),
        policy_oid: "1.2.410.200005.1.1.4".to_owned(),
        starts_in: Duration::days(-355),
        ends_in: Duration::days(10),
        identity: None,
        pointers: Pointers::default(),
    };
    let (der, key) = yessign.issue(&kim)?;
    // `User`, not `USER`: both occur in the wild.
    made.push(write_npki_certificate(
        root,
        "User",
        &kim,
        &der,
        &key,
        SAMPLE_PASSWORD,
    )?);

    let crosscert = TestPki::new("CrossCert")?;
    let company = Subscriber {
        name: "(주)도장 테스트".to_owned(),
        cn_digits: "0001234567890".to_owned(),
        ous: vec!["법인".to_owned()],
        org: "CrossCert".to_owned(),
        policy_oid: "1.2.410.200004.5.4.1.2".to_owned(),
        starts_in: Duration::days(-400),
        ends_in: Duration::days(-35),
        identity: None,
        pointers: Pointers::default(),
    };
    let (der, key) = crosscert.issue(&company)?;
    made.push(write_npki_certificate(
        root,
        "USER",
        &company,
        &der,
        &key,
        SAMPLE_PASSWORD,
    )?);

    if broken {
        let (good, _) = kica.issue(&Subscriber::kica_personal("이잘림"))?;
        let cut = Subscriber::kica_personal("이잘림");
        write_npki_folder(root, "USER", &cut, &good[..good.len() / 2])?;
        let garbage = Subscriber::kica_personal("박문서");
        write_npki_folder(
            root,
            "USER",
            &garbage,
            b"this is a text file, not a certificate\n",
        )?;
        let empty = root
            .join("KICA")
            .join("USER")
            .join(Subscriber::kica_personal("최빈칸").folder_name());
        std::fs::create_dir_all(empty)?;
    }
    Ok(made)
}
