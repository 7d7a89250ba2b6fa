//! The certification path (인증 경로): from a certificate up to a root, built from the CA
//! certificates Dojang knows and validated as a relying party does (RFC 5280 §6), at a
//! given time.
//!
//! Where CA certificates come from ([`LinkSource`]): the Korean PKI bundled with Dojang
//! ([`anchors`](super::anchors)), the distribution's pinned roots, the certificates that
//! came with issuances here, `CaPubs` files in NPKI folders and, online, the caIssuers
//! address of a certificate (AIA). Only roots from the first three are trust anchors; the
//! rest can only fill in a path that still has to end at one.
//!
//! What is checked, link by link from the certificate up: each signature with the key of
//! the link above it; validity at the time asked; for every CA, basicConstraints with cA
//! set, keyCertSign when keyUsage is present, and pathLenConstraint; no critical extension
//! Dojang does not process (name constraints and policy mappings are refused, not
//! ignored); then that the root is a trust anchor and that the certificate policies
//! satisfy any requireExplicitPolicy on the path (Korean CAs set it to 0, so a subscriber's
//! certificate must name a policy). The first failure is the path's [`PathProblem`].

use std::collections::HashMap;
use std::sync::Mutex;

use der::{Decode, Encode};
use serde::Serialize;
use time::OffsetDateTime;
use ts_rs::TS;
use x509_cert::Certificate;
use x509_parser::prelude::{FromDer, ParsedExtension, X509Certificate};

use super::{certificate_id, rfc4514};
use crate::Error;
use crate::cmp::protection;

/// The longest path followed (a loop in hostile data ends here).
pub const MAX_DEPTH: usize = 8;
/// The most candidate paths weighed for one certificate.
const MAX_PATHS: usize = 64;
/// anyPolicy (RFC 5280 §4.2.1.4).
const ANY_POLICY: &str = "2.5.29.32.0";
/// The extensions whose meaning Dojang processes or which never restrict a path: a
/// critical extension outside this list makes the path fail.
const UNDERSTOOD: &[&str] = &[
    "2.5.29.14",         // subjectKeyIdentifier
    "2.5.29.15",         // keyUsage
    "2.5.29.17",         // subjectAltName
    "2.5.29.18",         // issuerAltName
    "2.5.29.19",         // basicConstraints
    "2.5.29.31",         // cRLDistributionPoints
    "2.5.29.32",         // certificatePolicies
    "2.5.29.35",         // authorityKeyIdentifier
    "2.5.29.36",         // policyConstraints
    "2.5.29.37",         // extKeyUsage (what the key is for, not the path)
    "2.5.29.54",         // inhibitAnyPolicy
    "1.3.6.1.5.5.7.1.1", // authorityInfoAccess
];

/// Where a certificate of a path came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum LinkSource {
    /// The certificate being checked, from none of the other sources.
    Subject,
    /// The Korean PKI shipped with Dojang.
    Bundled,
    /// A root the distribution pins.
    Distribution,
    /// Sent by the CA with an issuance here (caPubs, extraCerts).
    Issuance,
    /// A `CaPubs` file in an NPKI folder.
    CaPubs,
    /// Fetched from the caIssuers address (AIA) of the certificate below it.
    Aia,
}

impl LinkSource {
    /// Whether a root from this source is a trust anchor.
    fn anchors(self) -> bool {
        matches!(
            self,
            LinkSource::Bundled | LinkSource::Distribution | LinkSource::Issuance
        )
    }
}

/// Why a path does not validate: the first failure, naming the link (0 is the
/// certificate itself, then its CA, up to the root).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[ts(export)]
pub enum PathProblem {
    /// The CA that issued this link is not among the certificates known (offline, or no
    /// caIssuers address).
    IssuerNotFound { link: u32 },
    /// This link's signature does not verify with the key of the CA named as its issuer
    /// (its own, for a root).
    BadSignature { link: u32 },
    /// This link had expired at the time checked.
    Expired { link: u32 },
    /// This link was not yet valid at the time checked.
    NotYetValid { link: u32 },
    /// This link issued a certificate but is not a CA (no basicConstraints with cA).
    NotACa { link: u32 },
    /// This CA's keyUsage does not allow signing certificates (keyCertSign).
    NoCertSign { link: u32 },
    /// More CAs below this one than its pathLenConstraint allows.
    PathTooLong { link: u32 },
    /// This link has a critical extension Dojang does not process.
    UnsupportedCritical { link: u32, oid: String },
    /// A CA on the path requires an explicit certificate policy and this link leaves none.
    NoPolicy { link: u32 },
    /// The path ends at a root that is not a trust anchor.
    UntrustedRoot { link: u32 },
}

