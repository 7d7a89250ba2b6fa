//! CMP over HTTP (RFC 6712): one DER `PKIMessage` POSTed as `application/pkixcmp`, one
//! back. HTTPS with the platform's roots plus the roots a distribution pins; plain HTTP
//! only to loopback ([`CaUrl`] enforces it). One client per transaction keeps it on one
//! keep-alive connection, as OpenSSL's mock server requires.

use std::time::Duration;

use der::Decode;

use super::CaUrl;
use crate::Error;
use crate::cmp::{CONTENT_TYPE, PkiMessage};

/// Time allowed to connect to the CA.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Time allowed for one whole exchange.
pub const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(60);
/// The largest response accepted (a certificate chain is a few kilobytes).
pub const MAX_RESPONSE: usize = 256 * 1024;

/// A connection to one CA's CMP endpoint.
pub struct CmpTransport {
    client: reqwest::blocking::Client,
    url: CaUrl,
}

impl CmpTransport {
    /// A transport to `url`, trusting the platform's roots and `pinned_roots` (DER).
    pub fn new(url: CaUrl, pinned_roots: &[Vec<u8>]) -> Result<Self, Error> {
        let mut builder = reqwest::blocking::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(EXCHANGE_TIMEOUT)
            .https_only(url.as_url().scheme() == "https")
            .user_agent(concat!("Dojang/", env!("CARGO_PKG_VERSION")));
        for root in pinned_roots {
            let cert = reqwest::Certificate::from_der(root).map_err(|e| Error::CaUnreachable {
                detail: format!("pinned root: {e}"),
            })?;
            builder = builder.add_root_certificate(cert);
        }
        let client = builder.build().map_err(|e| Error::CaUnreachable {
            detail: e.to_string(),
        })?;
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
            .post(self.url.as_url().clone())
            .header(reqwest::header::CONTENT_TYPE, CONTENT_TYPE)
            .body(body)
            .send()
            .map_err(|e| Error::CaUnreachable {
                detail: e.to_string(),
            })?;
        let status = response.status();
        let bytes = response.bytes().map_err(|e| Error::CaUnreachable {
            detail: e.to_string(),
        })?;
        if bytes.len() > MAX_RESPONSE {
            return Err(Error::CaResponseMalformed {
                detail: format!("{} bytes is too large", bytes.len()),
            });
        }
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
