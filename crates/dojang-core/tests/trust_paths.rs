//! Certification paths as a relying party validates them: the bundled Korean PKI checked
//! against OpenSSL's own `verify`, a missing intermediate found in a `CaPubs` file of an
//! NPKI folder, and each way a path fails named with its link.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::path::Path;
use std::process::Command;

use dojang_core::cert::anchors::KOREAN_PKI;
use dojang_core::cert::chain::{LinkSource, PathProblem, Pool};
use dojang_core::distribution::Distribution;
use dojang_core::store::StoreSet;
use dojang_testkit::{IssuingShape, Subscriber, TestPki};
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};

fn pem(der: &[u8]) -> String {
    dojang_core::cert::pem("CERTIFICATE", der)
}

/// `openssl verify -attime` of `cert` under `root` (the one trust anchor), with
/// `intermediate` offered as untrusted.
fn openssl_verifies(
    dir: &Path,
    root: &[u8],
    intermediate: Option<&[u8]>,
    cert: &[u8],
    at: OffsetDateTime,
) -> bool {
    let (root_file, cert_file) = (dir.join("root.pem"), dir.join("cert.pem"));
    std::fs::write(&root_file, pem(root)).unwrap();
    std::fs::write(&cert_file, pem(cert)).unwrap();
    let mut command = Command::new("openssl");
    command
        .args([
            "verify",
            "-attime",
            &at.unix_timestamp().to_string(),
            "-CAfile",
        ])
        .arg(&root_file);
    if let Some(intermediate) = intermediate {
        let file = dir.join("intermediate.pem");
        std::fs::write(&file, pem(intermediate)).unwrap();
        command.arg("-untrusted").arg(file);
    }
    let out = command.arg(&cert_file).output().expect("openssl runs");
    out.status.success()
}

fn validity(der: &[u8]) -> (OffsetDateTime, OffsetDateTime) {
    let (_, cert) = X509Certificate::from_der(der).unwrap();
    (
        cert.validity().not_before.to_datetime(),
        cert.validity().not_after.to_datetime(),
    )
}

#[test]
fn dojang_and_openssl_agree_on_every_bundled_ca_at_times_inside_and_outside_its_validity() {
    let dir = tempfile::tempdir().unwrap();
    let pool = Pool::bundled();
    for ca in KOREAN_PKI.iter().filter(|b| !b.file.starts_with("KISA")) {
        let (_, cert) = X509Certificate::from_der(ca.der).unwrap();
        let root = KOREAN_PKI
            .iter()
            .find(|r| X509Certificate::from_der(r.der).unwrap().1.subject() == cert.issuer())
            .unwrap();
        let (from, to) = validity(ca.der);
        let to = to.min(validity(root.der).1);
        for (at, expected) in [
            (from + (to - from) / 2, true),
            (to + time::Duration::days(1), false),
        ] {
            let ours = pool.validate(ca.der, at).unwrap();
            assert_eq!(
                ours.valid, expected,
                "{} at {at}: {:?}",
                ca.file, ours.problem
            );
            assert_eq!(
                openssl_verifies(dir.path(), root.der, None, ca.der, at),
                expected,
                "openssl on {} at {at}",
                ca.file
            );
        }
    }
}

#[test]
fn a_missing_issuing_ca_is_found_in_a_capubs_file_but_its_root_must_be_trusted() {
    let pki = TestPki::new("KICA").unwrap();
    let (leaf, _) = pki.issue(&Subscriber::kica_personal("홍길동")).unwrap();
    let npki = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let stores = StoreSet::open(
        "kr.dojang.test.paths",
        Some(data.path().to_path_buf()),
        &[npki.path().to_path_buf()],
    )
    .unwrap();
    let pinned = Distribution {
        pinned_roots: vec![pki.root.der()],
        ..Distribution::default()
    };
    let now = OffsetDateTime::now_utc();

    let chain = stores.chain(&leaf, &pinned, now).unwrap();
    assert_eq!(chain.problem, Some(PathProblem::IssuerNotFound { link: 0 }));

    // Another program left the issuing CA (and a root of its own) in a CaPubs file.
    let mut capubs = vec![0x30, 0x82];
    let body = [pki.issuing.der(), pki.root.der()].concat();
    capubs.extend(u16::try_from(body.len()).unwrap().to_be_bytes());
    capubs.extend(body);
    std::fs::create_dir_all(npki.path().join("KICA")).unwrap();
    std::fs::write(npki.path().join("KICA/CaPubs"), &capubs).unwrap();

    let chain = stores.chain(&leaf, &pinned, now).unwrap();
    assert!(chain.valid, "{:?}", chain.problem);
    assert_eq!(chain.links[1].source, LinkSource::CaPubs);
    assert_eq!(chain.links[2].source, LinkSource::Distribution);

    // Without the pin, the same root from the folder is not a trust anchor.
    let chain = stores.chain(&leaf, &Distribution::default(), now).unwrap();
    assert!(chain.complete && !chain.valid);
    assert_eq!(chain.problem, Some(PathProblem::UntrustedRoot { link: 2 }));
}

