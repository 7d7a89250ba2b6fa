//! Every format Dojang writes, written and read back over random inputs (proptest): an
//! NPKI key file under any password and scheme, a PKCS#12 file in both forms, and
//! MAC-protected CMP messages with any transaction, nonce, key ID and secret. What comes
//! back is what went in, byte for byte; another password or secret is refused as such.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::sync::OnceLock;

use dojang_core::cmp::protection::{PbmParameter, Protector, protect, verify_mac};
use dojang_core::cmp::request::{cert_req_msg, header, null_dn};
use dojang_core::cmp::status::ErrorMsgContent;
use dojang_core::cmp::{FailureBit, PkiBody, PkiFailureInfo, PkiStatus, PkiStatusInfo};
use dojang_core::keys::encrypted::{KeyEncryption, KeyFileError, decrypt, encrypt};
use dojang_core::keys::private_key::PrivateKey;
use dojang_core::store::pkcs12;
use dojang_testkit::{Subscriber, TestPki};
use proptest::prelude::*;

/// A certificate and its key, made once: the NPKI test PKI's 홍길동.
fn certified() -> &'static (Vec<u8>, Vec<u8>) {
    static PAIR: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    PAIR.get_or_init(|| {
        TestPki::new("KICA")
            .unwrap()
            .issue(&Subscriber::kica_personal("홍길동"))
            .unwrap()
    })
}

/// 홍길동's key with `random_num` as its randomNum (a randomNum is never replaced, so the
/// fixture's own is taken off first).
fn key_with(random_num: &[u8]) -> PrivateKey {
    let bare = PrivateKey::from_pkcs8_der(certified().1.clone())
        .unwrap()
        .without_attributes()
        .unwrap();
    PrivateKey::from_pkcs8_der(bare.to_vec())
        .unwrap()
        .with_random_num(random_num)
        .unwrap()
}

fn scheme() -> impl Strategy<Value = KeyEncryption> {
    prop_oneof![
        Just(KeyEncryption::NpkiSeedSha1),
        Just(KeyEncryption::NpkiSeedFixedIv),
        Just(KeyEncryption::Pbes2Seed),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_key_file_reads_back_byte_for_byte_under_its_password(
        password in "\\PC{0,40}",
        scheme in scheme(),
        random_num in proptest::collection::vec(any::<u8>(), 20),
    ) {
        let key = key_with(&random_num);
        let file = encrypt(key.pkcs8_der(), password.as_bytes(), scheme).unwrap();
        let (plain, read_scheme) = decrypt(&file, password.as_bytes()).unwrap();
        prop_assert_eq!(plain.as_slice(), key.pkcs8_der());
        prop_assert_eq!(read_scheme, scheme);
        let again = PrivateKey::from_pkcs8_der(plain.to_vec()).unwrap();
        prop_assert_eq!(again.random_num(), Some(random_num));
        let other = format!("{password}x");
        prop_assert_eq!(decrypt(&file, other.as_bytes()).unwrap_err(), KeyFileError::WrongPassword);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_pkcs12_file_reads_back_with_its_key_randomnum_and_certificate(
        password in "[ -~가-힣]{1,24}",
        compat in any::<bool>(),
        random_num in proptest::collection::vec(any::<u8>(), 20),
    ) {
        let key = key_with(&random_num);
        let (cert, _) = certified();
        let file = pkcs12::write(&key, cert, &[], &password, compat).unwrap();
        let read = pkcs12::read(&file, &password).unwrap();
        prop_assert_eq!(read.key.pkcs8_der(), key.pkcs8_der());
        prop_assert_eq!(&read.certificate, cert);
        prop_assert_eq!(read.key.random_num(), Some(random_num));
        let other = format!("{password}x");
        prop_assert_eq!(pkcs12::read(&file, &other).unwrap_err().code(), "pfx-wrong-password");
    }
}

/// The bodies a client sends and a CA answers with, chosen by `kind`.
fn body(kind: u8, cert_req_id: i64, text: &[String], bits: &[u8], hash: &[u8]) -> PkiBody {
    match kind % 4 {
        0 => PkiBody::Ir(vec![
            cert_req_msg(&key_with(&[7; 20]), cert_req_id, None, None).unwrap(),
        ]),
        1 => PkiBody::CertConf(vec![dojang_core::cmp::message::CertStatus {
            cert_hash: der::asn1::OctetString::new(hash.to_vec()).unwrap(),
            cert_req_id,
            status_info: None,
            hash_alg: None,
        }]),
        2 => PkiBody::Error(ErrorMsgContent {
            pki_status_info: PkiStatusInfo {
                status: PkiStatus::REJECTION,
                status_string: Some(text.to_vec()).filter(|t| !t.is_empty()),
                fail_info: Some(PkiFailureInfo::of(
                    &bits
                        .iter()
                        .map(|b| FailureBit::ALL[usize::from(*b % 27)])
                        .collect::<Vec<_>>(),
                )),
            },
            error_code: None,
            error_details: None,
        }),
        _ => PkiBody::PkiConf,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_protected_cmp_message_reads_back_and_verifies_only_with_its_secret(
        kind in any::<u8>(),
        transaction in proptest::collection::vec(any::<u8>(), 1..64),
        kid in proptest::collection::vec(any::<u8>(), 1..32),
        recip_nonce in proptest::option::of(proptest::collection::vec(any::<u8>(), 8..32)),
        secret in proptest::collection::vec(any::<u8>(), 1..48),
        cert_req_id in 0i64..1000,
        text in proptest::collection::vec("\\PC{0,20}", 0..3),
        bits in proptest::collection::vec(any::<u8>(), 0..5),
        hash in proptest::collection::vec(any::<u8>(), 32),
    ) {
        let head = header(null_dn(), null_dn(), Some(&kid), &transaction, recip_nonce.as_deref())
            .unwrap();
        let message = protect(
            head,
            body(kind, cert_req_id, &text, &bits, &hash),
            None,
            &Protector::Mac { secret: &secret, params: PbmParameter::new_random().unwrap() },
        )
        .unwrap();
        let bytes = dojang_core::cmp::encode(&message).unwrap();
        let read = dojang_core::cmp::decode(&bytes).unwrap();
        prop_assert_eq!(dojang_core::cmp::encode(&read).unwrap(), bytes);
        prop_assert!(verify_mac(&read, &secret).is_ok());
        let header = read.header.value();
        prop_assert_eq!(header.transaction_id(), Some(transaction.as_slice()));
        prop_assert_eq!(header.sender_kid(), Some(kid.as_slice()));
        prop_assert_eq!(header.recip_nonce(), recip_nonce.as_deref());
        let mut other = secret.clone();
        other[0] ^= 1;
        prop_assert!(verify_mac(&read, &other).is_err());
    }
}
