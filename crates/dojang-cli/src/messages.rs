//! The command line's own Korean and English words for codes that dojang-core returns
//! (the UI has its catalogs; the core builds no sentences).

use clap::ValueEnum;
use dojang_core::ErrorInfo;
use dojang_core::cert::chain::{CertificateChain, LinkSource, PathProblem};
use dojang_core::cert::{CertificateSummary, Purpose, ValidityStatus};

/// The language of the command line's messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// 한국어
    Ko,
    /// English
    En,
}

/// The label for a purpose code.
pub fn purpose(p: Purpose, lang: Lang) -> &'static str {
    use Purpose::*;
    match (p, lang) {
        (PersonalGeneral, Lang::Ko) => "개인 범용",
        (PersonalGeneral, Lang::En) => "personal, general purpose",
        (CorporateGeneral, Lang::Ko) => "법인 범용",
        (CorporateGeneral, Lang::En) => "business, general purpose",
        (PersonalBanking, Lang::Ko) => "개인 용도제한 (은행·보험)",
        (PersonalBanking, Lang::En) => "personal, banking and insurance",
        (PersonalSecurities, Lang::Ko) => "개인 용도제한 (증권)",
        (PersonalSecurities, Lang::En) => "personal, securities",
        (PersonalCard, Lang::Ko) => "개인 용도제한 (카드)",
        (PersonalCard, Lang::En) => "personal, credit cards",
        (PersonalRestricted, Lang::Ko) => "개인 용도제한",
        (PersonalRestricted, Lang::En) => "personal, restricted purpose",
        (CorporateRestricted, Lang::Ko) => "법인 용도제한",
        (CorporateRestricted, Lang::En) => "business, restricted purpose",
        (CorporateBanking, Lang::Ko) => "법인 은행·보험",
        (CorporateBanking, Lang::En) => "business, banking and insurance",
        (TaxInvoice, Lang::Ko) => "전자세금계산서",
        (TaxInvoice, Lang::En) => "electronic tax invoices",
        (Authority, Lang::Ko) => "인증기관 인증서",
        (Authority, Lang::En) => "a CA's certificate",
        (Unknown, Lang::Ko) => "용도 미확인",
        (Unknown, Lang::En) => "unknown purpose",
    }
}

/// Where a certificate stands, in words: revoked (as far as Dojang knows), or how long
/// it has left.
pub fn validity(summary: &CertificateSummary, lang: Lang) -> String {
    let days_left = summary.days_left;
    if summary.revoked.is_some() {
        return match lang {
            Lang::Ko => "폐지됨 — 쓸 수 없음".to_owned(),
            Lang::En => "revoked — cannot be used".to_owned(),
        };
    }
    match (summary.status, lang) {
        (ValidityStatus::Expired, Lang::Ko) => format!("만료됨 ({}일 지남)", -days_left),
        (ValidityStatus::Expired, Lang::En) => format!("expired {} days ago", -days_left),
        (ValidityStatus::NotYetValid, Lang::Ko) => "아직 유효하지 않음".to_owned(),
        (ValidityStatus::NotYetValid, Lang::En) => "not yet valid".to_owned(),
        (ValidityStatus::ExpiringSoon, Lang::Ko) => format!("{days_left}일 남음 — 곧 만료"),
        (ValidityStatus::ExpiringSoon, Lang::En) => {
            format!("{days_left} days left — expires soon")
        }
        (ValidityStatus::Valid, Lang::Ko) => format!("{days_left}일 남음"),
        (ValidityStatus::Valid, Lang::En) => format!("{days_left} days left"),
    }
}

/// Where a link of a path came from, in words.
pub fn link_source(source: LinkSource, lang: Lang) -> &'static str {
    use LinkSource::*;
    match (source, lang) {
        (Subject, Lang::Ko) => "이 인증서",
        (Subject, Lang::En) => "this certificate",
        (Bundled, Lang::Ko) => "Dojang에 들어 있는 인증서",
        (Bundled, Lang::En) => "shipped with Dojang",
        (Distribution, Lang::Ko) => "배포판이 정해 둔 최상위 인증서",
        (Distribution, Lang::En) => "pinned by the distribution",
        (Issuance, Lang::Ko) => "발급 때 인증기관에서 받음",
        (Issuance, Lang::En) => "received from the CA at issuance",
        (CaPubs, Lang::Ko) => "NPKI 폴더의 CaPubs 파일",
        (CaPubs, Lang::En) => "a CaPubs file in an NPKI folder",
        (Aia, Lang::Ko) => "인증서에 적힌 주소에서 받음 (AIA)",
        (Aia, Lang::En) => "fetched from the certificate's caIssuers address (AIA)",
    }
}

