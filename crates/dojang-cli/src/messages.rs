//! The command line's own Korean and English words for codes that dojang-core returns
//! (the UI has its catalogs; the core builds no sentences).

use std::collections::BTreeMap;

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
        ("key-malformed", Lang::Ko) => "개인키가 손상되었습니다",
        ("key-malformed", Lang::En) => "the private key is damaged",
        ("key-algorithm-unsupported", Lang::Ko) => "지원하지 않는 키 종류입니다 ({oid})",
        ("key-algorithm-unsupported", Lang::En) => "unsupported key type ({oid})",
        ("key-generation-failed", Lang::Ko) => "키를 만들지 못했습니다: {detail}",
        ("key-generation-failed", Lang::En) => "the key could not be generated: {detail}",
        ("wrong-password", Lang::Ko) => "인증서 암호가 맞지 않습니다. 대소문자를 확인해 주세요.",
        ("wrong-password", Lang::En) => {
            "the certificate password is wrong; check upper and lower case"
        }
        ("key-encryption-unsupported", Lang::Ko) => {
            "지원하지 않는 개인키 암호화 방식입니다 ({oid})"
        }
        ("key-encryption-unsupported", Lang::En) => "unsupported key encryption ({oid})",
        ("key-file-malformed", Lang::Ko) => "개인키 파일이 손상되었습니다",
        ("key-file-malformed", Lang::En) => "the private key file is damaged",
        ("password-too-short", Lang::Ko) => "암호는 10자 이상이어야 합니다",
        ("password-too-short", Lang::En) => "the password needs at least 10 characters",
        ("password-needs-letter", Lang::Ko) => "암호에 영문자가 있어야 합니다",
        ("password-needs-letter", Lang::En) => "the password needs a letter",
        ("password-needs-digit", Lang::Ko) => "암호에 숫자가 있어야 합니다",
        ("password-needs-digit", Lang::En) => "the password needs a digit",
        ("password-needs-special", Lang::Ko) => "암호에 특수문자가 있어야 합니다",
        ("password-needs-special", Lang::En) => "the password needs a special character",
        ("password-forbidden-character", Lang::Ko) => "암호에 ' \" \\ | 는 쓸 수 없습니다",
        ("password-forbidden-character", Lang::En) => "the password may not contain ' \" \\ |",
        ("password-sequential", Lang::Ko) => {
            "연속된 문자나 숫자를 3개 이상 쓸 수 없습니다 (abc, 123)"
        }
        ("password-sequential", Lang::En) => {
            "the password may not contain three characters in sequence (abc, 123)"
        }
        ("password-repeated", Lang::Ko) => "같은 문자를 3번 이상 연달아 쓸 수 없습니다",
        ("password-repeated", Lang::En) => {
            "the password may not repeat a character three times in a row"
        }
        ("certificate-not-found", Lang::Ko) => "인증서를 찾을 수 없습니다: {id}",
        ("certificate-not-found", Lang::En) => "no certificate {id}",
        ("certificate-id-ambiguous", Lang::Ko) => {
            "{id}에 해당하는 인증서가 여러 개입니다. ID를 더 길게 입력해 주세요."
        }
        ("certificate-id-ambiguous", Lang::En) => {
            "{id} matches several certificates; give more of the ID"
        }
        ("key-certificate-mismatch", Lang::Ko) => "개인키가 이 인증서의 것이 아닙니다",
        ("key-certificate-mismatch", Lang::En) => {
            "the private key does not belong to the certificate"
        }
        ("npki-key-missing", Lang::Ko) => "폴더에 개인키 파일(signPri.key)이 없습니다",
        ("npki-key-missing", Lang::En) => "the folder has no private key file (signPri.key)",
        ("already-stored", Lang::Ko) => "이미 저장되어 있습니다: {path}",
        ("already-stored", Lang::En) => "already stored there: {path}",
        ("disk-full", Lang::Ko) => "저장 공간이 부족합니다: {path}",
        ("disk-full", Lang::En) => "there is no space left: {path}",
        ("read-only", Lang::Ko) => "쓸 수 없는 위치입니다 (쓰기 보호된 USB일 수 있습니다): {path}",
        ("read-only", Lang::En) => "cannot write there (a write-protected USB drive?): {path}",
        ("write-failed", Lang::Ko) => "저장하지 못했습니다: {detail}",
        ("write-failed", Lang::En) => "saving failed: {detail}",
        ("keychain-unavailable", Lang::Ko) => "이 컴퓨터의 키체인을 사용할 수 없습니다: {detail}",
        ("keychain-unavailable", Lang::En) => "this computer's keychain cannot be used: {detail}",
        ("keychain-entry-missing", Lang::Ko) => "키체인에서 이 인증서의 열쇠가 사라졌습니다",
        ("keychain-entry-missing", Lang::En) => {
            "the keychain no longer holds this certificate's key"
        }
        ("pfx-wrong-password", Lang::Ko) => "PFX 파일의 암호가 맞지 않습니다",
        ("pfx-wrong-password", Lang::En) => "the PFX file's password is wrong",
        ("pfx-no-mac", Lang::Ko) => "무결성 검사(MAC)가 없는 PFX 파일은 열지 않습니다",
        ("pfx-no-mac", Lang::En) => "PFX files without an integrity check (MAC) are refused",
        ("pfx-no-key", Lang::Ko) => "PFX 파일에 개인키가 없습니다",
        ("pfx-no-key", Lang::En) => "the PFX file holds no private key",
        ("pfx-several-keys", Lang::Ko) => {
            "PFX 파일에 개인키가 {count}개 있어 어느 것인지 알 수 없습니다"
        }
        ("pfx-several-keys", Lang::En) => {
            "the PFX file holds {count} private keys; which one is meant is unclear"
        }
        ("pfx-no-certificate", Lang::Ko) => "PFX 파일에 개인키의 인증서가 없습니다",
        ("pfx-no-certificate", Lang::En) => "the PFX file holds no certificate for its key",
        ("pfx-malformed", Lang::Ko) => "PFX(PKCS#12) 파일이 아니거나 손상되었습니다",
        ("pfx-malformed", Lang::En) => "not a PFX (PKCS#12) file, or a damaged one",
        ("identity-data-missing", Lang::Ko) => "이 인증서에는 본인확인 정보가 없습니다",
        ("identity-data-missing", Lang::En) => "this certificate carries no identity data",
        ("random-num-missing", Lang::Ko) => "개인키에 본인확인용 난수(randomNum)가 없습니다",
        ("random-num-missing", Lang::En) => {
            "the private key carries no randomNum for the identity check"
        }
        ("id-number-malformed", Lang::Ko) => {
            "주민등록번호(13자리) 또는 사업자등록번호(10자리)를 숫자로 입력해 주세요"
        }
        ("id-number-malformed", Lang::En) => {
            "enter a resident (13 digits) or business (10 digits) registration number"
        }
        ("business-number-check-digit", Lang::Ko) => {
            "사업자등록번호가 올바르지 않습니다. 다시 확인해 주세요."
        }
        ("business-number-check-digit", Lang::En) => {
            "the business registration number is not valid; check it"
        }
        ("passwords-differ", Lang::Ko) => "두 번 입력한 암호가 다릅니다",
        ("passwords-differ", Lang::En) => "the two passwords differ",
        ("password-input", Lang::Ko) => "암호를 읽지 못했습니다: {detail}",
        ("password-input", Lang::En) => "the password could not be read: {detail}",
        ("confirmation-needed", Lang::Ko) => {
            "삭제하려면 --yes 를 붙이거나 터미널에서 확인해 주세요"
        }
        ("confirmation-needed", Lang::En) => "to delete, add --yes or confirm on a terminal",
        ("identity-mismatch", Lang::Ko) => {
            "본인확인 결과: 이 인증서의 주인이 아닙니다 (번호가 일치하지 않습니다)"
        }
        ("identity-mismatch", Lang::En) => {
            "identity check: the number does not match this certificate"
        }
        ("store-unknown", Lang::Ko) => {
            "알 수 없는 저장 위치입니다: {store} (keychain, npki, npki:폴더)"
        }
        ("store-unknown", Lang::En) => "unknown store: {store} (keychain, npki, npki:DIR)",
        ("registration-number-length", Lang::Ko) => {
            "등록번호는 영문과 숫자 27자리입니다 (입력한 것은 {actual}자리)"
        }
        ("registration-number-length", Lang::En) => {
            "the registration number has 27 letters and digits (this has {actual})"
        }
        ("registration-number-character", Lang::Ko) => {
            "등록번호에는 영문과 숫자만 쓸 수 있습니다 ('{character}'는 쓸 수 없습니다)"
        }
        ("registration-number-character", Lang::En) => {
            "the registration number has only letters and digits ('{character}' is not one)"
        }
        ("reference-number-not-digits", Lang::Ko) => "등록번호의 앞 8자리(참조번호)는 숫자입니다",
        ("reference-number-not-digits", Lang::En) => {
            "the first 8 characters of the registration number (the reference number) are digits"
        }
        ("temporary-code-length", Lang::Ko) => {
            "발급용 임시번호는 영문과 숫자 10자리입니다 (입력한 것은 {actual}자리)"
        }
        ("temporary-code-length", Lang::En) => {
            "the temporary issuance code has 10 letters and digits (this has {actual})"
        }
        ("temporary-code-character", Lang::Ko) => {
            "발급용 임시번호에는 영문과 숫자만 쓸 수 있습니다 ('{character}'는 쓸 수 없습니다)"
        }
        ("temporary-code-character", Lang::En) => {
            "the temporary issuance code has only letters and digits ('{character}' is not one)"
        }
        ("application-number-malformed", Lang::Ko) => "신청번호는 숫자입니다",
        ("application-number-malformed", Lang::En) => "the application number is digits",
        ("ca-url-malformed", Lang::Ko) => "인증기관 주소가 올바르지 않습니다: {url}",
        ("ca-url-malformed", Lang::En) => "the CA address is not valid: {url}",
        ("ca-url-insecure", Lang::Ko) => {
            "보안 연결(HTTPS)이 아닌 인증기관 주소는 쓰지 않습니다: {url}"
        }
        ("ca-url-insecure", Lang::En) => {
            "CA addresses without a secure connection (HTTPS) are refused: {url}"
        }
        ("invitation-link-missing", Lang::Ko) => {
            "이 파일에는 발급 안내 링크가 없습니다. 메일의 issue.html 파일인지 확인해 주세요."
        }
        ("invitation-link-missing", Lang::En) => {
            "this file has no issuance link; check that it is the issue.html from the e-mail"
        }
        ("invitation-malformed", Lang::Ko) => "발급 안내 링크가 손상되었습니다",
        ("invitation-malformed", Lang::En) => "the issuance link is damaged",
        ("ca-unreachable", Lang::Ko) => {
            "인증기관에 연결할 수 없습니다. 인터넷 연결을 확인하고 잠시 후 다시 시도해 주세요."
        }
        ("ca-unreachable", Lang::En) => {
            "the CA cannot be reached; check the internet connection and try again later"
        }
        ("ca-http-status", Lang::Ko) => {
            "인증기관이 오류로 응답했습니다 (HTTP {status}). 잠시 후 다시 시도해 주세요."
        }
        ("ca-http-status", Lang::En) => {
            "the CA answered with an error (HTTP {status}); try again later"
        }
        ("ca-response-malformed", Lang::Ko) => "인증기관의 응답을 이해할 수 없습니다: {detail}",
        ("ca-response-malformed", Lang::En) => "the CA's answer cannot be understood: {detail}",
        ("ca-response-unverified", Lang::Ko) => {
            "인증기관의 응답을 확인할 수 없어 받아들이지 않았습니다: {detail}"
        }
        ("ca-response-unverified", Lang::En) => {
            "the CA's answer failed its checks and was not accepted: {detail}"
        }
        ("ca-wrong-code", Lang::Ko) => {
            "번호가 올바르지 않습니다. 대소문자를 구별하니 정확하게 다시 입력해 주세요."
        }
        ("ca-wrong-code", Lang::En) => {
            "the number is not correct; it is case-sensitive, so check it and try again"
        }
        ("ca-already-issued", Lang::Ko) => {
            "이 번호로는 이미 인증서가 발급되었습니다. `dojang list`로 인증서를 확인해 주세요."
        }
        ("ca-already-issued", Lang::En) => {
            "a certificate was already issued for this number; see `dojang list`"
        }
        ("ca-application-expired", Lang::Ko) => {
            "신청 후 30일이 지나 신청이 취소되었습니다. 새로 신청해 주세요."
        }
        ("ca-application-expired", Lang::En) => {
            "30 days have passed since the application, so it was cancelled; apply again"
        }
        ("ca-too-many-attempts", Lang::Ko) => {
            "잘못된 입력이 5번 되풀이되어 잠겼습니다. 고객센터에 문의해 주세요."
        }
        ("ca-too-many-attempts", Lang::En) => {
            "five wrong tries locked the application; contact the support desk"
        }
        ("ca-renewal-not-due", Lang::Ko) => "갱신은 만료 30일 전부터 할 수 있습니다",
        ("ca-renewal-not-due", Lang::En) => "renewal opens 30 days before expiry",
        ("ca-certificate-revoked", Lang::Ko) => "폐지된 인증서입니다. 재발급을 받아 주세요.",
        ("ca-certificate-revoked", Lang::En) => "the certificate is revoked; get it reissued",
        ("ca-bad-request", Lang::Ko) => {
            "인증기관이 요청을 받아들이지 않았습니다 (내부 오류): {detail}"
        }
        ("ca-bad-request", Lang::En) => {
            "the CA did not accept the request (internal error): {detail}"
        }
        ("ca-unavailable", Lang::Ko) => "인증기관에 문제가 있습니다. 잠시 후 다시 시도해 주세요.",
        ("ca-unavailable", Lang::En) => "the CA has a problem; try again later",
        ("ca-refused", Lang::Ko) => "인증기관이 거절했습니다: {detail}",
        ("ca-refused", Lang::En) => "the CA refused: {detail}",
        ("distribution-unreadable", Lang::Ko) => {
            "배포 설정 파일을 읽을 수 없습니다: {path} ({detail})"
        }
        ("distribution-unreadable", Lang::En) => {
            "cannot read the distribution file {path}: {detail}"
        }
        ("distribution-invalid", Lang::Ko) => {
            "배포 설정 파일이 올바르지 않습니다: {path}: {detail}"
        }
        ("distribution-invalid", Lang::En) => "the distribution file {path} is invalid: {detail}",
        ("ca-unknown", Lang::Ko) => {
            "이 인증서를 발급한 인증기관의 주소를 알 수 없습니다. --ca 로 주소를 알려 주세요."
        }
        ("ca-unknown", Lang::En) => {
            "the address of this certificate's CA is not known; give it with --ca"
        }
        ("renewal-too-early", Lang::Ko) => {
            "갱신은 만료 30일 전부터 할 수 있습니다. {opens_in_days}일 뒤에 다시 해 주세요."
        }
        ("renewal-too-early", Lang::En) => {
            "renewal opens 30 days before expiry: try again in {opens_in_days} days"
        }
        ("renewal-expired", Lang::Ko) => {
            "기간이 끝난(또는 아직 시작되지 않은) 인증서는 갱신할 수 없습니다. 재발급을 받아 주세요."
        }
        ("renewal-expired", Lang::En) => {
            "an expired (or not yet valid) certificate cannot be renewed: get it reissued"
        }
        ("file-type-unsupported", Lang::Ko) => "도장이 여는 파일이 아닙니다: {path}",
        ("file-type-unsupported", Lang::En) => "not a file Dojang opens: {path}",
        ("ca-not-listed", Lang::Ko) => {
            "{host} 은(는) 이 프로그램에 등록된 인증기관이 아니어서 번호를 보내지 않았습니다. \
             은행이나 인증기관에서 받은 메일이 맞는지 확인해 주세요."
        }
        ("ca-not-listed", Lang::En) => {
            "{host} is not a CA this program knows, so nothing was sent to it; check that the \
             e-mail really came from your bank or CA"
        }
        ("ca-redirected", Lang::Ko) => {
            "인증기관이 다른 주소로 보내려 했습니다 (HTTP {status}). 안전을 위해 따라가지 않았습니다."
        }
        ("ca-redirected", Lang::En) => {
            "the CA tried to send the request elsewhere (HTTP {status}); for safety it was not followed"
        }
        ("ca-response-too-large", Lang::Ko) => {
            "인증기관의 응답이 너무 커서 ({limit}바이트 초과) 받아들이지 않았습니다."
        }
        ("ca-response-too-large", Lang::En) => {
            "the CA's answer is too large (over {limit} bytes) and was not accepted"
        }
        ("file-not-regular", Lang::Ko) => {
            "보통 파일이나 폴더가 아닙니다 (장치, 파이프, 링크 등). 안전을 위해 읽거나 쓰지 않았습니다: {path}"
        }
        ("file-not-regular", Lang::En) => {
            "not a regular file or folder (a device, pipe or link); for safety it was neither read nor written: {path}"
        }
        ("file-too-large", Lang::Ko) => "이런 파일로는 너무 큽니다 ({limit}바이트 초과): {path}",
        ("file-too-large", Lang::En) => {
            "too large for a file of this kind (over {limit} bytes): {path}"
        }
        ("data-dir-unknown", Lang::Ko) => {
            "프로그램 자료를 둘 폴더를 찾을 수 없습니다. --data-dir 이나 DOJANG_DATA_DIR 로 알려 주세요."
        }
        ("data-dir-unknown", Lang::En) => {
            "there is no folder for the app's data; name one with --data-dir or DOJANG_DATA_DIR"
        }
        ("demo-failed", Lang::Ko) => "연습 발급을 시작하지 못했습니다: {detail}",
        ("demo-failed", Lang::En) => "the demo could not start: {detail}",
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

    /// Every stable code dojang-core can return: the string arms of `Error::code()` and
    /// `PasswordRule::code()`, read from their source.
    fn core_codes() -> Vec<String> {
        let error = include_str!("../../dojang-core/src/error.rs");
        let password = include_str!("../../dojang-core/src/password.rs");
        let body = |src: &str, start: &str| -> String {
            let from = src.find(start).unwrap();
            let rest = &src[from..];
            rest[..rest.find("\n    }\n").unwrap()].to_owned()
        };
        let mut codes = Vec::new();
        for text in [
            body(error, "pub fn code(&self)"),
            body(password, "pub fn code(self)"),
        ] {
            for part in text.split("=> \"").skip(1) {
                codes.push(part[..part.find('"').unwrap()].to_owned());
            }
        }
        codes.sort();
        codes.dedup();
        assert!(codes.len() > 60, "{codes:?}");
        codes
    }

    #[test]
    fn every_core_error_code_has_a_sentence_here_and_in_both_ui_catalogs() {
        let ko = include_str!("../../../ui/src/i18n/ko.ts");
        let en = include_str!("../../../ui/src/i18n/en.ts");
        for code in core_codes() {
            let info = ErrorInfo {
                code: code.clone(),
                params: BTreeMap::new(),
            };
            assert!(
                !error(&info, Lang::Ko).starts_with("오류 ("),
                "CLI ko lacks {code}"
            );
            assert!(
                !error(&info, Lang::En).starts_with("error ("),
                "CLI en lacks {code}"
            );
            let key = format!("'error.{code}'");
            assert!(ko.contains(&key), "ui ko.ts lacks {key}");
            assert!(en.contains(&key), "ui en.ts lacks {key}");
        }
    }

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
