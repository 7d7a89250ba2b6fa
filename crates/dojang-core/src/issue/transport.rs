//! CMP over HTTP (RFC 6712): one DER `PKIMessage` POSTed as `application/pkixcmp`, one
//! back. One client per transaction keeps it on one keep-alive connection, as OpenSSL's
//! mock server requires.
//!
//! What the client trusts and accepts, whatever the server does (the rules every request
//! keeps are in [`crate::net`]):
//! - **TLS roots**: a CA whose distribution pins roots is reached with those roots as the
//!   only trust anchors (the platform's store is not consulted for it); a CA without pins
//!   with the platform's roots. Pins of one CA never vouch for another CA's endpoint.
//! - **Plain HTTP** only to loopback, and only in a sandbox distribution
//!   ([`ApprovedCa`] enforces both).
//! - **No redirects**: a 3xx is an error ([`Error::CaRedirected`]), so codes and MACs
//!   never follow a redirect to another host.
//! - **Bounded answers**: at most [`MAX_RESPONSE`] bytes are read, while streaming; a
//!   longer answer is refused without being held in memory.
//! - **Timeouts**: [`CONNECT_TIMEOUT`] to connect, [`EXCHANGE_TIMEOUT`] for the whole
//!   exchange.

use std::time::Duration;

use der::Decode;

use super::invitation::ApprovedCa;
use crate::Error;
use crate::cmp::{CONTENT_TYPE, PkiMessage};

/// Time allowed to connect to the CA.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Time allowed for one whole exchange.
pub const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(60);
/// The largest response accepted (a certificate chain is a few kilobytes).
pub const MAX_RESPONSE: u64 = 256 * 1024;

/// A connection to one CA's CMP endpoint.
pub struct CmpTransport {
    client: reqwest::blocking::Client,
    url: url::Url,
}

/// The CA could not be reached, with every cause of `e` (a TLS or DNS failure hides
/// behind "error sending request"), for the details a person copies to support.
fn unreachable(e: impl std::error::Error) -> Error {
    Error::CaUnreachable {
        detail: crate::net::causes(&e),
    }
}

impl CmpTransport {
    /// A transport to an approved CA, trusting its pinned roots only when it has any, the
    /// platform's roots otherwise (none for plain HTTP, which a sandbox's loopback CA
    /// alone may use: reading the platform's roots takes longer than an issuance there).
    pub fn new(ca: &ApprovedCa) -> Result<Self, Error> {
        let url = ca.url().as_url().clone();
        let mut builder = crate::net::client_builder(CONNECT_TIMEOUT, EXCHANGE_TIMEOUT)
            .https_only(url.scheme() == "https");
        if url.scheme() != "https" {
            builder = builder.tls_certs_only(Vec::new());
        } else if !ca.pins().is_empty() {
            let roots = ca
                .pins()
                .iter()
                .map(|der| reqwest::Certificate::from_der(der))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| Error::CaUnreachable {
                    detail: format!("pinned root: {e}"),
                })?;
            builder = builder.tls_certs_only(roots);
        }
        let client = builder.build().map_err(unreachable)?;
        Ok(CmpTransport { client, url })
    }

    /// Sends one message and returns the CA's answer, decoded (not yet verified).
    pub fn exchange(&self, message: &PkiMessage) -> Result<PkiMessage, Error> {
        let body =
            crate::cmp::request::encode(message).map_err(|e| Error::CaResponseMalformed {
                detail: e.to_string(),
            })?;
        let response = self
            .client
            .post(self.url.clone())
            .header(reqwest::header::CONTENT_TYPE, CONTENT_TYPE)
            .body(body)
            .send()
            .map_err(unreachable)?;
        let status = response.status();
        if status.is_redirection() {
            return Err(Error::CaRedirected {
                status: status.as_u16(),
            });
        }
        let bytes = crate::net::read_bounded(response, MAX_RESPONSE).map_err(|e| match e {
            crate::net::ReadError::TooLarge => Error::CaResponseTooLarge {
                limit: MAX_RESPONSE,
            },
            crate::net::ReadError::Broken(detail) => Error::CaUnreachable { detail },
        })?;
        // A CMP error message may come with an HTTP error status: read it if it is one.
        match PkiMessage::from_der(&bytes) {
            Ok(message) => Ok(message),
            Err(_) if !status.is_success() => Err(Error::CaHttpStatus {
                status: status.as_u16(),
            }),
            Err(e) => Err(Error::CaResponseMalformed {
                detail: e.to_string(),
            }),
        }
    }
}
