//! The demo bank's page (`page.html`): Korean, one file with its style and script inline,
//! served with a Content-Security-Policy that allows exactly that style and that script
//! (by their SHA-256) and requests to its own origin, and nothing else.

use std::sync::OnceLock;

use base64::Engine as _;

/// The page.
pub const HTML: &str = include_str!("page.html");

/// The text between the first `<{tag}>` and its `</{tag}>` in the page.
fn inline(tag: &str) -> Option<&'static str> {
    let (_, rest) = HTML.split_once(&format!("<{tag}>"))?;
    let (inside, _) = rest.split_once(&format!("</{tag}>"))?;
    Some(inside)
}

/// A CSP hash source (`'sha256-…'`) of an inline element's text.
fn hash_source(text: &str) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest.as_ref())
    )
}

/// The page's Content-Security-Policy.
pub fn content_security_policy() -> &'static str {
    static POLICY: OnceLock<String> = OnceLock::new();
    POLICY.get_or_init(|| {
        // Without its element the page has no such source: nothing inline runs.
        let source = |tag| inline(tag).map(hash_source).unwrap_or_default();
        format!(
            "default-src 'none'; script-src {}; style-src {}; connect-src 'self'; \
             base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            source("script"),
            source("style"),
        )
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_policy_allows_the_pages_own_style_and_script_only() {
        let policy = content_security_policy();
        assert!(policy.starts_with("default-src 'none'; script-src 'sha256-"));
        assert!(policy.contains(&format!(
            "script-src {}",
            hash_source(inline("script").unwrap())
        )));
        assert!(policy.contains(&format!(
            "style-src {}",
            hash_source(inline("style").unwrap())
        )));
        assert_eq!(HTML.matches("<script").count(), 1);
        assert_eq!(HTML.matches("<style").count(), 1);
        assert!(
            !HTML.contains(" style="),
            "inline style attributes would be blocked"
        );
        assert!(!HTML.contains("http://") && !HTML.contains("https://"));
    }

    #[test]
    fn the_page_shows_the_transfer_the_bank_asks_to_sign() {
        // The transfer text, line by line, as the page's list shows it.
        for line in super::super::TRANSFER_TEXT.lines() {
            let (label, value) = line.split_once(": ").unwrap();
            assert!(
                HTML.contains(&format!("<dt>{label}</dt><dd>{value}</dd>")),
                "{line}"
            );
        }
        for variant in super::super::Variant::ALL {
            assert!(HTML.contains(&format!("<option value=\"{}\">", variant.name())));
        }
    }
}
