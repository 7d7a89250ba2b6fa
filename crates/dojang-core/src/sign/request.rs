//! A site's signing request (docs/signing.md): the `dojang://sign?request=<URL>` link a
//! bank's page opens, and the JSON Dojang fetches from that URL. Everything in it comes
//! from a stranger until the person consents, so every field is checked here, before the
//! window shows any of it: the version, the sizes, the text (shown literally, with what
//! could hide or reorder it made visible), what is signed, where the answer goes (the
//! request's own origin only) and until when.

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use ts_rs::TS;
use url::Url;

use crate::Error;
use crate::cert::{CertificateSummary, ValidityStatus};

/// The scheme and path of a signing link.
pub const LINK_PREFIX: &str = "dojang://sign?";

/// The protocol version this build speaks.
pub const VERSION: u64 = 1;

/// The largest request read: a text and data to sign inline (a larger document is signed
/// by its SHA-256, detached).
pub const MAX_REQUEST: u64 = 1024 * 1024;

/// The longest text shown for consent, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// What the signature is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum SignPurpose {
    /// Logging in: the site learns who holds the certificate (and, with its own
    /// certificate in the request, can check the ID number it holds against it).
    Login,
    /// Agreeing to something: a transfer, a contract.
    Sign,
}

/// The address of a site's request or callback: HTTPS, or plain HTTP to a loopback
/// address (which only a sandbox distribution accepts: see
/// [`Distribution::check_site`](crate::distribution::Distribution::check_site)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrl(Url);

impl SiteUrl {
    /// Parses and checks a site URL (no user name or password, no fragment).
    pub fn parse(input: &str) -> Result<Self, Error> {
        let malformed = || Error::SignLinkMalformed {
            link: input.to_owned(),
        };
        let mut url = Url::parse(input.trim()).map_err(|_| malformed())?;
        url.set_fragment(None);
        if url.host().is_none() || !url.username().is_empty() || url.password().is_some() {
            return Err(malformed());
        }
        match url.scheme() {
            "https" => Ok(SiteUrl(url)),
            "http" if crate::issue::invitation::is_loopback(&url) => Ok(SiteUrl(url)),
            _ => Err(Error::SiteInsecure {
                url: input.to_owned(),
            }),
        }
    }

    /// The URL.
    pub fn as_url(&self) -> &Url {
        &self.0
    }

    /// The origin (`https://bank.example` or with its port), as the person sees who asks.
    pub fn origin(&self) -> String {
        self.0.origin().ascii_serialization()
    }

    /// Plain HTTP (to a loopback address): only a sandbox distribution accepts it.
    pub fn is_plain_http(&self) -> bool {
        self.0.scheme() == "http"
    }
}

impl std::fmt::Display for SiteUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_str())
    }
}

/// A `dojang://sign?request=<percent-encoded URL>` link: where to fetch the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignLink {
    /// The request's URL.
    pub request: SiteUrl,
}

impl SignLink {
    /// Reads a signing link. Anything but exactly one `request` parameter is refused.
    pub fn parse(link: &str) -> Result<SignLink, Error> {
        let malformed = || Error::SignLinkMalformed {
            link: link.to_owned(),
        };
        let url = Url::parse(link.trim()).map_err(|_| malformed())?;
        if url.scheme() != "dojang" || url.host_str() != Some("sign") {
            return Err(malformed());
        }
        let mut requests = url.query_pairs().filter(|(k, _)| k == "request");
        let request = requests.next().ok_or_else(malformed)?.1.into_owned();
        if requests.next().is_some() || url.query_pairs().any(|(k, _)| k != "request") {
            return Err(malformed());
        }
        Ok(SignLink {
            request: SiteUrl::parse(&request)?,
        })
    }

    /// The link of a request at `request` (what a site writes).
    pub fn to_link(request: &str) -> String {
        let encoded: String = url::form_urlencoded::byte_serialize(request.as_bytes()).collect();
        format!("{LINK_PREFIX}request={encoded}")
    }
}

