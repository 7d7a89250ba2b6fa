//! Dojang's engine. Every user job is a function here with typed inputs and outputs; the
//! desktop app, the `dojang` command line and the tests are thin hosts over it. Nothing in
//! this crate knows about windows.
//!
//! Modules are cut by domain:
//! - [`cert`]: a certificate parsed into the view model every host shows, with purpose
//!   labels read from the policy-OID table (kept as data in `data/policies.json`);
//! - [`store`]: where certificates live — the NPKI folders of this platform and any extra
//!   roots — and the listing of everything found there;
//! - [`codes`]: what a person types (ID numbers), parsed;
//! - [`cmp`]: CMP messages (RFC 4210/9480, CRMF RFC 4211), their protection and the
//!   reason codes of Dojang's CMP profile, shared by the app's client and the sandbox CA;
//! - [`distribution`]: the branding file a bank or CA bakes into its installer;
//! - [`custody`]: the jobs on a stored certificate: password change, copy, import,
//!   export, delete, identity check;
//! - [`issue`]: issuance over CMP, revocation, issue.html invitations, pending keys;
//! - [`open`]: what a file or `dojang:` link handed to the app asks for;
//! - [`keys`]: key generation, PKCS#8 with randomNum, and key-file encryption;
//! - [`password`]: the certificate password and the rules for a new one;
//! - [`secret`]: codes and passwords as typed, zeroized and never shown;
//! - [`files`]: reading files that may come from anyone (regular files only, capped);
//! - [`net`]: the rules every HTTP request keeps (no redirects, bounded answers, timeouts);
//! - [`status`]: whether a certificate is revoked, from OCSP and CRLs, cached;
//! - [`error`]: the one error type, with a stable machine code per variant.
#![forbid(unsafe_code)]

pub mod cert;
pub mod cmp;
pub mod codes;
pub mod custody;
pub mod distribution;
pub mod error;
pub mod files;
#[doc(hidden)]
pub mod fuzzing;
pub mod issue;
pub mod keys;
pub mod net;
pub mod open;
pub mod password;
pub mod secret;
pub mod sign;
pub mod status;
pub mod store;

pub use error::{Error, ErrorCode, ErrorDomain, ErrorInfo};
