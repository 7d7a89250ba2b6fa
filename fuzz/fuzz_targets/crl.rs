#![no_main]
//! Fuzz target: dojang_core::fuzzing::crl (see docs/fuzzing.md).

libfuzzer_sys::fuzz_target!(|data: &[u8]| dojang_core::fuzzing::crl(data));
