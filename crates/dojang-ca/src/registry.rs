//! The CA's registry: applications, CMP transactions and certificates, behind the
//! [`Registry`] trait so that a server database can replace the embedded SQLite one.
//!
//! Every rule that must hold under concurrency is decided inside one registry call, in one
//! database transaction: an application is reserved by at most one pending enrolment, is
//! consumed only when its certificate is confirmed, and is locked after
//! [`MAX_FAILED_ATTEMPTS`] wrong codes.

use time::{Duration, OffsetDateTime};

use crate::authority::RevocationReasonName;
use crate::error::Result;

pub mod sqlite;

/// An application expires this long after it was made (docs/cmp-profile.md).
pub const APPLICATION_LIFETIME: Duration = Duration::days(30);
/// Whether a check of an application's codes may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// Go ahead: one check is reserved.
    Reserved,
    /// Locked after too many wrong codes: nothing is checked any more.
    Locked,
    /// The attempts left are all taken by checks under way: try again in a moment.
    Busy,
}

/// Wrong codes after which an application is locked.
pub const MAX_FAILED_ATTEMPTS: u32 = 5;

/// What kind of issuance an application is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationKind {
    /// 신규 발급: a first certificate.
    New,
    /// 재발급: a replacement; the subscriber's previous certificates are revoked when
    /// the new one is confirmed.
    Reissue,
}

impl ApplicationKind {
    /// `new` or `reissue`.
    pub fn name(self) -> &'static str {
        match self {
            ApplicationKind::New => "new",
            ApplicationKind::Reissue => "reissue",
        }
    }

    /// The kind of a name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "new" => Some(ApplicationKind::New),
            "reissue" => Some(ApplicationKind::Reissue),
            _ => None,
        }
    }
}

/// Where an application stands, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationState {
    /// Waiting to be used.
    Open,
    /// Its certificate was issued and confirmed.
    Issued,
    /// Locked after too many wrong codes.
    Locked,
}

impl ApplicationState {
    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            ApplicationState::Open => "open",
            ApplicationState::Issued => "issued",
            ApplicationState::Locked => "locked",
        }
    }

    fn parse(name: &str) -> Self {
        match name {
            "issued" => ApplicationState::Issued,
            "locked" => ApplicationState::Locked,
            _ => ApplicationState::Open,
        }
    }
}

/// An application to be registered.
#[derive(Clone)]
pub struct NewApplication {
    /// The application number (digits).
    pub application_number: String,
    /// The reference number (8 digits).
    pub reference_number: String,
    /// The authorization code (19 characters).
    pub authorization_code: String,
    /// The temporary code (10 characters).
    pub temporary_code: String,
    /// The applicant's name.
    pub name: String,
    /// The applicant's ID number, digits only.
    pub id_number: String,
    /// New or reissue.
    pub kind: ApplicationKind,
    /// When it was made.
    pub applied_at: OffsetDateTime,
}

/// A registered application.
#[derive(Clone)]
pub struct Application {
    /// Row ID.
    pub id: i64,
    /// What was registered.
    pub details: NewApplication,
    /// Wrong codes so far.
    pub failed_attempts: u32,
    /// As stored.
    pub state: ApplicationState,
}

impl std::fmt::Debug for Application {
    // Codes and ID numbers stay out of logs and debug output.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application")
            .field("id", &self.id)
            .field("application_number", &self.details.application_number)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

impl Application {
    /// Whether the application is past its lifetime at `now`.
    pub fn is_expired(&self, now: OffsetDateTime) -> bool {
        now >= self.details.applied_at + APPLICATION_LIFETIME
    }

    /// The state to show at `now`: `open`, `issued`, `locked` or `expired`.
    pub fn status(&self, now: OffsetDateTime) -> &'static str {
        match self.state {
            ApplicationState::Open if self.is_expired(now) => "expired",
            state => state.name(),
        }
    }
}

/// What a CMP transaction is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransactionKind {
    /// `ir`: enrolment with an application's codes.
    Enrolment,
    /// `kur`: renewal of a certificate.
    Renewal,
    /// `rr`: revocation (recorded so that a replay is refused).
    Revocation,
}

impl TransactionKind {
    fn name(self) -> &'static str {
        match self {
            TransactionKind::Enrolment => "ir",
            TransactionKind::Renewal => "kur",
            TransactionKind::Revocation => "rr",
        }
    }

    fn parse(name: &str) -> Self {
        match name {
            "kur" => TransactionKind::Renewal,
            "rr" => TransactionKind::Revocation,
            _ => TransactionKind::Enrolment,
        }
    }
}

