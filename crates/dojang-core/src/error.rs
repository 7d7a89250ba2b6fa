//! The one error type of dojang-core.
//!
//! Each variant has a stable machine code (`code()`) and named parameters (`params()`).
//! Errors cross the IPC boundary as [`ErrorInfo`] `{ code, params }`; the UI and the CLI
//! turn the code into a Korean or English sentence. Nothing here is a user-facing sentence:
//! the `Display` texts are for logs and developers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

/// Everything that can go wrong in dojang-core.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A certificate file exists but could not be read (permissions, I/O error).
    #[error("cannot read {}: {source}", path.display())]
    CertificateFileUnreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A certificate file ends before the certificate does (a cut-off copy or download).
    #[error("{} is truncated", path.display())]
    CertificateTruncated { path: PathBuf },
    /// A file that should hold a DER certificate holds something else.
    #[error("{} is not a certificate: {detail}", path.display())]
    NotACertificate { path: PathBuf, detail: String },
    /// An NPKI certificate folder without its `signCert.der`.
    #[error("{} has no signCert.der", path.display())]
    NpkiCertificateMissing { path: PathBuf },
    /// An NPKI root that was asked for explicitly does not exist or is not a folder.
    #[error("NPKI root {} does not exist", path.display())]
    NpkiRootNotFound { path: PathBuf },
    /// A folder could not be listed.
    #[error("cannot list {}: {source}", path.display())]
    FolderUnreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A private key's PKCS#8 structure is broken.
    #[error("the private key is malformed: {detail}")]
    KeyMalformed { detail: String },
    /// A private key of an algorithm or size Dojang does not handle.
    #[error("unsupported key algorithm {oid}")]
    KeyAlgorithmUnsupported { oid: String },
    /// The system could not generate a key.
    #[error("key generation failed: {detail}")]
    KeyGenerationFailed { detail: String },
    /// The certificate password does not open the key.
    #[error("wrong certificate password")]
    WrongPassword,
    /// A key file encrypted with a scheme Dojang does not read.
    #[error("unsupported key encryption {oid}")]
    KeyEncryptionUnsupported { oid: String },
    /// A key file (signPri.key, kmPri.key) that is not an encrypted private key.
    #[error("{} is not a readable key file: {detail}", path.display())]
    KeyFileMalformed { path: PathBuf, detail: String },
    /// A new certificate password breaks one of the rules.
    #[error("the password breaks the rule {rule:?}")]
    PasswordRule { rule: crate::password::PasswordRule },
    /// No certificate with this ID (or ID prefix) is stored.
    #[error("no certificate {id}")]
    CertificateNotFound { id: String },
    /// An ID prefix that matches more than one certificate.
    #[error("{id} matches more than one certificate")]
    CertificateIdAmbiguous { id: String },
    /// The private key does not belong to the certificate.
    #[error("the private key does not belong to the certificate")]
    KeyCertificateMismatch,
    /// An NPKI folder with a certificate but no signPri.key.
    #[error("{} has no signPri.key", path.display())]
    NpkiKeyMissing { path: PathBuf },
    /// The destination already holds this certificate.
    #[error("{} already holds this certificate", path.display())]
    AlreadyStored { path: PathBuf },
    /// The disk or drive is full.
    #[error("{} is full", path.display())]
    DiskFull { path: PathBuf },
    /// The folder or drive cannot be written (read-only USB stick, permissions).
    #[error("{} cannot be written", path.display())]
    ReadOnly { path: PathBuf },
    /// Writing failed for another reason.
    #[error("writing {} failed: {source}", path.display())]
    WriteFailed {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The OS keychain cannot be used (locked, missing, refused).
    #[error("the keychain is unavailable: {detail}")]
    KeychainUnavailable { detail: String },
    /// The keychain no longer holds the wrapping key of a stored certificate.
    #[error("the keychain entry of {id} is missing")]
    KeychainEntryMissing { id: String },
    /// The PKCS#12 password is wrong.
    #[error("wrong PKCS#12 password")]
    PfxWrongPassword,
    /// A PKCS#12 file without an integrity MAC, which Dojang refuses to trust.
    #[error("the PKCS#12 file has no MAC")]
    PfxNoMac,
    /// A PKCS#12 file without a private key.
    #[error("the PKCS#12 file holds no private key")]
    PfxNoKey,
    /// A PKCS#12 file with more than one private key: which one is meant is unclear.
    #[error("the PKCS#12 file holds {count} private keys")]
    PfxSeveralKeys { count: usize },
    /// A PKCS#12 file without the certificate of its key.
    #[error("the PKCS#12 file holds no certificate for its key")]
    PfxNoCertificate,
    /// A file that is not PKCS#12.
    #[error("not a PKCS#12 file: {detail}")]
    PfxMalformed { detail: String },
    /// The certificate carries no identity data (VID) to check against.
    #[error("the certificate carries no identity data")]
    IdentityDataMissing,
    /// The private key carries no randomNum, which the identity check needs.
    #[error("the private key carries no randomNum")]
    RandomNumMissing,
    /// An ID number (resident or business registration number) that is not well-formed.
    #[error("malformed ID number")]
    IdNumberMalformed,
    /// A code with the wrong number of characters (after spaces and hyphens are dropped).
    #[error("{field:?} has {actual} characters, not {expected}")]
    CodeLength {
        field: crate::codes::CodeField,
        expected: usize,
        actual: usize,
    },
    /// A code with a character that is not an ASCII letter or digit.
    #[error("{field:?} contains {character:?}")]
    CodeCharacter {
        field: crate::codes::CodeField,
        character: char,
    },
    /// The first 8 characters of a registration number (the reference number) must be digits.
    #[error("the reference number is not 8 digits")]
    ReferenceNumberNotDigits,
    /// An application number that is not digits.
    #[error("malformed application number")]
    ApplicationNumberMalformed,
    /// A CA address that is not a URL Dojang can use.
    #[error("malformed CA address {url}")]
    CaUrlMalformed { url: String },
    /// A CA address over plain HTTP to another machine: refused, TLS is required.
    #[error("the CA address {url} is not HTTPS")]
    CaUrlInsecure { url: String },
    /// A CA the distribution does not list: codes and keys go only to the distribution's
    /// CAs (or, in a build without any, to one the person accepted after a warning).
    #[error("the CA at {host} is not one of this distribution's CAs")]
    CaNotListed { url: String, host: String },
    /// The CA answered with an HTTP redirect, which Dojang never follows.
    #[error("the CA answered with a redirect (HTTP {status})")]
    CaRedirected { status: u16 },
    /// The CA's answer is larger than any CMP answer needs to be.
    #[error("the CA's answer is larger than {limit} bytes")]
    CaResponseTooLarge { limit: u64 },
    /// Something that should be a file is a folder, a device, a pipe or a link.
    #[error("{} is not a regular file", path.display())]
    FileNotRegular { path: PathBuf },
    /// A file larger than any file of its kind needs to be.
    #[error("{} is larger than {limit} bytes", path.display())]
    FileTooLarge { path: PathBuf, limit: u64 },
    /// The platform names no folder for application data, and none was given.
    #[error("no data folder: the platform names none and DOJANG_DATA_DIR is not set")]
    DataDirUnknown,
    /// An issue.html without a `dojang://issue?` link.
    #[error("no issuance link in the invitation")]
    InvitationLinkMissing,
    /// A `dojang://issue?` link without its CA or application.
    #[error("the invitation link is malformed")]
    InvitationMalformed,
    /// The CA could not be reached (connection refused, timeout, TLS failure).
    #[error("the CA could not be reached: {detail}")]
    CaUnreachable { detail: String },
    /// The CA answered with an HTTP error and no CMP message.
    #[error("the CA answered HTTP {status}")]
    CaHttpStatus { status: u16 },
    /// The CA's answer is not a CMP message Dojang can use.
    #[error("the CA's answer is malformed: {detail}")]
    CaResponseMalformed { detail: String },
    /// The CA's answer failed its checks (protection, transaction, nonces): not believed.
    #[error("the CA's answer could not be verified: {detail}")]
    CaResponseUnverified { detail: String },
    /// The CA refused, with one of the profile's reason codes when it gave one.
    #[error("the CA refused: {detail}")]
    CaRefused {
        reason: Option<crate::cmp::ReasonCode>,
        detail: String,
        /// Whether the refusal's protection verified (the CA that holds our codes or
        /// issued our certificate said it). An unauthenticated refusal is shown, but
        /// changes nothing Dojang keeps: anyone on the path could have sent it.
        authenticated: bool,
    },
    /// A store name that is none of `keychain`, `npki`, `npki:DIR`.
    #[error("unknown store {name}")]
    StoreUnknown { name: String },
    /// The identity check ran and the ID number is not the certificate holder's.
    #[error("the ID number does not match the certificate")]
    IdentityMismatch,
    /// A business registration number whose check digit does not hold (a typo).
    #[error("the business number's check digit is wrong")]
    BusinessNumberCheckDigit,
    /// The distribution file could not be read.
    #[error("cannot read the distribution file {}: {detail}", path.display())]
    DistributionUnreadable { path: PathBuf, detail: String },
    /// The distribution file is not valid (syntax, a missing or wrong value, a logo or root
    /// that cannot be used).
    #[error("the distribution file {} is invalid: {detail}", path.display())]
    DistributionInvalid { path: PathBuf, detail: String },
    /// No CA address is known for a certificate (not issued here, and the distribution
    /// names no CA for its issuer).
    #[error("no CA address is known for certificate {id}")]
    CaUnknown { id: String },
    /// Renewal opens in the last days of a certificate's validity.
    #[error("renewal opens {opens_in_days} days from now")]
    RenewalTooEarly { days_left: i64, opens_in_days: i64 },
    /// A file handed to Dojang that is none of the kinds it opens.
    #[error("{} is not a file Dojang opens", path.display())]
    FileTypeUnsupported { path: PathBuf },
    /// An expired (or not yet valid) certificate cannot be renewed: it must be reissued.
    #[error("an expired certificate cannot be renewed")]
    RenewalExpired,
}

