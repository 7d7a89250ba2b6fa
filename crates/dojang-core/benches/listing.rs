//! Listing an NPKI root of many certificate folders: linear in their number, and close to
//! the floor of merely reading every `signCert.der`.
//!
//! Prints one line per size:
//! `RESULT npki_list_<n> dojang_ms=<median> floor_ms=<median> ratio=<dojang/floor>
//! per_certificate_us=<…>` and a last line `RESULT npki_list_scaling ratio=<10k/1k>`
//! (10 is linear). The floor reads the same files with `std::fs::read` and parses nothing.
//! Run with `scripts/bench.sh` or `cargo bench -p dojang-core --bench listing`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly

use std::path::Path;

use dojang_core::store::{self, NpkiRoot, RootKind};
use dojang_testkit::{Subscriber, TestPki};

mod timing;

use timing::{median, time_ms};

/// `n` certificate folders under `<root>/KICA/USER/`, each with the same certificate.
fn lay_out(root: &Path, n: usize, der: &[u8]) {
    let user = root.join("KICA").join("USER");
    for i in 0..n {
        let folder = user.join(format!("cn=홍길동{i:05}(),ou=personal4ib,o=kica,c=kr"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("signCert.der"), der).unwrap();
        std::fs::write(folder.join("signPri.key"), [0u8; 1300]).unwrap();
    }
}

fn main() {
    let runs: usize = std::env::var("DOJANG_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let pki = TestPki::new("KICA").unwrap();
    let (der, _) = pki.issue(&Subscriber::kica_personal("홍길동")).unwrap();
    let mut per_size = Vec::new();
    for n in [1_000usize, 10_000] {
        let dir = tempfile::tempdir().unwrap();
        lay_out(dir.path(), n, &der);
        let roots = vec![NpkiRoot {
            path: dir.path().to_owned(),
            kind: RootKind::Extra,
        }];
        let now = time::OffsetDateTime::now_utc();
        let listed = store::list_certificates(&roots, now);
        assert_eq!(listed.certificates.len(), n);
        let dojang = median(
            (0..runs)
                .map(|_| {
                    time_ms(|| {
                        std::hint::black_box(store::list_certificates(&roots, now));
                    })
                })
                .collect(),
        );
        let user = dir.path().join("KICA").join("USER");
        let floor = median(
            (0..runs)
                .map(|_| {
                    time_ms(|| {
                        for entry in std::fs::read_dir(&user).unwrap() {
                            let path = entry.unwrap().path().join("signCert.der");
                            std::hint::black_box(std::fs::read(path).unwrap());
                        }
                    })
                })
                .collect(),
        );
        println!(
            "RESULT npki_list_{n} dojang_ms={dojang:.1} floor_ms={floor:.1} ratio={:.2} per_certificate_us={:.1}",
            dojang / floor,
            dojang * 1000.0 / n as f64
        );
        per_size.push(dojang);
    }
    println!(
        "RESULT npki_list_scaling ratio={:.2}",
        per_size[1] / per_size[0]
    );
}