/// Where a transaction stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransactionState {
    /// Answered; waiting for certConf.
    Pending,
    /// certConf accepted the certificate: committed.
    Confirmed,
    /// certConf rejected the certificate.
    Rejected,
    /// No certConf came in time.
    Expired,
    /// Done without a confirmation step (revocation).
    Closed,
}

impl TransactionState {
    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            TransactionState::Pending => "pending",
            TransactionState::Confirmed => "confirmed",
            TransactionState::Rejected => "rejected",
            TransactionState::Expired => "expired",
            TransactionState::Closed => "closed",
        }
    }

    fn parse(name: &str) -> Self {
        match name {
            "confirmed" => TransactionState::Confirmed,
            "rejected" => TransactionState::Rejected,
            "expired" => TransactionState::Expired,
            "closed" => TransactionState::Closed,
            _ => TransactionState::Pending,
        }
    }
}

/// A CMP transaction as the registry keeps it.
#[derive(Debug, Clone)]
pub struct Transaction {
    /// The client's transactionID.
    pub id: Vec<u8>,
    /// What for.
    pub kind: TransactionKind,
    /// The application used (enrolment).
    pub application_id: Option<i64>,
    /// The certificate renewed, revoked or protecting the request (renewal, revocation).
    pub old_serial: Option<String>,
    /// The senderKID of the request.
    pub sender_kid: Vec<u8>,
    /// The senderNonce of the CA's answer, which certConf must echo.
    pub server_nonce: Vec<u8>,
    /// The certificate issued (enrolment, renewal).
    pub serial: Option<String>,
    /// The certReqId answered.
    pub cert_req_id: i64,
    /// When it started.
    pub created_at: OffsetDateTime,
    /// When an unconfirmed certificate is withdrawn.
    pub expires_at: OffsetDateTime,
    /// Where it stands.
    pub state: TransactionState,
}

/// Where a certificate stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateState {
    /// Sent in a response, not yet confirmed.
    Pending,
    /// Confirmed and in force.
    Valid,
    /// Revoked.
    Revoked,
    /// Never confirmed (certConf rejected it or never came): not in force.
    Withdrawn,
}

impl CertificateState {
    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            CertificateState::Pending => "pending",
            CertificateState::Valid => "valid",
            CertificateState::Revoked => "revoked",
            CertificateState::Withdrawn => "withdrawn",
        }
    }

    fn parse(name: &str) -> Self {
        match name {
            "valid" => CertificateState::Valid,
            "revoked" => CertificateState::Revoked,
            "withdrawn" => CertificateState::Withdrawn,
            _ => CertificateState::Pending,
        }
    }
}

/// A certificate the CA made.
#[derive(Debug, Clone)]
pub struct CertificateRecord {
    /// Serial number, lower-case hex.
    pub serial: String,
    /// The application it was issued on (none for renewals).
    pub application_id: Option<i64>,
    /// The certificate it renews.
    pub renewed_from: Option<String>,
    /// The holder's name.
    pub name: String,
    /// The holder's ID number, digits only.
    pub id_number: String,
    /// The digits after `()` in the CN.
    pub cn_serial: String,
    /// The subject DN, RFC 4514.
    pub subject: String,
    /// DER.
    pub der: Vec<u8>,
    /// Validity start.
    pub not_before: OffsetDateTime,
    /// Validity end.
    pub not_after: OffsetDateTime,
    /// Where it stands.
    pub state: CertificateState,
    /// When it was revoked.
    pub revoked_at: Option<OffsetDateTime>,
    /// Why.
    pub revocation_reason: Option<RevocationReasonName>,
}

/// Why the registry will not start an enrolment or renewal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The application's certificate was already issued.
    AlreadyIssued,
    /// Another transaction holds the application (or certificate) and may still
    /// be confirmed.
    InProgress,
    /// The application is older than [`APPLICATION_LIFETIME`].
    Expired,
    /// Locked after too many wrong codes.
    Locked,
    /// The certificate to renew is revoked or was never confirmed.
    CertificateRevoked,
    /// The transactionID was used before.
    TransactionIdInUse,
}

