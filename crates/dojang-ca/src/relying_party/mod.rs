//! The sandbox relying party, "the demo bank" (docs/sandbox-ca.md, "The sandbox relying
//! party"): a bank's half of signing for a web page (docs/signing.md), served beside the
//! CA under `/rp/` so that a newcomer sees the whole exchange, Dojang's tests run it end
//! to end, and a bank's developer has a reference peer.
//!
//! A page asks for a request ([`RelyingParty::create`]); Dojang fetches it once
//! ([`RelyingParty::fetch`]) and posts its answer to the callback, which is examined as a
//! bank would ([`RelyingParty::examine`]): the CMS signature, that what was signed is
//! what was asked, that the signer's certificate is the sandbox CA's and not revoked, and
//! for a login the ID number behind the certificate (the VID), from the randomNum sealed
//! to the bank's certificate. The page polls what was found ([`RelyingParty::status`]).
//!
//! Requests live in memory only, [`REQUEST_LIFETIME`] each, and are forgotten
//! [`KEPT_FOR`] after they were made; at most [`MAX_REQUESTS`] are kept at once.
//!
//! The bank's key and certificate are kept in the CA's folder, like the CA's own: made on
//! first start, `rp.key` (PKCS#8 PEM, mode 0600) and `rp.pem`, the certificate issued by
//! the sandbox's issuing CA.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard, PoisonError};

use base64::Engine as _;
use dojang_core::sign::request::{SignLink, SignPurpose};
use rcgen::KeyPair;
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};
use zeroize::Zeroizing;

use crate::authority::{Authority, hex, read_certificate, rsa_key, write_private};
use crate::error::{CaError, Result};

mod answer;
pub mod page;

pub use answer::{Checks, Outcome, Reason, Revocation, Signer, Vid};

/// The bank's name: its certificate's common name, and what the distribution file calls it.
pub const NAME: &str = "도장 샌드박스 은행";
/// The bank's certificate in the CA's folder (PEM).
pub const CERTIFICATE_FILE: &str = "rp.pem";
/// The bank's key in the CA's folder (PKCS#8 PEM, mode 0600).
pub const KEY_FILE: &str = "rp.key";

/// The text of a login.
pub const LOGIN_TEXT: &str = "도장 샌드박스 은행에 로그인합니다.";
/// The text of a transfer: what is shown, and signed.
pub const TRANSFER_TEXT: &str =
    "받는 분: 김도장\n받는 계좌: 도장은행 110-123-456789\n보내는 금액: 50,000원";
/// The text of the `markup` variant: tags, and a right-to-left override that shows the
/// account number reversed where it is drawn as text.
pub const MARKUP_TEXT: &str = "<b>받는 분: 김도장</b>\n받는 계좌: 도장은행 110-123-\u{202E}987654\u{202C}\n\
     보내는 금액: <span hidden>5</span>50,000원";
/// The policy of the `no-certificate` variant, which no certificate has.
pub const UNISSUED_POLICY: &str = "1.2.410.200004.5.99.99";
/// Another origin, where the `callback-elsewhere` and `redirect` variants point.
pub const ELSEWHERE: &str = "https://evil.example";

/// How long a request waits for its answer.
pub const REQUEST_LIFETIME: Duration = Duration::minutes(5);
/// How long after it was made a request is forgotten (its verdict stays readable until
/// then).
pub const KEPT_FOR: Duration = Duration::minutes(10);
/// Requests kept at once; more are refused until some are forgotten.
pub const MAX_REQUESTS: usize = 1000;
/// The largest answer read from a callback.
pub const MAX_ANSWER: usize = 1024 * 1024;
/// The size of the `huge-text` variant's text.
const HUGE_TEXT_BYTES: usize = 10 * 1024 * 1024;

/// A request made wrong on purpose, to see Dojang refuse it (or, for `markup` and
/// `no-certificate`, take it with care).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The callback is on another origin.
    CallbackElsewhere,
    /// It expired a minute before it was made.
    Expired,
    /// A 10 MB text: the body is over Dojang's 1 MiB cap.
    HugeText,
    /// Its text holds HTML tags and a right-to-left override.
    Markup,
    /// Version 2, which this Dojang does not speak.
    Version2,
    /// The request's URL answers with a redirect to another origin.
    Redirect,
    /// It accepts only a certificate policy that no certificate has.
    NoCertificate,
}

impl Variant {
    /// Every variant.
    pub const ALL: [Variant; 7] = [
        Variant::CallbackElsewhere,
        Variant::Expired,
        Variant::HugeText,
        Variant::Markup,
        Variant::Version2,
        Variant::Redirect,
        Variant::NoCertificate,
    ];

