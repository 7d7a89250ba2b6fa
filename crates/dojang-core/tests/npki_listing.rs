//! Listing certificates from NPKI folders laid out by the fixture tool, including the
//! damaged folders a real drive shows, and checked against OpenSSL's reading of the same
//! files.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::path::Path;
use std::process::Command;

use dojang_core::cert::{CertificateSummary, Purpose, ValidityStatus};
use dojang_core::store::{self, NpkiRoot, RootKind};
use dojang_testkit::{Subscriber, TestPki, sample_npki_tree, write_npki_folder};
use time::OffsetDateTime;

fn extra_root(path: &Path) -> Vec<NpkiRoot> {
    vec![NpkiRoot {
        path: path.to_owned(),
        kind: RootKind::Extra,
    }]
}

#[test]
fn sample_tree_lists_every_certificate_and_every_damaged_folder() {
    let dir = tempfile::tempdir().unwrap();
    sample_npki_tree(dir.path(), true).unwrap();
    let list = store::list_certificates(&extra_root(dir.path()), OffsetDateTime::now_utc());

    let owners: Vec<&str> = list
        .certificates
        .iter()
        .map(|c| c.certificate.owner.as_str())
        .collect();
    // Expired certificates come last.
    assert_eq!(owners, ["김철수", "홍길동", "(주)도장 테스트"]);

    let hong = &list.certificates[1].certificate;
    assert_eq!(hong.purpose, Purpose::PersonalGeneral);
    assert_eq!(hong.policy_oid.as_deref(), Some("1.2.410.200004.5.2.1.2"));
    assert_eq!(hong.ca, "KICA");
    assert_eq!(hong.common_name, "홍길동()0012345678901234");
    assert_eq!(hong.status, ValidityStatus::Valid);
    assert!((363..=365).contains(&hong.days_left), "{}", hong.days_left);
    assert_eq!(hong.key_algorithm, "RSA 2048");
    assert!(
        hong.subject
            .starts_with("CN=홍길동()0012345678901234,OU=RA센터,OU=KICA,O=KICA,C=kr")
    );

    let kim = &list.certificates[0].certificate;
    assert_eq!(kim.status, ValidityStatus::ExpiringSoon);
    assert_eq!(kim.purpose, Purpose::PersonalRestricted);
    assert_eq!(kim.ca, "yessign");

    let company = &list.certificates[2].certificate;
    assert_eq!(company.status, ValidityStatus::Expired);
    assert!(company.days_left < -30);
    assert_eq!(company.purpose, Purpose::CorporateGeneral);

    let mut codes: Vec<(&str, String)> = list
        .unreadable
        .iter()
        .map(|u| {
            let name = u.path.file_name().unwrap().to_string_lossy().into_owned();
            (u.error.code.as_str(), name)
        })
        .collect();
    codes.sort();
    assert_eq!(codes.len(), 3, "{codes:?}");
    assert_eq!(codes[0].0, "certificate-truncated");
    assert!(codes[0].1.starts_with("cn=이잘림"));
    assert_eq!(codes[1].0, "not-a-certificate");
    assert!(codes[1].1.starts_with("cn=박문서"));
    assert_eq!(codes[2].0, "npki-certificate-missing");
    assert!(codes[2].1.starts_with("cn=최빈칸"));
    assert_eq!(list.searched_roots.len(), 1);
}

#[test]
fn a_root_that_does_not_exist_is_reported_and_hides_nothing() {
    let dir = tempfile::tempdir().unwrap();
    sample_npki_tree(dir.path(), false).unwrap();
    let mut roots = extra_root(&dir.path().join("no such folder"));
    roots.extend(extra_root(dir.path()));
    let list = store::list_certificates(&roots, OffsetDateTime::now_utc());
    assert_eq!(list.certificates.len(), 3);
    assert_eq!(list.unreadable.len(), 1);
    assert_eq!(list.unreadable[0].error.code, "npki-root-not-found");
    assert_eq!(
        list.unreadable[0].error.params["path"],
        dir.path().join("no such folder").display().to_string()
    );
}

#[test]
fn an_empty_root_lists_nothing_and_says_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    let list = store::list_certificates(&extra_root(dir.path()), OffsetDateTime::now_utc());
    assert!(list.certificates.is_empty());
    assert!(list.unreadable.is_empty());
    assert_eq!(list.searched_roots[0].path, dir.path());
}

