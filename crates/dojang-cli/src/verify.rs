//! A certificate's path to its root, in words: printed by `dojang show`.

use dojang_core::cert::chain::{CertificateChain, LinkSource};
use time::format_description::well_known::Rfc3339;

use crate::messages::{self, Lang};

/// Prints the path from the root down to the certificate, each link with its check and
/// where it came from, then the verdict.
pub fn print_chain(chain: &CertificateChain, lang: Lang) {
    let ko = lang == Lang::Ko;
    let at = chain.checked_at.format(&Rfc3339).unwrap_or_default();
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
