//! The numbers a person types: ID numbers today (the registration number and temporary
//! code of issuance join here). Parse, don't validate: a value of these types exists only
//! if it is well-formed. What a user pastes may carry spaces and hyphens; they are
//! dropped, nothing else is changed.

use crate::Error;

/// A resident registration number (주민등록번호, 13 digits) or a business registration
/// number (사업자등록번호, 10 digits with a check digit), as digits only.
#[derive(Clone, PartialEq, Eq)]
pub enum IdNumber {
    /// 주민등록번호: 13 digits, `YYMMDD` + 7.
    Resident(String),
    /// 사업자등록번호: 10 digits, the last a check digit.
    Business(String),
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
        let digits: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{2010}'..='\u{2015}'))
            .collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(Error::IdNumberMalformed);
        }
        let values: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
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

    #[test]
    fn hyphens_and_spaces_are_dropped_and_kinds_recognised() {
        assert!(
            matches!(IdNumber::parse("900101-1234567"), Ok(IdNumber::Resident(d)) if d == "9001011234567")
        );
        // 124-81-00998 is a well-known valid business number shape (check digit holds).
        assert!(
            matches!(IdNumber::parse("124-81-00998"), Ok(IdNumber::Business(d)) if d == "1248100998")
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
