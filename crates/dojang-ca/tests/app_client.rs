//! The two sides of Dojang's CMP profile against each other: the app's own issuance
//! (`dojang_core::issue::enrol`, what `dojang issue` and the window run) gets a
//! certificate from the sandbox CA with either code pair, stores it in an NPKI folder with
//! a key that passes the identity check, and reads each refusal as the profile's reason.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use common::{Application, Server};
use dojang_core::Error;
use dojang_core::cmp::ReasonCode;
use dojang_core::codes::{
    ApplicationNumber, EnrolmentCodes, IdNumber, RegistrationNumber, TemporaryCode,
};
use dojang_core::distribution::Distribution;
use dojang_core::issue::pending::{Attempt, PendingKeys};
use dojang_core::issue::{Enrolled, EnrolmentRequest, KeySource, UnlistedCa, enrol};
use dojang_core::keys::prepared::PreparedKey;
use dojang_core::keys::private_key::{KeyType, PrivateKey, generate};
use dojang_core::password::CertificatePassword;
use dojang_core::store::npki_dir::NpkiDirStore;
use dojang_core::store::{NpkiRoot, RootKind};

const PASSWORD: &str = "Dojang!2580x";

struct App {
    dir: tempfile::TempDir,
}

impl App {
    fn new() -> Self {
        App {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn npki(&self) -> std::path::PathBuf {
        self.dir.path().join("NPKI")
    }

    fn issue(&self, server: &Server, codes: EnrolmentCodes) -> Result<Enrolled, Error> {
        self.issue_with(server, codes, KeySource::Generate(KeyType::P256))
    }

    fn store(&self) -> NpkiDirStore {
        NpkiDirStore::new(NpkiRoot {
            path: self.npki(),
            kind: RootKind::Extra,
        })
    }

    fn pending(&self) -> PendingKeys {
        PendingKeys::new(&self.dir.path().join("data"))
    }

    fn issue_with(
        &self,
        server: &Server,
        codes: EnrolmentCodes,
        key: KeySource,
    ) -> Result<Enrolled, Error> {
        let request = EnrolmentRequest {
            ca: Distribution::sandbox_for(&server.url)
                .approve_ca(&server.url, UnlistedCa::Refuse)
                .unwrap(),
            codes,
            password: CertificatePassword::new_chosen(PASSWORD).unwrap(),
            key,
        };
        enrol(request, &self.store(), &self.pending(), &mut |_| {})
    }
}

/// The public key (SPKI) of the certificate an issuance stored.
fn certified_key(enrolled: &Enrolled) -> Vec<u8> {
    let cert = std::fs::read(enrolled.path.as_ref().unwrap().join("signCert.der")).unwrap();
    let (_, cert) = x509_parser::parse_x509_certificate(&cert).unwrap();
    cert.public_key().raw.to_vec()
}

fn registration(app: &Application) -> EnrolmentCodes {
    EnrolmentCodes::Registration(
        RegistrationNumber::parse(app.registration_number.as_str()).unwrap(),
    )
}

fn temporary(app: &Application, id_number: &str) -> EnrolmentCodes {
    EnrolmentCodes::Temporary {
        application: ApplicationNumber::parse(app.application_number.as_str()).unwrap(),
        code: TemporaryCode::parse(app.temporary_code.as_str()).unwrap(),
        id_number: IdNumber::parse(id_number).unwrap(),
    }
}

fn reason(result: Result<Enrolled, Error>) -> Option<ReasonCode> {
    match result {
        Err(Error::CaRefused { reason, .. }) => reason,
        other => panic!("not a refusal: {other:?}"),
    }
}

#[test]
fn the_app_gets_a_certificate_whose_key_passes_the_identity_check() {
    let server = Server::start(&[]);
    let app_data = App::new();
    let application = server.apply("홍길동", "900101-1234567", &[]);
    let enrolled = app_data.issue(&server, registration(&application)).unwrap();
    assert!(enrolled.confirmed);
    assert_eq!(enrolled.chain.len(), 2);
    assert_eq!(server.certificates_in("valid").len(), 1);

    let folder = enrolled.path.unwrap();
    assert!(folder.starts_with(app_data.npki().join("Dojang Sandbox").join("USER")));
    let cert = std::fs::read(folder.join("signCert.der")).unwrap();
    let key_file = std::fs::read(folder.join("signPri.key")).unwrap();
    let (plain, _) = dojang_core::keys::encrypted::decrypt(&key_file, PASSWORD.as_bytes()).unwrap();
    let key = PrivateKey::from_pkcs8_der(plain.to_vec()).unwrap();
    let random_num = key.random_num().unwrap();
    let id = IdNumber::parse("9001011234567").unwrap();
    assert!(dojang_core::cert::vid::matches(&cert, &random_num, &id).unwrap());
}

/// The window generates the key while the person is still on the storage and password
/// steps: that key is certified, unless an earlier attempt with the same codes was
/// interrupted after saving its own, which a retry takes up as it always did.
#[test]
fn a_key_prepared_ahead_is_certified_unless_an_interrupted_attempt_saved_one() {
    let server = Server::start(&[]);
    let prepared = PreparedKey::default();
    let spki = |source: &KeySource| match source {
        KeySource::Prepared(key) => key.public_key_spki().unwrap(),
        _ => panic!("no key was prepared"),
    };

    let app = App::new();
    prepared.prepare(KeyType::P256);
    let key = prepared.take(KeyType::P256);
    let expected = spki(&key);
    let application = server.apply("홍길동", "900101-1234567", &[]);
    let enrolled = app
        .issue_with(&server, registration(&application), key)
        .unwrap();
    assert_eq!(certified_key(&enrolled), expected);

    // An attempt that saved its key and was cut off before the CA answered.
    let app = App::new();
    let application = server.apply("김철수", "900101-1234567", &[]);
    let codes = registration(&application);
    let earlier = generate(KeyType::P256).unwrap();
    let attempt = Attempt {
        ca: Distribution::sandbox_for(&server.url)
            .approve_ca(&server.url, UnlistedCa::Refuse)
            .unwrap()
            .url()
            .to_string(),
        sender_kid: String::from_utf8_lossy(&codes.sender_kid()).into_owned(),
        started: time::OffsetDateTime::now_utc(),
    };
    let password = CertificatePassword::new_chosen(PASSWORD).unwrap();
    let key_file = dojang_core::custody::encrypt_key(&earlier, &password).unwrap();
    app.pending()
        .save(b"interrupted", &attempt, &key_file, &app.store())
        .unwrap();
    prepared.prepare(KeyType::P256);
    let enrolled = app
        .issue_with(&server, codes, prepared.take(KeyType::P256))
        .unwrap();
    assert_eq!(certified_key(&enrolled), earlier.public_key_spki().unwrap());
    assert!(
        app.pending().attempts().is_empty(),
        "the saved key is taken up"
    );
}

#[test]
fn the_app_issues_with_the_temporary_code_of_a_business() {
    let server = Server::start(&[]);
    let business = "124-81-00998";
    let application = server.apply("(주)도장", business, &[]);
    let enrolled = App::new()
        .issue(&server, temporary(&application, business))
        .unwrap();
    assert!(enrolled.confirmed);
}

#[test]
fn the_app_reads_each_refusal_as_the_profiles_reason() {
    let server = Server::start(&[]);
    let app_data = App::new();
    let id = "9001011234567";

    let application = server.apply("홍길동", id, &[]);
    let wrong = format!(
        "{}{}",
        application.reference_number.as_str(),
        "WrongWrongWrong2345"
    );
    let codes = EnrolmentCodes::Registration(RegistrationNumber::parse(&wrong).unwrap());
    assert_eq!(
        reason(app_data.issue(&server, codes)),
        Some(ReasonCode::WrongCode)
    );
    let wrong_id = temporary(&application, "8001011234567");
    assert_eq!(
        reason(app_data.issue(&server, wrong_id)),
        Some(ReasonCode::WrongCode)
    );

    app_data.issue(&server, registration(&application)).unwrap();
    assert_eq!(
        reason(app_data.issue(&server, temporary(&application, id))),
        Some(ReasonCode::AlreadyIssued)
    );

    let old = server.apply("홍길동", id, &["--applied-at", "2020-01-01T00:00:00Z"]);
    assert_eq!(
        reason(app_data.issue(&server, registration(&old))),
        Some(ReasonCode::ApplicationExpired)
    );
}
