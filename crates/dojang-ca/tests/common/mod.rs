//! The sandbox CA as tests meet it: the real `dojang-ca` binary serving on a free loopback
//! port in a throwaway folder, its admin commands, and a small CMP client built on
//! dojang-core's messages (the app's own client code will replace it).

// A test fails loudly; each test file uses part of this module; a refusal is returned
// whole to be inspected.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::result_large_err,
    dead_code
)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

use dojang_core::cmp::message::{CertOrEncCert, CertStatus};
use dojang_core::cmp::protection::{
    PbmParameter, Protector, cert_hash, protect, verify_mac, verify_signature_protection,
};
use dojang_core::cmp::request::{cert_req_msg, header, new_nonce, null_dn};
use dojang_core::cmp::{PkiBody, PkiMessage, PkiStatusInfo, decode, encode};
use dojang_core::keys::private_key::PrivateKey;
use x509_cert::der::Decode;
use x509_cert::der::asn1::OctetString;

/// The sandbox CA (the testkit's harness, shared with the cross-crate tests).
pub use dojang_testkit::sandbox::{Application, SandboxCa as Server};

/// The CMP client of these tests, to a server.
pub trait ServerClient {
    /// A client to the server's port.
    fn client(&self) -> Http;
}

impl ServerClient for Server {
    fn client(&self) -> Http {
        Http { port: self.port }
    }
}

/// A minimal HTTP/1.1 client that can also send what a well-behaved client would not.
#[derive(Clone, Copy)]
pub struct Http {
    pub port: u16,
}

/// A reply: status code, headers (lower-case names), body.
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    /// Every header line, `(lower-case name, value)`.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// The value of the first header of this name (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

impl Http {
    /// Sends raw bytes and reads the reply until the server closes.
    pub fn raw(&self, request: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        // A server refusing a request early may close before reading all of it (and
        // then reset the connection): keep what arrived either way.
        let _ = stream.write_all(request);
        let mut bytes = Vec::new();
        let mut buffer = [0u8; 16 * 1024];
        while let Ok(n) = stream.read(&mut buffer) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buffer[..n]);
        }
        let split = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("an HTTP reply");
        let head = String::from_utf8_lossy(&bytes[..split]).to_string();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        let headers: Vec<(String, String)> = head
            .lines()
            .skip(1)
            .filter_map(|l| {
                let (name, value) = l.split_once(':')?;
                Some((name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            })
            .collect();
        let content_type = headers
            .iter()
            .find(|(name, _)| name == "content-type")
            .map(|(_, value)| value.clone())
            .unwrap_or_default();
        Reply {
            status,
            content_type,
            headers,
            body: bytes[split + 4..].to_vec(),
        }
    }

    /// POSTs `body` to `path` with a content type.
    pub fn post(&self, path: &str, content_type: &str, body: &[u8]) -> Reply {
        let mut request = format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.port,
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(body);
        self.raw(&request)
    }

    /// GETs `path`.
    pub fn get(&self, path: &str) -> Reply {
        self.raw(
            format!(
                "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
                self.port
            )
            .as_bytes(),
        )
    }

    /// POSTs a CMP message and decodes the answer.
    pub fn cmp(&self, message: &[u8]) -> PkiMessage {
        let reply = self.post("/cmp", "application/pkixcmp", message);
        assert_eq!(reply.status, 200);
        assert_eq!(reply.content_type, "application/pkixcmp");
        decode(&reply.body).unwrap()
    }
}

/// The refusal in a response: an `error` body's status, or the rejection in an
/// `ip`/`kup`/`rp`.
pub fn refusal(message: &PkiMessage) -> Option<PkiStatusInfo> {
    match message.body.value() {
        PkiBody::Error(e) => Some(e.pki_status_info.clone()),
        PkiBody::Ip(r) | PkiBody::Kup(r) | PkiBody::Cp(r) => {
            let status = &r.response.first()?.status;
            (!status.status.is_granted()).then(|| status.clone())
        }
        PkiBody::Rp(r) => r.status.first().filter(|s| !s.status.is_granted()).cloned(),
        _ => None,
    }
}

/// One MAC-protected enrolment, step by step, as a client would run it.
pub struct Enrolment<'a> {
    pub http: Http,
    pub kid: Vec<u8>,
    pub secret: Vec<u8>,
    pub key: &'a PrivateKey,
    pub transaction_id: Vec<u8>,
}

impl<'a> Enrolment<'a> {
    pub fn new(http: Http, kid: &str, secret: &str, key: &'a PrivateKey) -> Self {
        Enrolment {
            http,
            kid: kid.as_bytes().to_vec(),
            secret: secret.as_bytes().to_vec(),
            key,
            transaction_id: new_nonce().unwrap().as_bytes().to_vec(),
        }
    }