/// Which certificates a site accepts: empty lists accept any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Accept {
    /// Certificate-policy OIDs, dotted (e.g. `1.2.410.200004.5.2.1.2`).
    #[serde(default)]
    pub policies: Vec<String>,
    /// Issuing CAs by their common name (e.g. `signGATE CA5`).
    #[serde(default)]
    pub issuers: Vec<String>,
}

/// Why a certificate cannot answer a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Unfit {
    /// It has expired.
    Expired,
    /// It is not valid yet.
    NotYetValid,
    /// It was revoked (as far as Dojang knows).
    Revoked,
    /// The site does not accept its kind (policy).
    PolicyNotAccepted,
    /// The site does not accept its CA.
    IssuerNotAccepted,
}

impl Accept {
    /// Why `certificate` cannot answer, or `None` when it can.
    pub fn unfit(&self, certificate: &CertificateSummary) -> Option<Unfit> {
        match certificate.status {
            ValidityStatus::Expired => return Some(Unfit::Expired),
            ValidityStatus::NotYetValid => return Some(Unfit::NotYetValid),
            ValidityStatus::Valid | ValidityStatus::ExpiringSoon => {}
        }
        if certificate.revoked.is_some() {
            return Some(Unfit::Revoked);
        }
        if !self.policies.is_empty()
            && !certificate
                .policy_oid
                .as_ref()
                .is_some_and(|p| self.policies.contains(p))
        {
            return Some(Unfit::PolicyNotAccepted);
        }
        if !self.issuers.is_empty() && !self.issuers.contains(&certificate.issuer_common_name) {
            return Some(Unfit::IssuerNotAccepted);
        }
        None
    }
}

/// What in a request's text could mislead, and is shown as what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum TextFlag {
    /// HTML or XML tags: shown as written, never drawn.
    Markup,
    /// Characters that reorder the text (bidirectional controls): what is read could
    /// differ from what is signed.
    DirectionControls,
    /// Characters that are invisible or control the terminal (zero-width, soft hyphens,
    /// control codes).
    HiddenCharacters,
}

