//! What every HTTP request Dojang makes has in common, whoever it goes to (a CA's CMP
//! endpoint, an OCSP responder, a CRL or CA certificate named in a certificate):
//! - **no redirects**: a 3xx is an answer, never followed, so nothing sent or fetched
//!   moves to a host nobody chose;
//! - **bounded answers**: at most the caller's limit is read, while streaming; a longer
//!   answer is refused without being held in memory;
//! - **timeouts** to connect and for the whole exchange;
//! - errors carrying every cause (a TLS or DNS failure hides behind "error sending
//!   request"), for the details a person copies to support.

use std::io::Read as _;
use std::time::Duration;

/// How a bounded read failed.
#[derive(Debug)]
pub enum ReadError {
    /// The answer is longer than the limit.
    TooLarge,
    /// The connection broke while reading.
    Broken(String),
}

/// A client builder with the rules above: `connect` to connect, `whole` for a whole
/// exchange.
pub fn client_builder(connect: Duration, whole: Duration) -> reqwest::blocking::ClientBuilder {
    reqwest::blocking::Client::builder()
        .connect_timeout(connect)
        .timeout(whole)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("Dojang/", env!("CARGO_PKG_VERSION")))
}

/// `e` and every cause under it, joined.
pub fn causes(e: &dyn std::error::Error) -> String {
    let mut detail = e.to_string();
    let mut cause = e.source();
    while let Some(inner) = cause {
        // Wrappers often repeat their cause's words: each is said once.
        let text = inner.to_string();
        if !detail.contains(&text) {
            detail.push_str(": ");
            detail.push_str(&text);
        }
        cause = inner.source();
    }
    detail
}

/// The body of `response`, at most `limit` bytes: a declared or actual length beyond it
/// is [`ReadError::TooLarge`] (and only `limit + 1` bytes are ever read).
pub fn read_bounded(
    response: reqwest::blocking::Response,
    limit: u64,
) -> Result<Vec<u8>, ReadError> {
    if response.content_length().is_some_and(|n| n > limit) {
        return Err(ReadError::TooLarge);
    }
    let mut bytes = Vec::new();
    response
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Broken(causes(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}
