#![no_main]
//! Fuzz target: dojang_core::fuzzing::sign_request (see docs/fuzzing.md).

libfuzzer_sys::fuzz_target!(|data: &[u8]| dojang_core::fuzzing::sign_request(data));
