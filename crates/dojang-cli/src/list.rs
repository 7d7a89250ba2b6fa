//! `dojang list`: every certificate in every store.

use std::io::Write as _;

use dojang_core::store::{self, NpkiRoot};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::Outcome;
use crate::context::Context;
use crate::messages::{self, Lang};

pub fn run(ctx: &Context) -> Outcome {
    let list = ctx.stores.list(OffsetDateTime::now_utc());
    let lang = ctx.lang;
    let mut out = std::io::stdout().lock();
    for problem in &list.unreadable {
        eprintln!(
            "{} {}: {}",
            match lang {
                Lang::Ko => "읽을 수 없음:",
                Lang::En => "unreadable:",
            },
            problem.path.display(),
            messages::error_at_path(&problem.error, lang)
        );
    }
    // A closed pipe (`dojang list | head`) is not an error worth a message.
    let _ = if ctx.json {
        let rows: Vec<serde_json::Value> = list
            .certificates
            .iter()
            .map(|c| json_row(c, lang))
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        )
    } else {
        print_list(&mut out, &list, lang)
    };
    Outcome::Done
}

/// One certificate as `--json` prints it: the view model, with `purpose` in words and
/// the code beside it as `purpose_code`.
pub fn json_row(c: &store::ListedCertificate, lang: Lang) -> serde_json::Value {
    let mut row = serde_json::to_value(c).unwrap_or_default();
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
            messages::validity(c, lang),
            c.key_algorithm
        )?;
        writeln!(out, "    ID {}", &c.id[..16])?;
        match &listed.path {
            Some(path) => writeln!(out, "    {}", path.display())?,
            None => writeln!(
                out,
                "    {}",
                match lang {
                    Lang::Ko => "이 컴퓨터의 키체인",
                    Lang::En => "this computer's keychain",
                }
            )?,
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
