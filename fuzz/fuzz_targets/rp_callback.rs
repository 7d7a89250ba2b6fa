#![no_main]
//! Fuzz target: dojang_ca::fuzzing::rp_callback (see docs/fuzzing.md).

libfuzzer_sys::fuzz_target!(|data: &[u8]| dojang_ca::fuzzing::rp_callback(data));
