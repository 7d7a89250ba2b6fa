//! Fetching what a certificate points to: OCSP answers over HTTP (POST, RFC 6960 A.1),
//! CRLs and CA certificates over HTTP (GET) or LDAP (RFC 4516 URLs, as Korean CAs publish
//! them: `ldap://host:389/<DN>?certificateRevocationList;binary`).
//!
//! Every address comes from a certificate, so from whoever made it: plain HTTP is the
//! norm here (what comes back is signed and checked), but only `http`, `https` and `ldap`
//! are followed, nothing is ever sent but the OCSP request, answers are bounded
//! ([`crate::net`]) and every exchange has a time limit.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use crate::net;

/// Time allowed to connect.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Time allowed for one whole exchange.
const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(20);
/// The LDAP attribute read when the URL names none (a CRL).
const DEFAULT_LDAP_ATTRIBUTE: &str = "certificateRevocationList;binary";

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// Not reached: DNS, connection, TLS, time-out, a broken connection.
    Unreachable(String),
    /// An HTTP error status or a redirect, which is never followed.
    HttpStatus(u16),
    /// The answer is longer than the limit.
    TooLarge(u64),
    /// A scheme or URL that is not fetched (`ldaps`, `file`, credentials in the URL).
    Unsupported(String),
    /// The LDAP entry does not exist or has no such attribute (the entry, or the
    /// attribute).
    Missing(String),
}

/// An HTTP client (and LDAP, per request) for one round of status checks.
pub struct Fetcher {
    http: reqwest::blocking::Client,
    /// The servers (scheme, host and port) this round could not reach, and why. A list of
    /// certificates from one CA whose responder is down, or blocked by a firewall, waits
    /// for it once in a round, not once per certificate.
    down: Mutex<HashMap<String, String>>,
}

impl Fetcher {
    /// A fetcher with Dojang's rules.
    pub fn new() -> Result<Fetcher, FetchError> {
        let http = net::client_builder(CONNECT_TIMEOUT, EXCHANGE_TIMEOUT)
            .build()
            .map_err(|e| FetchError::Unreachable(net::causes(&e)))?;
        Ok(Fetcher {
            http,
            down: Mutex::default(),
        })
    }

    /// The bytes at `url` (http, https or ldap), at most `limit` of them.
    pub fn get(&self, url: &str, limit: u64) -> Result<Vec<u8>, FetchError> {
        let parsed = checked(url)?;
        self.unless_down(&parsed, |server| match parsed.scheme() {
            "http" | "https" => self.http_answer(self.http.get(parsed.clone()), limit, server),
            "ldap" => ldap_get(&parsed, limit).inspect_err(|e| {
                if let FetchError::Unreachable(detail) = e {
                    self.mark_down(server, detail);
                }
            }),
            other => Err(FetchError::Unsupported(format!("{other}:"))),
        })
    }

    /// Runs `fetch` unless this round already failed to reach `url`'s server, whose
    /// reason is then given again without waiting for it.
    fn unless_down(
        &self,
        url: &url::Url,
        fetch: impl FnOnce(&str) -> Result<Vec<u8>, FetchError>,
    ) -> Result<Vec<u8>, FetchError> {
        let default_port = if url.scheme() == "ldap" {
            Some(389)
        } else {
            None
        };
        let server = format!(
            "{}://{}:{}",
            url.scheme(),
            url.host_str().unwrap_or_default(),
            url.port_or_known_default().or(default_port).unwrap_or(0)
        );
        let known = self
            .down
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&server)
            .cloned();
        match known {
            Some(detail) => Err(FetchError::Unreachable(detail)),
            None => fetch(&server),
        }
    }

    fn mark_down(&self, server: &str, detail: &str) {
        self.down
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(server.to_owned(), detail.to_owned());
    }

    /// POSTs `body` as `content_type` to the HTTP(S) `url` and returns the answer, at
    /// most `limit` bytes.
    pub fn post(
        &self,
        url: &str,
        content_type: &str,
        body: Vec<u8>,
        limit: u64,
    ) -> Result<Vec<u8>, FetchError> {
        let parsed = checked(url)?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(FetchError::Unsupported(format!("{}:", parsed.scheme())));
        }
        self.unless_down(&parsed, |server| {
            let request = self
                .http
                .post(parsed.clone())
                .header(reqwest::header::CONTENT_TYPE, content_type)
                .body(body);
            self.http_answer(request, limit, server)
        })
    }

    /// The answer to `request`, sent to `server`, which is marked down when no answer
    /// comes at all (an answer broken off midway is not held against it).
    fn http_answer(
        &self,
        request: reqwest::blocking::RequestBuilder,
        limit: u64,
        server: &str,
    ) -> Result<Vec<u8>, FetchError> {
        let response = request.send().map_err(|e| {
            let detail = net::causes(&e);
            self.mark_down(server, &detail);
            FetchError::Unreachable(detail)
        })?;
        let status = response.status();
        if !status.is_success() {
            return Err(FetchError::HttpStatus(status.as_u16()));
        }
        net::read_bounded(response, limit).map_err(|e| match e {
            net::ReadError::TooLarge => FetchError::TooLarge(limit),
            net::ReadError::Broken(detail) => FetchError::Unreachable(detail),
        })
    }
}

