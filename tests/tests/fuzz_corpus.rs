//! The fuzz targets' corpus replayed on stable (docs/fuzzing.md): every file under
//! `fuzz/corpus/<target>/` (inputs that reach new code) and `fuzz/regressions/<target>/`
//! (every crash, hang or blow-up a campaign found, minimised) goes through the same entry
//! point as the target, so a regression fails the test command without a nightly
//! toolchain or a fuzzer.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// Runs `entry` over every file of `target`'s corpus and regressions; the number run.
fn replay(target: &str, entry: fn(&[u8])) -> usize {
    let mut count = 0;
    for kind in ["corpus", "regressions"] {
        let Ok(files) = std::fs::read_dir(fuzz_dir().join(kind).join(target)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = files.map(|f| f.unwrap().path()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            // A panic names the file that caused it.
            let outcome = std::panic::catch_unwind(|| entry(&data));
            assert!(outcome.is_ok(), "{} panicked", file.display());
            count += 1;
        }
    }
    assert!(count > 0, "fuzz/corpus/{target} has no files");
    count
}

#[test]
fn cmp_responses_of_the_corpus_come_back() {
    replay("cmp_response", dojang_core::fuzzing::cmp_response);
}

#[test]
fn cmp_requests_of_the_corpus_get_a_cmp_answer() {
    replay("cmp_request", dojang_ca::fuzzing::cmp_request);
}

#[test]
fn key_files_of_the_corpus_come_back() {
    replay("npki_key", dojang_core::fuzzing::npki_key);
}

#[test]
fn pkcs12_files_of_the_corpus_come_back() {
    replay("pkcs12", dojang_core::fuzzing::pkcs12);
}

#[test]
fn certificates_of_the_corpus_come_back_with_their_text() {
    replay("certificate", dojang_core::fuzzing::certificate);
}

#[test]
fn signatures_of_the_corpus_come_back() {
    replay("signature", dojang_core::fuzzing::signature);
}

#[test]
fn ocsp_answers_of_the_corpus_come_back() {
    replay("ocsp_answer", dojang_core::fuzzing::ocsp_answer);
}

#[test]
fn crls_of_the_corpus_come_back() {
    replay("crl", dojang_core::fuzzing::crl);
}

#[test]
fn capubs_files_of_the_corpus_come_back() {
    replay("capubs", dojang_core::fuzzing::capubs);
}

#[test]
fn invitations_and_links_of_the_corpus_come_back() {
    replay("invitation", dojang_core::fuzzing::invitation);
}

#[test]
fn distribution_files_of_the_corpus_come_back() {
    replay("distribution", dojang_core::fuzzing::distribution);
}

#[test]
fn codes_of_the_corpus_come_back() {
    replay("codes", dojang_core::fuzzing::codes);
}

#[test]
fn sign_links_and_requests_of_the_corpus_come_back() {
    replay("sign_request", dojang_core::fuzzing::sign_request);
}

#[test]
fn envelopes_of_the_corpus_come_back() {
    replay("envelope", dojang_core::fuzzing::envelope);
}

#[test]
fn callback_bodies_of_the_corpus_come_back() {
    replay("rp_callback", dojang_ca::fuzzing::rp_callback);
}
