//! Keys at rest in NPKI folders and PKCS#12 files: passwords, copies, deletion, the
//! identity check, and PKCS#12 in both directions with OpenSSL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::path::{Path, PathBuf};
use std::process::Command;

use dojang_core::Error;
use dojang_core::codes::IdNumber;
use dojang_core::custody;
use dojang_core::keys::encrypted;
use dojang_core::password::CertificatePassword;
use dojang_core::store::npki_dir::NpkiDirStore;
use dojang_core::store::{NpkiRoot, RootKind, Store, pkcs12};
use dojang_testkit::npki_key::{Variant, npki_key_file};
use dojang_testkit::{
    SAMPLE_ID_NUMBER, SAMPLE_PASSWORD, Subscriber, TestPki, write_npki_certificate,
};

fn store_at(path: &Path) -> NpkiDirStore {
    NpkiDirStore::new(NpkiRoot {
        path: path.to_owned(),
        kind: RootKind::Extra,
    })
}

fn pw(p: &str) -> CertificatePassword {
    CertificatePassword::existing(p.to_owned())
}

/// One NPKI certificate (홍길동, KICA) with a key-management pair, under SAMPLE_PASSWORD.
struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    folder: PathBuf,
    id: String,
    cert: Vec<u8>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("NPKI");
    let pki = TestPki::new("KICA").unwrap();
    let s = Subscriber::kica_personal("홍길동");
    let (cert, key) = pki.issue(&s).unwrap();
    let folder = write_npki_certificate(&root, "USER", &s, &cert, &key, SAMPLE_PASSWORD).unwrap();
    let (km_cert, km_key) = pki.issue(&s).unwrap();
    std::fs::write(folder.join("kmCert.der"), &km_cert).unwrap();
    let km_file = npki_key_file(&km_key, SAMPLE_PASSWORD, Variant::A, [9; 8], 2048).unwrap();
    std::fs::write(folder.join("kmPri.key"), km_file).unwrap();
    Fixture {
        id: dojang_core::cert::certificate_id(&cert),
        _dir: dir,
        root,
        folder,
        cert,
    }
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_key_opens_with_its_password_and_a_wrong_one_is_reported_as_such() {
    let f = fixture();
    let store = store_at(&f.root);
    let files = store.load(&f.id).unwrap();
    let key = custody::open_key(&files, &pw(SAMPLE_PASSWORD)).unwrap();
    assert_eq!(key.random_num().unwrap().len(), 20);
    let before = snapshot(&f.folder);
    for wrong in ["sample!2581", "", "SAMPLE!2580", "sample!2580 "] {
        assert!(matches!(
            custody::open_key(&files, &pw(wrong)),
            Err(Error::WrongPassword)
        ));
    }
    assert_eq!(snapshot(&f.folder), before);
}

#[test]
fn password_change_reencrypts_every_key_file_and_keeps_random_num() {
    let f = fixture();
    let store = store_at(&f.root);
    let old_files = store.load(&f.id).unwrap();
    let random_num = custody::open_key(&old_files, &pw(SAMPLE_PASSWORD))
        .unwrap()
        .random_num()
        .unwrap();
    let new = CertificatePassword::new_chosen("seal#7294xq".to_owned()).unwrap();
    custody::change_password(&store, &f.id, &pw(SAMPLE_PASSWORD), &new).unwrap();

    let files = store.load(&f.id).unwrap();
    assert_eq!(files.sign_cert, f.cert);
    assert_ne!(&files.sign_key[..], &old_files.sign_key[..], "fresh salt");
    assert!(matches!(
        custody::open_key(&files, &pw(SAMPLE_PASSWORD)),
        Err(Error::WrongPassword)
    ));
    let key = custody::open_key(&files, &new).unwrap();
    assert_eq!(
        key.random_num().unwrap(),
        random_num,
        "randomNum byte for byte"
    );
    // kmPri.key moved to the new password as well.
    let km = files.km.as_ref().unwrap();
    assert!(encrypted::decrypt(&km.key, b"seal#7294xq").is_ok());
    assert!(encrypted::decrypt(&km.key, SAMPLE_PASSWORD.as_bytes()).is_err());
    // Still variant A, readable by the fixture tool's independent implementation.
    let plain = dojang_testkit::npki_key::decrypt_npki_key_file(&files.sign_key, "seal#7294xq");
    assert_eq!(plain.unwrap(), key.pkcs8_der());
    // No temporary folder was left behind.
    let user = f.folder.parent().unwrap();
    assert_eq!(std::fs::read_dir(user).unwrap().count(), 1);
}