/// `url` parsed, refused when it is not one Dojang follows.
fn checked(url: &str) -> Result<url::Url, FetchError> {
    let parsed =
        url::Url::parse(url).map_err(|e| FetchError::Unsupported(format!("{url}: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https" | "ldap") {
        return Err(FetchError::Unsupported(format!("{}:", parsed.scheme())));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(FetchError::Unsupported("credentials in the address".into()));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::Unsupported("no host".into()));
    }
    Ok(parsed)
}

/// The first value of the attribute an LDAP URL names (`ldap://host[:port]/<DN>?<attr>`),
/// read from its base entry with an anonymous bind.
fn ldap_get(url: &url::Url, limit: u64) -> Result<Vec<u8>, FetchError> {
    use ldap3::{LdapConn, LdapConnSettings, Scope, SearchEntry};

    let host = url.host_str().unwrap_or_default();
    let port = url.port().unwrap_or(389);
    let dn = percent_decode(url.path().trim_start_matches('/'));
    let attribute = url
        .query()
        .and_then(|q| q.split('?').next())
        .and_then(|attrs| attrs.split(',').next())
        .map(percent_decode)
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| DEFAULT_LDAP_ATTRIBUTE.to_owned());
    let unreachable = |e: ldap3::LdapError| FetchError::Unreachable(net::causes(&e));
    let settings = LdapConnSettings::new().set_conn_timeout(CONNECT_TIMEOUT);
    let mut ldap =
        LdapConn::with_settings(settings, &format!("ldap://{host}:{port}")).map_err(unreachable)?;
    // Certificate and CRL attributes travel with the `;binary` option (RFC 4523); a URL
    // that leaves it out is asked both ways.
    let binary = format!("{attribute};binary");
    let mut asked = vec![attribute.as_str()];
    if !attribute.contains(';') {
        asked.push(binary.as_str());
    }
    let found = ldap
        .with_timeout(EXCHANGE_TIMEOUT)
        .search(&dn, Scope::Base, "(objectClass=*)", asked)
        .and_then(|result| result.success());
    let _ = ldap.unbind();
    let (entries, _) = found.map_err(|e| match e {
        // The directory answered: no such entry, or a refusal.
        ldap3::LdapError::LdapResult { result } => FetchError::Missing(format!(
            "{dn} ({}{})",
            result.rc,
            if result.text.is_empty() {
                String::new()
            } else {
                format!(": {}", result.text)
            }
        )),
        other => unreachable(other),
    })?;
    // `certificateRevocationList;binary` comes back under that name or without the
    // option, in either case.
    let wanted = attribute
        .split(';')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let matches = |name: &str| {
        name.split(';')
            .next()
            .is_some_and(|n| n.eq_ignore_ascii_case(&wanted))
    };
    for entry in entries {
        let entry = SearchEntry::construct(entry);
        let binary = entry.bin_attrs.iter().filter(|(k, _)| matches(k));
        let text = entry
            .attrs
            .iter()
            .filter(|(k, _)| matches(k))
            .map(|(k, v)| {
                (
                    k,
                    v.iter().map(|s| s.as_bytes().to_vec()).collect::<Vec<_>>(),
                )
            });
        let values = binary
            .map(|(k, v)| (k, v.clone()))
            .chain(text)
            .flat_map(|(_, v)| v);
        if let Some(value) = values.into_iter().next() {
            if value.len() as u64 > limit {
                return Err(FetchError::TooLarge(limit));
            }
            return Ok(value);
        }
    }
    Err(FetchError::Missing(attribute))
}

/// `%XX` escapes decoded (an LDAP URL's DN and attribute); invalid UTF-8 is replaced.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_addresses_of_the_three_schemes_are_fetched() {
        let fetcher = Fetcher::new().unwrap();
        for (url, refused) in [
            ("file:///etc/passwd", "file:"),
            ("ldaps://ds.example:636/cn=x", "ldaps:"),
            ("http://user:pw@ocsp.example/", "credentials in the address"),
            ("not a url", "not a url"),
        ] {
            match fetcher.get(url, 10) {
                Err(FetchError::Unsupported(what)) => assert!(what.starts_with(refused), "{what}"),
                other => panic!("{url}: {other:?}"),
            }
        }
    }

    #[test]
    fn ldap_urls_decode_their_dn() {
        assert_eq!(
            percent_decode("CN=KISA-RootCA-4,OU=Korea%20Certification,O=KISA,C=KR"),
            "CN=KISA-RootCA-4,OU=Korea Certification,O=KISA,C=KR"
        );
        assert_eq!(percent_decode("cn=%ED%99%8D%zz"), "cn=홍%zz");
    }
}
