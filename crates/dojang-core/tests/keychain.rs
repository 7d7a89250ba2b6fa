//! The OS keychain store against a real Secret Service (gnome-keyring on a private D-Bus
//! session: run the tests through scripts/with-keyring.sh, as scripts/test.sh does).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::path::Path;
use std::process::Command;

use base64::Engine as _;
use dojang_core::codes::IdNumber;
use dojang_core::custody;
use dojang_core::password::CertificatePassword;
use dojang_core::store::keychain::KeychainStore;
use dojang_core::store::npki_dir::NpkiDirStore;
use dojang_core::store::{NpkiRoot, RootKind, Store, StoreKind, list_stores};
use dojang_testkit::{
    RsaKeySize, SAMPLE_ID_NUMBER, SAMPLE_PASSWORD, Subscriber, TestPki, write_npki_certificate,
};

const APP: &str = "kr.dojang.test";

fn pw(p: &str) -> CertificatePassword {
    CertificatePassword::existing(p.to_owned())
}

/// An NPKI root holding one certificate with an RSA key of `size`.
fn npki_with(size: RsaKeySize) -> (tempfile::TempDir, NpkiDirStore, String, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let pki = TestPki::new("KICA").unwrap();
    let s = Subscriber::kica_personal("홍길동");
    let (cert, key) = pki.issue_rsa(&s, size).unwrap();
    write_npki_certificate(dir.path(), "USER", &s, &cert, &key, SAMPLE_PASSWORD).unwrap();
    let store = NpkiDirStore::new(NpkiRoot {
        path: dir.path().to_owned(),
        kind: RootKind::Extra,
    });
    (dir, store, dojang_core::cert::certificate_id(&cert), key)
}

fn secret_tool_finds(service: &str, id: &str) -> bool {
    let out = Command::new("secret-tool")
        .args(["search", "--all", "service", service, "username", id])
        .output()
        .expect("secret-tool (apt package libsecret-tools) runs");
    String::from_utf8_lossy(&out.stdout).contains(id)
        || String::from_utf8_lossy(&out.stderr).contains(id)
}

#[test]
fn a_certificate_lives_in_the_keychain_and_is_really_gone_after_delete() {
    let (_npki_dir, npki, id, _) = npki_with(RsaKeySize::_2048);
    let data = tempfile::tempdir().unwrap();
    let keychain = KeychainStore::new(APP, data.path(), false);

    custody::copy(&npki, &id, &keychain).unwrap();
    assert!(
        secret_tool_finds(keychain.service(), &id),
        "a wrapping key entry exists"
    );
    let list = list_stores(&[&keychain], time::OffsetDateTime::now_utc());
    assert_eq!(list.certificates.len(), 1);
    assert_eq!(list.certificates[0].store, StoreKind::Keychain);
    assert_eq!(list.certificates[0].certificate.owner, "홍길동");

    let new = CertificatePassword::new_chosen("seal#7294xq".to_owned()).unwrap();
    custody::change_password(&keychain, &id, &pw(SAMPLE_PASSWORD), &new).unwrap();
    let files = keychain.load(&id).unwrap();
    assert_eq!(
        custody::open_key(&files, &pw(SAMPLE_PASSWORD))
            .unwrap_err()
            .code(),
        "wrong-password"
    );
    let right = IdNumber::parse(SAMPLE_ID_NUMBER).unwrap();
    assert!(custody::verify_id(&keychain, &id, &new, &right).unwrap());

    custody::delete(&keychain, &id).unwrap();
    assert!(
        !secret_tool_finds(keychain.service(), &id),
        "the keychain entry is deleted"
    );
    assert_eq!(
        std::fs::read_dir(data.path().join("keychain"))
            .unwrap()
            .count(),
        0
    );
    assert_eq!(
        keychain.load(&id).unwrap_err().code(),
        "certificate-not-found"
    );
}

#[test]
fn an_rsa_4096_key_fits_because_only_a_small_wrapping_key_is_in_the_keychain() {
    let (_npki_dir, npki, id, _) = npki_with(RsaKeySize::_4096);
    let data = tempfile::tempdir().unwrap();
    let keychain = KeychainStore::new(APP, data.path(), false);
    custody::copy(&npki, &id, &keychain).unwrap();
    let key = custody::open_key(&keychain.load(&id).unwrap(), &pw(SAMPLE_PASSWORD)).unwrap();
    assert_eq!(
        key.algorithm().unwrap(),
        dojang_core::keys::private_key::KeyType::Rsa4096
    );
    custody::delete(&keychain, &id).unwrap();
}