/// Whether `c` reorders text (Unicode bidirectional formatting characters).
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` is invisible or a control code (line breaks and tabs excepted).
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200D}'
                | '\u{2060}'..='\u{2064}'
                | '\u{206A}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// Whether `text` holds something shaped like a tag (`<b>`, `</a>`, `<!--`, `<?xml`).
fn has_markup(text: &str) -> bool {
    text.match_indices('<').any(|(at, _)| {
        let rest = &text[at + 1..];
        rest.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
            && rest.contains('>')
    })
}

/// The text as the window shows it, and what was found in it: every character that
/// reorders or hides text replaced by its visible name (`⟨U+202E⟩`), line ends made `\n`.
pub fn shown_text(text: &str) -> (String, Vec<TextFlag>) {
    let mut flags = Vec::new();
    if has_markup(text) {
        flags.push(TextFlag::Markup);
    }
    let mut shown = String::with_capacity(text.len());
    for c in text.replace("\r\n", "\n").chars() {
        if is_direction_control(c) {
            flags.push(TextFlag::DirectionControls);
        } else if is_hidden(c) {
            flags.push(TextFlag::HiddenCharacters);
        } else {
            shown.push(c);
            continue;
        }
        shown.push_str(&format!("⟨U+{:04X}⟩", u32::from(c)));
    }
    flags.sort();
    flags.dedup();
    (shown, flags)
}

/// What the signature covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signed {
    /// The text the person reads, as UTF-8 (the request names no other data).
    Text,
    /// Data the site gives, in the request.
    Data(Vec<u8>),
    /// A document the site holds, by its SHA-256 (the signature is detached).
    Digest([u8; 32]),
}

/// The request as it arrives: every field, unchecked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    version: u64,
    purpose: SignPurpose,
    text: String,
    #[serde(default)]
    data: Option<String>,
    #[serde(default)]
    sha256: Option<String>,
    #[serde(default)]
    detached: bool,
    #[serde(default)]
    accept: Accept,
    #[serde(default)]
    relying_party_certificate: Option<String>,
    callback: String,
    expires: String,
}

/// A signing request that passed every check: what the window shows, and what the
/// signature and its answer are made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignRequest {
    /// Where it was fetched from.
    pub url: SiteUrl,
    /// What for.
    pub purpose: SignPurpose,
    /// The text, exactly as sent (`\r\n` kept): what [`Signed::Text`] signs.
    pub text: String,
    /// What is signed.
    pub signed: Signed,
    /// The content is left out of the signature (the site holds it).
    pub detached: bool,
    /// Which certificates the site accepts.
    pub accept: Accept,
    /// The site's certificate (DER), to seal the certificate's randomNum to for the
    /// identity check: logins only.
    pub relying_party_certificate: Option<Vec<u8>>,
    /// Where the answer goes (the request's origin).
    pub callback: SiteUrl,
    /// Until when the site waits for the answer.
    pub expires: OffsetDateTime,
}

impl SignRequest {
    /// Checks the body of a request fetched from `url`, as of `now`.
    pub fn parse(body: &[u8], url: &SiteUrl, now: OffsetDateTime) -> Result<SignRequest, Error> {
        let malformed = |detail: &str| Error::SignRequestMalformed {
            detail: detail.to_owned(),
        };
        if body.len() as u64 > MAX_REQUEST {
            return Err(Error::SignRequestTooLarge { limit: MAX_REQUEST });
        }
        // The version first: a request of a later version may have fields this one does
        // not know, and deserves that answer rather than "malformed".
        let value: serde_json::Value =
            serde_json::from_slice(body).map_err(|e| malformed(&format!("not JSON: {e}")))?;
        let version = value
            .get("version")
            .ok_or_else(|| malformed("no version"))?;
        if version.as_u64() != Some(VERSION) {
            return Err(Error::SignRequestVersion {
                version: version.to_string(),
            });
        }
        let wire: Wire = serde_json::from_value(value).map_err(|e| malformed(&e.to_string()))?;
        debug_assert_eq!(wire.version, VERSION);

        let expires = OffsetDateTime::parse(&wire.expires, &Rfc3339)
            .map_err(|_| malformed("expires is not an RFC 3339 time"))?;
        if expires <= now {
            return Err(Error::SignRequestExpired {
                expired: wire.expires,
            });
        }
        let callback = SiteUrl::parse(&wire.callback)
            .map_err(|_| malformed("callback is not an HTTPS URL"))?;
        if callback.origin() != url.origin() {
            return Err(Error::SignCallbackOrigin {
                callback: callback.to_string(),
                origin: url.origin(),
            });
        }
        if wire.text.trim().is_empty() {
            return Err(malformed("the text is empty"));
        }
        if wire.text.chars().count() > MAX_TEXT_CHARS {
            return Err(malformed("the text is longer than 10,000 characters"));
        }
        let signed = match (wire.data, wire.sha256) {
            (None, None) => Signed::Text,
            (Some(data), None) => Signed::Data(
                base64::engine::general_purpose::STANDARD
                    .decode(data)
                    .map_err(|_| malformed("data is not base64"))?,
            ),
            (None, Some(hex)) if wire.detached => Signed::Digest(
                parse_sha256(&hex).ok_or_else(|| malformed("sha256 is not 64 hex digits"))?,
            ),
            (None, Some(_)) => return Err(malformed("sha256 is only for a detached signature")),
            (Some(_), Some(_)) => return Err(malformed("data and sha256 together")),
        };
        for policy in &wire.accept.policies {
            if crate::cert::parse_oid(policy).is_none() {
                return Err(malformed("accept.policies holds something not an OID"));
            }
        }
        let relying_party_certificate = match wire.relying_party_certificate {
            None => None,
            Some(_) if wire.purpose != SignPurpose::Login => {
                return Err(malformed("relying_party_certificate is for logins only"));
            }
            Some(b64) => {
                let der = base64::engine::general_purpose::STANDARD
                    .decode(b64)
                    .map_err(|_| malformed("relying_party_certificate is not base64"))?;
                x509_parser::parse_x509_certificate(&der)
                    .map_err(|_| malformed("relying_party_certificate is not a certificate"))?;
                Some(der)
            }
        };
        Ok(SignRequest {
            url: url.clone(),
            purpose: wire.purpose,
            text: wire.text,
            signed,
            detached: wire.detached,
            accept: wire.accept,
            relying_party_certificate,
            callback,
            expires,
        })
    }

    /// The bytes signed, or the SHA-256 of the site's document.
    pub fn content(&self) -> crate::sign::Content<'_> {
        match &self.signed {
            Signed::Text if self.detached => crate::sign::Content::Detached(self.text.as_bytes()),
            Signed::Text => crate::sign::Content::Attached(self.text.as_bytes()),
            Signed::Data(d) if self.detached => crate::sign::Content::Detached(d),
            Signed::Data(d) => crate::sign::Content::Attached(d),
            Signed::Digest(d) => crate::sign::Content::Digest(*d),
        }
    }
}

fn parse_sha256(hex: &str) -> Option<[u8; 32]> {
    if hex.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> SiteUrl {
        SiteUrl::parse("https://bank.example/rp/requests/abc").unwrap()
    }

    fn now() -> OffsetDateTime {
        OffsetDateTime::parse("2026-12-05T10:00:00Z", &Rfc3339).unwrap()
    }

    fn request(extra: serde_json::Value) -> serde_json::Value {
        let mut value = serde_json::json!({
            "version": 1,
            "purpose": "sign",
            "text": "홍길동 님에게 100,000원을 보냅니다.",
            "callback": "https://bank.example/rp/callback/abc",
            "expires": "2026-12-05T10:05:00Z",
        });
        for (k, v) in extra.as_object().unwrap() {
            value[k] = v.clone();
        }
        value
    }

    fn parse(value: serde_json::Value) -> Result<SignRequest, Error> {
        SignRequest::parse(value.to_string().as_bytes(), &url(), now())
    }

    fn code(value: serde_json::Value) -> String {
        parse(value).unwrap_err().code().to_string()
    }

    #[test]
    fn links_name_one_https_request() {
        let link = SignLink::to_link("https://bank.example/rp/requests/abc?x=1");
        let parsed = SignLink::parse(&link).unwrap();
        assert_eq!(
            parsed.request.to_string(),
            "https://bank.example/rp/requests/abc?x=1"
        );
        assert_eq!(parsed.request.origin(), "https://bank.example");
        for bad in [
            "dojang://sign?",
            "dojang://sign?url=https%3A%2F%2Fbank.example%2F",
            "dojang://issue?request=https%3A%2F%2Fbank.example%2F",
            "dojang://sign?request=https%3A%2F%2Fa.example%2F&request=https%3A%2F%2Fb.example%2F",
            "dojang://sign?request=https%3A%2F%2Fa.example%2F&callback=x",
            "dojang://sign?request=https%3A%2F%2Fuser%3Apw%40bank.example%2F",
        ] {
            assert_eq!(
                SignLink::parse(bad).unwrap_err().code(),
                "sign-link-malformed",
                "{bad}"
            );
        }
        for insecure in [
            "dojang://sign?request=http%3A%2F%2Fbank.example%2F",
            "dojang://sign?request=ftp%3A%2F%2Fbank.example%2F",
        ] {
            assert_eq!(
                SignLink::parse(insecure).unwrap_err().code(),
                "site-insecure"
            );
        }
        let local =
            SignLink::parse("dojang://sign?request=http%3A%2F%2F127.0.0.1%3A8080%2Frp").unwrap();
        assert!(local.request.is_plain_http());
        assert_eq!(local.request.origin(), "http://127.0.0.1:8080");
    }

    #[test]
    fn a_well_formed_request_is_read_whole() {
        let r = parse(request(serde_json::json!({}))).unwrap();
        assert_eq!(r.purpose, SignPurpose::Sign);
        assert_eq!(r.signed, Signed::Text);
        assert!(!r.detached);
        assert_eq!(r.callback.origin(), "https://bank.example");
        let r = parse(request(serde_json::json!({
            "purpose": "login", "data": "bm9uY2U=", "accept": { "policies": ["1.2.410.200004.5.2.1.2"] }
        })))
        .unwrap();
        assert_eq!(r.signed, Signed::Data(b"nonce".to_vec()));
        let digest = "ab".repeat(32);
        let r = parse(request(
            serde_json::json!({ "sha256": digest, "detached": true }),
        ))
        .unwrap();
        assert_eq!(r.signed, Signed::Digest([0xab; 32]));
    }

    #[test]
    fn each_wrong_field_is_refused_with_its_reason() {
        assert_eq!(
            code(request(serde_json::json!({ "version": 2 }))),
            "sign-request-version"
        );
        assert_eq!(
            code(request(serde_json::json!({ "version": "1" }))),
            "sign-request-version"
        );
        assert_eq!(
            code(request(
                serde_json::json!({ "expires": "2026-12-05T09:59:59Z" })
            )),
            "sign-request-expired"
        );
        assert_eq!(
            code(request(
                serde_json::json!({ "callback": "https://evil.example/collect" })
            )),
            "sign-callback-origin"
        );
        // Another port is another origin.
        assert_eq!(
            code(request(
                serde_json::json!({ "callback": "https://bank.example:8443/cb" })
            )),
            "sign-callback-origin"
        );
        for bad in [
            serde_json::json!({ "text": "  " }),
            serde_json::json!({ "text": "가".repeat(MAX_TEXT_CHARS + 1) }),
            serde_json::json!({ "purpose": "pay" }),
            serde_json::json!({ "data": "***" }),
            serde_json::json!({ "sha256": "ab".repeat(32) }),
            serde_json::json!({ "sha256": "ab", "detached": true }),
            serde_json::json!({ "data": "AA==", "sha256": "ab".repeat(32), "detached": true }),
            serde_json::json!({ "accept": { "policies": ["not an oid"] } }),
            serde_json::json!({ "accept": { "policies": ["1.2.4294967296"] } }),
            serde_json::json!({ "accept": { "policies": ["1.7777777777777777777770..2"] } }),
            serde_json::json!({ "relying_party_certificate": "AA==" }),
            serde_json::json!({ "purpose": "login", "relying_party_certificate": "AAAA" }),
            serde_json::json!({ "expires": "tomorrow" }),
            serde_json::json!({ "callback": "javascript:alert(1)" }),
            serde_json::json!({ "unknown_field": true }),
        ] {
            assert_eq!(
                code(request(bad.clone())),
                "sign-request-malformed",
                "{bad}"
            );
        }
        let e = SignRequest::parse(b"<html>", &url(), now()).unwrap_err();
        assert_eq!(e.code(), "sign-request-malformed");
        let huge = vec![b' '; MAX_REQUEST as usize + 1];
        let e = SignRequest::parse(&huge, &url(), now()).unwrap_err();
        assert_eq!(e.code(), "sign-request-too-large");
    }

    #[test]
    fn text_that_could_mislead_is_shown_as_what_it_is() {
        let (shown, flags) = shown_text("계좌 1234\u{202E}5678\u{202C}로 이체");
        assert_eq!(shown, "계좌 1234⟨U+202E⟩5678⟨U+202C⟩로 이체");
        assert_eq!(flags, [TextFlag::DirectionControls]);
        let (shown, flags) = shown_text("<b>확인</b>\r\n금액\u{200B}: 1원");
        assert_eq!(shown, "<b>확인</b>\n금액⟨U+200B⟩: 1원");
        assert_eq!(flags, [TextFlag::Markup, TextFlag::HiddenCharacters]);
        let (shown, flags) = shown_text("1 < 2, 그리고 3 > 2\n\t끝");
        assert_eq!(shown, "1 < 2, 그리고 3 > 2\n\t끝");
        assert!(flags.is_empty());
    }
}
