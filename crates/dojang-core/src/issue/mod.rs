//! Issuance (발급) and its relatives: reissue, renewal, revocation. Today: the invitation a
//! CA's issuance e-mail carries (issue.html) and the CA address rules; the enrolment flow
//! over CMP joins here.

pub mod enrol;
pub mod invitation;
pub mod pending;
pub mod revoke;
pub mod transport;

pub use enrol::{Enrolled, EnrolmentRequest, IssuePath, KeySource, Step, enrol};
pub use invitation::{CaUrl, Invitation};