/// A certificate's path to its root, as far as it is known, and its verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CertificateChain {
    /// The certificate itself first, then its issuing CA, up to the root when known.
    pub links: Vec<ChainLink>,
    /// The chain ends at a self-signed root and every signature in it verified.
    pub complete: bool,
    /// The path validates at `checked_at`: complete, ending at a trust anchor, and
    /// nothing in [`PathProblem`] applies.
    pub valid: bool,
    /// The first reason the path fails; null when it validates.
    pub problem: Option<PathProblem>,
    /// The time the path was validated for.
    #[serde(with = "::time::serde::rfc3339")]
    #[ts(type = "string")]
    pub checked_at: OffsetDateTime,
}

/// One certificate of a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChainLink {
    /// Its SHA-256 fingerprint (the ID).
    pub id: String,
    /// Its subject's common name.
    pub common_name: String,
    /// Its subject, RFC 4514.
    pub subject: String,
    /// Its issuer, RFC 4514.
    pub issuer: String,
    /// Start of validity.
    #[serde(with = "::time::serde::rfc3339")]
    #[ts(type = "string")]
    pub not_before: OffsetDateTime,
    /// End of validity.
    #[serde(with = "::time::serde::rfc3339")]
    #[ts(type = "string")]
    pub not_after: OffsetDateTime,
    /// Its signature verified with the next link's key (or its own, for a root).
    pub verified: bool,
    /// Self-issued: the end of the chain.
    pub root: bool,
    /// A root the distribution pins.
    pub pinned: bool,
    /// A root Dojang trusts: bundled, pinned, or sent by the CA at an issuance here.
    pub anchor: bool,
    /// A CA certificate (basicConstraints with cA).
    pub ca: bool,
    /// Where it came from.
    pub source: LinkSource,
}

/// What path validation reads from one certificate, parsed once.
struct Facts {
    der: Vec<u8>,
    /// The certificate decoded for signature checks, on first need: most of a pool's
    /// certificates are never a candidate issuer.
    cert: std::sync::OnceLock<Option<Certificate>>,
    id: String,
    subject_der: Vec<u8>,
    issuer_der: Vec<u8>,
    subject: String,
    issuer: String,
    /// The subject, lower-cased: names compare equal this way too (RFC 5280 §7.1 asks for
    /// case-insensitive matching; some Korean CAs write `c=kr`, others `C=KR`).
    subject_key: String,
    issuer_key: String,
    common_name: String,
    ski: Option<Vec<u8>>,
    aki: Option<Vec<u8>>,
    ca: bool,
    path_len: Option<u32>,
    cert_sign: Option<bool>,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
    policies: Option<Vec<String>>,
    require_explicit: Option<u32>,
    inhibit_any: Option<u32>,
    unsupported_critical: Option<String>,
    ca_issuers: Vec<String>,
    /// False for a pool entry whose certificate did not parse ([`Facts::unparsed`]).
    parsed: bool,
}

