//! `dojang verify`, and a certificate's path to its root in words (also printed by
//! `dojang show`).

use dojang_core::cert::chain::{CertificateChain, LinkSource};
use dojang_core::status::{CertificateStatus, Mode, Overall, StatusReport, StatusSource, Verdict};
use std::path::Path;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::Outcome;
use crate::context::Context;
use crate::messages::{self, Lang};

/// Prints the path from the root down to the certificate, each link with its check and
/// where it came from, then the verdict.
pub fn print_chain(chain: &CertificateChain, lang: Lang) {
    let ko = lang == Lang::Ko;
    let at = moment(chain.checked_at);
    if ko {
        println!("  인증 경로 ({at} 기준):");
    } else {
        println!("  Certification path (as of {at}):");
    }
    for (depth, link) in chain.links.iter().rev().enumerate() {
        let mark = if link.verified { "✓" } else { "✗" };
        let role = match (link.root, depth + 1 == chain.links.len(), ko) {
            (true, _, true) => "최상위 인증기관",
            (true, _, false) => "root",
            (false, true, true) => "이 인증서",
            (false, true, false) => "this certificate",
            (false, false, true) => "발급 기관",
            (false, false, false) => "issuing CA",
        };
        let trust = match (link.anchor, ko) {
            (true, true) => ", 신뢰하는 최상위 인증기관",
            (true, false) => ", a trusted root",
            _ => "",
        };
        let source = match link.source {
            LinkSource::Subject => String::new(),
            other => format!(" · {}", messages::link_source(other, lang)),
        };
        println!(
            "    {}{mark} {} — {role}{trust}{source} · {}",
            "  ".repeat(depth),
            link.common_name,
            if ko {
                format!("{}까지", link.not_after.date())
            } else {
                format!("until {}", link.not_after.date())
            },
        );
    }
    match &chain.problem {
        None if ko => println!("  경로: 유효 — 신뢰하는 최상위 인증기관까지 모두 확인했습니다"),
        None => println!("  Path: valid — every link checked up to a trusted root"),
        Some(problem) => println!(
            "  {}: {}",
            if ko {
                "경로: 확인 실패"
            } else {
                "Path: not valid"
            },
            messages::path_problem(problem, chain, lang)
        ),
    }
}

/// `dojang verify ID|FILE`: the path validated at `at` (now by default) and the status
/// now ([`Mode`]: the cache, fetching what it lacks, unless told otherwise). Exit 0 when the path is valid and the certificate good,
/// 5 when it or a CA on its path is revoked, 6 when the path is broken or the status
/// unknown.
pub fn run(ctx: &Context, what: &str, at: Option<OffsetDateTime>, mode: Mode) -> Outcome {
    let der = match crate::show::certificate(ctx, what) {
        Ok(der) => der,
        Err(e) => return Outcome::Refused(e),
    };
    let verified = ctx.distribution().and_then(|distribution| {
        let at = at.unwrap_or_else(OffsetDateTime::now_utc);
        ctx.stores.verify(&der, &distribution, at, mode)
    });
    let verification = match verified {
        Ok(v) => v,
        Err(e) => return Outcome::Refused(e.info()),
    };
    if ctx.json {
        let out = serde_json::to_string_pretty(&verification).unwrap_or_default();
        println!("{out}");
    } else {
        print_chain(&verification.chain, ctx.lang);
        print_status(&verification.status, ctx.lang);
    }
    outcome(verification.verdict)
}

