//! Whether a certificate is revoked, asked of its CA as a relying party asks (RFC 6960
//! OCSP first, then the CRL, RFC 5280), and cached in the data dir until the answer's
//! `nextUpdate`.
//!
//! One status per certificate ([`CertificateStatus`]), with where it came from and when:
//! - **good** (유효): a signed answer that is fresh now says so;
//! - **revoked** (폐지됨): a signed answer says so, with its date and reason, or Dojang
//!   revoked it itself ([`StatusSource::Local`]);
//! - **unknown** (확인 불가): no answer could be believed, each reason in `problems`
//!   (offline, no pointer, the responder's error, a bad signature, a stale answer…), and
//!   `last_good` says when a good answer was last known. Never a silent "good".
//!
//! What a responder or a CRL says is believed only when signed by the certificate's CA
//! (or its authorised OCSP responder): an address in a certificate may lead anywhere.
//! Cached answers are checked again each time they are read; a cache file someone edited
//! is just an answer that does not verify.
//!
//! ```text
//! <data dir>/status/ocsp/<certificate id>.der   the last OCSP answer about a certificate
//! <data dir>/status/crl/<sha256 of the URL>.crl  the last CRL fetched from an address
//! ```

pub mod crl;
pub mod fetch;
pub mod ocsp;

use std::path::{Path, PathBuf};

use der::Decode;
use serde::Serialize;
use sha2::Digest as _;
use time::OffsetDateTime;
use ts_rs::TS;
use x509_cert::Certificate;

use crate::cert::Pointers;
use crate::cert::chain::{CertificateChain, LinkSource, Pool};
use crate::store::atomic;
use fetch::{FetchError, Fetcher};

/// How far clocks may disagree when judging an answer's times.
pub const CLOCK_SKEW: time::Duration = time::Duration::minutes(5);
/// The most caIssuers addresses followed to complete one path.
const MAX_AIA_FETCHES: usize = 4;
/// The largest CA certificate (or bundle of them) fetched from a caIssuers address.
const MAX_AIA_ANSWER: u64 = 64 * 1024;

/// What is known of a certificate's revocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Verdict {
    /// Not revoked, by an answer that is fresh now.
    Good,
    /// Revoked.
    Revoked,
    /// No answer could be believed.
    Unknown,
}

/// Where a status came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum StatusSource {
    /// An OCSP responder.
    Ocsp,
    /// A CRL (an ARL, for a CA certificate).
    Crl,
    /// Dojang itself: it revoked the certificate, or its CA told it so over CMP.
    Local,
}

/// Why a certificate was revoked (RFC 5280 §5.3.1), as CRLs and OCSP answers say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum CrlReason {
    #[serde(rename = "unspecified")]
    Unspecified,
    #[serde(rename = "keyCompromise")]
    KeyCompromise,
    #[serde(rename = "cACompromise")]
    CaCompromise,
    #[serde(rename = "affiliationChanged")]
    AffiliationChanged,
    #[serde(rename = "superseded")]
    Superseded,
    #[serde(rename = "cessationOfOperation")]
    CessationOfOperation,
    #[serde(rename = "certificateHold")]
    CertificateHold,
    #[serde(rename = "removeFromCRL")]
    RemoveFromCrl,
    #[serde(rename = "privilegeWithdrawn")]
    PrivilegeWithdrawn,
    #[serde(rename = "aACompromise")]
    AaCompromise,
}

impl From<x509_cert::ext::pkix::CrlReason> for CrlReason {
    fn from(reason: x509_cert::ext::pkix::CrlReason) -> Self {
        use x509_cert::ext::pkix::CrlReason as R;
        match reason {
            R::Unspecified => CrlReason::Unspecified,
            R::KeyCompromise => CrlReason::KeyCompromise,
            R::CaCompromise => CrlReason::CaCompromise,
            R::AffiliationChanged => CrlReason::AffiliationChanged,
            R::Superseded => CrlReason::Superseded,
            R::CessationOfOperation => CrlReason::CessationOfOperation,
            R::CertificateHold => CrlReason::CertificateHold,
            R::RemoveFromCRL => CrlReason::RemoveFromCrl,
            R::PrivilegeWithdrawn => CrlReason::PrivilegeWithdrawn,
            R::AaCompromise => CrlReason::AaCompromise,
        }
    }
}