impl Facts {
    fn parse(der: &[u8]) -> Result<Facts, String> {
        let (_, parsed) = X509Certificate::from_der(der).map_err(|e| e.to_string())?;
        let subject = rfc4514(parsed.subject());
        let issuer = rfc4514(parsed.issuer());
        let mut facts = Facts {
            der: der.to_vec(),
            id: certificate_id(der),
            subject_der: parsed.subject().as_raw().to_vec(),
            issuer_der: parsed.issuer().as_raw().to_vec(),
            subject_key: subject.to_lowercase(),
            issuer_key: issuer.to_lowercase(),
            common_name: super::first_attr(
                parsed.subject(),
                &x509_parser::oid_registry::OID_X509_COMMON_NAME,
            ),
            subject,
            issuer,
            ski: None,
            aki: None,
            ca: false,
            path_len: None,
            cert_sign: None,
            not_before: parsed.validity().not_before.to_datetime(),
            not_after: parsed.validity().not_after.to_datetime(),
            policies: None,
            require_explicit: None,
            inhibit_any: None,
            unsupported_critical: None,
            ca_issuers: super::Pointers::of(&parsed).ca_issuers,
            cert: std::sync::OnceLock::new(),
            parsed: true,
        };
        for ext in parsed.extensions() {
            // Named only when critical: most extensions are not, and naming costs.
            let oid = || ext.oid.to_id_string();
            if ext.critical && facts.unsupported_critical.is_none() {
                let oid = oid();
                if !UNDERSTOOD.contains(&oid.as_str()) {
                    facts.unsupported_critical = Some(oid);
                }
            }
            match ext.parsed_extension() {
                ParsedExtension::SubjectKeyIdentifier(id) => facts.ski = Some(id.0.to_vec()),
                ParsedExtension::AuthorityKeyIdentifier(aki) => {
                    facts.aki = aki.key_identifier.as_ref().map(|id| id.0.to_vec());
                }
                ParsedExtension::BasicConstraints(bc) => {
                    facts.ca = bc.ca;
                    facts.path_len = bc.path_len_constraint;
                }
                ParsedExtension::KeyUsage(ku) => facts.cert_sign = Some(ku.key_cert_sign()),
                ParsedExtension::CertificatePolicies(policies) => {
                    facts.policies = Some(
                        policies
                            .iter()
                            .map(|p| p.policy_id.to_id_string())
                            .collect(),
                    );
                }
                ParsedExtension::PolicyConstraints(pc) => {
                    facts.require_explicit = pc.require_explicit_policy;
                }
                ParsedExtension::InhibitAnyPolicy(inhibit) => {
                    facts.inhibit_any = Some(inhibit.skip_certs);
                }
                // A critical extension that is understood but does not parse fails the
                // path like an unknown one.
                ParsedExtension::ParseError { .. } if ext.critical => {
                    facts.unsupported_critical.get_or_insert_with(oid);
                }
                _ => {}
            }
        }
        Ok(facts)
    }

    /// What stands for a pool entry whose certificate does not parse: never a candidate
    /// ([`Entry::usable`]), and nothing about it verifies or is valid.
    fn unparsed(der: &[u8]) -> Facts {
        Facts {
            der: der.to_vec(),
            cert: std::sync::OnceLock::from(None),
            id: certificate_id(der),
            subject_der: Vec::new(),
            issuer_der: Vec::new(),
            subject: String::new(),
            issuer: String::new(),
            subject_key: String::new(),
            issuer_key: String::new(),
            common_name: String::new(),
            ski: None,
            aki: None,
            ca: false,
            path_len: None,
            cert_sign: None,
            not_before: OffsetDateTime::UNIX_EPOCH,
            not_after: OffsetDateTime::UNIX_EPOCH,
            policies: None,
            require_explicit: None,
            inhibit_any: None,
            unsupported_critical: None,
            ca_issuers: Vec::new(),
            parsed: false,
        }
    }

    fn self_issued(&self) -> bool {
        self.subject_der == self.issuer_der || self.subject_key == self.issuer_key
    }

    fn cert(&self) -> Option<&Certificate> {
        self.cert
            .get_or_init(|| Certificate::from_der(&self.der).ok())
            .as_ref()
    }

    fn signed_by(&self, issuer: &Facts) -> bool {
        match (self.cert(), issuer.cert()) {
            (Some(cert), Some(issuer)) => signed_by(cert, issuer),
            _ => false,
        }
    }
}

/// Whether `issuer`'s key verifies `cert`'s signature (SHA-1 accepted here, for the
/// old generation of Korean CAs: [`protection::verify_certificate_signature`]).
pub fn signed_by(cert: &Certificate, issuer: &Certificate) -> bool {
    let (Ok(tbs), Some(signature)) = (cert.tbs_certificate.to_der(), cert.signature.as_bytes())
    else {
        return false;
    };
    protection::verify_certificate_signature(
        &issuer.tbs_certificate.subject_public_key_info,
        &cert.signature_algorithm,
        &tbs,
        signature,
    )
    .is_ok()
}

/// One CA certificate of a pool. Only its subject is read when it is added: a path search
/// compares subjects first, and most of a pool's certificates (the bundled Korean PKI, say)
/// are never a candidate for the one certificate at hand; the rest is parsed on first need.
struct Entry {
    der: Vec<u8>,
    source: LinkSource,
    /// The subject as it is encoded, and as names are compared ([`Facts::subject_key`]).
    subject_der: Vec<u8>,
    subject_key: String,
    facts: std::sync::OnceLock<Facts>,
}