/// Why a path fails, in words, naming the link by its common name.
pub fn path_problem(problem: &PathProblem, chain: &CertificateChain, lang: Lang) -> String {
    use PathProblem::*;
    let name = |link: &u32| {
        chain
            .links
            .get(*link as usize)
            .map_or_else(String::new, |l| l.common_name.clone())
    };
    let date = |link: &u32, after: bool| {
        chain
            .links
            .get(*link as usize)
            .map_or_else(String::new, |l| {
                let t = if after { l.not_after } else { l.not_before };
                t.date().to_string()
            })
    };
    let ko = lang == Lang::Ko;
    match problem {
        IssuerNotFound { link } if ko => {
            format!(
                "{}을(를) 발급한 인증기관의 인증서를 찾지 못했습니다",
                name(link)
            )
        }
        IssuerNotFound { link } => format!(
            "the certificate of the CA that issued {} was not found",
            name(link)
        ),
        BadSignature { link } if ko => {
            format!("{}의 서명이 발급 기관의 키로 확인되지 않습니다", name(link))
        }
        BadSignature { link } => format!(
            "the signature on {} does not verify with its issuer's key",
            name(link)
        ),
        Expired { link } if ko => {
            format!("{}이(가) {}에 만료되었습니다", name(link), date(link, true))
        }
        Expired { link } => format!("{} expired on {}", name(link), date(link, true)),
        NotYetValid { link } if ko => {
            format!("{}은(는) {}부터 유효합니다", name(link), date(link, false))
        }
        NotYetValid { link } => format!("{} is not valid before {}", name(link), date(link, false)),
        NotACa { link } if ko => format!(
            "{}은(는) 인증기관 인증서가 아닌데 인증서를 발급했습니다",
            name(link)
        ),
        NotACa { link } => format!(
            "{} issued a certificate but is not a CA certificate",
            name(link)
        ),
        NoCertSign { link } if ko => format!("{}의 키 용도에 인증서 서명이 없습니다", name(link)),
        NoCertSign { link } => format!(
            "{}'s key usage does not allow signing certificates",
            name(link)
        ),
        PathTooLong { link } if ko => format!(
            "{} 아래의 인증기관이 경로 길이 제한보다 많습니다",
            name(link)
        ),
        PathTooLong { link } => format!(
            "more CAs below {} than its path length limit allows",
            name(link)
        ),
        UnsupportedCritical { link, oid } if ko => {
            format!(
                "{}에 처리할 수 없는 필수(critical) 확장 {oid}이(가) 있습니다",
                name(link)
            )
        }
        UnsupportedCritical { link, oid } => {
            format!(
                "{} has a critical extension Dojang does not process ({oid})",
                name(link)
            )
        }
        NoPolicy { link } if ko => format!(
            "{}에 인증기관이 요구하는 인증서 정책이 없습니다",
            name(link)
        ),
        NoPolicy { link } => format!("{} names no certificate policy its CA accepts", name(link)),
        UntrustedRoot { link } if ko => {
            format!(
                "최상위 인증기관 {}은(는) 신뢰하는 인증기관이 아닙니다",
                name(link)
            )
        }
        UntrustedRoot { link } => format!("the root {} is not a trusted root", name(link)),
    }
}

/// An error as one line for a person: the sentence for its code from the shared
/// catalog (dojang-core's `data/errors.json`, which the window reads too), its parameters
/// filled in, then the file and the system's detail when the sentence does not name
/// them (the window shows those apart).
pub fn error(e: &ErrorInfo, lang: Lang) -> String {
    line(e, lang, None)
}

/// [`error`] for a line that names the file already (the list's unreadable rows).
pub fn error_at_path(e: &ErrorInfo, lang: Lang) -> String {
    line(e, lang, Some("path"))
}

fn line(e: &ErrorInfo, lang: Lang, named_already: Option<&str>) -> String {
    let language = match lang {
        Lang::Ko => dojang_core::error::Language::Ko,
        Lang::En => dojang_core::error::Language::En,
    };
    let template = dojang_core::error::message(e.code, language);
    let mut line = template.to_owned();
    for (k, v) in &e.params {
        line = line.replace(&format!("{{{k}}}"), v);
    }
    // What the sentence does not name is added: the file, other values by name, and the
    // system's detail last.
    let unnamed = |name: &str| {
        e.params.get(name).filter(|v| {
            !v.is_empty()
                && named_already != Some(name)
                && !template.contains(&format!("{{{name}}}"))
        })
    };
    if let Some(path) = unnamed("path") {
        line.push_str(&format!(" ({path})"));
    }
    for name in e.params.keys().filter(|k| *k != "path" && *k != "detail") {
        if let Some(value) = unnamed(name) {
            line.push_str(&format!(" [{name}: {value}]"));
        }
    }
    if let Some(detail) = unnamed("detail") {
        line.push_str(&format!(" — {detail}"));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use dojang_core::ErrorCode;

    #[test]
    fn error_lines_fill_their_parameters_and_add_the_file_and_detail() {
        let e = ErrorInfo::new(
            ErrorCode::FolderUnreadable,
            &[("path", "/media/usb/NPKI"), ("detail", "Permission denied")],
        );
        let line = error(&e, Lang::En);
        assert!(
            line.ends_with(" (/media/usb/NPKI) — Permission denied"),
            "{line}"
        );
        let e = ErrorInfo::new(ErrorCode::CaHttpStatus, &[("status", "503")]);
        assert!(error(&e, Lang::Ko).contains("HTTP 503"));
    }
}
