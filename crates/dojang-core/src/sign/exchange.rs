//! The signing exchange with a site (docs/signing.md), with nothing listening on this
//! computer: Dojang fetches the request the link names, the person consents in the
//! window, and Dojang posts the answer (a signature, or "cancelled") to the request's
//! callback. Both are one HTTPS exchange with the request's origin, under the rules of
//! every request Dojang makes ([`crate::net`]): no redirects, bounded reads, timeouts.

use std::time::Duration;

use base64::Engine as _;
use serde::Serialize;

use crate::Error;
use crate::cert::CertificateSummary;
use crate::distribution::{Distribution, SiteCheck};
use crate::issue::revoke::Revocation;
use crate::password::CertificatePassword;
use crate::sign::request::{MAX_REQUEST, SignLink, SignPurpose, SignRequest, SiteUrl};
use crate::store::CertificateFiles;

/// The largest answer read back from a callback (its body is not used).
const MAX_CALLBACK_ANSWER: u64 = 64 * 1024;

/// What Dojang answers a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The person signed.
    Signed {
        /// The CMS SignedData (DER).
        signature: Vec<u8>,
        /// The certificate's randomNum sealed to the site's certificate (CMS
        /// EnvelopedData, DER), for a login that asked for the identity check.
        identity: Option<Vec<u8>>,
    },
    /// The person declined.
    Cancelled,
}

/// The JSON body posted to the callback.
#[derive(Serialize)]
struct Wire<'a> {
    version: u64,
    status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    signature: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identity: Option<String>,
}

impl Answer {
    /// The body posted to the callback.
    pub fn to_json(&self) -> String {
        let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
        let wire = match self {
            Answer::Signed {
                signature,
                identity,
            } => Wire {
                version: crate::sign::request::VERSION,
                status: "signed",
                signature: Some(b64(signature)),
                identity: identity.as_deref().map(b64),
            },
            Answer::Cancelled => Wire {
                version: crate::sign::request::VERSION,
                status: "cancelled",
                signature: None,
                identity: None,
            },
        };
        serde_json::to_string(&wire).unwrap_or_default()
    }
}

fn client() -> Result<reqwest::blocking::Client, Error> {
    crate::net::client_builder(Duration::from_secs(10), Duration::from_secs(30))
        .build()
        .map_err(|e| Error::SiteUnreachable {
            detail: crate::net::causes(&e),
        })
}

fn unreachable(e: reqwest::Error) -> Error {
    Error::SiteUnreachable {
        detail: crate::net::causes(&e),
    }
}

/// The status of a site's answer as an error, when it is not a success.
fn refused(status: reqwest::StatusCode) -> Result<(), Error> {
    if status.is_redirection() {
        return Err(Error::SiteRedirected {
            status: status.as_u16(),
        });
    }
    if !status.is_success() {
        return Err(Error::SiteHttpStatus {
            status: status.as_u16(),
        });
    }
    Ok(())
}

/// Fetches and checks the request a signing link names, as of `now`: who asks (as the
/// distribution knows the site, or refuses it), and what.
pub fn fetch(
    link: &SignLink,
    distribution: &Distribution,
    now: time::OffsetDateTime,
) -> Result<(SiteCheck, SignRequest), Error> {
    let site = distribution.check_site(&link.request)?;
    let response = client()?
        .get(link.request.as_url().clone())
        .header(reqwest::header::ACCEPT, "application/json")
        .send()
        .map_err(unreachable)?;
    refused(response.status())?;
    let body = crate::net::read_bounded(response, MAX_REQUEST).map_err(|e| match e {
        crate::net::ReadError::TooLarge => Error::SignRequestTooLarge { limit: MAX_REQUEST },
        crate::net::ReadError::Broken(detail) => Error::SiteUnreachable { detail },
    })?;
    let request = SignRequest::parse(&body, &link.request, now)?;
    Ok((site, request))
}

/// Signs `request` with the certificate of `files`, its key opened with `password`,
/// carrying its CAs' certificates `chain`; for a login with the site's certificate, seals
/// the key's randomNum to it. A certificate the request does not accept at `at` (expired,
/// revoked as `revoked` says, of another policy or issuer) and a wrong password sign
/// nothing.
pub fn answer(
    files: &CertificateFiles,
    password: &CertificatePassword,
    request: &SignRequest,
    chain: &[Vec<u8>],
    revoked: Option<Revocation>,
    at: time::OffsetDateTime,
) -> Result<Answer, Error> {
    let mut summary = CertificateSummary::from_der(&files.sign_cert, std::path::Path::new(""), at)?;
    summary.revoked = revoked;
    if request.accept.unfit(&summary).is_some() {
        return Err(Error::SignNoCertificate);
    }
    let key = crate::custody::open_key(files, password)?;
    let signature = crate::sign::sign(&crate::sign::Signing {
        key: &key,
        certificate: &files.sign_cert,
        chain,
        content: request.content(),
        at,
    })?;
    let identity = match (&request.relying_party_certificate, request.purpose) {
        (Some(site), SignPurpose::Login) => key
            .random_num()
            .map(|random| crate::sign::envelope::seal(site, &random))
            .transpose()?,
        _ => None,
    };
    Ok(Answer::Signed {
        signature,
        identity,
    })
}

/// Posts `answer` to the request's callback. A failure can be retried: the answer is
/// kept by the caller, never made twice.
pub fn post(callback: &SiteUrl, answer: &Answer) -> Result<(), Error> {
    let response = client()?
        .post(callback.as_url().clone())
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(answer.to_json())
        .send()
        .map_err(unreachable)?;
    let status = response.status();
    // Read (a little of) the answer so the connection closes cleanly.
    let _ = crate::net::read_bounded(response, MAX_CALLBACK_ANSWER);
    refused(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_the_documented_json() {
        let cancelled: serde_json::Value =
            serde_json::from_str(&Answer::Cancelled.to_json()).unwrap();
        assert_eq!(
            cancelled,
            serde_json::json!({ "version": 1, "status": "cancelled" })
        );
        let signed: serde_json::Value = serde_json::from_str(
            &Answer::Signed {
                signature: b"sig".to_vec(),
                identity: None,
            }
            .to_json(),
        )
        .unwrap();
        assert_eq!(
            signed,
            serde_json::json!({ "version": 1, "status": "signed", "signature": "c2ln" })
        );
    }
}
