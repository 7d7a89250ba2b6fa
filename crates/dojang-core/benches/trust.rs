//! Trust and status, each against OpenSSL doing the same work side by side:
//!
//! - path building and validation for 1,000 certificates of one CA, with the bundled Korean
//!   PKI in the pool as the app has it, against one `openssl verify` run given the root as
//!   its anchor, the CA as untrusted and the 1,000 files;
//! - the status of 100 certificates from the cache (each cached OCSP answer read, its
//!   signature and times checked again, as every read does), against `openssl ocsp -respin`
//!   checking the same 100 answers, one process per answer as a script would run it; the
//!   cost of starting those 100 processes is printed beside it.
//!
//! Prints `RESULT trust_paths_1000 dojang_ms=… openssl_ms=… ratio=…` and
//! `RESULT status_cached_100 dojang_ms=… openssl_ms=… openssl_start_ms=… ratio=…`.
//! Run with `scripts/bench.sh` or `cargo bench -p dojang-core --bench trust`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly

use std::path::Path;
use std::process::Command;

use dojang_core::cert::chain::{LinkSource, Pool};
use dojang_core::status::{Mode, StatusChecker, Verdict};
use dojang_testkit::peers::{self, OpensslOcsp};
use dojang_testkit::{Pointers, Subscriber, TestPki};

mod timing;

use timing::{median, time_ms};

const PATHS: usize = 1_000;
const STATUSES: usize = 100;

fn pem(der: &[u8]) -> String {
    dojang_core::cert::pem("CERTIFICATE", der)
}

fn openssl(args: &[&str], dir: &Path) -> std::process::Output {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn main() {
    let runs: usize = std::env::var("DOJANG_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let pki = TestPki::new("KICA").unwrap();
    let port = peers::free_port().unwrap();
    let url = format!("http://127.0.0.1:{port}/");
    let leaves: Vec<Vec<u8>> = (0..PATHS)
        .map(|i| {
            let mut subscriber = Subscriber::kica_personal(&format!("홍길동{i:04}"));
            subscriber.pointers = Pointers {
                ocsp: Some(url.clone()),
                ..Pointers::default()
            };
            pki.issue(&subscriber).unwrap().0
        })
        .collect();
    let (root, issuing) = (pki.root.der(), pki.issuing.der());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("root.pem"), pem(&root)).unwrap();
    std::fs::write(dir.path().join("ca.pem"), pem(&issuing)).unwrap();
    let files: Vec<String> = (0..PATHS).map(|i| format!("{i:04}.pem")).collect();
    for (file, leaf) in files.iter().zip(&leaves) {
        std::fs::write(dir.path().join(file), pem(leaf)).unwrap();
    }

    // Paths: the pool the app builds (bundled Korean PKI, the distribution's root, the CA
    // received at issuance), then every certificate validated now.
    let now = time::OffsetDateTime::now_utc();
    let mut pool = Pool::bundled();
    pool.add(&root, LinkSource::Distribution);
    pool.add(&issuing, LinkSource::Issuance);
    for leaf in &leaves {
        let chain = pool.validate(leaf, now).unwrap();
        assert!(chain.valid, "{:?}", chain.problem);
    }
    let dojang = median(
        (0..runs)
            .map(|_| {
                time_ms(|| {
                    for leaf in &leaves {
                        std::hint::black_box(pool.validate(leaf, now).unwrap());
                    }
                })
            })
            .collect(),
    );
    let mut verify = vec!["verify", "-CAfile", "root.pem", "-untrusted", "ca.pem"];
    verify.extend(files.iter().map(String::as_str));
    let out = openssl(&verify, dir.path());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).matches(": OK").count(),
        PATHS
    );
    let peer = median(
        (0..runs)
            .map(|_| {
                time_ms(|| {
                    openssl(&verify, dir.path());
                })
            })
            .collect(),
    );
    println!(
        "RESULT trust_paths_{PATHS} dojang_ms={dojang:.1} openssl_ms={peer:.1} ratio={:.2}",
        dojang / peer
    );

    // Status: OpenSSL's responder answers each of 100 certificates once; then every answer
    // comes from the cache, offline.
    let index: String = leaves[..STATUSES]
        .iter()
        .map(|leaf| peers::index_line(leaf, None).unwrap())
        .collect();
    let responder = OpensslOcsp::start(port, &pki.issuing, &pki.issuing, &index, &[]).unwrap();
    let data = tempfile::tempdir().unwrap();
    let online = StatusChecker::new(data.path(), Mode::Fresh);
    for leaf in &leaves[..STATUSES] {
        assert_eq!(
            online.check(leaf, Some(&issuing), now).verdict,
            Verdict::Good
        );
    }
    drop(responder);
    let cached = StatusChecker::new(data.path(), Mode::Offline);
    for leaf in &leaves[..STATUSES] {
        let status = cached.check(leaf, Some(&issuing), now);
        assert!(status.verdict == Verdict::Good && status.from_cache);
    }
    let dojang = median(
        (0..runs)
            .map(|_| {
                time_ms(|| {
                    for leaf in &leaves[..STATUSES] {
                        std::hint::black_box(cached.check(leaf, Some(&issuing), now));
                    }
                })
            })
            .collect(),
    );
    // The same answers, from the cache's files, each checked by `openssl ocsp -respin`.
    let answers: Vec<[String; 2]> = leaves[..STATUSES]
        .iter()
        .zip(&files)
        .map(|(leaf, file)| {
            let id = dojang_core::cert::certificate_id(leaf);
            let answer = data.path().join("status/ocsp").join(format!("{id}.der"));
            [answer.to_string_lossy().into_owned(), file.clone()]
        })
        .collect();
    let check = |[answer, file]: &[String; 2]| {
        let out = openssl(
            &[
                "ocsp",
                "-respin",
                answer,
                "-issuer",
                "ca.pem",
                "-CAfile",
                "root.pem",
                "-cert",
                file,
                "-no_nonce",
            ],
            dir.path(),
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains(": good"));
    };
    answers.iter().for_each(check);
    let peer = median(
        (0..runs)
            .map(|_| time_ms(|| answers.iter().for_each(check)))
            .collect(),
    );
    let start = median(
        (0..runs)
            .map(|_| {
                time_ms(|| {
                    for _ in 0..STATUSES {
                        openssl(&["version"], dir.path());
                    }
                })
            })
            .collect(),
    );
    println!(
        "RESULT status_cached_{STATUSES} dojang_ms={dojang:.1} openssl_ms={peer:.1} openssl_start_ms={start:.1} ratio={:.2}",
        dojang / peer
    );
}