impl From<crate::issue::revoke::RevocationReason> for CrlReason {
    fn from(reason: crate::issue::revoke::RevocationReason) -> Self {
        use crate::issue::revoke::RevocationReason as R;
        match reason {
            R::Unspecified => CrlReason::Unspecified,
            R::KeyCompromise => CrlReason::KeyCompromise,
            R::AffiliationChanged => CrlReason::AffiliationChanged,
            R::Superseded => CrlReason::Superseded,
            R::CessationOfOperation => CrlReason::CessationOfOperation,
        }
    }
}

/// Why an answer was not believed, or none was had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[ts(export)]
pub enum Fault {
    /// Not asked: offline, and nothing fresh in the cache.
    Offline,
    /// The certificate names no OCSP responder and no CRL.
    NoPointer,
    /// Its CA's certificate is not known, and answers are checked with its key.
    IssuerNotFound,
    /// Not reached (DNS, connection, TLS, time-out).
    Unreachable { detail: String },
    /// An HTTP error status, or a redirect (never followed).
    HttpStatus { status: u16 },
    /// The answer is larger than any such answer needs to be.
    TooLarge {
        #[ts(type = "number")]
        limit: u64,
    },
    /// An address or an answer of a kind Dojang does not use.
    Unsupported { what: String },
    /// The LDAP entry does not exist, or has no such attribute.
    Missing { what: String },
    /// The answer does not parse.
    Malformed { detail: String },
    /// The OCSP responder answered with an error status (`tryLater`, `unauthorized`…).
    ResponderRefused { status: String },
    /// The OCSP responder does not know the certificate.
    ResponderUnknown,
    /// Not signed by the certificate's CA or a responder it authorised.
    BadSignature { detail: String },
    /// Its `nextUpdate` has passed.
    Stale {
        #[serde(with = "time::serde::rfc3339")]
        #[ts(type = "string")]
        next_update: OffsetDateTime,
    },
    /// Its `thisUpdate` is in the future.
    NotYetValid {
        #[serde(with = "time::serde::rfc3339")]
        #[ts(type = "string")]
        this_update: OffsetDateTime,
    },
    /// It answers for another certificate (or a CRL for other certificates).
    WrongCertificate,
    /// The OCSP nonce differs from the one sent.
    NonceMismatch,
}

impl From<FetchError> for Fault {
    fn from(e: FetchError) -> Self {
        match e {
            FetchError::Unreachable(detail) => Fault::Unreachable { detail },
            FetchError::HttpStatus(status) => Fault::HttpStatus { status },
            FetchError::TooLarge(limit) => Fault::TooLarge { limit },
            FetchError::Unsupported(what) => Fault::Unsupported { what },
            FetchError::Missing(what) => Fault::Missing { what },
        }
    }
}

/// A [`Fault`] and the address it concerns, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StatusProblem {
    /// The OCSP responder or CRL address.
    pub url: Option<String>,
    /// What went wrong.
    #[serde(flatten)]
    pub fault: Fault,
}

/// What is known of one certificate's revocation, from where and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CertificateStatus {
    /// Good, revoked or unknown.
    pub verdict: Verdict,
    /// Where the verdict came from (null when unknown).
    pub source: Option<StatusSource>,
    /// The responder or CRL address it came from.
    pub url: Option<String>,
    /// When the answer was true (its `thisUpdate`; for a local revocation, when Dojang
    /// learned of it).
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub this_update: Option<OffsetDateTime>,
    /// Until when it is believed (`nextUpdate`, or Dojang's limit without one).
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub next_update: Option<OffsetDateTime>,
    /// When Dojang checked.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub checked_at: OffsetDateTime,
    /// When it was revoked, when it is.
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub revoked_at: Option<OffsetDateTime>,
    /// Why, when the answer says.
    pub reason: Option<CrlReason>,
    /// The answer was read from the cache, not fetched now.
    pub from_cache: bool,
    /// Why each source tried gave no answer (for unknown; also for a verdict reached
    /// after another source failed).
    pub problems: Vec<StatusProblem>,
    /// When unknown: the `thisUpdate` of the last good answer in the cache, if any.
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub last_good: Option<OffsetDateTime>,
}

