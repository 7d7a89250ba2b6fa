//! The one error type of dojang-core.
//!
//! Each variant has a stable machine code (`code()`) and named parameters (`params()`).
//! Errors cross the IPC boundary as [`ErrorInfo`] `{ code, params }`; the UI and the CLI
//! turn the code into a Korean or English sentence. Nothing here is a user-facing sentence:
//! the `Display` texts are for logs and developers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Declares [`ErrorCode`] from one table: variant, wire code, domain, description. Every
/// code any host reports is here, once.
macro_rules! error_codes {
    ($(($variant:ident, $code:literal, $domain:ident, $doc:literal),)*) => {
        /// The stable machine code of an error, as it crosses the IPC boundary, prints in
        /// the CLI's JSON and keys the message catalog (`data/errors.json`). Every code any
        /// host reports is one of these.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "kebab-case")]
        #[ts(export)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $(#[doc = $doc] $variant,)*
        }

        impl ErrorCode {
            /// Every code, in the table's order.
            pub const ALL: &[ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as it is written (`certificate-truncated`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }

            /// What the error is about, for grouping and for the next step a screen
            /// offers.
            pub fn domain(self) -> ErrorDomain {
                match self {
                    $(ErrorCode::$variant => ErrorDomain::$domain,)*
                }
            }
        }
    };
}

