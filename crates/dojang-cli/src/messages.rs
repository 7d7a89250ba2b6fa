//! The command line's own Korean and English words for codes that dojang-core returns
//! (the UI has its catalogs; the core builds no sentences).

use std::collections::BTreeMap;

use clap::ValueEnum;
use dojang_core::ErrorInfo;
use dojang_core::cert::{Purpose, ValidityStatus};

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

/// How long a certificate has left, in words.
pub fn validity(status: ValidityStatus, days_left: i64, lang: Lang) -> String {
    match (status, lang) {
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

/// The sentence for an error code, with its parameters filled in.
pub fn error(e: &ErrorInfo, lang: Lang) -> String {
    let template = match (e.code.as_str(), lang) {
        ("certificate-file-unreadable", Lang::Ko) => "인증서 파일을 읽을 수 없습니다: {detail}",
        ("certificate-file-unreadable", Lang::En) => {
            "the certificate file cannot be read: {detail}"
        }
        ("certificate-truncated", Lang::Ko) => {
            "인증서 파일이 잘려 있습니다. 복사가 끝까지 되지 않았을 수 있습니다."
        }
        ("certificate-truncated", Lang::En) => {
            "the certificate file is cut short; the copy may not have finished"
        }
        ("not-a-certificate", Lang::Ko) => "인증서 파일이 아닙니다",
        ("not-a-certificate", Lang::En) => "this file is not a certificate",
        ("npki-certificate-missing", Lang::Ko) => "폴더에 인증서 파일(signCert.der)이 없습니다",
        ("npki-certificate-missing", Lang::En) => {
            "the folder has no certificate file (signCert.der)"
        }
        ("npki-root-not-found", Lang::Ko) => "NPKI 폴더가 없습니다",
        ("npki-root-not-found", Lang::En) => "the NPKI folder does not exist",
        ("folder-unreadable", Lang::Ko) => "폴더를 열 수 없습니다: {detail}",
        ("folder-unreadable", Lang::En) => "the folder cannot be opened: {detail}",
        (_, Lang::Ko) => "오류 ({code})",
        (_, Lang::En) => "error ({code})",
    };
    fill(template, &e.code, &e.params)
}

fn fill(template: &str, code: &str, params: &BTreeMap<String, String>) -> String {
    let mut out = template.replace("{code}", code);
    for (k, v) in params {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_sentences_fill_their_parameters() {
        let e = ErrorInfo {
            code: "folder-unreadable".into(),
            params: [("detail".to_owned(), "Permission denied".to_owned())].into(),
        };
        assert_eq!(
            error(&e, Lang::En),
            "the folder cannot be opened: Permission denied"
        );
        let unknown = ErrorInfo {
            code: "something-new".into(),
            params: BTreeMap::new(),
        };
        assert_eq!(error(&unknown, Lang::Ko), "오류 (something-new)");
    }
}