impl Error {
    /// The stable machine code of this error; the UI and CLI catalogs are keyed by it.
    pub fn code(&self) -> &'static str {
        match self {
            Error::CertificateFileUnreadable { .. } => "certificate-file-unreadable",
            Error::CertificateTruncated { .. } => "certificate-truncated",
            Error::NotACertificate { .. } => "not-a-certificate",
            Error::NpkiCertificateMissing { .. } => "npki-certificate-missing",
            Error::NpkiRootNotFound { .. } => "npki-root-not-found",
            Error::FolderUnreadable { .. } => "folder-unreadable",
            Error::KeyMalformed { .. } => "key-malformed",
            Error::KeyAlgorithmUnsupported { .. } => "key-algorithm-unsupported",
            Error::KeyGenerationFailed { .. } => "key-generation-failed",
            Error::WrongPassword => "wrong-password",
            Error::KeyEncryptionUnsupported { .. } => "key-encryption-unsupported",
            Error::KeyFileMalformed { .. } => "key-file-malformed",
            Error::PasswordRule { rule } => rule.code(),
            Error::CertificateNotFound { .. } => "certificate-not-found",
            Error::CertificateIdAmbiguous { .. } => "certificate-id-ambiguous",
            Error::KeyCertificateMismatch => "key-certificate-mismatch",
            Error::NpkiKeyMissing { .. } => "npki-key-missing",
            Error::AlreadyStored { .. } => "already-stored",
            Error::DiskFull { .. } => "disk-full",
            Error::ReadOnly { .. } => "read-only",
            Error::WriteFailed { .. } => "write-failed",
            Error::KeychainUnavailable { .. } => "keychain-unavailable",
            Error::KeychainEntryMissing { .. } => "keychain-entry-missing",
            Error::PfxWrongPassword => "pfx-wrong-password",
            Error::PfxNoMac => "pfx-no-mac",
            Error::PfxNoKey => "pfx-no-key",
            Error::PfxSeveralKeys { .. } => "pfx-several-keys",
            Error::PfxNoCertificate => "pfx-no-certificate",
            Error::PfxMalformed { .. } => "pfx-malformed",
            Error::IdentityDataMissing => "identity-data-missing",
            Error::RandomNumMissing => "random-num-missing",
            Error::IdNumberMalformed => "id-number-malformed",
            Error::BusinessNumberCheckDigit => "business-number-check-digit",
            Error::IdentityMismatch => "identity-mismatch",
            Error::StoreUnknown { .. } => "store-unknown",
            Error::CodeLength { field, .. } => match field {
                crate::codes::CodeField::RegistrationNumber => "registration-number-length",
                crate::codes::CodeField::TemporaryCode => "temporary-code-length",
            },
            Error::CodeCharacter { field, .. } => match field {
                crate::codes::CodeField::RegistrationNumber => "registration-number-character",
                crate::codes::CodeField::TemporaryCode => "temporary-code-character",
            },
            Error::ReferenceNumberNotDigits => "reference-number-not-digits",
            Error::CaUrlMalformed { .. } => "ca-url-malformed",
            Error::CaUrlInsecure { .. } => "ca-url-insecure",
            Error::InvitationLinkMissing => "invitation-link-missing",
            Error::CaNotListed { .. } => "ca-not-listed",
            Error::CaRedirected { .. } => "ca-redirected",
            Error::CaResponseTooLarge { .. } => "ca-response-too-large",
            Error::FileNotRegular { .. } => "file-not-regular",
            Error::FileTooLarge { .. } => "file-too-large",
            Error::DataDirUnknown => "data-dir-unknown",
            Error::CaUnreachable { .. } => "ca-unreachable",
            Error::CaHttpStatus { .. } => "ca-http-status",
            Error::CaResponseMalformed { .. } => "ca-response-malformed",
            Error::CaResponseUnverified { .. } => "ca-response-unverified",
            Error::CaRefused { reason, .. } => match reason {
                Some(crate::cmp::ReasonCode::WrongCode) => "ca-wrong-code",
                Some(crate::cmp::ReasonCode::AlreadyIssued) => "ca-already-issued",
                Some(crate::cmp::ReasonCode::ApplicationExpired) => "ca-application-expired",
                Some(crate::cmp::ReasonCode::TooManyAttempts) => "ca-too-many-attempts",
                Some(crate::cmp::ReasonCode::RenewalNotDue) => "ca-renewal-not-due",
                Some(crate::cmp::ReasonCode::CertificateRevoked) => "ca-certificate-revoked",
                Some(crate::cmp::ReasonCode::BadRequest) => "ca-bad-request",
                Some(crate::cmp::ReasonCode::Unavailable) => "ca-unavailable",
                None => "ca-refused",
            },
            Error::InvitationMalformed => "invitation-malformed",
            Error::ApplicationNumberMalformed => "application-number-malformed",
            Error::DistributionUnreadable { .. } => "distribution-unreadable",
            Error::DistributionInvalid { .. } => "distribution-invalid",
            Error::CaUnknown { .. } => "ca-unknown",
            Error::RenewalTooEarly { .. } => "renewal-too-early",
            Error::RenewalExpired => "renewal-expired",
            Error::FileTypeUnsupported { .. } => "file-type-unsupported",
        }
    }

    /// The named values a message may show (paths, details), as strings.
    pub fn params(&self) -> BTreeMap<String, String> {
        let path = |p: &Path| ("path".to_owned(), p.display().to_string());
        let mut params = BTreeMap::new();
        match self {
            Error::CertificateFileUnreadable { path: p, source }
            | Error::FolderUnreadable { path: p, source } => {
                params.extend([path(p), ("detail".to_owned(), source.to_string())]);
            }
            Error::NotACertificate { path: p, detail } => {
                params.extend([path(p), ("detail".to_owned(), detail.clone())]);
            }
            Error::CertificateTruncated { path: p }
            | Error::NpkiCertificateMissing { path: p }
            | Error::NpkiRootNotFound { path: p }
            | Error::NpkiKeyMissing { path: p }
            | Error::AlreadyStored { path: p }
            | Error::DiskFull { path: p }
            | Error::ReadOnly { path: p }
            | Error::FileTypeUnsupported { path: p }
            | Error::FileNotRegular { path: p } => {
                params.extend([path(p)]);
            }
            Error::WriteFailed { path: p, source } => {
                params.extend([path(p), ("detail".to_owned(), source.to_string())]);
            }
            Error::KeyFileMalformed { path: p, detail }
            | Error::DistributionUnreadable { path: p, detail }
            | Error::DistributionInvalid { path: p, detail } => {
                params.extend([path(p), ("detail".to_owned(), detail.clone())]);
            }
            Error::KeyMalformed { detail }
            | Error::KeyGenerationFailed { detail }
            | Error::KeychainUnavailable { detail }
            | Error::PfxMalformed { detail } => {
                params.insert("detail".to_owned(), detail.clone());
            }
            Error::KeyAlgorithmUnsupported { oid } | Error::KeyEncryptionUnsupported { oid } => {
                params.insert("oid".to_owned(), oid.clone());
            }
            Error::CertificateNotFound { id }
            | Error::CertificateIdAmbiguous { id }
            | Error::KeychainEntryMissing { id }
            | Error::CaUnknown { id } => {
                params.insert("id".to_owned(), id.clone());
            }
            Error::CodeLength {
                expected, actual, ..
            } => {
                params.insert("expected".to_owned(), expected.to_string());
                params.insert("actual".to_owned(), actual.to_string());
            }
            Error::CodeCharacter { character, .. } => {
                params.insert("character".to_owned(), character.to_string());
            }
            Error::CaUrlMalformed { url } | Error::CaUrlInsecure { url } => {
                params.insert("url".to_owned(), url.clone());
            }
            Error::CaUnreachable { detail }
            | Error::CaResponseMalformed { detail }
            | Error::CaResponseUnverified { detail }
            | Error::CaRefused { detail, .. } => {
                params.insert("detail".to_owned(), detail.clone());
            }
            Error::FileTooLarge { path: p, limit } => {
                params.extend([path(p), ("limit".to_owned(), limit.to_string())]);
            }
            Error::CaNotListed { url, host } => {
                params.insert("url".to_owned(), url.clone());
                params.insert("host".to_owned(), host.clone());
            }
            Error::CaResponseTooLarge { limit } => {
                params.insert("limit".to_owned(), limit.to_string());
            }
            Error::CaHttpStatus { status } | Error::CaRedirected { status } => {
                params.insert("status".to_owned(), status.to_string());
            }
            Error::StoreUnknown { name } => {
                params.insert("store".to_owned(), name.clone());
            }
            Error::RenewalTooEarly {
                days_left,
                opens_in_days,
            } => {
                params.insert("days_left".to_owned(), days_left.to_string());
                params.insert("opens_in_days".to_owned(), opens_in_days.to_string());
            }
            Error::PfxSeveralKeys { count } => {
                params.insert("count".to_owned(), count.to_string());
            }
            Error::PasswordRule { .. }
            | Error::WrongPassword
            | Error::KeyCertificateMismatch
            | Error::PfxWrongPassword
            | Error::PfxNoMac
            | Error::PfxNoKey
            | Error::PfxNoCertificate
            | Error::IdentityDataMissing
            | Error::RandomNumMissing
            | Error::IdNumberMalformed
            | Error::BusinessNumberCheckDigit
            | Error::IdentityMismatch
            | Error::ReferenceNumberNotDigits
            | Error::ApplicationNumberMalformed
            | Error::InvitationLinkMissing
            | Error::InvitationMalformed
            | Error::RenewalExpired
            | Error::DataDirUnknown => {}
        }
        params
    }

    /// A malformed private key, from the DER layer's error.
    pub(crate) fn key_malformed(e: der::Error) -> Error {
        Error::KeyMalformed {
            detail: e.to_string(),
        }
    }

    /// The error for a failed write to `path`: a full disk and a read-only drive are told
    /// apart, because the user can do something about each.
    pub fn from_write(path: &Path, source: std::io::Error) -> Error {
        use std::io::ErrorKind;
        let path = path.to_owned();
        match source.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Error::DiskFull { path },
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => Error::ReadOnly { path },
            _ => Error::WriteFailed { path, source },
        }
    }

    /// The `{ code, params }` form that crosses the IPC boundary and the CLI's JSON output.
    pub fn info(&self) -> ErrorInfo {
        ErrorInfo {
            code: self.code().to_owned(),
            params: self.params(),
        }
    }
}

/// An error as it crosses the IPC boundary: a stable code and its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ErrorInfo {
    /// The stable machine code, e.g. `certificate-truncated`.
    pub code: String,
    /// Named values for the message, e.g. `path`.
    pub params: BTreeMap<String, String>,
}

impl From<&Error> for ErrorInfo {
    fn from(e: &Error) -> Self {
        e.info()
    }
}

impl From<Error> for ErrorInfo {
    fn from(e: Error) -> Self {
        e.info()
    }
}
