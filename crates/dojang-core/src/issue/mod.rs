//! Issuance (발급) and its relatives, over CMP (docs/cmp-profile.md):
//! - [`enrol`](mod@enrol): issuance and reissue (`ir` → `ip` → `certConf` → `pkiConf`), with progress
//!   steps and [`pending`] keys saved before the request leaves;
//! - [`renew`](mod@renew): renewal (`kur` → `kup` → `certConf` → `pkiConf`), signed with
//!   the current key, in the last 30 days;
//! - [`revoke`]: revocation (`rr` → `rp`), signed with the certificate's own key;
//! - [`ca_book`]: the CA certificates and CMP URLs remembered from issuances;
//! - [`invitation`]: issue.html and `dojang://issue?` links, and the CA address rule;
//! - [`transport`]: CMP over HTTP(S).
//!
//! Every exchange goes through one transaction type that protects the requests and
//! believes an answer only after checking its protection, transactionID and nonce.

pub(crate) mod answer;
pub mod ca_book;
pub mod enrol;
pub mod invitation;
pub mod pending;
pub mod renew;
pub mod revoke;
pub mod transport;

pub use enrol::{Enrolled, EnrolmentRequest, IssuePath, KeySource, Step, enrol};
pub use invitation::{ApprovedCa, CaCheck, CaUrl, CheckedInvitation, Invitation, UnlistedCa};
pub use renew::{RenewalRequest, renew};