impl CertificateStatus {
    /// Unknown, for these reasons.
    fn unknown(checked_at: OffsetDateTime, problems: Vec<StatusProblem>) -> Self {
        CertificateStatus {
            verdict: Verdict::Unknown,
            source: None,
            url: None,
            this_update: None,
            next_update: None,
            checked_at,
            revoked_at: None,
            reason: None,
            from_cache: false,
            problems,
            last_good: None,
        }
    }

    /// Revoked by Dojang's own hand (or by its CA's word over CMP).
    pub fn revoked_here(
        revocation: &crate::issue::revoke::Revocation,
        now: OffsetDateTime,
    ) -> Self {
        CertificateStatus {
            verdict: Verdict::Revoked,
            source: Some(StatusSource::Local),
            this_update: Some(revocation.known_since),
            revoked_at: Some(revocation.known_since),
            reason: revocation.reason.map(CrlReason::from),
            ..CertificateStatus::unknown(now, Vec::new())
        }
    }
}

/// The status of a certificate and of the CAs on its path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StatusReport {
    /// Good only when the certificate is, and no CA on its path is revoked.
    pub verdict: Verdict,
    /// The certificate's own status.
    pub certificate: CertificateStatus,
    /// The status of each CA between it and the root (from their ARLs), nearest first.
    pub authorities: Vec<AuthorityStatus>,
}

/// The status of one CA certificate on a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuthorityStatus {
    /// The CA certificate's ID.
    pub id: String,
    /// Its common name.
    pub common_name: String,
    /// What is known of its revocation.
    pub status: CertificateStatus,
}

/// The whole answer to "is this certificate good right now, and why?": its path and its
/// status, and one verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Verification {
    /// The certificate's ID.
    pub id: String,
    /// Good only with a valid path and a good status.
    pub verdict: Overall,
    /// Its path, validated at the time asked.
    pub chain: CertificateChain,
    /// Its status, and its CAs', now.
    pub status: StatusReport,
}

/// The one-word answer of a [`Verification`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Overall {
    /// The path validates and the status is good.
    Good,
    /// The certificate or a CA on its path is revoked.
    Revoked,
    /// The path validates but no status could be believed.
    Unknown,
    /// The path does not validate ([`CertificateChain::problem`] says why).
    PathBroken,
}

/// Verifies `der`: completes `pool` from caIssuers addresses (online), validates the path
/// at `at`, and asks the status now; `revoked_here` is what Dojang itself knows.
pub fn verify(
    pool: &mut Pool,
    checker: &StatusChecker,
    der: &[u8],
    revoked_here: Option<&crate::issue::revoke::Revocation>,
    at: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<Verification, crate::Error> {
    checker.complete_from_aia(pool, der);
    let chain = pool.validate(der, at)?;
    let status = checker.report(&chain, pool, der, revoked_here, now);
    let verdict = match (status.verdict, chain.valid) {
        (Verdict::Revoked, _) => Overall::Revoked,
        (_, false) => Overall::PathBroken,
        (Verdict::Good, true) => Overall::Good,
        (Verdict::Unknown, true) => Overall::Unknown,
    };
    Ok(Verification {
        id: crate::cert::certificate_id(der),
        verdict,
        chain,
        status,
    })
}

/// What an answer says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Not revoked.
    Good,
    /// Revoked at `at`, for `reason`.
    Revoked {
        at: OffsetDateTime,
        reason: Option<CrlReason>,
    },
}