#[test]
fn two_app_identities_do_not_share_keychain_entries() {
    let (_npki_dir, npki, id, _) = npki_with(RsaKeySize::_2048);
    let data = tempfile::tempdir().unwrap();
    let bank_a = KeychainStore::new("kr.bank-a.dojang", data.path(), true);
    let bank_b = KeychainStore::new("kr.bank-b.dojang", data.path(), true);
    assert_ne!(bank_a.service(), bank_b.service());
    custody::copy(&npki, &id, &bank_a).unwrap();
    // Same files on disk, other identity: its keychain has no wrapping key for them.
    assert_eq!(
        bank_b.load(&id).unwrap_err().code(),
        "keychain-entry-missing"
    );
    custody::delete(&bank_a, &id).unwrap();
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn all_files(dir: &Path, out: &mut Vec<Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all_files(&path, out);
        } else {
            out.push(std::fs::read(path).unwrap());
        }
    }
}

#[test]
fn the_data_dir_holds_no_private_key_material_in_plaintext() {
    let (_npki_dir, npki, id, pkcs8) = npki_with(RsaKeySize::_2048);
    let data = tempfile::tempdir().unwrap();
    let keychain = KeychainStore::new(APP, data.path(), false);
    let pfx = {
        let bytes =
            custody::export_pfx(&npki, &id, &pw(SAMPLE_PASSWORD), &pw("pfx!pass2580"), false)
                .unwrap();
        let new = CertificatePassword::new_chosen("seal#7294xq".to_owned()).unwrap();
        custody::import_pfx(&bytes, "pfx!pass2580", &new, &keychain).unwrap();
        bytes
    };
    assert!(!pfx.is_empty());
    let mut files = Vec::new();
    all_files(data.path(), &mut files);
    assert!(!files.is_empty());
    // Secret windows: the end of the PKCS#8 (the CRT parameters of the RSA key) in every
    // form a careless program might write it.
    let secret = &pkcs8[pkcs8.len() - 200..pkcs8.len() - 100];
    let hex_lower: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    let b64 = base64::engine::general_purpose::STANDARD.encode(secret);
    let forms: Vec<Vec<u8>> = vec![
        secret[..32].to_vec(),
        hex_lower.as_bytes()[..64].to_vec(),
        hex_lower.to_uppercase().as_bytes()[..64].to_vec(),
        b64.as_bytes()[8..48].to_vec(),
    ];
    for file in &files {
        for form in &forms {
            assert!(
                !contains(file, form),
                "private key material found in the data dir"
            );
        }
    }
    custody::delete(&keychain, &id).unwrap();
}

/// The pending key of an issuance into the keychain is sealed under a keychain entry of
/// its own: a retry finds it through the keychain, another store cannot open it, and
/// removing the attempt removes the entry too.
#[test]
fn a_pending_key_for_the_keychain_is_sealed_and_its_entry_goes_with_it() {
    use dojang_core::issue::pending::{Attempt, PendingKeys};
    let data = tempfile::tempdir().unwrap();
    let keychain = KeychainStore::new(APP, data.path(), false);
    let (_npki_dir, npki, _, _) = npki_with(RsaKeySize::_2048);
    let pending = PendingKeys::new(data.path());
    let attempt = Attempt {
        ca: "https://ca.example/cmp".to_owned(),
        sender_kid: "12345678".to_owned(),
        started: time::OffsetDateTime::now_utc(),
    };
    let tx = [7u8; 16];
    let name = "07".repeat(16);
    pending
        .save(&tx, &attempt, b"encrypted key file", &keychain)
        .unwrap();
    let folder = data.path().join("pending").join(&name);
    let sealed = std::fs::read(folder.join("signPri.key.sealed")).unwrap();
    assert!(!folder.join("signPri.key").exists());
    assert!(
        !sealed
            .windows(b"encrypted key file".len())
            .any(|w| w == b"encrypted key file")
    );
    assert!(secret_tool_finds(
        keychain.service(),
        &format!("pending:{name}")
    ));

    let (found, key) = pending.find(&attempt.ca, "12345678", &keychain).unwrap();
    assert_eq!(
        (found.as_str(), key.as_slice()),
        (name.as_str(), &b"encrypted key file"[..])
    );
    assert!(pending.find(&attempt.ca, "12345678", &npki).is_none());

    pending.remove(&name, &keychain).unwrap();
    assert!(!folder.exists());
    assert!(!secret_tool_finds(
        keychain.service(),
        &format!("pending:{name}")
    ));
}