/// What a certConf did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmOutcome {
    /// The certificate is in force; for a reissue, these previous certificates were
    /// revoked (superseded).
    Committed {
        /// Serials revoked by a reissue.
        revoked: Vec<String>,
    },
    /// The client rejected the certificate; it is withdrawn and the application free.
    Rejected,
    /// The transaction had expired before the certConf came.
    Expired,
    /// The transaction was already closed (confirmed, rejected or expired).
    Closed(TransactionState),
    /// No such transaction.
    Unknown,
}

/// What a revocation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeOutcome {
    /// Revoked now.
    Revoked,
    /// It was revoked before.
    AlreadyRevoked,
    /// It never came into force (pending or withdrawn).
    NotInForce,
    /// No such certificate.
    Unknown,
    /// The transactionID was used before.
    TransactionIdInUse,
}

/// The storage of the sandbox CA. Implementations make each method atomic.
pub trait Registry: Send + Sync {
    /// Reads a setting.
    fn setting(&self, key: &str) -> Result<Option<String>>;
    /// Writes a setting.
    fn set_setting(&self, key: &str, value: &str) -> Result<()>;
    /// Registers an application; `None` when one of its numbers is taken (the caller
    /// draws new ones).
    fn create_application(&self, application: &NewApplication) -> Result<Option<Application>>;
    /// The application with this reference number.
    fn application_by_reference(&self, reference_number: &str) -> Result<Option<Application>>;
    /// The application with this application number.
    fn application_by_number(&self, application_number: &str) -> Result<Option<Application>>;
    /// The application with this row ID.
    fn application(&self, id: i64) -> Result<Option<Application>>;
    /// Reserves one check of the application's codes before its MAC is checked, so that
    /// concurrent guesses cannot pass [`MAX_FAILED_ATTEMPTS`] between them: wrong codes so
    /// far and checks under way together stay within the limit. When it is
    /// [`Reservation::Locked`] or [`Reservation::Busy`], no code is checked at all.
    fn reserve_attempt(&self, application_id: i64) -> Result<Reservation>;
    /// The reserved check found the right code.
    fn release_attempt(&self, application_id: i64) -> Result<()>;
    /// The reserved check found a wrong code: it is counted, and the application is
    /// locked when the count reaches [`MAX_FAILED_ATTEMPTS`]. Returns the application as
    /// it now stands.
    fn settle_failed_attempt(&self, application_id: i64) -> Result<Option<Application>>;
    /// Forgets the checks a stopped server left under way (at the start of serving).
    fn forget_checks_in_flight(&self) -> Result<()>;
    /// Whether a transactionID was seen before.
    fn transaction_exists(&self, transaction_id: &[u8]) -> Result<bool>;
    /// Starts an enrolment on an application with a certificate made for it: refuses
    /// unless the application is open, unexpired and held by no unexpired transaction
    /// (a stale one is expired and its certificate withdrawn first).
    fn begin_enrolment(
        &self,
        transaction: &Transaction,
        certificate: &CertificateRecord,
        now: OffsetDateTime,
    ) -> Result<std::result::Result<(), Refusal>>;
    /// Starts a renewal of `transaction.old_serial`: refuses unless that certificate is
    /// valid and no unexpired renewal of it is pending.
    fn begin_renewal(
        &self,
        transaction: &Transaction,
        certificate: &CertificateRecord,
        now: OffsetDateTime,
    ) -> Result<std::result::Result<(), Refusal>>;
    /// The transaction with this ID.
    fn transaction(&self, transaction_id: &[u8]) -> Result<Option<Transaction>>;
    /// Ends a pending transaction on its certConf: commits (and, for a reissue, revokes
    /// the subscriber's previous certificates) or withdraws the certificate.
    fn confirm(
        &self,
        transaction_id: &[u8],
        accepted: bool,
        now: OffsetDateTime,
    ) -> Result<ConfirmOutcome>;
    /// The certificate with this serial (hex).
    fn certificate(&self, serial: &str) -> Result<Option<CertificateRecord>>;
    /// Revokes a certificate in force; with a transaction, records it in the same step so
    /// that a replay is refused.
    fn revoke(
        &self,
        serial: &str,
        reason: RevocationReasonName,
        now: OffsetDateTime,
        transaction: Option<&Transaction>,
    ) -> Result<RevokeOutcome>;
    /// Every application, oldest first.
    fn applications(&self) -> Result<Vec<Application>>;
    /// Every certificate, oldest first.
    fn certificates(&self) -> Result<Vec<CertificateRecord>>;
}