/// A verified answer (OCSP or CRL), before its freshness is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    /// What it says.
    pub found: Found,
    /// When it was true.
    pub this_update: OffsetDateTime,
    /// Until when it may be believed.
    pub next_update: Option<OffsetDateTime>,
}

impl Answer {
    /// The answer if it may be believed at `now`.
    pub fn fresh_at(self, now: OffsetDateTime) -> Result<Answer, Fault> {
        if self.this_update > now + CLOCK_SKEW {
            return Err(Fault::NotYetValid {
                this_update: self.this_update,
            });
        }
        if let Some(next_update) = self.next_update
            && next_update + CLOCK_SKEW < now
        {
            return Err(Fault::Stale { next_update });
        }
        Ok(self)
    }

    fn status(
        self,
        source: StatusSource,
        url: &str,
        checked_at: OffsetDateTime,
        from_cache: bool,
        problems: Vec<StatusProblem>,
    ) -> CertificateStatus {
        let (verdict, revoked_at, reason) = match self.found {
            Found::Good => (Verdict::Good, None, None),
            Found::Revoked { at, reason } => (Verdict::Revoked, Some(at), reason),
        };
        CertificateStatus {
            verdict,
            source: Some(source),
            url: Some(url.to_owned()),
            this_update: Some(self.this_update),
            next_update: self.next_update,
            checked_at,
            revoked_at,
            reason,
            from_cache,
            problems,
            last_good: None,
        }
    }
}

/// An ASN.1 GeneralizedTime as a time.
pub(crate) fn generalized(t: &der::asn1::GeneralizedTime) -> OffsetDateTime {
    unix(t.to_unix_duration())
}

/// An X.509 Time (UTCTime or GeneralizedTime) as a time.
pub(crate) fn x509_time(t: &x509_cert::time::Time) -> OffsetDateTime {
    unix(t.to_unix_duration())
}

fn unix(d: std::time::Duration) -> OffsetDateTime {
    i64::try_from(d.as_secs())
        .ok()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Where answers are kept between checks.
struct Cache {
    dir: PathBuf,
}

impl Cache {
    fn ocsp_file(&self, id: &str) -> PathBuf {
        self.dir.join("ocsp").join(format!("{id}.der"))
    }

    fn crl_file(&self, url: &str) -> PathBuf {
        let name = crate::cert::hex(&sha2::Sha256::digest(url.as_bytes()), "");
        self.dir.join("crl").join(format!("{name}.crl"))
    }

    fn read(file: &Path, limit: u64) -> Option<Vec<u8>> {
        crate::files::read_optional(file, limit).ok().flatten()
    }

    /// Keeps `bytes` in `file`; a cache that cannot be written is only slower.
    fn write(file: &Path, bytes: &[u8]) {
        if let Some(parent) = file.parent()
            && atomic::create_dirs(parent).is_ok()
        {
            let _ = atomic::write_file(file, bytes);
        }
    }
}

/// How a check uses the network and the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The cache only: nothing is fetched.
    Offline,
    /// A fresh answer from the cache, else fetched (the list's background checks: at most
    /// once per `nextUpdate`).
    Cached,
    /// Fetched now ("check now"); the cache only when fetching fails.
    Fresh,
}

/// Checks certificates' status, keeping answers in the data dir.
pub struct StatusChecker {
    cache: Cache,
    mode: Mode,
    fetcher: Option<Fetcher>,
}

impl StatusChecker {
    /// A checker keeping its cache in `data_dir`, working as `mode` says.
    pub fn new(data_dir: &Path, mode: Mode) -> StatusChecker {
        StatusChecker {
            cache: Cache {
                dir: data_dir.join("status"),
            },
            mode,
            fetcher: match mode {
                Mode::Offline => None,
                Mode::Cached | Mode::Fresh => Fetcher::new().ok(),
            },
        }
    }

