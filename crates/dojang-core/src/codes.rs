//! The numbers a person types: the registration number (등록번호), the temporary issuance
//! code (발급용 임시번호) with its application number (신청번호), and ID numbers. Parse,
//! don't validate: a value of these types exists only if it is well-formed. What a user
//! pastes may carry spaces and hyphens; they are dropped, nothing else is changed (codes
//! are case-sensitive, so case is never touched).
//!
//! How the codes authenticate a request (docs/cmp-profile.md):
//!
//! | path | senderKID (sent) | MAC secret (never sent) |
//! | --- | --- | --- |
//! | registration number | chars 1–8, the reference number | chars 9–27, the authorization code |
//! | temporary code | `T` + application number | temporary code followed by the ID digits |

use zeroize::Zeroizing;

use crate::Error;

/// Length of a registration number.
pub const REGISTRATION_NUMBER_LEN: usize = 27;
/// Length of its reference number (the first part, digits).
pub const REFERENCE_NUMBER_LEN: usize = 8;
/// Length of a temporary issuance code.
pub const TEMPORARY_CODE_LEN: usize = 10;

/// What a user typed, without the spaces and hyphens a paste may bring.
fn compact(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}'))
        .collect()
}

/// The first character that is not an ASCII letter or digit, if any.
fn foreign_character(code: &str) -> Option<char> {
    code.chars().find(|c| !c.is_ascii_alphanumeric())
}

/// A registration number (등록번호): 27 letters and digits, case-sensitive; the 8-digit
/// reference number (참조번호) followed by the 19-character authorization code (인가코드).
pub struct RegistrationNumber {
    reference: String,
    authorization: Zeroizing<String>,
}

impl std::fmt::Debug for RegistrationNumber {
    // The authorization code is a secret: only the reference number is shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RegistrationNumber({}…)", self.reference)
    }
}

impl RegistrationNumber {
    /// Parses what a person typed: length 27 after dropping spaces and hyphens, letters and
    /// digits only, the first eight digits.
    pub fn parse(input: &str) -> Result<Self, Error> {
        let code = Zeroizing::new(compact(input));
        if let Some(character) = foreign_character(&code) {
            return Err(Error::CodeCharacter {
                field: CodeField::RegistrationNumber,
                character,
            });
        }
        let length = code.chars().count();
        if length != REGISTRATION_NUMBER_LEN {
            return Err(Error::CodeLength {
                field: CodeField::RegistrationNumber,
                expected: REGISTRATION_NUMBER_LEN,
                actual: length,
            });
        }
        let (reference, authorization) = code.split_at(REFERENCE_NUMBER_LEN);
        if !reference.chars().all(|c| c.is_ascii_digit()) {
            return Err(Error::ReferenceNumberNotDigits);
        }
        Ok(RegistrationNumber {
            reference: reference.to_owned(),
            authorization: Zeroizing::new(authorization.to_owned()),
        })
    }

    /// The reference number (sent as senderKID).
    pub fn reference(&self) -> &str {
        &self.reference
    }

    /// The authorization code (the MAC secret; never sent).
    pub fn authorization(&self) -> &str {
        &self.authorization
    }
}

/// A temporary issuance code (발급용 임시번호): 10 letters and digits the applicant chose,
/// case-sensitive. Not the certificate password.
pub struct TemporaryCode(Zeroizing<String>);

impl std::fmt::Debug for TemporaryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TemporaryCode(<secret>)")
    }
}

