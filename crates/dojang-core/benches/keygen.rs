//! Key generation speed against OpenSSL, run side by side in one run.
//!
//! Prints one line per figure:
//! `RESULT <name> dojang_ms=<median> openssl_ms=<median> ratio=<dojang/openssl>
//! dojang_p90_ms=… openssl_p90_ms=…`: RSA generation's time is random, so the 90th
//! percentile is shown beside the median. Dojang is timed in-process, in one search (as
//! the command line generates) and racing one search per core (as the app does); OpenSSL
//! as the `openssl genpkey` process a script would run. Run with `scripts/bench.sh` or
//! `cargo bench -p dojang-core --bench keygen`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark fails loudly

use std::process::Command;

use dojang_core::keys::private_key::{KeyType, generate_racing, searches_per_core};

mod timing;

use timing::{median, percentile, time_ms};

fn main() {
    let runs: usize = std::env::var("DOJANG_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(31);
    let rsa: &[&str] = &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"];
    let cases: [(&str, KeyType, usize, &[&str]); 3] = [
        // One search, as the command line generates.
        ("keygen_rsa2048", KeyType::Rsa2048, 1, rsa),
        // One search per core, the first kept, as the app generates.
        (
            "keygen_rsa2048_racing",
            KeyType::Rsa2048,
            searches_per_core(),
            rsa,
        ),
        (
            "keygen_p256",
            KeyType::P256,
            1,
            &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        ),
    ];
    for (name, key_type, searches, openssl_args) in cases {
        // Interleaved, so that both see the same machine load.
        let mut ours = Vec::with_capacity(runs);
        let mut theirs = Vec::with_capacity(runs);
        for _ in 0..runs {
            ours.push(time_ms(|| {
                let key = generate_racing(key_type, searches).unwrap();
                assert_eq!(key.random_num().unwrap().len(), 20);
            }));
            if searches > 1 {
                // The searches that lost finish in the background: not on the next clock.
                std::thread::sleep(std::time::Duration::from_millis(500));
            }
            theirs.push(time_ms(|| {
                let status = Command::new("openssl")
                    .arg("genpkey")
                    .args(openssl_args)
                    .args(["-out", "/dev/null"])
                    .status()
                    .expect("openssl runs");
                assert!(status.success());
            }));
        }
        let (d90, o90) = (percentile(ours.clone(), 90), percentile(theirs.clone(), 90));
        let (d, o) = (median(ours), median(theirs));
        println!(
            "RESULT {name} dojang_ms={d:.2} openssl_ms={o:.2} ratio={:.3} dojang_p90_ms={d90:.2} openssl_p90_ms={o90:.2}",
            d / o
        );
    }
}