error_codes! {
    (CertificateFileUnreadable, "certificate-file-unreadable", File, "A file exists but could not be read."),
    (CertificateTruncated, "certificate-truncated", File, "A certificate file ends before the certificate does."),
    (NotACertificate, "not-a-certificate", File, "A file that should hold a certificate holds something else."),
    (NpkiCertificateMissing, "npki-certificate-missing", File, "An NPKI certificate folder without its signCert.der."),
    (NpkiRootNotFound, "npki-root-not-found", File, "An NPKI root that was asked for does not exist."),
    (FolderUnreadable, "folder-unreadable", File, "A folder could not be listed."),
    (FileNotRegular, "file-not-regular", File, "A pipe, device, link or folder where a regular file was expected."),
    (FileTooLarge, "file-too-large", File, "A file larger than any file of its kind needs to be."),
    (FileTypeUnsupported, "file-type-unsupported", File, "A file handed to Dojang that is none of the kinds it opens."),
    (KeyMalformed, "key-malformed", Key, "A private key's PKCS#8 structure is broken."),
    (KeyAlgorithmUnsupported, "key-algorithm-unsupported", Key, "A private key of an algorithm or size Dojang does not handle."),
    (KeyGenerationFailed, "key-generation-failed", Key, "The system could not generate a key."),
    (KeyEncryptionUnsupported, "key-encryption-unsupported", Key, "A key file encrypted with a scheme Dojang does not read."),
    (KeyFileMalformed, "key-file-malformed", Key, "A key file that is not an encrypted private key."),
    (KeyCertificateMismatch, "key-certificate-mismatch", Key, "The private key does not belong to the certificate."),
    (NpkiKeyMissing, "npki-key-missing", Key, "An NPKI folder with a certificate but no signPri.key."),
    (RandomNumMissing, "random-num-missing", Key, "The private key carries no randomNum."),
    (WrongPassword, "wrong-password", Password, "The certificate password does not open the key."),
    (PasswordTooShort, "password-too-short", Password, "A new password shorter than the rules allow."),
    (PasswordNeedsLetter, "password-needs-letter", Password, "A new password without a letter."),
    (PasswordNeedsDigit, "password-needs-digit", Password, "A new password without a digit."),
    (PasswordNeedsSpecial, "password-needs-special", Password, "A new password without a special character."),
    (PasswordForbiddenCharacter, "password-forbidden-character", Password, "A new password with one of the four characters other NPKI software cannot take."),
    (PasswordSequential, "password-sequential", Password, "A new password with three characters in sequence."),
    (PasswordRepeated, "password-repeated", Password, "A new password with a character three times in a row."),
    (PasswordInput, "password-input", Password, "A password could not be read (the terminal or standard input failed)."),
    (PasswordsDiffer, "passwords-differ", Password, "A new password typed twice differently."),
    (CertificateNotFound, "certificate-not-found", Store, "No certificate with this ID is stored."),
    (CertificateIdAmbiguous, "certificate-id-ambiguous", Store, "An ID prefix that matches more than one certificate."),
    (AlreadyStored, "already-stored", Store, "The destination already holds this certificate."),
    (DiskFull, "disk-full", Store, "The disk or drive is full."),
    (ReadOnly, "read-only", Store, "The folder or drive cannot be written."),
    (WriteFailed, "write-failed", Store, "Writing failed for another reason."),
    (KeychainUnavailable, "keychain-unavailable", Store, "The OS keychain cannot be used."),
    (KeychainEntryMissing, "keychain-entry-missing", Store, "The keychain no longer holds a certificate's wrapping key."),
    (StoreUnknown, "store-unknown", Store, "A store name that is none of keychain, npki, npki:DIR."),
    (DataDirUnknown, "data-dir-unknown", Store, "There is no folder for the app's data."),
    (PfxWrongPassword, "pfx-wrong-password", Pfx, "The PKCS#12 password is wrong."),
    (PfxNoMac, "pfx-no-mac", Pfx, "A PKCS#12 file without an integrity MAC."),
    (PfxNoKey, "pfx-no-key", Pfx, "A PKCS#12 file without a private key."),
    (PfxSeveralKeys, "pfx-several-keys", Pfx, "A PKCS#12 file with more than one private key."),
    (PfxNoCertificate, "pfx-no-certificate", Pfx, "A PKCS#12 file without the certificate of its key."),
    (PfxMalformed, "pfx-malformed", Pfx, "A file that is not PKCS#12."),
    (IdentityDataMissing, "identity-data-missing", Identity, "The certificate carries no identity data (VID)."),
    (IdentityMismatch, "identity-mismatch", Identity, "The ID number is not the certificate holder's."),
    (SignatureMalformed, "signature-malformed", Signature, "A file that is not a CMS signature Dojang reads."),
    (SignatureContentMissing, "signature-content-missing", Signature, "A detached signature checked without the content it signs."),
    (SignatureSignerMissing, "signature-signer-missing", Signature, "A signature that does not carry its signer's certificate."),
    (SignatureInvalid, "signature-invalid", Signature, "A signature that does not verify: the content or the signature was changed."),
    (EnvelopeMalformed, "envelope-malformed", Signature, "An EnvelopedData that is not one Dojang makes, or not for this key."),
    (EnvelopeRecipientUnsupported, "envelope-recipient-unsupported", Signature, "A certificate an envelope cannot be sealed to (not RSA of 2048 bits or more)."),
    (SignLinkMalformed, "sign-link-malformed", Site, "A dojang://sign? link without a request URL."),
    (SiteInsecure, "site-insecure", Site, "A signing request over plain HTTP where that is not allowed."),
    (SiteNotListed, "site-not-listed", Site, "A site the distribution does not serve, under a policy that refuses others."),
    (SiteUnreachable, "site-unreachable", Site, "The site asking for a signature could not be reached."),
    (SiteRedirected, "site-redirected", Site, "The site answered with a redirect, which is never followed."),
    (SiteHttpStatus, "site-http-status", Site, "The site answered with an HTTP error."),
    (SignRequestTooLarge, "sign-request-too-large", Site, "A signing request larger than any needs to be."),
    (SignRequestMalformed, "sign-request-malformed", Site, "A signing request that does not follow the protocol."),
    (SignRequestVersion, "sign-request-version", Site, "A signing request of a protocol version Dojang does not speak."),
    (SignRequestExpired, "sign-request-expired", Site, "A signing request past its expiry."),
    (SignCallbackOrigin, "sign-callback-origin", Site, "A signing request whose answer would go to another site."),
    (SignNoCertificate, "sign-no-certificate", Site, "No certificate here is one the site accepts."),
    (SignRequestGone, "sign-request-gone", Site, "A signing request already answered or closed."),
    (IdNumberMalformed, "id-number-malformed", Codes, "An ID number that is not well-formed."),
    (BusinessNumberCheckDigit, "business-number-check-digit", Codes, "A business registration number whose check digit is wrong."),
    (RegistrationNumberLength, "registration-number-length", Codes, "A registration number with the wrong number of characters."),
    (RegistrationNumberCharacter, "registration-number-character", Codes, "A registration number with a character that is not a letter or digit."),
    (ReferenceNumberNotDigits, "reference-number-not-digits", Codes, "A registration number whose first 8 characters are not digits."),
    (TemporaryCodeLength, "temporary-code-length", Codes, "A temporary code with the wrong number of characters."),
    (TemporaryCodeCharacter, "temporary-code-character", Codes, "A temporary code with a character that is not a letter or digit."),
    (ApplicationNumberMalformed, "application-number-malformed", Codes, "An application number that is not digits."),
    (InvitationLinkMissing, "invitation-link-missing", Invitation, "An issue.html without a dojang://issue? link."),
    (InvitationMalformed, "invitation-malformed", Invitation, "A dojang://issue? link without its CA or application."),
    (CaUrlMalformed, "ca-url-malformed", CaAddress, "A CA address that is not a URL Dojang can use."),
    (CaUrlInsecure, "ca-url-insecure", CaAddress, "A CA address over plain HTTP where that is not allowed."),
    (CaNotListed, "ca-not-listed", CaAddress, "A CA the distribution does not list."),
    (CaUnknown, "ca-unknown", CaAddress, "No CA address is known for a certificate."),
    (CaUnreachable, "ca-unreachable", Ca, "The CA could not be reached."),
    (CaHttpStatus, "ca-http-status", Ca, "The CA answered with an HTTP error and no CMP message."),
    (CaRedirected, "ca-redirected", Ca, "The CA answered with a redirect, which is never followed."),
    (CaResponseMalformed, "ca-response-malformed", Ca, "The CA's answer is not a CMP message Dojang can use."),
    (CaResponseTooLarge, "ca-response-too-large", Ca, "The CA's answer is larger than any CMP answer needs to be."),
    (CaResponseUnverified, "ca-response-unverified", Ca, "The CA's answer failed its checks."),
    (CaWrongCode, "ca-wrong-code", Ca, "The CA says the codes are wrong."),
    (CaAlreadyIssued, "ca-already-issued", Ca, "The CA says a certificate was already issued for the codes."),
    (CaApplicationExpired, "ca-application-expired", Ca, "The CA says the application lapsed."),
    (CaTooManyAttempts, "ca-too-many-attempts", Ca, "The CA says the application is locked after wrong tries."),
    (CaRenewalNotDue, "ca-renewal-not-due", Ca, "The CA says renewal is not open."),
    (CaCertificateRevoked, "ca-certificate-revoked", Ca, "The CA says the certificate is revoked."),
    (CaBadRequest, "ca-bad-request", Ca, "The CA says the request is malformed."),
    (CaUnavailable, "ca-unavailable", Ca, "The CA says it is in trouble."),
    (CaRefused, "ca-refused", Ca, "The CA refused without a reason code of the profile."),
    (DistributionUnreadable, "distribution-unreadable", Distribution, "The distribution file could not be read."),
    (DistributionInvalid, "distribution-invalid", Distribution, "The distribution file is not valid."),
    (RenewalTooEarly, "renewal-too-early", Renewal, "Renewal opens in the last days of a certificate's validity."),
    (RenewalExpired, "renewal-expired", Renewal, "An expired certificate cannot be renewed."),
    (ConfirmationNeeded, "confirmation-needed", App, "A destructive command without a confirmation (dojang delete without --yes, off a terminal)."),
    (DemoFailed, "demo-failed", App, "dojang demo could not set up its sandbox."),
    (Internal, "internal", App, "Something went wrong inside the app (a bug): details to copy."),
    (UpdateCheckFailed, "update-check-failed", App, "The update server could not be asked."),
    (UpdateInstallFailed, "update-install-failed", App, "An update could not be installed."),
    (UpdatesNotConfigured, "updates-not-configured", App, "This build has no update server."),
    (NotificationFailed, "notification-failed", App, "The desktop refused a notification."),
}

