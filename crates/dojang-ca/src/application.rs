//! Applications (발급 신청): the numbers and codes a CA hands an applicant, and the
//! issue.html invitation that carries the `dojang://issue` link (docs/cmp-profile.md).
//!
//! | what | shape |
//! | --- | --- |
//! | reference number (참조번호) | 8 digits |
//! | authorization code (인가코드) | 19 letters and digits, mixed case |
//! | registration number (등록번호) | the two together, 27 characters |
//! | application number | 10 digits |
//! | temporary code (발급용 임시번호) | 10 letters and digits, mixed case |
//!
//! Codes are drawn uniformly from letters and digits without the look-alikes `0 O o 1 l
//! I` (still `[A-Za-z0-9]`, as the profile says), so that a person copying one from
//! paper does not stumble.

use std::path::{Path, PathBuf};

use dojang_core::codes::{
    IdNumber, REFERENCE_NUMBER_LEN, REGISTRATION_NUMBER_LEN, TEMPORARY_CODE_LEN,
};
use dojang_core::issue::invitation::Invitation;
use time::OffsetDateTime;

use crate::error::{CaError, Result};
use crate::registry::{Application, ApplicationKind, NewApplication, Registry};

/// Letters and digits a person cannot mistake for one another.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
/// Length of the authorization code: the registration number after its reference number.
pub const AUTHORIZATION_CODE_LEN: usize = REGISTRATION_NUMBER_LEN - REFERENCE_NUMBER_LEN;
/// Length of the application numbers this CA hands out.
pub const APPLICATION_NUMBER_LEN: usize = 10;

/// What `dojang-ca apply` hands out (JSON keys are a promise: docs/interfaces.md).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Issued {
    /// Reference number + authorization code, 27 characters.
    pub registration_number: String,
    /// 8 digits.
    pub reference_number: String,
    /// 19 characters.
    pub authorization_code: String,
    /// Digits.
    pub application_number: String,
    /// 10 characters.
    pub temporary_code: String,
    /// The issue.html written for the applicant.
    pub invitation: PathBuf,
}

fn random_bytes(n: usize) -> Result<Vec<u8>> {
    let mut bytes = vec![0u8; n];
    aws_lc_rs::rand::fill(&mut bytes).map_err(CaError::certificate)?;
    Ok(bytes)
}

/// `len` characters drawn uniformly from `alphabet` (rejection sampling, no modulo bias).
fn draw(alphabet: &[u8], len: usize) -> Result<String> {
    let limit = 256 - 256 % alphabet.len();
    let mut out = String::with_capacity(len);
    while out.len() < len {
        for b in random_bytes(len * 2)? {
            if usize::from(b) < limit && out.len() < len {
                out.push(char::from(alphabet[usize::from(b) % alphabet.len()]));
            }
        }
    }
    Ok(out)
}

/// `len` random digits.
pub fn digits(len: usize) -> Result<String> {
    draw(b"0123456789", len)
}

/// A code of `len` letters and digits with at least one upper-case letter, one
/// lower-case letter and one digit.
pub fn mixed_code(len: usize) -> Result<String> {
    loop {
        let code = draw(CODE_ALPHABET, len)?;
        let has = |f: fn(&char) -> bool| code.chars().any(|c| f(&c));
        if has(char::is_ascii_uppercase)
            && has(char::is_ascii_lowercase)
            && has(char::is_ascii_digit)
        {
            return Ok(code);
        }
    }
}

/// Registers an application for `name` and `id_number` and writes its invitation into
/// `dir/invitations/<application number>/issue.html`, linking to `cmp_url`.
pub fn apply(
    registry: &dyn Registry,
    dir: &Path,
    cmp_url: &str,
    name: &str,
    id_number: &IdNumber,
    kind: ApplicationKind,
    applied_at: OffsetDateTime,
) -> Result<Issued> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(CaError::InvalidArgument {
            what: "name",
            detail: "must be 1 to 64 printable characters".to_owned(),
        });
    }
    let application = loop {
        let candidate = NewApplication {
            application_number: digits(APPLICATION_NUMBER_LEN)?,
            reference_number: digits(REFERENCE_NUMBER_LEN)?,
            authorization_code: mixed_code(AUTHORIZATION_CODE_LEN)?,
            temporary_code: mixed_code(TEMPORARY_CODE_LEN)?,
            name: name.to_owned(),
            id_number: id_number.digits().to_owned(),
            kind,
            applied_at,
        };
        // Numbers are random: on the rare collision, draw again.
        if let Some(application) = registry.create_application(&candidate)? {
            break application;
        }
    };
    let invitation = write_invitation(dir, cmp_url, &application)?;
    let d = &application.details;
    Ok(Issued {
        registration_number: format!("{}{}", d.reference_number, d.authorization_code),
        reference_number: d.reference_number.clone(),
        authorization_code: d.authorization_code.clone(),
        application_number: d.application_number.clone(),
        temporary_code: d.temporary_code.clone(),
        invitation,
    })
}

