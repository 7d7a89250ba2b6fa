//! The command line's own Korean and English words for codes that dojang-core returns
//! (the UI has its catalogs; the core builds no sentences).

use clap::ValueEnum;
use dojang_core::ErrorInfo;
use dojang_core::cert::chain::{CertificateChain, LinkSource, PathProblem};
use dojang_core::cert::{CertificateSummary, Purpose, ValidityStatus};
use dojang_core::status::{CrlReason, Fault, StatusProblem};

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

/// A revocation reason as RFC 5280 names it, in words.
pub fn crl_reason(reason: CrlReason, lang: Lang) -> &'static str {
    use CrlReason::*;
    match (reason, lang) {
        (Unspecified, Lang::Ko) => "사유 없음",
        (Unspecified, Lang::En) => "no reason given",
        (KeyCompromise, Lang::Ko) => "키 유출",
        (KeyCompromise, Lang::En) => "key compromise",
        (CaCompromise, Lang::Ko) => "인증기관 키 유출",
        (CaCompromise, Lang::En) => "CA compromise",
        (AffiliationChanged, Lang::Ko) => "소속 변경",
        (AffiliationChanged, Lang::En) => "affiliation changed",
        (Superseded, Lang::Ko) => "새 인증서로 대체",
        (Superseded, Lang::En) => "superseded",
        (CessationOfOperation, Lang::Ko) => "사용 중지",
        (CessationOfOperation, Lang::En) => "cessation of operation",
        (CertificateHold, Lang::Ko) => "효력 정지",
        (CertificateHold, Lang::En) => "on hold",
        (RemoveFromCrl, Lang::Ko) => "정지 해제",
        (RemoveFromCrl, Lang::En) => "removed from the CRL",
        (PrivilegeWithdrawn, Lang::Ko) => "권한 철회",
        (PrivilegeWithdrawn, Lang::En) => "privilege withdrawn",
        (AaCompromise, Lang::Ko) => "속성 기관 키 유출",
        (AaCompromise, Lang::En) => "AA compromise",
    }
}

/// Why no status could be believed, in words.
pub fn status_problem(problem: &StatusProblem, lang: Lang) -> String {
    use Fault::*;
    let ko = lang == Lang::Ko;
    let what = match (&problem.fault, ko) {
        (Offline, true) => "오프라인이라 확인하지 않았습니다".to_owned(),
        (Offline, false) => "not checked: offline".to_owned(),
        (NoPointer, true) => "인증서에 OCSP 주소도 CRL 주소도 없습니다".to_owned(),
        (NoPointer, false) => "the certificate names no OCSP responder and no CRL".to_owned(),
        (IssuerNotFound, true) => "발급 기관의 인증서가 없어 응답을 확인할 수 없습니다".to_owned(),
        (IssuerNotFound, false) => {
            "its CA's certificate is not known, so no answer can be checked".to_owned()
        }
        (Unreachable { detail }, true) => format!("연결하지 못했습니다 ({detail})"),
        (Unreachable { detail }, false) => format!("not reached ({detail})"),
        (HttpStatus { status }, true) => format!("HTTP {status} 오류로 응답했습니다"),
        (HttpStatus { status }, false) => format!("answered HTTP {status}"),
        (TooLarge { limit }, true) => format!("응답이 너무 큽니다 ({limit}바이트 초과)"),
        (TooLarge { limit }, false) => format!("the answer is larger than {limit} bytes"),
        (Unsupported { what }, true) => format!("지원하지 않는 형식입니다: {what}"),
        (Unsupported { what }, false) => format!("not supported: {what}"),
        (Missing { what }, true) => format!("LDAP 디렉터리에 없습니다: {what}"),
        (Missing { what }, false) => format!("not in the LDAP directory: {what}"),
        (Malformed { detail }, true) => format!("응답을 읽을 수 없습니다 ({detail})"),
        (Malformed { detail }, false) => format!("the answer does not parse ({detail})"),
        (ResponderRefused { status }, true) => {
            format!("OCSP 응답기가 오류로 응답했습니다 ({status})")
        }
        (ResponderRefused { status }, false) => format!("the OCSP responder refused ({status})"),
        (ResponderUnknown, true) => "OCSP 응답기가 이 인증서를 모릅니다".to_owned(),
        (ResponderUnknown, false) => "the OCSP responder does not know this certificate".to_owned(),
        (BadSignature { detail }, true) => format!("응답의 서명을 믿을 수 없습니다 ({detail})"),
        (BadSignature { detail }, false) => {
            format!("the answer's signature cannot be trusted ({detail})")
        }
        (Stale { next_update }, true) => format!(
            "응답이 오래되었습니다 ({} 이후 갱신되었어야 함)",
            next_update.date()
        ),
        (Stale { next_update }, false) => {
            format!("the answer is stale (due by {})", next_update.date())
        }
        (NotYetValid { this_update }, true) => format!("응답의 시각이 미래입니다 ({this_update})"),
        (NotYetValid { this_update }, false) => {
            format!("the answer is dated in the future ({this_update})")
        }
        (WrongCertificate, true) => "다른 인증서에 대한 응답입니다".to_owned(),
        (WrongCertificate, false) => "the answer is about another certificate".to_owned(),
        (NonceMismatch, true) => "응답의 nonce가 보낸 것과 다릅니다".to_owned(),
        (NonceMismatch, false) => "the answer's nonce differs from the one sent".to_owned(),
    };
    match &problem.url {
        Some(url) => format!("{url}: {what}"),
        None => what,
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
