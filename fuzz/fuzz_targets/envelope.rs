#![no_main]
//! Fuzz target: dojang_core::fuzzing::envelope (see docs/fuzzing.md).

libfuzzer_sys::fuzz_target!(|data: &[u8]| dojang_core::fuzzing::envelope(data));