#[test]
fn a_capubs_file_from_another_program_fills_paths_to_kisa_and_never_trusts_its_test_roots() {
    let capubs = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/capubs/CaPubs_All"),
    )
    .unwrap();
    let certificates = dojang_core::cert::capubs::read(&capubs).unwrap();
    assert_eq!(certificates.len(), 24);
    let mut pool = Pool::bundled();
    pool.add_all(certificates.iter().map(Vec::as_slice), LinkSource::CaPubs);
    let named = |cn: &str| {
        certificates
            .iter()
            .find(|der| {
                X509Certificate::from_der(der)
                    .unwrap()
                    .1
                    .subject()
                    .iter_common_name()
                    .any(|c| c.as_str() == Ok(cn))
            })
            .unwrap()
    };
    let at = OffsetDateTime::new_utc(
        time::Date::from_calendar_date(2027, time::Month::January, 1).unwrap(),
        time::Time::MIDNIGHT,
    );
    // A real CA in the file is the bundled one: its path ends at KISA RootCA 4.
    let chain = pool.validate(named("yessignCA Class 3"), at).unwrap();
    assert!(chain.valid, "{:?}", chain.problem);
    assert_eq!(chain.links[0].source, LinkSource::Bundled);
    // A test CA chains to KISA's test root, which the file brought: not trusted.
    let chain = pool.validate(named("yessignCA-Test Class 5"), at).unwrap();
    assert!(chain.complete && !chain.valid);
    assert_eq!(chain.links[1].common_name, "Kisa Test RootCA 7");
    assert_eq!(chain.problem, Some(PathProblem::UntrustedRoot { link: 1 }));
}

#[test]
fn each_broken_link_is_named_with_its_reason() {
    let now = OffsetDateTime::now_utc();
    let check = |shape: IssuingShape, expected: PathProblem| {
        let pki = TestPki::with_issuing("KICA", shape).unwrap();
        let (leaf, _) = pki.issue(&Subscriber::kica_personal("홍길동")).unwrap();
        let mut pool = Pool::new();
        pool.add(&pki.root.der(), LinkSource::Distribution);
        pool.add(&pki.issuing.der(), LinkSource::Issuance);
        let chain = pool.validate(&leaf, now).unwrap();
        assert_eq!(chain.problem, Some(expected), "{shape:?}");
        assert!(!chain.valid);
    };
    check(
        IssuingShape {
            expired: true,
            ..IssuingShape::default()
        },
        PathProblem::Expired { link: 1 },
    );
    check(
        IssuingShape {
            without_cert_sign: true,
            ..IssuingShape::default()
        },
        PathProblem::NoCertSign { link: 1 },
    );
    check(
        IssuingShape {
            not_a_ca: true,
            ..IssuingShape::default()
        },
        PathProblem::NotACa { link: 1 },
    );

    // A wrong signature: the issuing CA of another PKI with the same name.
    let pki = TestPki::new("KICA").unwrap();
    let other = TestPki::new("KICA").unwrap();
    let (leaf, _) = pki.issue(&Subscriber::kica_personal("홍길동")).unwrap();
    let mut pool = Pool::new();
    pool.add(&other.root.der(), LinkSource::Distribution);
    pool.add(&other.issuing.der(), LinkSource::Issuance);
    let chain = pool.validate(&leaf, now).unwrap();
    assert_eq!(chain.problem, Some(PathProblem::BadSignature { link: 0 }));
    // OpenSSL agrees: not with the impostor, and yes with the right CA.
    let dir = tempfile::tempdir().unwrap();
    let (root, impostor) = (other.root.der(), other.issuing.der());
    assert!(!openssl_verifies(
        dir.path(),
        &root,
        Some(&impostor),
        &leaf,
        now
    ));
    let (root, issuing) = (pki.root.der(), pki.issuing.der());
    assert!(openssl_verifies(
        dir.path(),
        &root,
        Some(&issuing),
        &leaf,
        now
    ));
}
