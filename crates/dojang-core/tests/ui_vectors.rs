//! Test vectors for the window's live checks. The window checks a new password and the
//! codes as they are typed without sending them to Rust on every keystroke, with its own
//! copy of the rules (`ui/src/checks.ts`); these vectors are what dojang-core decides for
//! inputs chosen to tell two implementations apart (every rule, its edges, pasted
//! separators, Unicode look-alikes). They are written beside the generated bindings, so the
//! test command fails when the committed vectors differ from the core's rules, and the UI's
//! unit tests check its copy against them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

use std::path::PathBuf;

use dojang_core::issue::IssuePath;
use dojang_core::password::broken_rules;
use serde_json::{Value, json};

const PASSWORDS: &[&str] = &[
    "",
    "a",
    "seal#7294xq",
    "Seal#7294Xq",
    "sample!2580",
    "short!1a",
    "abcdefghij",
    "1234567890",
    "!@#$%^&*()",
    "nodigits!!x",
    "nospecial12x",
    "noletters12!!",
    "forbidden'12a",
    "forbidden\"12a",
    "forbidden\\12a",
    "forbidden|12a",
    "seq#abc9274",
    "seq#ABC9274",
    "seq#aBc9274",
    "seq#cba9274",
    "seq#xyz9274",
    "seq#123xwq",
    "seq#321xwq",
    "seq#890xwq",
    "seq#9ab7xq",
    "seq#z{|7xq",
    "seq#@AB7xq",
    "seq#YZ[7xq",
    "seq#789:xq",
    "rep#aaa7294",
    "rep#AAa7294",
    "rep#1117xqz",
    "rep#!!!7xqz",
    "rep##7xqz2",
    "한글암호입니다1!a",
    "한글한글한글한글한글",
    "ㄱㄴㄷ1!abzq",
    "가나다1!abzq",
    "emoji😀1!abzq",
    "space in 1!az",
    "tab\tin1!azq",
    "ñandú#7294xq",
    "ÀÁÂ#7294xq",
    "ａｂｃ#7294xq",
    "１２３#7294xq",
    "exactly10!",
    "exactly9!",
    "        1a!",
    "~`-_=+[]{}1aZ",
    "<>?,./;:1aZ",
];

const REGISTRATION_NUMBERS: &[&str] = &[
    "",
    "12345678AbCdEfGhIjKlMnOpQrS",
    "1234-5678 AbCdE-fGhIj KlMnO-pQrS ",
    "1234\u{2010}5678\u{2011}AbCdE\u{2012}fGhIj\u{2013}KlMnO\u{2014}pQrS\u{2015}",
    "12345678\u{2212}AbCdEfGhIjKlMnOpQrS",
    "12345678\tAbCdEfGhIjKlMnOpQrS\n",
    "12345678\u{3000}AbCdEfGhIjKlMnOpQrS",
    "12345678\u{00a0}AbCdEfGhIjKlMnOpQrS",
    "12345678\u{0085}AbCdEfGhIjKlMnOpQrS",
    "12345678\u{feff}AbCdEfGhIjKlMnOpQrS",
    "12345678\u{200b}AbCdEfGhIjKlMnOpQrS",
    "12345678AbCdEfGhIjKlMnOpQr",
    "12345678AbCdEfGhIjKlMnOpQrSt",
    "1234567xAbCdEfGhIjKlMnOpQrS",
    "12345678AbCdEfGhIjKlMnOpQr!",
    "12345678AbCdEfGhIjKlMnOpQr가",
    "12345678AbCdEfGhIjKlMnOpQ😀",
    "１2345678AbCdEfGhIjKlMnOpQrS",
    "12345678AbCdEfGhIjKlMnOpQrＳ",
    "12345678_bCdEfGhIjKlMnOpQrS",
    "1234",
    "!",
];

const APPLICATIONS: &[&str] = &[
    "20261125001",
    "2026-1125-001",
    " 20261125001 ",
    "",
    "x1",
    "123456789012345678901",
    "12345678901234567890",
    "２０２６",
];

