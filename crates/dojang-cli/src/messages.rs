//! The command line's own Korean and English words for codes that dojang-core returns
//! (the UI has its catalogs; the core builds no sentences).

use clap::ValueEnum;
use dojang_core::ErrorInfo;
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