/// `dojang verify-signature FILE.p7s [--content FILE]`: the signature checked (its
/// content's digest and the signature with the signer's certificate), then the signer's
/// certificate as `dojang verify` checks it, now. Exit 1 when the signature does not
/// verify; otherwise as `verify` for the signer's certificate.
pub fn signature(ctx: &Context, file: &Path, content: Option<&Path>, mode: Mode) -> Outcome {
    let limit = dojang_core::sign::MAX_SIGNATURE;
    let checked = dojang_core::files::read(file, limit).and_then(|message| {
        let content = content
            .map(|path| dojang_core::files::read(path, limit))
            .transpose()?;
        dojang_core::sign::verify(&message, content.as_deref())
    });
    let signed = match checked {
        Ok(signed) => signed,
        Err(e) => return Outcome::Refused(e.info()),
    };
    let verified = ctx.distribution().and_then(|distribution| {
        ctx.stores.verify(
            &signed.signer,
            &distribution,
            OffsetDateTime::now_utc(),
            mode,
        )
    });
    let verification = match verified {
        Ok(v) => v,
        Err(e) => return Outcome::Refused(e.info()),
    };
    let signer = verification
        .chain
        .links
        .first()
        .map(|link| link.common_name.clone())
        .unwrap_or_default();
    if ctx.json {
        let out = serde_json::json!({
            "signature": "valid",
            "signer": signer,
            "signing_time": signed.signing_time.map(moment),
            "detached": signed.content.is_none(),
            "certificate": verification,
        });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        let when = signed.signing_time.map(moment).unwrap_or_default();
        if ctx.lang == Lang::Ko {
            println!("서명: 올바름 — {signer}, 서명 시각 {when}");
        } else {
            println!("Signature: valid — {signer}, signed at {when}");
        }
        print_chain(&verification.chain, ctx.lang);
        print_status(&verification.status, ctx.lang);
    }
    outcome(verification.verdict)
}

/// The exit of a verdict on a certificate: 0 good, 5 revoked, 6 unknown or path broken.
fn outcome(verdict: Overall) -> Outcome {
    match verdict {
        Overall::Good => Outcome::Done,
        Overall::Revoked => Outcome::Status(5),
        Overall::Unknown | Overall::PathBroken => Outcome::Status(6),
    }
}

fn moment(t: OffsetDateTime) -> String {
    t.replace_nanosecond(0)
        .unwrap_or(t)
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// One status in words: the verdict, its source and time, or why it is unknown.
fn status_line(status: &CertificateStatus, lang: Lang) -> String {
    let ko = lang == Lang::Ko;
    let source = match (status.source, status.from_cache) {
        (Some(StatusSource::Ocsp), false) => "OCSP",
        (Some(StatusSource::Ocsp), true) => {
            if ko {
                "OCSP, 저장된 응답"
            } else {
                "OCSP, cached"
            }
        }
        (Some(StatusSource::Crl), false) => "CRL",
        (Some(StatusSource::Crl), true) => {
            if ko {
                "CRL, 저장된 목록"
            } else {
                "CRL, cached"
            }
        }
        (Some(StatusSource::Local), _) => {
            if ko {
                "이 컴퓨터에서 폐지함"
            } else {
                "revoked here"
            }
        }
        (None, _) => "",
    };
    let when = status.this_update.map(moment).unwrap_or_default();
    match status.verdict {
        Verdict::Good if ko => format!("유효 ({source}, {when} 기준)"),
        Verdict::Good => format!("good ({source}, as of {when})"),
        Verdict::Revoked => {
            let date = status.revoked_at.map(moment).unwrap_or_default();
            let reason = status
                .reason
                .map(|r| format!(", {}", messages::crl_reason(r, lang)))
                .unwrap_or_default();
            if ko {
                format!("폐지됨 ({date}{reason}; {source})")
            } else {
                format!("revoked ({date}{reason}; {source})")
            }
        }
        Verdict::Unknown => {
            let why: Vec<String> = status
                .problems
                .iter()
                .map(|p| messages::status_problem(p, lang))
                .collect();
            let last = status
                .last_good
                .map(|t| {
                    if ko {
                        format!("; 마지막으로 유효했던 때: {}", moment(t))
                    } else {
                        format!("; last known good: {}", moment(t))
                    }
                })
                .unwrap_or_default();
            if ko {
                format!("확인 불가 — {}{last}", why.join("; "))
            } else {
                format!("unknown — {}{last}", why.join("; "))
            }
        }
    }
}

/// Prints the certificate's status, then each CA's on its path.
pub fn print_status(report: &StatusReport, lang: Lang) {
    let ko = lang == Lang::Ko;
    println!(
        "  {}: {}",
        if ko { "폐지 여부" } else { "Revocation" },
        status_line(&report.certificate, lang)
    );
    for authority in &report.authorities {
        println!(
            "    {}: {}",
            authority.common_name,
            status_line(&authority.status, lang)
        );
    }
}