impl Entry {
    /// An entry for `der`, or `None` when no subject can be read from it.
    fn new(der: &[u8], source: LinkSource) -> Option<Entry> {
        let subject_der = subject_of(der)?;
        let (_, subject) = x509_parser::x509::X509Name::from_der(subject_der).ok()?;
        Some(Entry {
            der: der.to_vec(),
            source,
            subject_der: subject_der.to_vec(),
            subject_key: rfc4514(&subject).to_lowercase(),
            facts: std::sync::OnceLock::new(),
        })
    }

    /// Everything validation reads from the certificate, parsed on the first call.
    fn facts(&self) -> &Facts {
        self.facts
            .get_or_init(|| Facts::parse(&self.der).unwrap_or_else(|_| Facts::unparsed(&self.der)))
    }

    /// Whether the certificate parses: one that does not is never part of a path.
    fn usable(&self) -> bool {
        self.facts().parsed
    }

    /// Whether this is the CA `child` names as its issuer (before anything else is parsed).
    fn names(&self, child: &Facts) -> bool {
        child.issuer_der == self.subject_der || child.issuer_key == self.subject_key
    }
}

/// The encoded subject of certificate `der` (RFC 5280 §4.1: the sixth field of the
/// TBSCertificate, after an optional version), read without decoding the rest.
fn subject_of(der: &[u8]) -> Option<&[u8]> {
    use super::asn1::header;
    let inside = |bytes: &[u8]| -> Option<(u8, usize, usize)> {
        let (tag, header_len, value_len) = header(bytes)?;
        (header_len.checked_add(value_len)? <= bytes.len()).then_some((tag, header_len, value_len))
    };
    let (tag, header_len, _) = inside(der)?;
    if tag != 0x30 {
        return None;
    }
    let tbs = der.get(header_len..)?;
    let (tag, header_len, value_len) = inside(tbs)?;
    if tag != 0x30 {
        return None;
    }
    let mut rest = tbs.get(header_len..header_len + value_len)?;
    // [0] version, if present; then serialNumber, signature, issuer, validity, subject.
    let mut fields = 0;
    while !rest.is_empty() {
        let (tag, header_len, value_len) = inside(rest)?;
        let len = header_len + value_len;
        if tag == 0xa0 && fields == 0 {
            rest = rest.get(len..)?;
            continue;
        }
        if fields == 4 {
            return (tag == 0x30).then(|| rest.get(..len)).flatten();
        }
        fields += 1;
        rest = rest.get(len..)?;
    }
    None
}

/// The CA certificates a path may be built from, each with where it came from. Built once
/// and used for many certificates: the signatures between its own certificates are
/// checked once.
pub struct Pool {
    entries: Vec<Entry>,
    /// Whether entry `.1`'s key verified entry `.0`'s signature.
    signatures: Mutex<HashMap<(usize, usize), bool>>,
}

impl Default for Pool {
    fn default() -> Self {
        Pool::new()
    }
}

impl Pool {
    /// An empty pool.
    pub fn new() -> Pool {
        Pool {
            entries: Vec::new(),
            signatures: Mutex::new(HashMap::new()),
        }
    }

    /// A pool holding the bundled Korean PKI.
    pub fn bundled() -> Pool {
        let mut pool = Pool::new();
        pool.add_all(
            super::anchors::KOREAN_PKI.iter().map(|b| b.der),
            LinkSource::Bundled,
        );
        pool
    }

    /// Adds a CA certificate (DER) from `source`. One already in the pool keeps its first
    /// source; one that does not parse is left out.
    pub fn add(&mut self, der: &[u8], source: LinkSource) {
        if self.entries.iter().any(|e| e.der == der) {
            return;
        }
        if let Some(entry) = Entry::new(der, source) {
            self.entries.push(entry);
        }
    }

