//! The command line: runtime options, or else the normal run (see the crate's docs).

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::ExitCode;

use crate::error::{Context, Error, Result};
use crate::extract::extract;
use crate::image::{self, Image};
use crate::{PROGRAM, cache, panics};

/// The prefix that marks an argument as the runtime's own.
const OPTION_PREFIX: &[u8] = b"--appimage-";

/// Where `--appimage-extract` extracts to, in the working directory.
const EXTRACT_DIR: &str = "squashfs-root";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Action {
    /// Run the app with these arguments.
    Run(Vec<OsString>),
    /// `--appimage-extract [PATTERN]`.
    Extract(Option<OsString>),
    /// `--appimage-offset`.
    Offset,
    /// `--appimage-help`.
    Help,
    /// `--appimage-version`.
    Version,
}

/// Runs the runtime; every failure becomes one line on standard error and status 1.
pub fn main() -> ExitCode {
    panics::install_hook();
    let mut args = std::env::args_os();
    let argv0 = args.next();
    let outcome = panics::catch("the runtime failed", || {
        let action = parse(args.collect())?;
        perform(action, argv0)
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One line, whatever a lower layer put in its message.
            let message = error.to_string().replace(['\n', '\r'], " ");
            eprintln!("{PROGRAM}: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads the arguments after `argv[0]`. A runtime option counts only as the first
/// argument; any other argument starting with `--appimage-` is an error, so that it can
/// never reach the app by mistake.
fn parse(args: Vec<OsString>) -> Result<Action> {
    let is_option = |arg: &OsStr| arg.as_bytes().starts_with(OPTION_PREFIX);
    let Some(first) = args.first().filter(|first| is_option(first)) else {
        if let Some(option) = args.iter().find(|arg| is_option(arg)) {
            return Err(Error::new(format!(
                "{} is not an argument for the app, and a runtime option must come first (see --appimage-help)",
                option.to_string_lossy()
            )));
        }
        return Ok(Action::Run(args));
    };
    let name = first.to_string_lossy().into_owned();
    let operands = &args[1..];
    if let Some(option) = operands.iter().find(|arg| is_option(arg)) {
        return Err(Error::new(format!(
            "only one runtime option can be given, not also {}",
            option.to_string_lossy()
        )));
    }
    let no_operands = |action: Action| {
        if operands.is_empty() {
            Ok(action)
        } else {
            Err(Error::new(format!("{name} takes no arguments")))
        }
    };
    match name.as_str() {
        "--appimage-extract" => match operands {
            [] => Ok(Action::Extract(None)),
            [pattern] => Ok(Action::Extract(Some(pattern.clone()))),
            _ => Err(Error::new("--appimage-extract takes at most one PATTERN")),
        },
        "--appimage-offset" => no_operands(Action::Offset),
        "--appimage-help" => no_operands(Action::Help),
        "--appimage-version" => no_operands(Action::Version),
        _ => Err(Error::new(format!(
            "unknown runtime option {name} (see --appimage-help)"
        ))),
    }
}

/// Does what was asked; returns only when that is done or failed.
fn perform(action: Action, argv0: Option<OsString>) -> Result<()> {
    let written = match action {
        Action::Run(args) => return cache::run(args, argv0).map(|never| match never {}),
        Action::Extract(pattern) => return extract_here(pattern.as_deref()),
        Action::Offset => {
            let offset = image::own_offset()?;
            writeln!(io::stdout().lock(), "{offset}")
        }
        Action::Help => io::stdout().lock().write_all(help().as_bytes()),
        Action::Version => writeln!(
            io::stdout().lock(),
            "{PROGRAM} {} (AppImage type 2 runtime)",
            env!("CARGO_PKG_VERSION")
        ),
    };
    written.context(|| "cannot write to standard output")
}

/// `--appimage-extract`: extracts into `./squashfs-root` and prints each path written.
fn extract_here(pattern: Option<&OsStr>) -> Result<()> {
    let image = Image::open_self()?;
    let filesystem = image.filesystem()?;
    let dest = Path::new(EXTRACT_DIR);
    fs::create_dir_all(dest).context(|| format!("cannot create {EXTRACT_DIR}"))?;
    let mut out = io::stdout().lock();
    let cannot_print = || "cannot write to standard output";
    // Printed as bytes: a name need not be UTF-8.
    extract(
        &filesystem,
        dest,
        pattern.map(OsStr::as_bytes),
        |relative| {
            out.write_all(EXTRACT_DIR.as_bytes())
                .and_then(|()| out.write_all(b"/"))
                .and_then(|()| out.write_all(relative))
                .and_then(|()| out.write_all(b"\n"))
                .context(cannot_print)
        },
    )?;
    out.flush().context(cannot_print)
}

/// The text of `--appimage-help`.
fn help() -> String {
    format!(
        "\
Usage: APPIMAGE [ARGUMENTS FOR THE APP...]
       APPIMAGE --appimage-OPTION

Without a runtime option, the app runs: its files are extracted once, into
${{XDG_CACHE_HOME:-$HOME/.cache}}/{cache}/KEY (one directory per build), and
AppRun is run from there with all the arguments.

Runtime options (only as the first argument):
  --appimage-extract [PATTERN]  extract into ./{EXTRACT_DIR}: everything, or the paths
                                that start with PATTERN or match it (* = any text)
  --appimage-offset             print the byte offset of the image in this file
  --appimage-help               print this help
  --appimage-version            print the runtime's version
",
        cache = "dojang-appimage",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn app_arguments_pass_through() {
        let given = args(&["--verbose", "a file", "--", "-x"]);
        assert_eq!(parse(given.clone()).unwrap(), Action::Run(given));
        assert_eq!(parse(Vec::new()).unwrap(), Action::Run(Vec::new()));
    }

    #[test]
    fn runtime_options() {
        assert_eq!(parse(args(&["--appimage-offset"])).unwrap(), Action::Offset);
        assert_eq!(parse(args(&["--appimage-help"])).unwrap(), Action::Help);
        assert_eq!(
            parse(args(&["--appimage-version"])).unwrap(),
            Action::Version
        );
        assert_eq!(
            parse(args(&["--appimage-extract"])).unwrap(),
            Action::Extract(None)
        );
        assert_eq!(
            parse(args(&["--appimage-extract", "usr/*"])).unwrap(),
            Action::Extract(Some("usr/*".into()))
        );
    }

    #[test]
    fn refused_runtime_options() {
        for refused in [
            &["--appimage-foo"][..],
            &["--appimage-offset", "1"],
            &["--appimage-extract", "a", "b"],
            &["--appimage-extract", "--appimage-offset"],
            &["file", "--appimage-offset"],
            &["file", "--appimage-foo"],
        ] {
            assert!(parse(args(refused)).is_err(), "{refused:?}");
        }
    }
}
