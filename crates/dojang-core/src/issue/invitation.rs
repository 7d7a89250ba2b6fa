//! The issuance invitation: issue.html, the attachment of a CA's issuance e-mail, holds a
//! link `dojang://issue?ca=<percent-encoded CMP URL>&application=<digits>`
//! (docs/cmp-profile.md). Dojang opens the file, or receives the link itself as the handler of
//! the `dojang:` scheme, and prefills the CA and the application number.

use serde::Serialize;
use ts_rs::TS;
use url::Url;

use crate::Error;
use crate::codes::ApplicationNumber;
use crate::distribution::Distribution;

/// The scheme and path of an invitation link.
pub const LINK_PREFIX: &str = "dojang://issue?";

/// A CA's CMP address, well-formed: HTTPS, or plain HTTP to a loopback address (which
/// only a sandbox distribution accepts: see [`Distribution::approve_ca`]).
///
/// [`Distribution::approve_ca`]: crate::distribution::Distribution::approve_ca
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaUrl(Url);

impl CaUrl {
    /// Parses and checks a CMP URL. The URL is kept in its normalised form (scheme and
    /// host in lower case, a default port dropped, no fragment), so two spellings of one
    /// endpoint compare equal.
    pub fn parse(input: &str) -> Result<Self, Error> {
        let mut url = Url::parse(input.trim()).map_err(|_| Error::CaUrlMalformed {
            url: input.to_owned(),
        })?;
        url.set_fragment(None);
        if url.host().is_none() || !url.username().is_empty() || url.password().is_some() {
            return Err(Error::CaUrlMalformed {
                url: input.to_owned(),
            });
        }
        match url.scheme() {
            "https" => Ok(CaUrl(url)),
            "http" if is_loopback(&url) => Ok(CaUrl(url)),
            "http" => Err(Error::CaUrlInsecure {
                url: input.to_owned(),
            }),
            _ => Err(Error::CaUrlMalformed {
                url: input.to_owned(),
            }),
        }
    }

    /// The URL.
    pub fn as_url(&self) -> &Url {
        &self.0
    }

    /// The host (and port, when it is not the scheme's default), as a person should see
    /// it before trusting the CA: the whole name, never shortened.
    pub fn host(&self) -> String {
        let host = self.0.host_str().unwrap_or_default();
        match self.0.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }
    }

    /// Plain HTTP (to a loopback address): only a sandbox distribution accepts it.
    pub fn is_plain_http(&self) -> bool {
        self.0.scheme() == "http"
    }
}

impl std::fmt::Display for CaUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_str())
    }
}

pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Whether a CA the distribution does not list may be used all the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnlistedCa {
    /// Refused ([`Error::CaNotListed`]): the default everywhere.
    Refuse,
    /// Used, with the platform's roots for HTTPS: the person was warned and went on (the
    /// window's warning in a build without CAs of its own, or `--allow-unlisted-ca`).
    Allow,
}

/// A CA endpoint the distribution's policy lets Dojang send codes and keys to, with the
/// roots pinned for it. Issuance, renewal and revocation take one, and only
/// [`Distribution::approve_ca`](crate::distribution::Distribution::approve_ca) makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovedCa {
    url: CaUrl,
    pins: Vec<Vec<u8>>,
    listed: bool,
}

impl ApprovedCa {
    pub(crate) fn new(url: CaUrl, pins: Vec<Vec<u8>>, listed: bool) -> Self {
        ApprovedCa { url, pins, listed }
    }

    /// The CMP URL.
    pub fn url(&self) -> &CaUrl {
        &self.url
    }

    /// The roots pinned for this endpoint (DER): when there are any, they are the only
    /// trust anchors for its HTTPS and for the certificates it issues; when there are
    /// none, HTTPS is checked against the platform's roots.
    pub fn pins(&self) -> &[Vec<u8>] {
        &self.pins
    }

    /// Whether the distribution lists this CA.
    pub fn listed(&self) -> bool {
        self.listed
    }
}

/// What the window is told about a CA address before any code is typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaCheck {
    /// The CMP URL, normalised.
    pub url: String,
    /// Its host (and port), in full, for the person to read.
    pub host: String,
    /// The CA's name, when the distribution lists it.
    pub name: Option<String>,
    /// Whether the distribution lists it. An unlisted CA is only ever seen in a build
    /// without CAs of its own, and is shown as a blocking warning.
    pub listed: bool,
}

/// An invitation, and what the distribution says of the CA it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CheckedInvitation {
    /// What the invitation says.
    pub invitation: Invitation,
    /// Its CA, as the distribution sees it.
    pub ca: CaCheck,
}

/// What an invitation says: where the CA is and which application to issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Invitation {
    /// The CA's CMP URL.
    pub ca: String,
    /// The application number (신청번호).
    pub application: String,
}

impl Invitation {
    /// Reads an issue.html file (a regular file of at most 1 MiB, in any encoding: the
    /// link is ASCII).
    pub fn from_file(path: &std::path::Path) -> Result<Self, Error> {
        let html = crate::files::read_text(path, crate::files::DOCUMENT_LIMIT)?;
        Invitation::from_html(&html)
    }

    /// This invitation with what `distribution` says of its CA: refused
    /// ([`Error::CaNotListed`]) when the distribution lists CAs and this is none of them,
    /// before any code is typed.
    pub fn checked(self, distribution: &Distribution) -> Result<CheckedInvitation, Error> {
        let ca = distribution.check_ca(&self.ca)?;
        Ok(CheckedInvitation {
            invitation: self,
            ca,
        })
    }