impl TemporaryCode {
    /// Parses what a person typed: 10 letters and digits after dropping spaces and hyphens.
    pub fn parse(input: &str) -> Result<Self, Error> {
        let code = Zeroizing::new(compact(input));
        if let Some(character) = foreign_character(&code) {
            return Err(Error::CodeCharacter {
                field: CodeField::TemporaryCode,
                character,
            });
        }
        let length = code.chars().count();
        if length != TEMPORARY_CODE_LEN {
            return Err(Error::CodeLength {
                field: CodeField::TemporaryCode,
                expected: TEMPORARY_CODE_LEN,
                actual: length,
            });
        }
        Ok(TemporaryCode(code))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An application number (신청번호), from issue.html or typed: digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationNumber(String);

impl ApplicationNumber {
    /// Parses digits (1 to 20, spaces and hyphens dropped).
    pub fn parse(input: &str) -> Result<Self, Error> {
        let digits = compact(input);
        if digits.is_empty() || digits.len() > 20 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(Error::ApplicationNumberMalformed);
        }
        Ok(ApplicationNumber(digits))
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Which code a code error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum CodeField {
    /// The 27-character registration number.
    RegistrationNumber,
    /// The 10-character temporary issuance code.
    TemporaryCode,
}

/// What authenticates an enrolment: one of the two code paths of docs/cmp-profile.md.
#[derive(Debug)]
pub enum EnrolmentCodes {
    /// 등록번호.
    Registration(RegistrationNumber),
    /// 발급용 임시번호 with the application number and the applicant's ID number.
    Temporary {
        /// The application number.
        application: ApplicationNumber,
        /// The temporary code.
        code: TemporaryCode,
        /// The resident or business registration number.
        id_number: IdNumber,
    },
}

impl EnrolmentCodes {
    /// The senderKID the request carries.
    pub fn sender_kid(&self) -> Vec<u8> {
        match self {
            EnrolmentCodes::Registration(r) => r.reference().as_bytes().to_vec(),
            EnrolmentCodes::Temporary { application, .. } => {
                format!("T{}", application.as_str()).into_bytes()
            }
        }
    }

    /// The shared secret of the password-based MAC (never sent).
    pub fn mac_secret(&self) -> Zeroizing<Vec<u8>> {
        match self {
            EnrolmentCodes::Registration(r) => {
                Zeroizing::new(r.authorization().as_bytes().to_vec())
            }
            EnrolmentCodes::Temporary {
                code, id_number, ..
            } => {
                let mut secret = Zeroizing::new(code.as_str().as_bytes().to_vec());
                secret.extend_from_slice(id_number.digits().as_bytes());
                secret
            }
        }
    }
}

/// A resident registration number (주민등록번호, 13 digits) or a business registration
/// number (사업자등록번호, 10 digits with a check digit), as digits only.
#[derive(Clone, PartialEq, Eq)]
pub enum IdNumber {
    /// 주민등록번호: 13 digits, `YYMMDD` + 7.
    Resident(Zeroizing<String>),
    /// 사업자등록번호: 10 digits, the last a check digit.
    Business(Zeroizing<String>),
}

impl std::fmt::Debug for IdNumber {
    // An ID number is personal data: logs and debug output show only its kind.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IdNumber::Resident(_) => f.write_str("IdNumber::Resident(<hidden>)"),
            IdNumber::Business(_) => f.write_str("IdNumber::Business(<hidden>)"),
        }
    }
}

/// The business registration number's check digit (National Tax Service rule): weights
/// 1,3,7,1,3,7,1,3,5 on the first nine digits, plus the carry of the ninth times five.
fn business_check_digit_ok(d: &[u8; 10]) -> bool {
    const WEIGHTS: [u32; 9] = [1, 3, 7, 1, 3, 7, 1, 3, 5];
    let mut sum: u32 = d
        .iter()
        .zip(WEIGHTS)
        .map(|(&digit, w)| u32::from(digit) * w)
        .sum();
    sum += u32::from(d[8]) * 5 / 10;
    (10 - sum % 10) % 10 == u32::from(d[9])
}

impl IdNumber {
    /// Parses what a person typed: spaces and hyphens are dropped; 13 digits are a
    /// resident number (its date part must be a plausible month and day), 10 digits a
    /// business number (its check digit must hold).
    pub fn parse(input: &str) -> Result<Self, Error> {
        let digits: Zeroizing<String> = Zeroizing::new(
            input
                .chars()
                .filter(|c| !matches!(c, ' ' | '-' | '\u{2010}'..='\u{2015}'))
                .collect(),
        );
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(Error::IdNumberMalformed);
        }
        let values: Zeroizing<Vec<u8>> = Zeroizing::new(digits.bytes().map(|b| b - b'0').collect());
        match values.len() {
            13 => {
                let month = values[2] * 10 + values[3];
                let day = values[4] * 10 + values[5];
                if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
                    return Err(Error::IdNumberMalformed);
                }
                Ok(IdNumber::Resident(digits))
            }
            10 => {
                let mut d = [0u8; 10];
                d.copy_from_slice(&values);
                if business_check_digit_ok(&d) {
                    Ok(IdNumber::Business(digits))
                } else {
                    Err(Error::BusinessNumberCheckDigit)
                }
            }
            _ => Err(Error::IdNumberMalformed),
        }
    }

    /// The digits, as the identity check (VID) hashes them.
    pub fn digits(&self) -> &str {
        match self {
            IdNumber::Resident(d) | IdNumber::Business(d) => d,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REG: &str = "12345678AbCdEfGhIjKlMnOpQrS";

    #[test]
    fn a_registration_number_splits_into_reference_and_authorization() {
        let r = RegistrationNumber::parse(REG).unwrap();
        assert_eq!(r.reference(), "12345678");
        assert_eq!(r.authorization(), "AbCdEfGhIjKlMnOpQrS");
        assert!(!format!("{r:?}").contains("AbCd"));
        // Pasted with spaces and hyphens: dropped, case untouched.
        let pasted = "1234-5678 AbCdE-fGhIj KlMnO-pQrS ";
        assert_eq!(
            RegistrationNumber::parse(pasted).unwrap().authorization(),
            "AbCdEfGhIjKlMnOpQrS"
        );
    }

    #[test]
    fn each_registration_number_mistake_has_its_own_code() {
        let e = RegistrationNumber::parse(&REG[..26]).unwrap_err();
        assert_eq!(e.code(), "registration-number-length");
        assert_eq!(e.params()["actual"], "26");
        let e = RegistrationNumber::parse("12345678AbCdEfGhIjKlMnOpQr가").unwrap_err();
        assert_eq!(e.code(), "registration-number-character");
        assert_eq!(e.params()["character"], "가");
        assert_eq!(
            RegistrationNumber::parse("1234567XAbCdEfGhIjKlMnOpQrS")
                .unwrap_err()
                .code(),
            "reference-number-not-digits"
        );
    }

    #[test]
    fn temporary_codes_and_the_mac_secret_follow_the_profile() {
        assert_eq!(
            TemporaryCode::parse("aB3dE6gH9j").unwrap().as_str(),
            "aB3dE6gH9j"
        );
        assert_eq!(
            TemporaryCode::parse("aB3dE6gH9").unwrap_err().code(),
            "temporary-code-length"
        );
        assert_eq!(
            TemporaryCode::parse("aB3dE6gH9!").unwrap_err().code(),
            "temporary-code-character"
        );
        let codes = EnrolmentCodes::Temporary {
            application: ApplicationNumber::parse("20261125001").unwrap(),
            code: TemporaryCode::parse("aB3dE6gH9j").unwrap(),
            id_number: IdNumber::parse("124-81-00998").unwrap(),
        };
        assert_eq!(codes.sender_kid(), b"T20261125001");
        assert_eq!(&codes.mac_secret()[..], b"aB3dE6gH9j1248100998");
        let reg = EnrolmentCodes::Registration(RegistrationNumber::parse(REG).unwrap());
        assert_eq!(reg.sender_kid(), b"12345678");
        assert_eq!(&reg.mac_secret()[..], b"AbCdEfGhIjKlMnOpQrS");
        assert_eq!(
            ApplicationNumber::parse("12a").unwrap_err().code(),
            "application-number-malformed"
        );
    }

    #[test]
    fn hyphens_and_spaces_are_dropped_and_kinds_recognised() {
        assert!(
            matches!(IdNumber::parse("900101-1234567"), Ok(IdNumber::Resident(d)) if d.as_str() == "9001011234567")
        );
        // 124-81-00998 is a well-known valid business number shape (check digit holds).
        assert!(
            matches!(IdNumber::parse("124-81-00998"), Ok(IdNumber::Business(d)) if d.as_str() == "1248100998")
        );
    }

    #[test]
    fn malformed_numbers_are_refused_with_their_own_codes() {
        assert_eq!(
            IdNumber::parse("124-81-00999").unwrap_err().code(),
            "business-number-check-digit"
        );
        assert_eq!(
            IdNumber::parse("12345").unwrap_err().code(),
            "id-number-malformed"
        );
        assert_eq!(
            IdNumber::parse("901301-1234567").unwrap_err().code(),
            "id-number-malformed"
        );
        assert_eq!(
            IdNumber::parse("90010a-1234567").unwrap_err().code(),
            "id-number-malformed"
        );
        assert_eq!(
            IdNumber::parse("").unwrap_err().code(),
            "id-number-malformed"
        );
    }

    #[test]
    fn debug_output_hides_the_number() {
        let n = IdNumber::parse("9001011234567").unwrap();
        assert!(!format!("{n:?}").contains("900101"));
    }
}