    /// Adds every certificate of `ders` from `source`.
    pub fn add_all<'a>(&mut self, ders: impl IntoIterator<Item = &'a [u8]>, source: LinkSource) {
        for der in ders {
            self.add(der, source);
        }
    }

    /// The DER of the certificate `id` in the pool.
    pub fn der_of(&self, id: &str) -> Option<Vec<u8>> {
        // A link of a path was parsed when the path was built: those are looked at first.
        let parsed = self
            .entries
            .iter()
            .find(|e| e.facts.get().is_some_and(|f| f.id == id));
        parsed
            .or_else(|| self.entries.iter().find(|e| e.facts().id == id))
            .map(|e| e.der.clone())
    }

    /// How many certificates the pool holds (one whose subject cannot be read is left out
    /// when added; one that does not parse further is counted but never used).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the pool holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether entry `parent` verifies the signature of `child` (the leaf when `None`,
    /// not remembered).
    fn verifies(&self, leaf: &Facts, child: Option<usize>, parent: usize) -> bool {
        let Some(child) = child else {
            return leaf.signed_by(self.entries[parent].facts());
        };
        if let Ok(known) = self.signatures.lock()
            && let Some(&ok) = known.get(&(child, parent))
        {
            return ok;
        }
        let ok = self.entries[child]
            .facts()
            .signed_by(self.entries[parent].facts());
        if let Ok(mut known) = self.signatures.lock() {
            known.insert((child, parent), ok);
        }
        ok
    }

    /// The caIssuers addresses of the certificate `der` and of every CA in the pool whose
    /// issuer the pool lacks: where to fetch what a path is missing.
    pub fn missing_issuer_urls(&self, der: &[u8]) -> Vec<String> {
        let Ok(leaf) = Facts::parse(der) else {
            return Vec::new();
        };
        let mut urls = Vec::new();
        let usable = || self.entries.iter().filter(|e| e.usable());
        let lacking = |f: &Facts| !f.self_issued() && !usable().any(|e| e.names(f));
        for facts in std::iter::once(&leaf).chain(usable().map(Entry::facts)) {
            if lacking(facts) {
                for url in &facts.ca_issuers {
                    if !urls.contains(url) {
                        urls.push(url.clone());
                    }
                }
            }
        }
        urls
    }

    /// Builds and validates the path of `leaf` (DER) at time `at`.
    pub fn validate(&self, leaf: &[u8], at: OffsetDateTime) -> Result<CertificateChain, Error> {
        let not_a_certificate = |detail: String| Error::NotACertificate {
            path: Default::default(),
            detail,
        };
        let leaf_facts = Facts::parse(leaf).map_err(not_a_certificate)?;
        let decoded = Certificate::from_der(leaf).map_err(|e| not_a_certificate(e.to_string()))?;
        let _ = leaf_facts.cert.set(Some(decoded));
        // A certificate that is itself in the pool (a root checked on its own) keeps the
        // source that makes it an anchor or not.
        let leaf_source = self
            .entries
            .iter()
            .find(|e| e.der == leaf)
            .map_or(LinkSource::Subject, |e| e.source);
        let at = at.replace_nanosecond(0).unwrap_or(at);
        let mut search = Search {
            pool: self,
            leaf: &leaf_facts,
            leaf_source,
            at,
            path: vec![None],
            verified: Vec::new(),
            best: None,
            budget: MAX_PATHS,
        };
        search.walk();
        let Weighed {
            path,
            verified,
            problem,
            ..
        } = search.best.unwrap_or(Weighed {
            // Never taken: the walk always weighs at least the certificate alone.
            rank: (false, false, false, 0),
            path: vec![None],
            verified: vec![false],
            problem: Some(PathProblem::IssuerNotFound { link: 0 }),
        });
        let links = path
            .iter()
            .zip(&verified)
            .enumerate()
            .map(|(i, (node, ok))| {
                let (facts, source) = match node {
                    None => (&leaf_facts, leaf_source),
                    Some(index) => (self.entries[*index].facts(), self.entries[*index].source),
                };
                let root = i + 1 == path.len() && facts.self_issued();
                ChainLink {
                    id: facts.id.clone(),
                    common_name: facts.common_name.clone(),
                    subject: facts.subject.clone(),
                    issuer: facts.issuer.clone(),
                    not_before: facts.not_before,
                    not_after: facts.not_after,
                    verified: *ok,
                    root,
                    pinned: source == LinkSource::Distribution,
                    anchor: root && *ok && source.anchors(),
                    ca: facts.ca,
                    source,
                }
            })
            .collect::<Vec<_>>();
        let complete = links.last().is_some_and(|l| l.root) && links.iter().all(|l| l.verified);
        Ok(CertificateChain {
            links,
            complete,
            valid: problem.is_none(),
            problem,
            checked_at: at,
        })
    }
}

