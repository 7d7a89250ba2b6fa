//! Issuances per second of the sandbox CA under concurrent clients: each issuance is an
//! `ir` (PasswordBasedMac with the profile's parameters, a pre-generated RSA-2048 key)
//! and its `certConf`, against the real `dojang-ca serve` on loopback.
//!
//! ```sh
//! cargo bench -p dojang-ca --bench issuance
//! ```
//! prints one line per concurrency level:
//! `RESULT issuance concurrency=N per_second=X`.
//!
//! The clients run on the same machine and share its cores with the server; they skip
//! verifying the answers' MACs (the tests do that) so that most of the time measured is
//! the server's.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Instant;

use common::{Enrolment, Server, refusal};
use dojang_ca::registry::{ApplicationKind, Registry};
use dojang_core::cmp::PkiBody;
use dojang_core::cmp::message::CertOrEncCert;
use dojang_core::codes::IdNumber;
use dojang_core::keys::private_key::{KeyType, PrivateKey, generate};

const LEVELS: [usize; 4] = [1, 4, 16, 64];
const KEYS: usize = 16;

fn issue(server_port: u16, kid: &str, secret: &str, key: &PrivateKey) {
    let enrolment = Enrolment::new(common::Http { port: server_port }, kid, secret, key);
    let http = enrolment.http;
    let ip = http.cmp(&enrolment.ir());
    assert!(refusal(&ip).is_none(), "refused");
    let PkiBody::Ip(rep) = ip.body.value() else {
        panic!("not an ip")
    };
    let Some(CertOrEncCert::Certificate(cert)) = rep.response[0]
        .certified_key_pair
        .as_ref()
        .map(|p| &p.cert_or_enc_cert)
    else {
        panic!("no certificate")
    };
    let answer = http.cmp(&enrolment.cert_conf(&ip, cert.der(), false));
    assert_eq!(answer.body.value(), &PkiBody::PkiConf);
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters nothing here.
    // Many clients from one address, on purpose: no rate limit.
    let server = Server::start(&["--rate-limit", "0"]);
    let registry = dojang_ca::open_registry(server.path()).unwrap();
    let id = IdNumber::parse("9001011234567").unwrap();
    let keys: Arc<Vec<PrivateKey>> = Arc::new(
        (0..KEYS)
            .map(|_| generate(KeyType::Rsa2048).unwrap())
            .collect(),
    );
    for concurrency in LEVELS {
        let total = (concurrency * 8).max(64);
        let credentials: Vec<(String, String)> = (0..total)
            .map(|i| {
                let issued = dojang_ca::application::apply(
                    registry.as_ref() as &dyn Registry,
                    server.path(),
                    &server.url,
                    &format!("벤치{i}"),
                    &id,
                    ApplicationKind::New,
                    time::OffsetDateTime::now_utc(),
                )
                .unwrap();
                (issued.reference_number, issued.authorization_code)
            })
            .collect();
        let credentials = Arc::new(credentials);
        let next = Arc::new(AtomicUsize::new(0));
        let barrier = Arc::new(Barrier::new(concurrency + 1));
        let workers: Vec<_> = (0..concurrency)
            .map(|_| {
                let (credentials, next, barrier, keys) = (
                    credentials.clone(),
                    next.clone(),
                    barrier.clone(),
                    keys.clone(),
                );
                let port = server.port;
                std::thread::spawn(move || {
                    barrier.wait();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((kid, secret)) = credentials.get(i) else {
                            break;
                        };
                        issue(port, kid, secret, &keys[i % keys.len()]);
                    }
                })
            })
            .collect();
        barrier.wait();
        let started = Instant::now();
        for worker in workers {
            worker.join().unwrap();
        }
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "RESULT issuance concurrency={concurrency} per_second={:.1}",
            total as f64 / seconds
        );
        eprintln!("  ({total} issuances in {seconds:.2} s)");
    }
}