#[test]
fn a_wrong_old_password_changes_nothing() {
    let f = fixture();
    let store = store_at(&f.root);
    let before = snapshot(&f.folder);
    let new = CertificatePassword::new_chosen("seal#7294xq".to_owned()).unwrap();
    let err = custody::change_password(&store, &f.id, &pw("not!the2580"), &new).unwrap_err();
    assert_eq!(err.code(), "wrong-password");
    assert_eq!(snapshot(&f.folder), before);
}

#[test]
fn copy_to_another_root_keeps_the_files_and_delete_really_removes() {
    let f = fixture();
    let usb = tempfile::tempdir().unwrap();
    let from = store_at(&f.root);
    let to = store_at(usb.path());
    let written = custody::copy(&from, &f.id, &to).unwrap().unwrap();
    assert!(written.starts_with(usb.path().join("KICA").join("USER")));
    assert_eq!(written.file_name(), f.folder.file_name());
    assert_eq!(snapshot(&written), snapshot(&f.folder));
    // Copying again is refused, and the copy is intact.
    assert_eq!(
        custody::copy(&from, &f.id, &to).unwrap_err().code(),
        "already-stored"
    );
    custody::delete(&to, &f.id).unwrap();
    assert!(!written.exists());
    assert!(to.load(&f.id).is_err());
    assert!(
        f.folder.join("signPri.key").is_file(),
        "the source is untouched"
    );
}

#[test]
fn a_folder_moved_or_replaced_since_the_store_last_looked_is_found_where_it_is_now() {
    let f = fixture();
    let store = store_at(&f.root);
    let now = time::OffsetDateTime::now_utc();
    assert_eq!(store.ids(now), std::slice::from_ref(&f.id));
    // Renamed behind the store's back (a person tidying the folder): found again.
    let moved = f.folder.with_file_name("cn=moved");
    std::fs::rename(&f.folder, &moved).unwrap();
    assert_eq!(store.certificate(&f.id).unwrap(), f.cert);
    assert_eq!(store.folder_of(&f.id), Some(moved.clone()));
    // Another certificate put in its place: never taken for the one that was there.
    let pki = TestPki::new("KICA").unwrap();
    let other = Subscriber::kica_personal("임꺽정");
    let (cert, key) = pki.issue(&other).unwrap();
    std::fs::remove_dir_all(&moved).unwrap();
    let folder =
        write_npki_certificate(&f.root, "USER", &other, &cert, &key, SAMPLE_PASSWORD).unwrap();
    std::fs::rename(&folder, &moved).unwrap();
    assert_eq!(
        store.certificate(&f.id).unwrap_err().code(),
        "certificate-not-found"
    );
    assert!(store.load(&f.id).is_err());
    assert_eq!(
        store
            .certificate(&dojang_core::cert::certificate_id(&cert))
            .unwrap(),
        cert
    );
}

#[test]
fn identity_check_matches_the_right_number_only() {
    let f = fixture();
    let store = store_at(&f.root);
    let right = IdNumber::parse(SAMPLE_ID_NUMBER).unwrap();
    let other = IdNumber::parse("8001011234567").unwrap();
    assert!(custody::verify_id(&store, &f.id, &pw(SAMPLE_PASSWORD), &right).unwrap());
    assert!(!custody::verify_id(&store, &f.id, &pw(SAMPLE_PASSWORD), &other).unwrap());
    assert_eq!(
        custody::verify_id(&store, &f.id, &pw("wrong!2580x"), &right)
            .unwrap_err()
            .code(),
        "wrong-password"
    );
}

fn openssl(args: &[&str]) -> std::process::Output {
    Command::new("openssl")
        .args(args)
        .output()
        .expect("openssl runs")
}

