//! `dojang-fixtures`: lays out the sample NPKI tree for tests, demos and screenshots.
//!
//! ```text
//! dojang-fixtures npki DIR [--broken]
//! ```
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some("npki"), Some(dir)) = (args.first().map(String::as_str), args.get(1)) else {
        eprintln!("usage: dojang-fixtures npki DIR [--broken]");
        return ExitCode::from(2);
    };
    let broken = args.iter().skip(2).any(|a| a == "--broken");
    match dojang_testkit::sample_npki_tree(&PathBuf::from(dir), broken) {
        Ok(folders) => {
            for folder in folders {
                println!("{}", folder.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dojang-fixtures: {e}");
            ExitCode::FAILURE
        }
    }
}
