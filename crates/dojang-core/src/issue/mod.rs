//! Issuance (발급) and its relatives, over CMP (cmp-profile.md):
//! - [`enrol`](mod@enrol): issuance and reissue (`ir` → `ip` → `certConf` → `pkiConf`), with progress
//!   steps and [`pending`] keys saved before the request leaves;
//! - [`revoke`]: revocation (`rr` → `rp`), signed with the certificate's own key;
//! - [`invitation`]: issue.html and `dojang://issue?` links, and the CA address rule;
//! - [`transport`]: CMP over HTTP(S).
//!
//! Renewal (`kur`) joins here.

pub mod enrol;
pub mod invitation;
pub mod pending;
pub mod revoke;
pub mod transport;

pub use enrol::{Enrolled, EnrolmentRequest, IssuePath, KeySource, Step, enrol};
pub use invitation::{CaUrl, Invitation};