/// What an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ErrorDomain {
    /// A file or folder (certificate files, NPKI folders, anything opened).
    File,
    /// A private key or key file.
    Key,
    /// A certificate password, existing or new.
    Password,
    /// Where certificates are kept: stores, the keychain, drives.
    Store,
    /// A PKCS#12 file.
    Pfx,
    /// The identity check.
    Identity,
    /// What a person types: registration number, temporary code, application and ID
    /// numbers.
    Codes,
    /// An issue.html or `dojang:` link.
    Invitation,
    /// Which CA to talk to: its address and whether it may be used.
    CaAddress,
    /// The CA's answer, or its absence.
    Ca,
    /// The distribution file.
    Distribution,
    /// Renewal's own rules.
    Renewal,
    /// A signature made or checked.
    Signature,
    /// A site asking for a signature: its link, its request, its answer.
    Site,
    /// The app or command line itself.
    App,
}

/// A code compares equal to its written form (`ErrorCode::WrongPassword == "wrong-password"`),
/// as tests and the CLI's JSON see it.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A language of the shared message catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// 한국어, the default.
    Ko,
    /// English.
    En,
}

/// The sentence of every error code in Korean and English, with `{name}` placeholders
/// for its parameters: one catalog, which the window imports and the command line
/// embeds. A missing sentence fails the UI's type check and this crate's tests.
pub const MESSAGES_JSON: &str = include_str!("../data/errors.json");

