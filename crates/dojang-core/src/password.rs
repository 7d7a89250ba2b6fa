//! The certificate password and KICA's rules for a new one (docs/npki.md).
//!
//! The rules apply when a password is *chosen* (issuance, password change, import into a
//! new store). An existing key opens with whatever password it was made with: older
//! certificates predate these rules.

use serde::Serialize;
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::Error;
use crate::secret::Secret;

/// Minimum length of a new certificate password.
pub const MIN_LENGTH: usize = 10;

/// Characters a certificate password may not contain (other NPKI software chokes on them).
pub const FORBIDDEN: [char; 4] = ['\'', '"', '\\', '|'];

/// One of KICA's rules for a new certificate password. Each has its own error code, so
/// the UI can say exactly which rule a password breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum PasswordRule {
    /// At least [`MIN_LENGTH`] characters.
    TooShort,
    /// At least one letter.
    NeedsLetter,
    /// At least one digit.
    NeedsDigit,
    /// At least one special character (printable, neither letter nor digit).
    NeedsSpecial,
    /// None of `' " \ |`.
    ForbiddenCharacter,
    /// No three consecutive characters in sequence (`abc`, `123`, or descending `cba`).
    Sequential,
    /// No character three times in a row (`aaa`).
    Repeated,
}

impl PasswordRule {
    /// The stable error code of a password that breaks this rule.
    pub fn code(self) -> crate::error::ErrorCode {
        use crate::error::ErrorCode as C;
        match self {
            PasswordRule::TooShort => C::PasswordTooShort,
            PasswordRule::NeedsLetter => C::PasswordNeedsLetter,
            PasswordRule::NeedsDigit => C::PasswordNeedsDigit,
            PasswordRule::NeedsSpecial => C::PasswordNeedsSpecial,
            PasswordRule::ForbiddenCharacter => C::PasswordForbiddenCharacter,
            PasswordRule::Sequential => C::PasswordSequential,
            PasswordRule::Repeated => C::PasswordRepeated,
        }
    }
}

/// Every rule `password` breaks, in the order the UI lists them.
pub fn broken_rules(password: &str) -> Vec<PasswordRule> {
    let chars: Vec<char> = password.chars().collect();
    let mut broken = Vec::new();
    if chars.len() < MIN_LENGTH {
        broken.push(PasswordRule::TooShort);
    }
    if !chars.iter().any(|c| c.is_ascii_alphabetic()) {
        broken.push(PasswordRule::NeedsLetter);
    }
    if !chars.iter().any(char::is_ascii_digit) {
        broken.push(PasswordRule::NeedsDigit);
    }
    if !chars
        .iter()
        .any(|c| c.is_ascii_punctuation() && !FORBIDDEN.contains(c))
    {
        broken.push(PasswordRule::NeedsSpecial);
    }
    if chars.iter().any(|c| FORBIDDEN.contains(c)) {
        broken.push(PasswordRule::ForbiddenCharacter);
    }
    let step = |a: char, b: char| i64::from(u32::from(b)) - i64::from(u32::from(a));
    if chars.windows(3).any(|w| {
        w.iter().all(char::is_ascii_alphanumeric)
            && w[0].is_ascii_digit() == w[2].is_ascii_digit()
            && {
                let (s1, s2) = (
                    step(w[0].to_ascii_lowercase(), w[1].to_ascii_lowercase()),
                    step(w[1].to_ascii_lowercase(), w[2].to_ascii_lowercase()),
                );
                s1 == s2 && s1.abs() == 1
            }
    }) {
        broken.push(PasswordRule::Sequential);
    }
    if chars.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]) {
        broken.push(PasswordRule::Repeated);
    }
    broken
}

/// A certificate password held in memory (zeroized on drop). `new_chosen` checks the
/// rules; `existing` takes any password, to open a key made before the rules.
pub struct CertificatePassword(Zeroizing<String>);

impl std::fmt::Debug for CertificatePassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CertificatePassword(<secret>)")
    }
}

impl CertificatePassword {
    /// A password the user is choosing now: it must keep every rule; the first broken
    /// one is the error.
    pub fn new_chosen(password: impl Into<Secret>) -> Result<Self, Error> {
        let password = password.into().into_zeroizing();
        match broken_rules(&password).first() {
            Some(&rule) => Err(Error::PasswordRule { rule }),
            None => Ok(CertificatePassword(password)),
        }
    }

    /// A password that opens an existing key, whatever rules it was chosen under.
    pub fn existing(password: impl Into<Secret>) -> Self {
        CertificatePassword(password.into().into_zeroizing())
    }

    /// The password as UTF-8 bytes, as NPKI key files use it.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// The password as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(p: &str) -> Vec<PasswordRule> {
        broken_rules(p)
    }

    #[test]
    fn a_password_keeping_every_rule_is_accepted() {
        assert!(rules("dojang!2580").is_empty());
        assert!(rules("Seal#7294xq").is_empty());
        assert!(CertificatePassword::new_chosen("dojang!2580").is_ok());
    }

    #[test]
    fn each_broken_rule_is_named() {
        use PasswordRule::*;
        assert_eq!(rules("do!25"), [TooShort]);
        assert_eq!(rules("1234!5678%90"), [NeedsLetter, Sequential]);
        assert_eq!(rules("dojang!seal"), [NeedsDigit]);
        assert_eq!(rules("dojang25801"), [NeedsSpecial]);
        assert_eq!(rules("dojang|2580"), [NeedsSpecial, ForbiddenCharacter]);
        assert_eq!(rules("dojang'2580!"), [ForbiddenCharacter]);
        assert_eq!(rules("xabcx!2580q"), [Sequential]);
        assert_eq!(rules("dojang!2123"), [Sequential]);
        assert_eq!(rules("dojang!9875"), [Sequential]);
        assert_eq!(rules("dojang!2222"), [Repeated]);
        assert_eq!(rules("Dojang!2580AAA"), [Repeated]);
    }

    #[test]
    fn the_first_broken_rule_is_the_error_code() {
        let e = CertificatePassword::new_chosen("short").unwrap_err();
        assert_eq!(e.code(), "password-too-short");
        let e = CertificatePassword::new_chosen("dojang!1234").unwrap_err();
        assert_eq!(e.code(), "password-sequential");
    }

    #[test]
    fn letters_then_digits_are_not_a_sequence() {
        // 'z' → '0' is not a sequence even though their code points are far apart anyway;
        // '9' → ':' would be, by code point, but ':' is not alphanumeric.
        assert!(!rules("dojang89:x!2").contains(&PasswordRule::Sequential));
        assert!(!rules("dojangyz0!25").contains(&PasswordRule::Sequential));
    }
}
