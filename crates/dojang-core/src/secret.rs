//! Text a person typed that must not linger or leak: codes, ID numbers, passwords as they
//! arrive from the window or the command line, before they are parsed into their own
//! types. Zeroized when dropped; `Debug` shows nothing of it; never serialised back out.

use zeroize::Zeroizing;

/// A secret string: a code, an ID number or a password, as typed.
#[derive(Clone, Default, PartialEq, Eq, ts_rs::TS)]
#[ts(export)]
pub struct Secret(#[ts(as = "String")] Zeroizing<String>);

impl Secret {
    /// The text, for parsing or checking it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The text, still zeroized when dropped.
    pub fn into_zeroizing(self) -> Zeroizing<String> {
        self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<secret>")
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Secret(Zeroizing::new(text))
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Self {
        Secret(Zeroizing::new(text.to_owned()))
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_read_from_a_string_and_never_shown() {
        let secret: Secret = serde_json::from_str("\"aB3dE6gH9j\"").unwrap();
        assert_eq!(secret.expose(), "aB3dE6gH9j");
        assert_eq!(format!("{secret:?}"), "<secret>");
        assert!(!format!("{:?}", Some(secret)).contains("aB3d"));
    }
}