#[derive(Deserialize)]
struct Messages {
    ko: BTreeMap<ErrorCode, String>,
    en: BTreeMap<ErrorCode, String>,
}

fn messages() -> &'static Messages {
    static MESSAGES: std::sync::OnceLock<Messages> = std::sync::OnceLock::new();
    MESSAGES.get_or_init(|| {
        // The catalog is part of this crate, checked by its tests.
        serde_json::from_str(MESSAGES_JSON).unwrap_or(Messages {
            ko: BTreeMap::new(),
            en: BTreeMap::new(),
        })
    })
}

/// The sentence for `code` in `language`, placeholders unfilled; the code itself when the
/// catalog has none (the tests make sure it has).
pub fn message(code: ErrorCode, language: Language) -> &'static str {
    let catalog = match language {
        Language::Ko => &messages().ko,
        Language::En => &messages().en,
    };
    catalog.get(&code).map_or(code.as_str(), String::as_str)
}

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
    /// Not a CMS signed-data message Dojang reads.
    #[error("not a signature Dojang reads: {detail}")]
    SignatureMalformed { detail: String },
    /// A detached signature, and no content to check it against.
    #[error("a detached signature needs its content")]
    SignatureContentMissing,
    /// The signature names a signer whose certificate it does not carry.
    #[error("the signer's certificate is not in the signature")]
    SignatureSignerMissing,
    /// The signature does not verify (`what`: `digest`, `content-type` or `signature`).
    #[error("the signature does not verify ({what})")]
    SignatureInvalid { what: String },
    /// An envelope that is not one Dojang makes, or not sealed to this key.
    #[error("the envelope cannot be opened: {detail}")]
    EnvelopeMalformed { detail: String },
    /// A certificate an envelope cannot be sealed to.
    #[error("cannot seal to a {algorithm} certificate")]
    EnvelopeRecipientUnsupported { algorithm: String },
    /// A `dojang://sign?` link without a request URL Dojang can use.
    #[error("not a signing link: {link}")]
    SignLinkMalformed { link: String },
    /// A signing request over plain HTTP, which only a sandbox distribution accepts (to
    /// loopback), or a URL of another scheme.
    #[error("the signing request {url} is not over HTTPS")]
    SiteInsecure { url: String },
    /// A site the distribution does not serve, under a policy that refuses others.
    #[error("{origin} is not a site this build serves")]
    SiteNotListed { origin: String },
    /// The site could not be reached (or broke off).
    #[error("the site could not be reached: {detail}")]
    SiteUnreachable { detail: String },
    /// The site answered with a redirect, which is never followed.
    #[error("the site redirected ({status})")]
    SiteRedirected { status: u16 },
    /// The site answered with an HTTP error.
    #[error("the site answered HTTP {status}")]
    SiteHttpStatus { status: u16 },
    /// A signing request larger than `limit` bytes.
    #[error("the signing request is larger than {limit} bytes")]
    SignRequestTooLarge { limit: u64 },
    /// A signing request that does not follow the protocol.
    #[error("the signing request is malformed: {detail}")]
    SignRequestMalformed { detail: String },
    /// A signing request of a version Dojang does not speak.
    #[error("signing request version {version} is not supported")]
    SignRequestVersion { version: String },
    /// A signing request past its expiry.
    #[error("the signing request expired at {expired}")]
    SignRequestExpired { expired: String },
    /// A callback on another origin than the request's.
    #[error("the answer would go to {callback}, not to {origin}")]
    SignCallbackOrigin { callback: String, origin: String },
    /// No certificate here is one the site accepts.
    #[error("no certificate fits the request")]
    SignNoCertificate,
    /// A signing request already answered or closed.
    #[error("the signing request was already answered")]
    SignRequestGone,
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
    /// The stable code of this error and the named values its message may show (paths,
    /// details), from one match.
    fn describe(&self) -> (ErrorCode, BTreeMap<String, String>) {
        use ErrorCode as C;
        let path = |p: &Path| ("path".to_owned(), p.display().to_string());
        let text = |name: &str, value: &dyn std::fmt::Display| (name.to_owned(), value.to_string());
        let (code, params) = match self {
            Error::CertificateFileUnreadable { path: p, source } => (
                C::CertificateFileUnreadable,
                vec![path(p), text("detail", source)],
            ),
            Error::FolderUnreadable { path: p, source } => {
                (C::FolderUnreadable, vec![path(p), text("detail", source)])
            }
            Error::WriteFailed { path: p, source } => {
                (C::WriteFailed, vec![path(p), text("detail", source)])
            }
            Error::NotACertificate { path: p, detail } => {
                (C::NotACertificate, vec![path(p), text("detail", detail)])
            }
            Error::KeyFileMalformed { path: p, detail } => {
                (C::KeyFileMalformed, vec![path(p), text("detail", detail)])
            }
            Error::DistributionUnreadable { path: p, detail } => (
                C::DistributionUnreadable,
                vec![path(p), text("detail", detail)],
            ),
            Error::DistributionInvalid { path: p, detail } => (
                C::DistributionInvalid,
                vec![path(p), text("detail", detail)],
            ),
            Error::CertificateTruncated { path: p } => (C::CertificateTruncated, vec![path(p)]),
            Error::NpkiCertificateMissing { path: p } => (C::NpkiCertificateMissing, vec![path(p)]),
            Error::NpkiRootNotFound { path: p } => (C::NpkiRootNotFound, vec![path(p)]),
            Error::NpkiKeyMissing { path: p } => (C::NpkiKeyMissing, vec![path(p)]),
            Error::AlreadyStored { path: p } => (C::AlreadyStored, vec![path(p)]),
            Error::DiskFull { path: p } => (C::DiskFull, vec![path(p)]),
            Error::ReadOnly { path: p } => (C::ReadOnly, vec![path(p)]),
            Error::FileTypeUnsupported { path: p } => (C::FileTypeUnsupported, vec![path(p)]),
            Error::FileNotRegular { path: p } => (C::FileNotRegular, vec![path(p)]),
            Error::FileTooLarge { path: p, limit } => {
                (C::FileTooLarge, vec![path(p), text("limit", limit)])
            }
            Error::KeyMalformed { detail } => (C::KeyMalformed, vec![text("detail", detail)]),
            Error::KeyGenerationFailed { detail } => {
                (C::KeyGenerationFailed, vec![text("detail", detail)])
            }
            Error::KeychainUnavailable { detail } => {
                (C::KeychainUnavailable, vec![text("detail", detail)])
            }
            Error::PfxMalformed { detail } => (C::PfxMalformed, vec![text("detail", detail)]),
            Error::CaUnreachable { detail } => (C::CaUnreachable, vec![text("detail", detail)]),
            Error::EnvelopeMalformed { detail } => {
                (C::EnvelopeMalformed, vec![text("detail", detail)])
            }
            Error::EnvelopeRecipientUnsupported { algorithm } => (
                C::EnvelopeRecipientUnsupported,
                vec![text("algorithm", algorithm)],
            ),
            Error::SignLinkMalformed { link } => (C::SignLinkMalformed, vec![text("link", link)]),
            Error::SiteInsecure { url } => (C::SiteInsecure, vec![text("url", url)]),
            Error::SiteNotListed { origin } => (C::SiteNotListed, vec![text("origin", origin)]),
            Error::SiteUnreachable { detail } => (C::SiteUnreachable, vec![text("detail", detail)]),
            Error::SiteRedirected { status } => (C::SiteRedirected, vec![text("status", status)]),
            Error::SiteHttpStatus { status } => (C::SiteHttpStatus, vec![text("status", status)]),
            Error::SignRequestTooLarge { limit } => {
                (C::SignRequestTooLarge, vec![text("limit", limit)])
            }
            Error::SignRequestMalformed { detail } => {
                (C::SignRequestMalformed, vec![text("detail", detail)])
            }
            Error::SignRequestVersion { version } => {
                (C::SignRequestVersion, vec![text("version", version)])
            }
            Error::SignRequestExpired { expired } => {
                (C::SignRequestExpired, vec![text("expired", expired)])
            }
            Error::SignCallbackOrigin { callback, origin } => (
                C::SignCallbackOrigin,
                vec![text("callback", callback), text("origin", origin)],
            ),
            Error::SignNoCertificate => (C::SignNoCertificate, vec![]),
            Error::SignRequestGone => (C::SignRequestGone, vec![]),
            Error::CaResponseMalformed { detail } => {
                (C::CaResponseMalformed, vec![text("detail", detail)])
            }
            Error::CaResponseUnverified { detail } => {
                (C::CaResponseUnverified, vec![text("detail", detail)])
            }
            Error::CaRefused { reason, detail, .. } => {
                use crate::cmp::ReasonCode as R;
                let code = match reason {
                    Some(R::WrongCode) => C::CaWrongCode,
                    Some(R::AlreadyIssued) => C::CaAlreadyIssued,
                    Some(R::ApplicationExpired) => C::CaApplicationExpired,
                    Some(R::TooManyAttempts) => C::CaTooManyAttempts,
                    Some(R::RenewalNotDue) => C::CaRenewalNotDue,
                    Some(R::CertificateRevoked) => C::CaCertificateRevoked,
                    Some(R::BadRequest) => C::CaBadRequest,
                    Some(R::Unavailable) => C::CaUnavailable,
                    None => C::CaRefused,
                };
                (code, vec![text("detail", detail)])
            }
            Error::KeyAlgorithmUnsupported { oid } => {
                (C::KeyAlgorithmUnsupported, vec![text("oid", oid)])
            }
            Error::KeyEncryptionUnsupported { oid } => {
                (C::KeyEncryptionUnsupported, vec![text("oid", oid)])
            }
            Error::CertificateNotFound { id } => (C::CertificateNotFound, vec![text("id", id)]),
            Error::CertificateIdAmbiguous { id } => {
                (C::CertificateIdAmbiguous, vec![text("id", id)])
            }
            Error::KeychainEntryMissing { id } => (C::KeychainEntryMissing, vec![text("id", id)]),
            Error::CaUnknown { id } => (C::CaUnknown, vec![text("id", id)]),
            Error::CodeLength {
                field,
                expected,
                actual,
            } => (
                match field {
                    crate::codes::CodeField::RegistrationNumber => C::RegistrationNumberLength,
                    crate::codes::CodeField::TemporaryCode => C::TemporaryCodeLength,
                },
                vec![text("expected", expected), text("actual", actual)],
            ),
            Error::CodeCharacter { field, character } => (
                match field {
                    crate::codes::CodeField::RegistrationNumber => C::RegistrationNumberCharacter,
                    crate::codes::CodeField::TemporaryCode => C::TemporaryCodeCharacter,
                },
                vec![text("character", character)],
            ),
            Error::CaUrlMalformed { url } => (C::CaUrlMalformed, vec![text("url", url)]),
            Error::CaUrlInsecure { url } => (C::CaUrlInsecure, vec![text("url", url)]),
            Error::CaNotListed { url, host } => {
                (C::CaNotListed, vec![text("url", url), text("host", host)])
            }
            Error::CaResponseTooLarge { limit } => {
                (C::CaResponseTooLarge, vec![text("limit", limit)])
            }
            Error::CaHttpStatus { status } => (C::CaHttpStatus, vec![text("status", status)]),
            Error::CaRedirected { status } => (C::CaRedirected, vec![text("status", status)]),
            Error::StoreUnknown { name } => (C::StoreUnknown, vec![text("store", name)]),
            Error::RenewalTooEarly {
                days_left,
                opens_in_days,
            } => (
                C::RenewalTooEarly,
                vec![
                    text("days_left", days_left),
                    text("opens_in_days", opens_in_days),
                ],
            ),
            Error::PfxSeveralKeys { count } => (C::PfxSeveralKeys, vec![text("count", count)]),
            Error::PasswordRule { rule } => (rule.code(), vec![]),
            Error::WrongPassword => (C::WrongPassword, vec![]),
            Error::KeyCertificateMismatch => (C::KeyCertificateMismatch, vec![]),
            Error::PfxWrongPassword => (C::PfxWrongPassword, vec![]),
            Error::PfxNoMac => (C::PfxNoMac, vec![]),
            Error::PfxNoKey => (C::PfxNoKey, vec![]),
            Error::PfxNoCertificate => (C::PfxNoCertificate, vec![]),
            Error::IdentityDataMissing => (C::IdentityDataMissing, vec![]),
            Error::RandomNumMissing => (C::RandomNumMissing, vec![]),
            Error::IdNumberMalformed => (C::IdNumberMalformed, vec![]),
            Error::BusinessNumberCheckDigit => (C::BusinessNumberCheckDigit, vec![]),
            Error::IdentityMismatch => (C::IdentityMismatch, vec![]),
            Error::SignatureMalformed { detail } => {
                (C::SignatureMalformed, vec![text("detail", detail)])
            }
            Error::SignatureContentMissing => (C::SignatureContentMissing, vec![]),
            Error::SignatureSignerMissing => (C::SignatureSignerMissing, vec![]),
            Error::SignatureInvalid { what } => (C::SignatureInvalid, vec![text("what", what)]),
            Error::ReferenceNumberNotDigits => (C::ReferenceNumberNotDigits, vec![]),
            Error::ApplicationNumberMalformed => (C::ApplicationNumberMalformed, vec![]),
            Error::InvitationLinkMissing => (C::InvitationLinkMissing, vec![]),
            Error::InvitationMalformed => (C::InvitationMalformed, vec![]),
            Error::RenewalExpired => (C::RenewalExpired, vec![]),
            Error::DataDirUnknown => (C::DataDirUnknown, vec![]),
        };
        (code, params.into_iter().collect())
    }

    /// The stable machine code of this error; the catalogs are keyed by it.
    pub fn code(&self) -> ErrorCode {
        self.describe().0
    }

    /// The named values a message may show (paths, details), as strings.
    pub fn params(&self) -> BTreeMap<String, String> {
        self.describe().1
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
        let (code, params) = self.describe();
        ErrorInfo { code, params }
    }
}

