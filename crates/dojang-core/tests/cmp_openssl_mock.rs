//! dojang-core's CMP requests against OpenSSL's own CMP server (the `openssl cmp -port`
//! mock): an `ir` made here (PasswordBasedMac with SHA-256, 10,000 iterations and
//! HMAC-SHA256; POP by ECDSA or RSA; the randomNum regInfo) is accepted, the `ip` verifies with
//! OpenSSL's PBM parameters, and `certConf` gets `pkiConf`. The mock listens on all
//! interfaces, so the test re-runs itself inside a private network namespace
//! (`unshare -n`, root only; elsewhere it says it was skipped).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dojang_core::cmp::message::{CertOrEncCert, CertStatus};
use dojang_core::cmp::protection::{PbmParameter, Protector, cert_hash, protect, verify_mac};
use dojang_core::cmp::request::{cert_req_msg, header, new_nonce, null_dn};
use dojang_core::cmp::{PkiBody, PkiMessage, decode, encode};
use dojang_core::keys::private_key::{KeyType, generate};
use x509_cert::der::asn1::OctetString;

const REFERENCE: &str = "12345678";
const SECRET: &str = "Abc123def456GHI789j";
const IN_NAMESPACE: &str = "DOJANG_TEST_IN_NETNS";

/// One kept-alive HTTP/1.1 connection (the mock keeps a transaction on one connection).
struct Connection {
    reader: BufReader<TcpStream>,
    port: u16,
}

impl Connection {
    fn open(port: u16) -> Connection {
        let started = Instant::now();
        loop {
            match TcpStream::connect(("127.0.0.1", port)) {
                Ok(stream) => {
                    stream
                        .set_read_timeout(Some(Duration::from_secs(30)))
                        .unwrap();
                    return Connection {
                        reader: BufReader::new(stream),
                        port,
                    };
                }
                Err(_) if started.elapsed() < Duration::from_secs(10) => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => panic!("the mock server did not start: {e}"),
            }
        }
    }

    fn exchange(&mut self, message: &PkiMessage) -> PkiMessage {
        let body = encode(message).unwrap();
        let head = format!(
            "POST /pkix/ HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/pkixcmp\r\n\
             Content-Length: {}\r\nConnection: keep-alive\r\n\r\n",
            self.port,
            body.len()
        );
        let stream = self.reader.get_mut();
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(&body).unwrap();
        let mut length = None;
        let mut status = String::new();
        self.reader.read_line(&mut status).unwrap();
        assert!(status.contains(" 200 "), "{status}");
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).unwrap();
            if line.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = Some(value.trim().parse::<usize>().unwrap());
            }
        }
        let mut reply = vec![0u8; length.expect("a Content-Length")];
        self.reader.read_exact(&mut reply).unwrap();
        decode(&reply).unwrap()
    }
}

fn mac_protected(transaction: &[u8], recip_nonce: Option<&[u8]>, body: PkiBody) -> PkiMessage {
    let hdr = header(
        null_dn(),
        null_dn(),
        Some(REFERENCE.as_bytes()),
        transaction,
        recip_nonce,
    )
    .unwrap();
    protect(
        hdr,
        body,
        None,
        &Protector::Mac {
            secret: SECRET.as_bytes(),
            params: PbmParameter::new_random().unwrap(),
        },
    )
    .unwrap()
}

fn enrol_against_the_mock(key_type: KeyType, port: u16) {
    let dir = tempfile::tempdir().unwrap();
    let key = generate(key_type).unwrap();
    // The mock answers with a fixed certificate: certify our key in advance.
    let key_path = dir.path().join("key.der");
    std::fs::write(&key_path, &*key.without_attributes().unwrap()).unwrap();
    let cert_path = dir.path().join("cert.pem");
    let made = Command::new("openssl")
        .args(["req", "-new", "-x509", "-keyform", "DER", "-key"])
        .arg(&key_path)
        .args(["-subj", "/CN=dojang-core client", "-days", "1", "-out"])
        .arg(&cert_path)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let mut mock = Command::new("openssl")
        .args(["cmp", "-port", &port.to_string(), "-srv_ref", REFERENCE])
        .args(["-srv_secret", &format!("pass:{SECRET}"), "-rsp_cert"])
        .arg(&cert_path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();

    let mut connection = Connection::open(port);
    let transaction = new_nonce().unwrap();
    let ir = mac_protected(
        transaction.as_bytes(),
        None,
        PkiBody::Ir(vec![cert_req_msg(&key, 0, None, None).unwrap()]),
    );
    let ip = connection.exchange(&ir);
    assert_eq!(ip.body.name(), "ip", "{:?}", ip.body.value());
    verify_mac(&ip, SECRET.as_bytes()).unwrap();
    assert_eq!(ip.header.transaction_id(), Some(transaction.as_bytes()));
    assert_eq!(ip.header.recip_nonce(), ir.header.sender_nonce());
    let response = &ip.body.cert_response().unwrap().response[0];
    assert!(
        response.status.status.is_granted(),
        "{}",
        response.status.describe()
    );
    let Some(CertOrEncCert::Certificate(cert)) = response
        .certified_key_pair
        .as_ref()
        .map(|p| &p.cert_or_enc_cert)
    else {
        panic!("no certificate");
    };
    let pem = std::fs::read(&cert_path).unwrap();
    let expected = x509_parser::pem::parse_x509_pem(&pem).unwrap().1.contents;
    assert_eq!(cert.der(), expected.as_slice());

    let cert_conf = mac_protected(
        transaction.as_bytes(),
        ip.header.sender_nonce(),
        PkiBody::CertConf(vec![CertStatus {
            cert_hash: OctetString::new(cert_hash(cert.der(), None).unwrap()).unwrap(),
            cert_req_id: 0,
            status_info: None,
            hash_alg: None,
        }]),
    );
    let pki_conf = connection.exchange(&cert_conf);
    assert_eq!(pki_conf.body.value(), &PkiBody::PkiConf);
    verify_mac(&pki_conf, SECRET.as_bytes()).unwrap();
    let _ = mock.kill();
    let _ = mock.wait();
}

#[test]
fn openssl_mock_server_accepts_an_enrolment_made_by_dojang_core() {
    if std::env::var_os(IN_NAMESPACE).is_some() {
        let lo_up = Command::new("ip")
            .args(["link", "set", "lo", "up"])
            .status();
        assert!(lo_up.unwrap().success());
        enrol_against_the_mock(KeyType::P256, 18080);
        enrol_against_the_mock(KeyType::Rsa2048, 18081);
        return;
    }
    let namespace_works = Command::new("unshare")
        .args(["-n", "true"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !namespace_works {
        eprintln!("skipped: needs `unshare -n` (root) to keep OpenSSL's mock server private");
        return;
    }
    let status = Command::new("unshare")
        .args(["-n", "--"])
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "openssl_mock_server_accepts_an_enrolment_made_by_dojang_core",
            "--nocapture",
        ])
        .env(IN_NAMESPACE, "1")
        .status()
        .unwrap();
    assert!(status.success());
}