use dojang_core::cert::pem;

#[test]
fn openssl_reads_our_pfx_modern_and_compatible_and_the_key_matches() {
    let f = fixture();
    let store = store_at(&f.root);
    let dir = tempfile::tempdir().unwrap();
    for (compat, legacy) in [(false, false), (true, true), (true, false)] {
        let bytes = custody::export_pfx(
            &store,
            &f.id,
            &pw(SAMPLE_PASSWORD),
            &pw("pfx!pass2580"),
            compat,
        )
        .unwrap();
        let file = dir.path().join("out.pfx");
        std::fs::write(&file, &bytes).unwrap();
        let file = file.to_str().unwrap();
        let mut args = vec![
            "pkcs12",
            "-in",
            file,
            "-passin",
            "pass:pfx!pass2580",
            "-nodes",
        ];
        if legacy {
            args.push("-legacy");
        }
        let out = openssl(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        // OpenSSL sees the randomNum among the key attributes.
        assert!(text.contains("1.2.410.200004.10.1.1.3"), "{text}");
        assert!(text.contains("BEGIN PRIVATE KEY") && text.contains("BEGIN CERTIFICATE"));
        let info = openssl(&[
            "pkcs12",
            "-in",
            file,
            "-passin",
            "pass:pfx!pass2580",
            "-info",
            "-noout",
        ]);
        let info = String::from_utf8_lossy(&info.stderr).into_owned();
        if compat {
            assert!(
                info.contains("MAC: sha1") && info.contains("TripleDES"),
                "{info}"
            );
        } else {
            assert!(
                info.contains("sha256") && info.contains("AES-256-CBC"),
                "{info}"
            );
        }
        // OpenSSL's key is the certificate's key.
        let key_pem = dir.path().join("key.pem");
        std::fs::write(&key_pem, &text).unwrap();
        let from_key = openssl(&["pkey", "-in", key_pem.to_str().unwrap(), "-pubout"]).stdout;
        let cert_pem = dir.path().join("cert.pem");
        std::fs::write(&cert_pem, pem("CERTIFICATE", &f.cert)).unwrap();
        let from_cert = openssl(&[
            "x509",
            "-in",
            cert_pem.to_str().unwrap(),
            "-pubkey",
            "-noout",
        ])
        .stdout;
        assert_eq!(from_key, from_cert);
    }
}

#[test]
fn random_num_survives_our_pfx_export_and_import() {
    let f = fixture();
    let store = store_at(&f.root);
    let original = custody::open_key(&store.load(&f.id).unwrap(), &pw(SAMPLE_PASSWORD)).unwrap();
    let bytes = custody::export_pfx(
        &store,
        &f.id,
        &pw(SAMPLE_PASSWORD),
        &pw("pfx!pass2580"),
        false,
    )
    .unwrap();
    let read = pkcs12::read(&bytes, "pfx!pass2580").unwrap();
    assert_eq!(read.key.pkcs8_der(), original.pkcs8_der());
    assert_eq!(read.certificate, f.cert);

    let target = tempfile::tempdir().unwrap();
    let to = store_at(target.path());
    let new = CertificatePassword::new_chosen("seal#7294xq".to_owned()).unwrap();
    let (id, _) = custody::import_pfx(&bytes, "pfx!pass2580", &new, &to).unwrap();
    assert_eq!(id, f.id);
    let right = IdNumber::parse(SAMPLE_ID_NUMBER).unwrap();
    assert!(custody::verify_id(&to, &id, &new, &right).unwrap());
}

#[test]
fn a_pfx_made_by_openssl_is_imported() {
    let f = fixture();
    let store = store_at(&f.root);
    let key = custody::open_key(&store.load(&f.id).unwrap(), &pw(SAMPLE_PASSWORD)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let key_pem = dir.path().join("key.pem");
    let cert_pem = dir.path().join("cert.pem");
    std::fs::write(
        &key_pem,
        pem("PRIVATE KEY", &key.without_attributes().unwrap()),
    )
    .unwrap();
    std::fs::write(&cert_pem, pem("CERTIFICATE", &f.cert)).unwrap();
    let pfx = dir.path().join("openssl.pfx");
    for extra in [&[][..], &["-legacy"][..]] {
        let mut args = vec![
            "pkcs12",
            "-export",
            "-inkey",
            key_pem.to_str().unwrap(),
            "-in",
            cert_pem.to_str().unwrap(),
            "-passout",
            "pass:their!pw2580",
            "-out",
            pfx.to_str().unwrap(),
        ];
        args.extend(extra);
        assert!(openssl(&args).status.success());
        let bytes = std::fs::read(&pfx).unwrap();
        let target = tempfile::tempdir().unwrap();
        let to = store_at(target.path());
        let new = CertificatePassword::new_chosen("seal#7294xq".to_owned()).unwrap();
        let (id, folder) = custody::import_pfx(&bytes, "their!pw2580", &new, &to).unwrap();
        assert_eq!(id, f.id);
        assert!(folder.unwrap().join("signPri.key").is_file());
        let opened = custody::open_key(&to.load(&id).unwrap(), &new).unwrap();
        assert_eq!(
            opened.public_key_spki().unwrap(),
            key.public_key_spki().unwrap()
        );
    }
}

#[test]
fn pfx_problems_have_precise_errors_and_store_nothing() {
    let f = fixture();
    let store = store_at(&f.root);
    let good = custody::export_pfx(
        &store,
        &f.id,
        &pw(SAMPLE_PASSWORD),
        &pw("pfx!pass2580"),
        false,
    )
    .unwrap();
    let key = custody::open_key(&store.load(&f.id).unwrap(), &pw(SAMPLE_PASSWORD)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let key_pem = dir.path().join("key.pem");
    let cert_pem = dir.path().join("cert.pem");
    std::fs::write(
        &key_pem,
        pem("PRIVATE KEY", &key.without_attributes().unwrap()),
    )
    .unwrap();
    std::fs::write(&cert_pem, pem("CERTIFICATE", &f.cert)).unwrap();
    let make = |extra: &[&str]| {
        let out = dir.path().join("x.pfx");
        let mut args = vec![
            "pkcs12",
            "-export",
            "-in",
            cert_pem.to_str().unwrap(),
            "-passout",
            "pass:pw",
            "-out",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        assert!(openssl(&args).status.success());
        std::fs::read(&out).unwrap()
    };
    let no_mac = make(&["-inkey", key_pem.to_str().unwrap(), "-nomac"]);
    let no_key = make(&["-nokeys"]);
    let two_keys = {
        use p12_keystore::{KeyStore, KeyStoreEntry, PrivateKeyChain};
        let mut ks = KeyStore::new();
        for alias in ["one", "two"] {
            let k = p12_keystore::PrivateKey::from_der(key.pkcs8_der()).unwrap();
            let c = p12_keystore::Certificate::from_der(&f.cert).unwrap();
            ks.add_entry(
                alias,
                KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(
                    alias.as_bytes().to_vec(),
                    k,
                    vec![c],
                )),
            );
        }
        ks.writer("pw").write().unwrap()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("wrong password", good.clone(), "pfx-wrong-password"),
        ("no MAC", no_mac, "pfx-no-mac"),
        ("no key", no_key, "pfx-no-key"),
        ("two keys", two_keys, "pfx-several-keys"),
        ("garbage", b"not a pfx at all".to_vec(), "pfx-malformed"),
        (
            "truncated",
            good[..good.len() / 2].to_vec(),
            "pfx-malformed",
        ),
    ];
    let target = tempfile::tempdir().unwrap();
    let to = store_at(target.path());
    let new = CertificatePassword::new_chosen("seal#7294xq".to_owned()).unwrap();
    for (what, bytes, code) in cases {
        let password = if what == "wrong password" {
            "not-it"
        } else {
            "pw"
        };
        let err = custody::import_pfx(&bytes, password, &new, &to).unwrap_err();
        assert_eq!(err.code(), code, "{what}");
    }
    assert_eq!(
        std::fs::read_dir(target.path()).unwrap().count(),
        0,
        "nothing stored"
    );
}