/// An error as it crosses the IPC boundary: a stable code and its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorInfo {
    /// The stable machine code, e.g. `certificate-truncated`.
    pub code: ErrorCode,
    /// Named values for the message, e.g. `path`.
    pub params: BTreeMap<String, String>,
}

impl ErrorInfo {
    /// An error of a host's own (the app's, the command line's), with its parameters.
    pub fn new(code: ErrorCode, params: &[(&str, &str)]) -> Self {
        ErrorInfo {
            code,
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> std::collections::BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn the_catalog_has_a_sentence_for_every_code_in_both_languages_with_the_same_placeholders() {
        let catalog: BTreeMap<String, BTreeMap<String, String>> =
            serde_json::from_str(MESSAGES_JSON).unwrap();
        let codes: Vec<String> = ErrorCode::ALL
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect();
        for (lang, sentences) in &catalog {
            let keys: Vec<&String> = sentences.keys().collect();
            let mut expected: Vec<&String> = codes.iter().collect();
            expected.sort();
            assert_eq!(keys, expected, "{lang}: exactly one sentence per code");
            for (code, text) in sentences {
                assert!(!text.trim().is_empty(), "{lang} {code}");
                assert_eq!(
                    placeholders(text),
                    placeholders(&catalog["ko"][code]),
                    "{lang} {code}"
                );
            }
        }
        assert_eq!(catalog.len(), 2);
    }

    /// The domain of every code, for the window (`ui/src/bindings/errorDomains.ts`,
    /// written beside the ts-rs bindings and checked like them).
    #[test]
    fn the_domains_of_the_codes_are_written_for_the_window() {
        let mut text = String::from(
            "// Written by dojang-core's tests from ErrorCode::domain(). Do not edit.\n\
             import type { ErrorCode } from './ErrorCode';\n\
             import type { ErrorDomain } from './ErrorDomain';\n\n\
             /** What each error is about. */\n\
             export const ERROR_DOMAINS: Record<ErrorCode, ErrorDomain> = {\n",
        );
        for &code in ErrorCode::ALL {
            let domain = serde_json::to_string(&code.domain()).unwrap();
            text.push_str(&format!(
                "  '{}': '{}',\n",
                code.as_str(),
                domain.trim_matches('"')
            ));
        }
        text.push_str("};\n");
        let dir = std::env::var_os("TS_RS_EXPORT_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| {
                std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings")
            });
        let path = dir.join("errorDomains.ts");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, &text).unwrap();
        }
    }

    #[test]
    fn codes_are_written_as_the_catalog_and_the_wire_spell_them() {
        for &code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        }
        assert_eq!(
            Error::CertificateTruncated { path: "x".into() }.code(),
            ErrorCode::CertificateTruncated
        );
        assert_eq!(
            message(ErrorCode::WrongPassword, Language::En),
            "The certificate password is wrong. Check upper and lower case and the Korean/English input mode, then type it again."
        );
    }
}
