//! `dojang`: every user job without a window, for support staff, scripts and headless
//! tests. The command line is a promise (brief/interfaces.md).
#![forbid(unsafe_code)]

mod messages;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use dojang_core::store::{self, NpkiRoot};
use messages::Lang;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Dojang (도장): your 공동인증서 (joint certificates), without the plug-ins.
#[derive(Parser)]
#[command(name = "dojang", version, about)]
struct Cli {
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// Language of messages.
    #[arg(long, global = true, value_enum, default_value = "ko")]
    lang: Lang,
    /// An extra NPKI root to search beside the platform's own (repeatable; the
    /// DOJANG_NPKI_ROOT environment variable adds more, separated as in PATH).
    #[arg(long = "npki-root", global = true, value_name = "DIR")]
    npki_roots: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List every certificate in every store.
    List,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::List => list(&cli),
    }
}

fn list(cli: &Cli) -> ExitCode {
    let mut extra = cli.npki_roots.clone();
    extra.extend(NpkiRoot::extra_from_env());
    let roots = NpkiRoot::discover(&extra);
    let list = store::list_certificates(&roots, OffsetDateTime::now_utc());
    let lang = cli.lang;
    let mut out = std::io::stdout().lock();
    for problem in &list.unreadable {
        eprintln!(
            "{} {}: {}",
            match lang {
                Lang::Ko => "읽을 수 없음:",
                Lang::En => "unreadable:",
            },
            problem.path.display(),
            messages::error(&problem.error, lang)
        );
    }
    let written = if cli.json {
        let rows: Vec<serde_json::Value> = list
            .certificates
            .iter()
            .map(|c| {
                let mut row = serde_json::to_value(c).unwrap_or_default();
                // `purpose` is the words in the chosen language; the code stays beside it.
                if let Some(obj) = row.as_object_mut() {
                    obj.insert(
                        "purpose_code".into(),
                        obj.get("purpose").cloned().unwrap_or_default(),
                    );
                    obj.insert(
                        "purpose".into(),
                        messages::purpose(c.certificate.purpose, lang).into(),
                    );
                }
                row
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        )
    } else {
        print_list(&mut out, &list, lang)
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`dojang list | head`) is not an error worth a message.
        Err(_) => ExitCode::SUCCESS,
    }
}

fn print_list(
    out: &mut impl std::io::Write,
    list: &store::CertificateList,
    lang: Lang,
) -> std::io::Result<()> {
    if list.certificates.is_empty() {
        match lang {
            Lang::Ko => writeln!(
                out,
                "인증서가 없습니다. 찾아본 곳: {}",
                roots_text(&list.searched_roots)
            )?,
            Lang::En => writeln!(
                out,
                "No certificates found. Searched: {}",
                roots_text(&list.searched_roots)
            )?,
        }
        return Ok(());
    }
    for listed in &list.certificates {
        let c = &listed.certificate;
        let until = c.not_after.format(&Rfc3339).unwrap_or_default();
        writeln!(
            out,
            "{}  ·  {}  ·  {}",
            c.owner,
            messages::purpose(c.purpose, lang),
            c.ca
        )?;
        writeln!(
            out,
            "    {} {}  ·  {}  ·  {}",
            match lang {
                Lang::Ko => "만료",
                Lang::En => "expires",
            },
            &until[..until.len().min(10)],
            messages::validity(c.status, c.days_left, lang),
            c.key_algorithm
        )?;
        writeln!(out, "    ID {}", &c.id[..16])?;
        if let Some(path) = &listed.path {
            writeln!(out, "    {}", path.display())?;
        }
    }
    Ok(())
}

fn roots_text(roots: &[NpkiRoot]) -> String {
    if roots.is_empty() {
        return "-".to_owned();
    }
    roots
        .iter()
        .map(|r| r.path.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