/// How good a candidate path is: valid, ends at an anchor, fully verified, its length.
type Rank = (bool, bool, bool, usize);

/// A candidate path weighed: its rank, its links (`None` the certificate itself), whether
/// each verified, and its first problem.
struct Weighed {
    rank: Rank,
    path: Vec<Option<usize>>,
    verified: Vec<bool>,
    problem: Option<PathProblem>,
}

/// A depth-first search over the pool for the best path of one certificate.
struct Search<'a> {
    pool: &'a Pool,
    leaf: &'a Facts,
    leaf_source: LinkSource,
    at: OffsetDateTime,
    /// The path so far: `None` is the certificate itself, then pool entries.
    path: Vec<Option<usize>>,
    /// Whether each link's signature verified with the next link's key.
    verified: Vec<bool>,
    best: Option<Weighed>,
    budget: usize,
}

impl Search<'_> {
    fn facts(&self, node: Option<usize>) -> &Facts {
        match node {
            None => self.leaf,
            Some(i) => self.pool.entries[i].facts(),
        }
    }

    fn source(&self, node: Option<usize>) -> LinkSource {
        node.map_or(self.leaf_source, |i| self.pool.entries[i].source)
    }

    /// Extends the path from its last link; true once a valid path is found.
    fn walk(&mut self) -> bool {
        let current = *self.path.last().unwrap_or(&None);
        let facts = self.facts(current);
        if facts.self_issued() {
            let ok = facts.signed_by(facts);
            return self.weigh(ok);
        }
        if self.path.len() >= MAX_DEPTH {
            return self.weigh(false);
        }
        let mut named: Vec<usize> = (0..self.pool.entries.len())
            .filter(|i| !self.path.contains(&Some(*i)))
            .filter(|i| self.pool.entries[*i].names(facts) && self.pool.entries[*i].usable())
            .collect();
        // Try first the CA whose key identifier the certificate names, valid at the time,
        // from a trusted source.
        let preference = |i: &usize| {
            let e = &self.pool.entries[*i];
            let f = e.facts();
            let key_matches = facts.aki.is_some() && facts.aki == f.ski;
            let current = f.not_before <= self.at && self.at <= f.not_after;
            (!key_matches, !current, !e.source.anchors())
        };
        named.sort_by_key(preference);
        let mut any_verified = false;
        for parent in named.iter().copied() {
            if self.budget == 0 {
                break;
            }
            if !self.pool.verifies(self.leaf, current, parent) {
                continue;
            }
            any_verified = true;
            self.verified.push(true);
            self.path.push(Some(parent));
            let found = self.walk();
            self.path.pop();
            self.verified.pop();
            if found {
                return true;
            }
        }
        if any_verified {
            return false;
        }
        // No CA of that name verifies: show the first one named, not believed.
        match named.first() {
            Some(&impostor) => {
                self.path.push(Some(impostor));
                self.verified.extend([false, false]);
                let found = self.evaluate();
                self.verified.truncate(self.verified.len() - 2);
                self.path.pop();
                found
            }
            None => self.weigh(false),
        }
    }

    /// Ends the path at its last link, whose own signature verified or not.
    fn weigh(&mut self, last_verified: bool) -> bool {
        self.verified.push(last_verified);
        let found = self.evaluate();
        self.verified.pop();
        found
    }

    /// Validates the path as it stands and keeps it if it is the best so far.
    fn evaluate(&mut self) -> bool {
        self.budget = self.budget.saturating_sub(1);
        let problem = self.problem();
        let last = *self.path.last().unwrap_or(&None);
        let ends_at_anchor = self.facts(last).self_issued()
            && self.source(last).anchors()
            && self.verified.last() == Some(&true);
        let rank: Rank = (
            problem.is_none(),
            ends_at_anchor,
            self.verified.iter().all(|v| *v),
            self.path.len(),
        );
        if self.best.as_ref().is_none_or(|best| rank > best.rank) {
            self.best = Some(Weighed {
                rank,
                path: self.path.clone(),
                verified: self.verified.clone(),
                problem: problem.clone(),
            });
        }
        problem.is_none()
    }

    /// The first reason the current path fails, if any.
    fn problem(&self) -> Option<PathProblem> {
        let n = self.path.len();
        let link = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        for (i, node) in self.path.iter().enumerate() {
            let facts = self.facts(*node);
            let last = i + 1 == n;
            let at = link(i);
            if !self.verified[i] {
                return Some(if last && !facts.self_issued() {
                    PathProblem::IssuerNotFound { link: at }
                } else {
                    PathProblem::BadSignature { link: at }
                });
            }
            if self.at < facts.not_before {
                return Some(PathProblem::NotYetValid { link: at });
            }
            if self.at > facts.not_after {
                return Some(PathProblem::Expired { link: at });
            }
            if i > 0 {
                if !facts.ca {
                    return Some(PathProblem::NotACa { link: at });
                }
                if facts.cert_sign == Some(false) {
                    return Some(PathProblem::NoCertSign { link: at });
                }
                let below = (1..i)
                    .filter(|j| !self.facts(self.path[*j]).self_issued())
                    .count();
                if facts.path_len.is_some_and(|limit| below > limit as usize) {
                    return Some(PathProblem::PathTooLong { link: at });
                }
            }
            if let Some(oid) = &facts.unsupported_critical {
                return Some(PathProblem::UnsupportedCritical {
                    link: at,
                    oid: oid.clone(),
                });
            }
        }
        let root = n - 1;
        if !self.source(self.path[root]).anchors() {
            return Some(PathProblem::UntrustedRoot { link: link(root) });
        }
        self.policy_problem()
            .map(|i| PathProblem::NoPolicy { link: link(i) })
    }

    /// RFC 5280 §6.1's policy processing, without policy mappings (a path with them fails
    /// as an unsupported critical extension, or they are ignored when not critical): the
    /// link at which an explicit policy is required and none is left.
    fn policy_problem(&self) -> Option<usize> {
        let n = self.path.len();
        // The anchor (the root) is not processed; the certificates below it are, from
        // the top down.
        let mut explicit = n;
        let mut inhibit_any = n;
        let mut valid: Vec<String> = vec![ANY_POLICY.to_owned()];
        for i in (0..n - 1).rev() {
            let facts = self.facts(self.path[i]);
            let leaf = i == 0;
            let any_allowed = inhibit_any > 0 || (!leaf && facts.self_issued());
            valid = match &facts.policies {
                None => Vec::new(),
                Some(policies) => {
                    let offers_any = any_allowed && policies.iter().any(|p| p == ANY_POLICY);
                    let own: Vec<String> = policies
                        .iter()
                        .filter(|p| *p != ANY_POLICY || any_allowed)
                        .cloned()
                        .collect();
                    if valid.iter().any(|p| p == ANY_POLICY) {
                        own
                    } else if offers_any {
                        valid
                    } else {
                        valid.into_iter().filter(|p| own.contains(p)).collect()
                    }
                }
            };
            if leaf {
                explicit = explicit.saturating_sub(1);
                if facts.require_explicit == Some(0) {
                    explicit = 0;
                }
            }
            if explicit == 0 && valid.is_empty() {
                return Some(i);
            }
            if !leaf {
                if !facts.self_issued() {
                    explicit = explicit.saturating_sub(1);
                    inhibit_any = inhibit_any.saturating_sub(1);
                }
                if let Some(r) = facts.require_explicit {
                    explicit = explicit.min(r as usize);
                }
                if let Some(s) = facts.inhibit_any {
                    inhibit_any = inhibit_any.min(s as usize);
                }
            }
        }
        None
    }
}