/// The `dojang://issue` link of an application (the format is dojang-core's, which the app
/// reads back).
pub fn issue_link(cmp_url: &str, application_number: &str) -> String {
    Invitation {
        ca: cmp_url.to_owned(),
        application: application_number.to_owned(),
    }
    .link()
}

fn html_escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

/// The invitation page for a person. It carries the link and the application number,
/// never a code: the temporary code reaches the applicant by another way (in the
/// sandbox, `dojang-ca apply` prints it).
pub fn invitation_html(cmp_url: &str, application: &Application) -> String {
    let d = &application.details;
    let link = html_escape(&issue_link(cmp_url, &d.application_number));
    let name = html_escape(&d.name);
    let number = html_escape(&d.application_number);
    let kind = match d.kind {
        ApplicationKind::New => "발급",
        ApplicationKind::Reissue => "재발급",
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>공동인증서 {kind} 안내 — Dojang Sandbox</title>
<style>
  body {{ font-family: sans-serif; font-size: 1.25rem; line-height: 1.6; max-width: 40rem;
         margin: 2rem auto; padding: 0 1rem; color: #111; background: #fff; }}
  h1 {{ font-size: 1.75rem; }}
  .number {{ font-size: 1.5rem; font-weight: bold; letter-spacing: 0.1em; }}
  a.button {{ display: inline-block; padding: 0.75rem 1.5rem; border: 3px solid #0b3d91;
              border-radius: 0.5rem; color: #0b3d91; font-weight: bold; text-decoration: underline; }}
  a.button:focus {{ outline: 4px solid #f5a623; }}
</style>
</head>
<body>
<main>
<h1>공동인증서 {kind} 안내</h1>
<p>{name} 님, 공동인증서 {kind} 신청이 접수되었습니다.</p>
<p>신청번호: <span class="number">{number}</span></p>
<h2>이렇게 하세요</h2>
<ol>
  <li>도장(Dojang) 앱이 설치된 컴퓨터에서 아래 단추를 누르세요. 이 파일을 도장 앱에서 열어도 됩니다.</li>
  <li>따로 받은 <strong>발급용 임시번호</strong>(10자리, 대소문자 구분)와 주민등록번호 또는 사업자등록번호를 입력하세요.</li>
  <li>인증서 암호를 정하면 발급이 끝납니다.</li>
</ol>
<p><a class="button" href="{link}">도장 앱에서 인증서 {kind}하기</a></p>
<p>신청일로부터 30일이 지나면 이 신청은 취소됩니다.</p>
<hr>
<p lang="en">Dojang Sandbox — a test CA. Certificates it issues are for testing only.
Open this link in the Dojang app to get your certificate: application number {number}.</p>
</main>
</body>
</html>
"#
    )
}

fn write_invitation(dir: &Path, cmp_url: &str, application: &Application) -> Result<PathBuf> {
    let folder = dir
        .join("invitations")
        .join(&application.details.application_number);
    std::fs::create_dir_all(&folder).map_err(|e| CaError::file(&folder, e))?;
    let path = folder.join("issue.html");
    std::fs::write(&path, invitation_html(cmp_url, application))
        .map_err(|e| CaError::file(&path, e))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_their_shapes() {
        for _ in 0..200 {
            let code = mixed_code(AUTHORIZATION_CODE_LEN).unwrap();
            assert_eq!(code.len(), 19);
            assert!(code.chars().all(|c| c.is_ascii_alphanumeric()));
            assert!(code.chars().any(|c| c.is_ascii_uppercase()));
            assert!(code.chars().any(|c| c.is_ascii_lowercase()));
            assert!(!code.contains(['0', 'O', 'o', '1', 'l', 'I']));
            let number = digits(REFERENCE_NUMBER_LEN).unwrap();
            assert_eq!(number.len(), 8);
            assert!(number.chars().all(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn the_link_percent_encodes_the_cmp_url() {
        assert_eq!(
            issue_link("http://127.0.0.1:8080/cmp", "0123456789"),
            "dojang://issue?ca=http%3A%2F%2F127.0.0.1%3A8080%2Fcmp&application=0123456789"
        );
    }
}