    /// Its name in the API, e.g. `callback-elsewhere`.
    pub fn name(self) -> &'static str {
        match self {
            Variant::CallbackElsewhere => "callback-elsewhere",
            Variant::Expired => "expired",
            Variant::HugeText => "huge-text",
            Variant::Markup => "markup",
            Variant::Version2 => "version-2",
            Variant::Redirect => "redirect",
            Variant::NoCertificate => "no-certificate",
        }
    }

    /// The variant of a name.
    pub fn parse(name: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.name() == name)
    }
}

/// Where a request stands.
#[derive(Debug, Clone)]
enum Stage {
    /// Made; Dojang has not fetched it.
    Waiting,
    /// Fetched; no answer yet.
    Fetched,
    /// An answer is being examined.
    Answering,
    /// Answered.
    Done(Outcome),
}

/// One request, as the bank remembers it.
struct Entry {
    purpose: SignPurpose,
    variant: Option<Variant>,
    /// The login's nonce, signed as the request's data.
    nonce: Option<[u8; 32]>,
    created: OffsetDateTime,
    /// What the request says.
    expires: OffsetDateTime,
    served: bool,
    stage: Stage,
}

impl Entry {
    fn text(&self) -> Cow<'static, str> {
        match self.variant {
            Some(Variant::Markup) => Cow::Borrowed(MARKUP_TEXT),
            Some(Variant::HugeText) => Cow::Owned(huge_text()),
            _ => match self.purpose {
                SignPurpose::Login => Cow::Borrowed(LOGIN_TEXT),
                SignPurpose::Sign => Cow::Borrowed(TRANSFER_TEXT),
            },
        }
    }

    /// The bytes the answer must sign: the login's nonce, or the text.
    fn content(&self) -> Vec<u8> {
        match self.nonce {
            Some(nonce) => nonce.to_vec(),
            None => self.text().into_owned().into_bytes(),
        }
    }
}

/// `login` or `sign`, as the API names a purpose.
pub fn purpose_name(purpose: SignPurpose) -> &'static str {
    match purpose {
        SignPurpose::Login => "login",
        SignPurpose::Sign => "sign",
    }
}

/// The text of the `huge-text` variant.
fn huge_text() -> String {
    const LINE: &str = "이 줄은 요청을 도장이 읽는 한도(1 MiB)보다 크게 만들려고 되풀이됩니다.\n";
    LINE.repeat(HUGE_TEXT_BYTES / LINE.len() + 1)
}

/// A request just made: what the page needs.
#[derive(Debug, Clone, Serialize)]
pub struct Created {
    /// The request's ID: 128 random bits, hex.
    pub id: String,
    /// The `dojang://sign?request=…` link to open.
    pub link: String,
    /// Where Dojang fetches the request.
    pub request_url: String,
    /// Where the page reads what became of it.
    pub status_url: String,
}

/// Why no request was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreateRefused {
    /// [`MAX_REQUESTS`] are kept already.
    Full,
}

/// What a fetch of a request gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// The request, JSON.
    Request(String),
    /// A redirect to this URL (the `redirect` variant).
    Redirect(String),
    /// It was fetched before: a request is served once.
    Gone,
    /// No such request (or forgotten).
    Unknown,
}

/// What an answer to a request must show: taken when it arrives.
#[derive(Debug, Clone)]
pub struct Question {
    /// What the request was for.
    pub purpose: SignPurpose,
    /// The bytes it asked to be signed.
    pub content: Vec<u8>,
    /// Until when it waited.
    pub expires: OffsetDateTime,
}

/// Why an answer is not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerRefused {
    /// No such request (or forgotten).
    Unknown,
    /// It was answered before.
    AlreadyAnswered,
}

/// What became of a request, as the page polls it.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// `waiting`, `fetched`, `verified`, `cancelled` or `refused`.
    pub status: &'static str,
    /// `login` or `sign`.
    pub purpose: SignPurpose,
    /// The variant asked for, if any.
    pub variant: Option<&'static str>,
    /// When the request expires, RFC 3339.
    pub expires: String,
    /// Who signed, once a signature was examined.
    pub signer: Option<Signer>,
    /// What was checked, once a signature was examined.
    pub checks: Option<Checks>,
    /// Why it was refused.
    pub reason: Option<&'static str>,
}

/// The demo bank: its key and certificate, where it is, and the requests it made.
pub struct RelyingParty {
    certificate: Vec<u8>,
    key: Zeroizing<Vec<u8>>,
    origin: String,
    policies: Vec<String>,
    requests: Mutex<HashMap<String, Entry>>,
}

impl std::fmt::Debug for RelyingParty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RelyingParty")
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.replace_nanosecond(0)
        .unwrap_or(t)
        .format(&Rfc3339)
        .unwrap_or_default()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    aws_lc_rs::rand::fill(&mut bytes).map_err(CaError::certificate)?;
    Ok(bytes)
}