    /// Adds to `pool` the CA certificates that the caIssuers addresses of `der` and of the
    /// pool's own certificates lead to, while any is missing (online only). They are
    /// candidates, never anchors ([`LinkSource::Aia`]).
    pub fn complete_from_aia(&self, pool: &mut Pool, der: &[u8]) {
        let Some(fetcher) = &self.fetcher else {
            return;
        };
        let mut tried = Vec::new();
        while tried.len() < MAX_AIA_FETCHES {
            let Some(url) = pool
                .missing_issuer_urls(der)
                .into_iter()
                .find(|u| !tried.contains(u))
            else {
                return;
            };
            if let Ok(bytes) = fetcher.get(&url, MAX_AIA_ANSWER) {
                let certificates =
                    crate::cert::capubs::read(&crate::cert::pem_or_der(&bytes, "CERTIFICATE"))
                        .unwrap_or_default();
                pool.add_all(certificates.iter().map(Vec::as_slice), LinkSource::Aia);
            }
            tried.push(url);
        }
    }

    /// The status of the certificate at the start of `chain` and of the CAs above it,
    /// with their certificates from `pool`; `revoked_here` is what Dojang itself knows.
    pub fn report(
        &self,
        chain: &CertificateChain,
        pool: &Pool,
        leaf: &[u8],
        revoked_here: Option<&crate::issue::revoke::Revocation>,
        now: OffsetDateTime,
    ) -> StatusReport {
        let der_of = |i: usize| -> Option<Vec<u8>> {
            if i == 0 {
                Some(leaf.to_vec())
            } else {
                chain.links.get(i).and_then(|l| pool.der_of(&l.id))
            }
        };
        let issuer_of = |i: usize| {
            chain
                .links
                .get(i)
                .filter(|l| l.verified && !l.root)
                .and_then(|_| der_of(i + 1))
        };
        let certificate = match revoked_here {
            Some(revocation) => CertificateStatus::revoked_here(revocation, now),
            None => self.check(leaf, issuer_of(0).as_deref(), now),
        };
        let mut authorities = Vec::new();
        for (i, link) in chain.links.iter().enumerate().skip(1) {
            if link.root {
                break;
            }
            let (Some(der), issuer) = (der_of(i), issuer_of(i)) else {
                break;
            };
            authorities.push(AuthorityStatus {
                id: link.id.clone(),
                common_name: link.common_name.clone(),
                status: self.check(&der, issuer.as_deref(), now),
            });
        }
        let verdict = if certificate.verdict == Verdict::Revoked
            || authorities
                .iter()
                .any(|a| a.status.verdict == Verdict::Revoked)
        {
            Verdict::Revoked
        } else {
            certificate.verdict
        };
        StatusReport {
            verdict,
            certificate,
            authorities,
        }
    }

    /// The status of `cert_der` (DER) issued by `issuer_der`: OCSP at each responder it
    /// names, then each CRL; the first believable answer wins. The cache is read first
    /// ([`Mode::Cached`]), only ([`Mode::Offline`]) or last ([`Mode::Fresh`]).
    pub fn check(
        &self,
        cert_der: &[u8],
        issuer_der: Option<&[u8]>,
        now: OffsetDateTime,
    ) -> CertificateStatus {
        let pointers = Pointers::from_der(cert_der).unwrap_or_default();
        if pointers.ocsp.is_empty() && pointers.crl.is_empty() {
            return CertificateStatus::unknown(now, vec![problem(None, Fault::NoPointer)]);
        }
        let parsed = (
            Certificate::from_der(cert_der),
            issuer_der.map(Certificate::from_der),
        );
        let (Ok(cert), Some(Ok(issuer))) = parsed else {
            return CertificateStatus::unknown(now, vec![problem(None, Fault::IssuerNotFound)]);
        };
        let subject = Subject {
            id: crate::cert::certificate_id(cert_der),
            pointers,
            cert,
            issuer,
        };
        let (cached, last_good) = self.cached(&subject, now);
        if self.mode == Mode::Cached
            && let Some(status) = cached.clone()
        {
            return status;
        }
        let problems = match (&self.fetcher, self.mode) {
            (Some(fetcher), Mode::Cached | Mode::Fresh) => {
                match self.fetched(fetcher, &subject, now) {
                    Ok(status) => return status,
                    Err(problems) => problems,
                }
            }
            _ => vec![problem(None, Fault::Offline)],
        };
        match cached {
            // Fetching failed, but what the cache holds is still fresh: it stands, with
            // why it was not renewed.
            Some(mut status) => {
                status.problems = problems;
                status
            }
            None => {
                let mut status = CertificateStatus::unknown(now, problems);
                status.last_good = last_good;
                status
            }
        }
    }