/// Builds the chain of `leaf` (DER) from `known` CA certificates (received at issuance)
/// and `pinned` roots, validated now.
pub fn build(
    leaf: &[u8],
    known: &[Vec<u8>],
    pinned: &[Vec<u8>],
) -> Result<CertificateChain, Error> {
    let mut pool = Pool::new();
    pool.add_all(pinned.iter().map(Vec::as_slice), LinkSource::Distribution);
    pool.add_all(known.iter().map(Vec::as_slice), LinkSource::Issuance);
    pool.validate(leaf, OffsetDateTime::now_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dojang_testkit::{Subscriber, TestPki};

    #[test]
    fn the_subject_read_ahead_is_the_one_the_parser_reads_and_a_cut_certificate_has_none() {
        let pki = TestPki::new("KICA").unwrap();
        let (leaf, _) = pki.issue(&Subscriber::kica_personal("홍길동")).unwrap();
        let (root, issuing) = (pki.root.der(), pki.issuing.der());
        let bundled = super::super::anchors::KOREAN_PKI.iter().map(|b| b.der);
        for der in bundled.chain([leaf.as_slice(), root.as_slice(), issuing.as_slice()]) {
            let (_, cert) = X509Certificate::from_der(der).unwrap();
            assert_eq!(subject_of(der), Some(cert.subject().as_raw()));
            for len in [0, 1, 4, der.len() / 2, der.len() - 1] {
                assert_eq!(subject_of(&der[..len]), None, "cut at {len}");
            }
        }
        let mut pool = Pool::new();
        pool.add(b"\x30\x03\x02\x01\x01", LinkSource::CaPubs);
        pool.add(b"not a certificate", LinkSource::CaPubs);
        assert!(pool.is_empty());
    }

    #[test]
    fn a_certificate_chains_through_its_issuing_ca_to_the_pinned_root() {
        let pki = TestPki::new("KICA").unwrap();
        let (leaf, _) = pki.issue(&Subscriber::kica_personal("홍길동")).unwrap();
        let (root, issuing) = (pki.root.der(), pki.issuing.der());

        let chain = build(
            &leaf,
            std::slice::from_ref(&issuing),
            std::slice::from_ref(&root),
        )
        .unwrap();
        assert!(chain.complete && chain.valid, "{:?}", chain.problem);
        let names: Vec<_> = chain.links.iter().map(|l| l.common_name.as_str()).collect();
        assert_eq!(names[1..], ["Dojang Test CA1", "Dojang Test RootCA"]);
        assert_eq!(chain.links[0].id, certificate_id(&leaf));
        assert!(chain.links[2].root && chain.links[2].pinned && !chain.links[1].pinned);
        assert!(chain.links[2].anchor && chain.links[1].ca && !chain.links[0].ca);

        // Without the issuing CA the chain stops at the certificate, unverified.
        let chain = build(&leaf, &[], std::slice::from_ref(&root)).unwrap();
        assert!(!chain.complete);
        assert_eq!(chain.links.len(), 1);
        assert!(!chain.links[0].verified);
        assert_eq!(chain.problem, Some(PathProblem::IssuerNotFound { link: 0 }));

        // A CA of the same name with another key is shown, but not believed.
        let impostor = TestPki::new("KICA").unwrap();
        let chain = build(&leaf, &[impostor.issuing.der()], &[]).unwrap();
        assert_eq!(chain.links.len(), 2);
        assert!(!chain.links[0].verified && !chain.complete);
        assert_eq!(chain.problem, Some(PathProblem::BadSignature { link: 0 }));
    }

    #[test]
    fn the_time_checked_decides_validity_and_the_path_says_which_link_failed() {
        let pki = TestPki::new("KICA").unwrap();
        let (leaf, _) = pki.issue(&Subscriber::kica_personal("홍길동")).unwrap();
        let mut pool = Pool::new();
        pool.add(&pki.root.der(), LinkSource::Distribution);
        pool.add(&pki.issuing.der(), LinkSource::Issuance);
        let now = OffsetDateTime::now_utc();
        assert!(pool.validate(&leaf, now).unwrap().valid);
        let later = now + time::Duration::days(400);
        assert_eq!(
            pool.validate(&leaf, later).unwrap().problem,
            Some(PathProblem::Expired { link: 0 })
        );
        let earlier = now - time::Duration::days(2);
        assert_eq!(
            pool.validate(&leaf, earlier).unwrap().problem,
            Some(PathProblem::NotYetValid { link: 0 })
        );
    }

    #[test]
    fn a_root_from_a_folder_or_a_download_is_never_trusted() {
        let pki = TestPki::new("KICA").unwrap();
        let (leaf, _) = pki.issue(&Subscriber::kica_personal("홍길동")).unwrap();
        for source in [LinkSource::CaPubs, LinkSource::Aia] {
            let mut pool = Pool::new();
            pool.add(&pki.root.der(), source);
            pool.add(&pki.issuing.der(), source);
            let chain = pool.validate(&leaf, OffsetDateTime::now_utc()).unwrap();
            assert!(chain.complete && !chain.valid);
            assert!(!chain.links[2].anchor);
            assert_eq!(chain.problem, Some(PathProblem::UntrustedRoot { link: 2 }));
        }
    }
}