impl RelyingParty {
    /// The bank kept in the CA's folder `dir`, its key and certificate made on first use
    /// (or again when the folder's issuing CA did not issue the one there), at the CA's
    /// address, accepting the policy the CA issues.
    pub fn open_or_create(dir: &Path, authority: &Authority) -> Result<RelyingParty> {
        let (certificate, key) = match Self::read(dir, authority) {
            Some(kept) => kept,
            None => Self::make(dir, authority)?,
        };
        Ok(RelyingParty::new(
            certificate,
            key,
            authority.base_url(),
            vec![authority.policy_oid()],
        ))
    }

    /// A bank with this certificate and key (PKCS#8 DER), at `origin`
    /// (`http://127.0.0.1:8080`), accepting certificates of `policies` (none: any).
    pub fn new(
        certificate: Vec<u8>,
        key: Zeroizing<Vec<u8>>,
        origin: &str,
        policies: Vec<String>,
    ) -> RelyingParty {
        RelyingParty {
            certificate,
            key,
            origin: origin.trim_end_matches('/').to_owned(),
            policies,
            requests: Mutex::new(HashMap::new()),
        }
    }

    /// The key and certificate in `dir`, if both are there, belong together and were
    /// issued by the folder's issuing CA.
    fn read(dir: &Path, authority: &Authority) -> Option<(Vec<u8>, Zeroizing<Vec<u8>>)> {
        let key_path = dir.join(KEY_FILE);
        let cert_path = dir.join(CERTIFICATE_FILE);
        if !key_path.exists() || !cert_path.exists() {
            return None;
        }
        let certificate = read_certificate(&cert_path).ok()?;
        let pem = Zeroizing::new(std::fs::read_to_string(&key_path).ok()?);
        let key = KeyPair::from_pem(&pem).ok()?;
        let (_, parsed) = x509_parser::parse_x509_certificate(&certificate).ok()?;
        let ours = *parsed.public_key().subject_public_key.data == *key.public_key_raw();
        let issued = {
            use der::Decode as _;
            let cert = x509_cert::Certificate::from_der(&certificate).ok()?;
            let issuer = x509_cert::Certificate::from_der(authority.issuing_der()).ok()?;
            dojang_core::cert::chain::signed_by(&cert, &issuer)
        };
        let current = parsed.validity().is_valid();
        (ours && issued && current).then(|| (certificate, Zeroizing::new(key.serialize_der())))
    }