    /// What the cache says while fresh, and the `thisUpdate` of the last good answer it
    /// holds (fresh or not).
    fn cached(
        &self,
        subject: &Subject,
        now: OffsetDateTime,
    ) -> (Option<CertificateStatus>, Option<OffsetDateTime>) {
        let Subject {
            id,
            pointers,
            cert,
            issuer,
        } = subject;
        let mut last_good = None;
        let mut answers = Vec::new();
        if let Some(url) = pointers.ocsp.first()
            && let Some(bytes) = Cache::read(&self.cache.ocsp_file(id), ocsp::MAX_ANSWER)
            && let Ok(answer) = ocsp::read(&bytes, cert, issuer, None, now)
        {
            answers.push((StatusSource::Ocsp, url, answer));
        }
        for url in &pointers.crl {
            if let Some(bytes) = Cache::read(&self.cache.crl_file(url), crl::MAX_CRL)
                && let Ok(answer) = crl::read(&bytes, url, cert, issuer)
            {
                answers.push((StatusSource::Crl, url, answer));
            }
        }
        for (source, url, answer) in answers {
            match answer.fresh_at(now) {
                Ok(answer) => {
                    return (
                        Some(answer.status(source, url, now, true, Vec::new())),
                        last_good,
                    );
                }
                Err(_) if answer.found == Found::Good => {
                    last_good = last_good.max(Some(answer.this_update));
                }
                Err(_) => {}
            }
        }
        (None, last_good)
    }

    /// Asks each responder, then each CRL, keeping the first believable answer; or why
    /// none was.
    fn fetched(
        &self,
        fetcher: &Fetcher,
        subject: &Subject,
        now: OffsetDateTime,
    ) -> Result<CertificateStatus, Vec<StatusProblem>> {
        let Subject {
            id,
            pointers,
            cert,
            issuer,
        } = subject;
        let mut problems = Vec::new();
        for url in &pointers.ocsp {
            let asked = ocsp::query(cert, issuer).and_then(|query| {
                let bytes = fetcher
                    .post(url, ocsp::REQUEST_TYPE, query.der, ocsp::MAX_ANSWER)
                    .map_err(Fault::from)?;
                let answer =
                    ocsp::read(&bytes, cert, issuer, Some(&query.nonce), now)?.fresh_at(now)?;
                Ok((answer, bytes))
            });
            match asked {
                Ok((answer, bytes)) => {
                    Cache::write(&self.cache.ocsp_file(id), &bytes);
                    return Ok(answer.status(StatusSource::Ocsp, url, now, false, problems));
                }
                Err(fault) => problems.push(problem(Some(url), fault)),
            }
        }
        for url in &pointers.crl {
            let fetched = fetcher
                .get(url, crl::MAX_CRL)
                .map_err(Fault::from)
                .and_then(|bytes| {
                    let answer = crl::read(&bytes, url, cert, issuer)?.fresh_at(now)?;
                    Ok((answer, bytes))
                });
            match fetched {
                Ok((answer, bytes)) => {
                    Cache::write(&self.cache.crl_file(url), &bytes);
                    return Ok(answer.status(StatusSource::Crl, url, now, false, problems));
                }
                Err(fault) => problems.push(problem(Some(url), fault)),
            }
        }
        Err(problems)
    }
}

/// A certificate whose status is asked, with what asking needs.
struct Subject {
    id: String,
    pointers: Pointers,
    cert: Certificate,
    issuer: Certificate,
}

fn problem(url: Option<&str>, fault: Fault) -> StatusProblem {
    StatusProblem {
        url: url.map(str::to_owned),
        fault,
    }
}