const TEMPORARY_CODES: &[&str] = &[
    "aB3dE6gH9j",
    "aB3dE-6gH9j",
    "aB3dE 6gH9j",
    "aB3dE6gH9",
    "aB3dE6gH9jk",
    "aB3dE6gH9!",
    "aB3dE6gH9가",
    "",
    "ａB3dE6gH9j",
];

const ID_NUMBERS: &[&str] = &[
    "9001011234567",
    "900101-1234567",
    "900101 1234567",
    "900101\u{2013}1234567",
    "900101\u{2212}1234567",
    "900101\t1234567",
    "9013011234567",
    "9000011234567",
    "9001321234567",
    "9001001234567",
    "900101123456",
    "90010112345678",
    "1248100998",
    "124-81-00998",
    "124-81-00999",
    "1234567890",
    "0000000000",
    "",
    "abc",
    "９００１０１１２３４５６７",
];

/// Where the vectors are written: beside the bindings ts-rs writes.
fn vectors_dir() -> PathBuf {
    let bindings = std::env::var_os("TS_RS_EXPORT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings"));
    bindings.join("vectors")
}

/// Writes `value` as `name` when it differs from what is there (as ts-rs does with the
/// bindings; the test command then fails on a difference from what is committed).
fn write_vectors(name: &str, value: &Value) {
    let dir = vectors_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let text = serde_json::to_string_pretty(value).unwrap() + "\n";
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(&path, text).unwrap();
    }
}

#[test]
fn the_password_rules_are_written_as_vectors_for_the_window() {
    let vectors: Vec<Value> = PASSWORDS
        .iter()
        .map(|p| json!({ "password": p, "broken": broken_rules(p) }))
        .collect();
    // Every rule is broken by some vector, and some vector keeps them all.
    let broken: Vec<&Value> = vectors
        .iter()
        .flat_map(|v| v["broken"].as_array().unwrap())
        .collect();
    for rule in [
        "too-short",
        "needs-letter",
        "needs-digit",
        "needs-special",
        "forbidden-character",
        "sequential",
        "repeated",
    ] {
        assert!(broken.iter().any(|b| *b == rule), "no vector breaks {rule}");
    }
    assert!(
        vectors
            .iter()
            .any(|v| v["broken"].as_array().unwrap().is_empty())
    );
    write_vectors("password-rules.json", &Value::Array(vectors));
}

#[test]
fn the_code_checks_are_written_as_vectors_for_the_window() {
    let mistakes = |path: IssuePath| serde_json::to_value(path.mistakes()).unwrap();
    let mut vectors = Vec::new();
    for number in REGISTRATION_NUMBERS {
        vectors.push(json!({
            "path": { "kind": "registration", "registration_number": number },
            "mistakes": mistakes(IssuePath::Registration {
                registration_number: (*number).into(),
            }),
        }));
    }
    // Each field of the e-mail path varies while the others are right.
    let temporary = |application: &str, code: &str, id: &str| {
        json!({
            "path": {
                "kind": "temporary",
                "application": application,
                "temp_code": code,
                "id_number": id,
            },
            "mistakes": mistakes(IssuePath::Temporary {
                application: application.to_owned(),
                temp_code: code.into(),
                id_number: id.into(),
            }),
        })
    };
    for application in APPLICATIONS {
        vectors.push(temporary(application, TEMPORARY_CODES[0], ID_NUMBERS[0]));
    }
    for code in TEMPORARY_CODES {
        vectors.push(temporary(APPLICATIONS[0], code, ID_NUMBERS[0]));
    }
    for id in ID_NUMBERS {
        vectors.push(temporary(APPLICATIONS[0], TEMPORARY_CODES[0], id));
    }
    vectors.push(temporary("", "", ""));
    write_vectors("code-checks.json", &Value::Array(vectors));
}