#[test]
fn the_platform_root_under_home_is_discovered_and_duplicates_are_dropped() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let npki = home.path().join("NPKI");
    std::fs::create_dir_all(&npki).unwrap();
    // The platform root is found through HOME; changing HOME in this process would race
    // the other tests, so a child process (this test binary) runs the check.
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "discover_child",
            "--nocapture",
            "--include-ignored",
        ])
        .env("HOME", home.path())
        .env("DOJANG_EXPECT_ROOT", &npki)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Runs inside a child process with HOME set by the test above.
#[test]
#[ignore = "run by the_platform_root_under_home_is_discovered_and_duplicates_are_dropped"]
fn discover_child() {
    let Some(expected) = std::env::var_os("DOJANG_EXPECT_ROOT") else {
        return;
    };
    let expected = std::path::PathBuf::from(expected);
    // The same folder named again as an extra root is searched once.
    let roots = NpkiRoot::discover(std::slice::from_ref(&expected));
    let matching: Vec<_> = roots.iter().filter(|r| r.path == expected).collect();
    assert_eq!(matching.len(), 1, "{roots:?}");
    assert_eq!(matching[0].kind, RootKind::Disk);
}

fn openssl(args: &[&str], input: &Path) -> String {
    let out = Command::new("openssl")
        .args(args)
        .arg("-in")
        .arg(input)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn fingerprint_serial_dates_and_subject_agree_with_openssl() {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::new("KICA").unwrap();
    let s = Subscriber::kica_personal("홍길동");
    let (der, _) = pki.issue(&s).unwrap();
    let folder = write_npki_folder(dir.path(), "USER", &s, &der).unwrap();
    let file = folder.join("signCert.der");
    let ours = CertificateSummary::from_der(&der, &file, OffsetDateTime::now_utc()).unwrap();

    let base = ["x509", "-inform", "DER", "-noout"];
    let fp = openssl(&[&base[..], &["-fingerprint", "-sha256"]].concat(), &file);
    assert_eq!(
        fp.trim().split('=').nth(1).unwrap(),
        ours.fingerprint_sha256
    );
    // The same number: OpenSSL keeps the leading zero bytes of a serial encoded with
    // them (the test CA's random serials sometimes are), the summary shows the value.
    let serial = openssl(&[&base[..], &["-serial"]].concat(), &file);
    let value = |hex: &str| hex.trim_start_matches('0').to_lowercase();
    assert_eq!(
        value(serial.trim().trim_start_matches("serial=")),
        value(&ours.serial)
    );
    let subject = openssl(
        &[&base[..], &["-subject", "-nameopt", "RFC2253,-esc_msb"]].concat(),
        &file,
    );
    assert_eq!(subject.trim().trim_start_matches("subject="), ours.subject);
    let end = openssl(&[&base[..], &["-enddate"]].concat(), &file);
    let end = end.trim().trim_start_matches("notAfter=");
    let format = time::macros::format_description!(
        "[month repr:short] [day padding:space] [hour]:[minute]:[second] [year] GMT"
    );
    let parsed = time::PrimitiveDateTime::parse(end, format)
        .unwrap()
        .assume_utc();
    assert_eq!(parsed, ours.not_after);
}

#[test]
fn details_agree_with_openssl() {
    use dojang_core::cert::details::{CertificateDetails, KeyUsageBit};
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::new("KICA").unwrap();
    let s = Subscriber::kica_personal("홍길동");
    let (der, _) = pki.issue(&s).unwrap();
    let folder = write_npki_folder(dir.path(), "USER", &s, &der).unwrap();
    let file = folder.join("signCert.der");
    let d = CertificateDetails::from_der(&der, &file, OffsetDateTime::now_utc()).unwrap();

    let base = ["x509", "-inform", "DER"];
    let sha1 = openssl(
        &[&base[..], &["-noout", "-fingerprint", "-sha1"]].concat(),
        &file,
    );
    assert_eq!(sha1.trim().split('=').nth(1).unwrap(), d.fingerprint_sha1);
    let pem = openssl(&[&base[..], &["-outform", "PEM"]].concat(), &file);
    assert_eq!(pem, d.pem);
    let text = openssl(&[&base[..], &["-noout", "-text"]].concat(), &file);
    assert!(text.contains("Digital Signature, Non Repudiation"));
    assert_eq!(
        d.key_usage,
        [KeyUsageBit::DigitalSignature, KeyUsageBit::NonRepudiation]
    );
    assert!(text.contains("Policy: 1.2.410.200004.5.2.1.2"));
    assert_eq!(d.policies[0].oid, "1.2.410.200004.5.2.1.2");
    assert_eq!(d.version, 3);
    assert_eq!(d.identity_real_name.as_deref(), Some("홍길동"));
    assert_eq!(d.signature_algorithm_oid, "1.2.840.113549.1.1.11");
    // The ASN.1 view starts where OpenSSL's does: the outer SEQUENCE, then the TBS.
    let parsed = openssl(&["asn1parse", "-inform", "DER"], &file);
    let first_lengths: Vec<u32> = parsed
        .lines()
        .take(2)
        .map(|l| {
            l.split(" l=")
                .nth(1)
                .unwrap()
                .split_whitespace()
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(first_lengths, [d.asn1[0].length, d.asn1[1].length]);
    // Decimal and hex serials are the same number (checked through OpenSSL's hex).
    let serial = openssl(&[&base[..], &["-noout", "-serial"]].concat(), &file);
    let hex = serial.trim().trim_start_matches("serial=");
    let mut value: Vec<u32> = vec![0];
    for c in hex.chars() {
        let mut carry = c.to_digit(16).unwrap();
        for digit in value.iter_mut() {
            let v = *digit * 16 + carry;
            *digit = v % 10;
            carry = v / 10;
        }
        while carry > 0 {
            value.push(carry % 10);
            carry /= 10;
        }
    }
    let decimal: String = value
        .iter()
        .rev()
        .skip_while(|&&d| d == 0)
        .map(|d| char::from_digit(*d, 10).unwrap())
        .collect();
    assert_eq!(decimal, d.serial_decimal);
}

/// A hostile stick: certificate "files" that are a pipe, a link to `/dev/zero` and a
/// certificate with a 5 MB name each give their own row, at once, and the real ones list.
#[cfg(unix)]
#[test]
fn a_pipe_a_link_to_dev_zero_and_a_huge_certificate_are_rows_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    sample_npki_tree(dir.path(), false).unwrap();
    let user = dir.path().join("KICA").join("USER");
    let folder = |name: &str| {
        let f = user.join(name);
        std::fs::create_dir_all(&f).unwrap();
        f.join("signCert.der")
    };
    let fifo = folder("cn=pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/dev/zero", folder("cn=zero")).unwrap();
    let pki = TestPki::new("KICA").unwrap();
    let (huge, _) = pki
        .issue(&Subscriber::kica_personal(&"가".repeat((5 << 20) / 3 + 1)))
        .unwrap();
    assert!(huge.len() > 5_000_000);
    std::fs::write(folder("cn=huge"), &huge).unwrap();

    let list = store::list_certificates(&extra_root(dir.path()), OffsetDateTime::now_utc());
    assert_eq!(list.certificates.len(), 3, "the real ones list");
    let mut rows: Vec<(String, String)> = list
        .unreadable
        .iter()
        .map(|u| {
            (
                u.path.file_name().unwrap().to_string_lossy().into_owned(),
                u.error.code.as_str().to_owned(),
            )
        })
        .collect();
    rows.sort();
    assert_eq!(
        rows,
        [
            ("cn=huge".to_owned(), "file-too-large".to_owned()),
            ("cn=pipe".to_owned(), "file-not-regular".to_owned()),
            ("cn=zero".to_owned(), "file-not-regular".to_owned()),
        ]
    );
}

/// Names and serials print in time linear in their length: a certificate whose name is
/// 300 KB (as a PKCS#12 file may carry) is read, its name escaped in full.
#[test]
fn a_certificate_with_a_very_long_name_is_read_in_linear_time() {
    let pki = TestPki::new("KICA").unwrap();
    let name = format!("{}, {}", "홍".repeat(50_000), "a+b".repeat(50_000));
    let (der, _) = pki.issue(&Subscriber::kica_personal(&name)).unwrap();
    let summary =
        CertificateSummary::from_der(&der, Path::new("long.der"), OffsetDateTime::now_utc())
            .unwrap();
    assert!(summary.subject.starts_with("CN=홍홍"));
    assert!(
        summary.subject.contains("\\, a\\+ba\\+b"),
        "escaped as RFC 4514 says"
    );
    let details = dojang_core::cert::details::CertificateDetails::from_der(
        &der,
        Path::new("long.der"),
        OffsetDateTime::now_utc(),
    )
    .unwrap();
    assert!(details.summary.subject.len() > 300_000);
}