    fn mac(&self, recip_nonce: Option<&[u8]>, body: PkiBody) -> Vec<u8> {
        let hdr = header(
            null_dn(),
            null_dn(),
            Some(&self.kid),
            &self.transaction_id,
            recip_nonce,
        )
        .unwrap();
        let message = protect(
            hdr,
            body,
            None,
            &Protector::Mac {
                secret: &self.secret,
                params: PbmParameter::new_random().unwrap(),
            },
        )
        .unwrap();
        encode(&message).unwrap()
    }

    /// The `ir` message.
    pub fn ir(&self) -> Vec<u8> {
        self.mac(
            None,
            PkiBody::Ir(vec![cert_req_msg(self.key, 0, None, None).unwrap()]),
        )
    }

    /// Sends the `ir`; returns the `ip` (checked: MAC, transaction, nonce) or the refusal.
    pub fn request(&self) -> Result<(PkiMessage, Vec<u8>), (PkiMessage, PkiStatusInfo)> {
        let ir = self.ir();
        let ir_nonce = decode(&ir).unwrap().header.sender_nonce().unwrap().to_vec();
        let answer = self.http.cmp(&ir);
        if let Some(status) = refusal(&answer) {
            return Err((answer, status));
        }
        verify_mac(&answer, &self.secret).unwrap();
        assert_eq!(
            answer.header.transaction_id(),
            Some(&self.transaction_id[..])
        );
        assert_eq!(answer.header.recip_nonce(), Some(&ir_nonce[..]));
        let response = answer.body.cert_response().unwrap();
        let Some(CertOrEncCert::Certificate(cert)) = response.response[0]
            .certified_key_pair
            .as_ref()
            .map(|p| &p.cert_or_enc_cert)
        else {
            panic!("no certificate");
        };
        let cert = cert.der().to_vec();
        Ok((answer, cert))
    }

    /// The certConf answering `ip` for `cert` (accepting it unless `reject`).
    pub fn cert_conf(&self, ip: &PkiMessage, cert: &[u8], reject: bool) -> Vec<u8> {
        let status = CertStatus {
            cert_hash: OctetString::new(cert_hash(cert, None).unwrap()).unwrap(),
            cert_req_id: 0,
            status_info: reject
                .then(|| PkiStatusInfo::refusal(dojang_core::cmp::ReasonCode::BadRequest, None)),
            hash_alg: None,
        };
        self.mac(ip.header.sender_nonce(), PkiBody::CertConf(vec![status]))
    }

    /// Sends certConf and returns the answer.
    pub fn confirm(&self, ip: &PkiMessage, cert: &[u8]) -> PkiMessage {
        self.http.cmp(&self.cert_conf(ip, cert, false))
    }

    /// The whole exchange; the certificate on success, the refusal otherwise.
    pub fn run(&self) -> Result<Vec<u8>, PkiStatusInfo> {
        let (ip, cert) = self.request().map_err(|(_, status)| status)?;
        let answer = self.confirm(&ip, &cert);
        if let Some(status) = refusal(&answer) {
            return Err(status);
        }
        assert_eq!(answer.body.value(), &PkiBody::PkiConf);
        verify_mac(&answer, &self.secret).unwrap();
        Ok(cert)
    }
}

/// Revokes a certificate with `dojang-ca revoke`, as an administrator would, beside the
/// running server; it must succeed.
pub fn revoke(server: &Server, serial: &str, reason: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_dojang-ca"))
        .args(["revoke", "--dir"])
        .arg(server.path())
        .args([serial, "--reason", reason])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dojang-ca revoke: {stderr}");
}

/// The registration-number credentials of an application: (senderKID, secret).
pub fn registration(app: &Application) -> (String, String) {
    (app.reference_number.clone(), app.authorization_code.clone())
}

/// The temporary-code credentials: (`T` + application number, temporary code + ID).
pub fn temporary(app: &Application, id_number: &str) -> (String, String) {
    (
        format!("T{}", app.application_number),
        format!("{}{id_number}", app.temporary_code),
    )
}

/// The SubjectPublicKeyInfo of a DER certificate.
pub fn certificate_key(cert: &[u8]) -> x509_cert::spki::SubjectPublicKeyInfoOwned {
    x509_cert::Certificate::from_der(cert)
        .unwrap()
        .tbs_certificate
        .subject_public_key_info
}

/// Verifies a message signed by the CA's issuing certificate (the first extraCert).
pub fn verify_ca_signature(message: &PkiMessage) {
    let signer = &message.extra_certs.as_ref().unwrap()[0];
    verify_signature_protection(message, &certificate_key(signer.der())).unwrap();
}

/// Runs `openssl` with arguments; returns (success, stdout + stderr).
pub fn openssl(args: &[&str]) -> (bool, String) {
    let out = Command::new("openssl").args(args).output().unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).to_string();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}