    /// Makes a key and its certificate and keeps them in `dir` (the key first: a folder
    /// with the certificate has its key).
    fn make(dir: &Path, authority: &Authority) -> Result<(Vec<u8>, Zeroizing<Vec<u8>>)> {
        let key_path = dir.join(KEY_FILE);
        let cert_path = dir.join(CERTIFICATE_FILE);
        for stale in [&cert_path, &key_path] {
            match std::fs::remove_file(stale) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(CaError::file(stale, e)),
            }
        }
        let key = rsa_key()?;
        let certificate = authority.issue_relying_party(&key, NAME)?;
        write_private(&key_path, Zeroizing::new(key.serialize_pem()).as_bytes())?;
        std::fs::write(
            &cert_path,
            dojang_core::cert::pem("CERTIFICATE", &certificate),
        )
        .map_err(|e| CaError::file(&cert_path, e))?;
        Ok((certificate, Zeroizing::new(key.serialize_der())))
    }

    /// The bank's certificate, DER.
    pub fn certificate(&self) -> &[u8] {
        &self.certificate
    }

    /// Its origin, e.g. `http://127.0.0.1:8080`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    fn requests(&self) -> MutexGuard<'_, HashMap<String, Entry>> {
        // A panic elsewhere while holding the map leaves nothing half-written in it.
        self.requests.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Makes a request for `purpose`, changed as `variant` says, as of `now`.
    pub fn create(
        &self,
        purpose: SignPurpose,
        variant: Option<Variant>,
        now: OffsetDateTime,
    ) -> Result<std::result::Result<Created, CreateRefused>> {
        let id = hex(&random::<16>()?);
        let nonce = match purpose {
            SignPurpose::Login => Some(random::<32>()?),
            SignPurpose::Sign => None,
        };
        let expires = if variant == Some(Variant::Expired) {
            now - Duration::minutes(1)
        } else {
            now + REQUEST_LIFETIME
        };
        let mut requests = self.requests();
        requests.retain(|_, e| now < e.created + KEPT_FOR);
        if requests.len() >= MAX_REQUESTS {
            return Ok(Err(CreateRefused::Full));
        }
        requests.insert(
            id.clone(),
            Entry {
                purpose,
                variant,
                nonce,
                created: now,
                expires,
                served: false,
                stage: Stage::Waiting,
            },
        );
        let request_url = format!("{}/rp/requests/{id}", self.origin);
        Ok(Ok(Created {
            link: SignLink::to_link(&request_url),
            status_url: format!("{}/rp/api/requests/{id}", self.origin),
            request_url,
            id,
        }))
    }

    /// Serves the request `id`, once.
    pub fn fetch(&self, id: &str) -> Fetched {
        let (purpose, variant, nonce, expires, text) = {
            let mut requests = self.requests();
            let Some(entry) = requests.get_mut(id) else {
                return Fetched::Unknown;
            };
            if entry.served {
                return Fetched::Gone;
            }
            entry.served = true;
            if matches!(entry.stage, Stage::Waiting) {
                entry.stage = Stage::Fetched;
            }
            if entry.variant == Some(Variant::Redirect) {
                return Fetched::Redirect(format!("{ELSEWHERE}/rp/requests/{id}"));
            }
            // The huge text is made outside the lock.
            let text = (entry.variant != Some(Variant::HugeText)).then(|| entry.text());
            (
                entry.purpose,
                entry.variant,
                entry.nonce,
                entry.expires,
                text,
            )
        };
        let text = text.unwrap_or_else(|| Cow::Owned(huge_text()));
        let callback = match variant {
            Some(Variant::CallbackElsewhere) => format!("{ELSEWHERE}/collect"),
            _ => format!("{}/rp/callback/{id}", self.origin),
        };
        let policies = match variant {
            Some(Variant::NoCertificate) => vec![UNISSUED_POLICY.to_owned()],
            _ => self.policies.clone(),
        };
        let mut request = serde_json::json!({
            "version": if variant == Some(Variant::Version2) { 2 } else { 1 },
            "purpose": purpose,
            "text": text,
            "accept": { "policies": policies },
            "callback": callback,
            "expires": rfc3339(expires),
        });
        if let Some(nonce) = nonce {
            request["data"] = b64(&nonce).into();
            request["relying_party_certificate"] = b64(&self.certificate).into();
        }
        Fetched::Request(request.to_string())
    }

    /// Whether the request `id` is kept.
    pub fn knows(&self, id: &str) -> bool {
        self.requests().contains_key(id)
    }

    /// Takes the one answer to request `id`: what it must show. Until
    /// [`RelyingParty::finish_answer`], another answer is refused as a second one.
    pub fn begin_answer(&self, id: &str) -> std::result::Result<Question, AnswerRefused> {
        let mut requests = self.requests();
        let entry = requests.get_mut(id).ok_or(AnswerRefused::Unknown)?;
        if matches!(entry.stage, Stage::Answering | Stage::Done(_)) {
            return Err(AnswerRefused::AlreadyAnswered);
        }
        entry.stage = Stage::Answering;
        Ok(Question {
            purpose: entry.purpose,
            content: entry.content(),
            expires: entry.expires,
        })
    }

    /// Gives the answer taken by [`RelyingParty::begin_answer`] back, unexamined (the
    /// examination could not run): another answer may come.
    pub fn abandon_answer(&self, id: &str) {
        if let Some(entry) = self.requests().get_mut(id)
            && matches!(entry.stage, Stage::Answering)
        {
            entry.stage = Stage::Fetched;
        }
    }

    /// Records what the answer to request `id` was found to be.
    pub fn finish_answer(&self, id: &str, outcome: Outcome) {
        if let Some(entry) = self.requests().get_mut(id) {
            entry.stage = Stage::Done(outcome);
        }
    }

    /// What became of request `id`.
    pub fn status(&self, id: &str) -> Option<Status> {
        let requests = self.requests();
        let entry = requests.get(id)?;
        let (status, signer, checks, reason) = match &entry.stage {
            Stage::Waiting => ("waiting", None, None, None),
            Stage::Fetched | Stage::Answering => ("fetched", None, None, None),
            Stage::Done(Outcome::Cancelled) => ("cancelled", None, None, None),
            Stage::Done(Outcome::Verified { signer, checks }) => {
                ("verified", Some(signer.clone()), Some(checks.clone()), None)
            }
            Stage::Done(Outcome::Refused {
                reason,
                signer,
                checks,
            }) => (
                "refused",
                signer.clone(),
                checks.clone(),
                Some(reason.code()),
            ),
        };
        Some(Status {
            status,
            purpose: entry.purpose,
            variant: entry.variant.map(Variant::name),
            expires: rfc3339(entry.expires),
            signer,
            checks,
            reason,
        })
    }
}

#[cfg(test)]
mod tests;