    /// Reads a `dojang://issue?...` link.
    pub fn from_link(link: &str) -> Result<Self, Error> {
        let malformed = || Error::InvitationMalformed;
        let url = Url::parse(link.trim()).map_err(|_| malformed())?;
        if url.scheme() != "dojang" || url.host_str() != Some("issue") {
            return Err(malformed());
        }
        let mut ca = None;
        let mut application = None;
        for (key, value) in url.query_pairs() {
            match key.as_ref() {
                "ca" => ca = Some(value.into_owned()),
                "application" => application = Some(value.into_owned()),
                _ => {}
            }
        }
        let ca = CaUrl::parse(&ca.ok_or_else(malformed)?)?;
        let application = ApplicationNumber::parse(&application.ok_or_else(malformed)?)?;
        Ok(Invitation {
            ca: ca.as_url().to_string(),
            application: application.as_str().to_owned(),
        })
    }

    /// The `dojang://issue?ca=…&application=…` link, as a CA writes it into issue.html
    /// (both values percent-encoded; [`Invitation::from_link`] reads it back).
    pub fn link(&self) -> String {
        let encode = |value: &str| {
            url::form_urlencoded::byte_serialize(value.as_bytes()).collect::<String>()
        };
        format!(
            "{LINK_PREFIX}ca={}&application={}",
            encode(&self.ca),
            encode(&self.application)
        )
    }

    /// Finds the invitation link in an issue.html page (in an `href` or in the text) and
    /// reads it. HTML escapes in the link (`&amp;`) are undone.
    pub fn from_html(html: &str) -> Result<Self, Error> {
        let start = html.find(LINK_PREFIX).ok_or(Error::InvitationLinkMissing)?;
        let rest = &html[start..];
        let end = rest
            .find(|c: char| c == '"' || c == '\'' || c == '<' || c == '>' || c.is_whitespace())
            .unwrap_or(rest.len());
        let link = rest[..end].replace("&amp;", "&").replace("&#38;", "&");
        Invitation::from_link(&link)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_page_yields_the_ca_and_application() {
        let html = r#"<html><body><p>발급을 시작하려면 누르세요:
            <a href="dojang://issue?ca=http%3A%2F%2F127.0.0.1%3A8080%2Fcmp&amp;application=20261125001">도장으로 발급</a>
            </p></body></html>"#;
        let inv = Invitation::from_html(html).unwrap();
        assert_eq!(inv.ca, "http://127.0.0.1:8080/cmp");
        assert_eq!(inv.application, "20261125001");
    }

    #[test]
    fn a_link_made_here_reads_back() {
        let invitation = Invitation {
            ca: "http://127.0.0.1:8080/cmp".to_owned(),
            application: "20261125001".to_owned(),
        };
        assert_eq!(
            invitation.link(),
            "dojang://issue?ca=http%3A%2F%2F127.0.0.1%3A8080%2Fcmp&application=20261125001"
        );
        assert_eq!(
            Invitation::from_link(&invitation.link()).unwrap(),
            invitation
        );
    }

    #[test]
    fn plain_http_is_refused_except_to_loopback() {
        assert!(CaUrl::parse("https://ca.example/cmp").is_ok());
        assert!(CaUrl::parse("http://localhost:8080/cmp").is_ok());
        assert!(CaUrl::parse("http://[::1]:8080/cmp").is_ok());
        assert_eq!(
            CaUrl::parse("http://ca.example/cmp").unwrap_err().code(),
            "ca-url-insecure"
        );
        assert_eq!(
            CaUrl::parse("ftp://ca.example/").unwrap_err().code(),
            "ca-url-malformed"
        );
        assert_eq!(
            CaUrl::parse("not a url").unwrap_err().code(),
            "ca-url-malformed"
        );
    }

    #[test]
    fn a_ca_address_is_shown_by_its_whole_host_and_compared_in_normal_form() {
        let url = CaUrl::parse("HTTPS://CA.Example:443/cmp#x").unwrap();
        assert_eq!(url.to_string(), "https://ca.example/cmp");
        assert_eq!(url.host(), "ca.example");
        assert_eq!(
            CaUrl::parse("https://ca.example:8443/cmp").unwrap().host(),
            "ca.example:8443"
        );
        // A name in another script is shown as it is resolved (punycode), so a look-alike
        // letter cannot pass for a bank's address in the warning.
        for look_alike in ["https://은행.example/cmp", "https://pаypal.example/cmp"] {
            let host = CaUrl::parse(look_alike).unwrap().host();
            assert!(
                host.starts_with("xn--") && host.ends_with(".example") && host.is_ascii(),
                "{host}"
            );
        }
        // Credentials in an address would be sent to the CA's server: refused.
        assert_eq!(
            CaUrl::parse("https://user:pw@ca.example/cmp")
                .unwrap_err()
                .code(),
            "ca-url-malformed"
        );
    }

    #[test]
    fn broken_invitations_are_named() {
        assert_eq!(
            Invitation::from_html("<p>no link</p>").unwrap_err().code(),
            "invitation-link-missing"
        );
        assert_eq!(
            Invitation::from_link("dojang://issue?ca=https%3A%2F%2Fca.example%2Fcmp")
                .unwrap_err()
                .code(),
            "invitation-malformed"
        );
        assert_eq!(
            Invitation::from_link(
                "dojang://issue?ca=https%3A%2F%2Fca.example%2Fcmp&application=x1"
            )
            .unwrap_err()
            .code(),
            "application-number-malformed"
        );
        assert_eq!(
            Invitation::from_link(
                "dojang://issue?ca=http%3A%2F%2Fevil.example%2Fcmp&application=1"
            )
            .unwrap_err()
            .code(),
            "ca-url-insecure"
        );
    }
}
