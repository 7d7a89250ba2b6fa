//! The sandbox CA: a CMP server over HTTP (docs/cmp-profile.md) with its own registry of
//! applications, for the demo a newcomer runs, Dojang's end-to-end tests, and the banks
//! and CAs that integrate Dojang and want a reference peer. It issues certificates
//! shaped like Korean NPKI ones from a root and an issuing CA it makes itself.
//!
//! - [`authority`]: the CA certificates and keys, and the certificates it issues;
//! - [`registry`]: applications, transactions and certificates (SQLite, behind a trait);
//! - [`application`]: the numbers and codes of an application, and its issue.html;
//! - [`service`]: the CMP rules — enrolment, confirmation, renewal, revocation;
//! - [`ocsp`]: the OCSP responder (RFC 6960), answering from the registry;
//! - [`relying_party`]: the demo bank under `/rp/`, a bank's half of signing for a web
//!   page, checking signatures against this CA;
//! - [`http`]: CMP over HTTP (RFC 6712), OCSP over HTTP and the demo bank's routes, with
//!   limits and graceful shutdown.
//!
//! The CMP messages themselves are dojang-core's (`dojang_core::cmp`), shared with the
//! app's client.
#![forbid(unsafe_code)]

pub mod application;
pub mod authority;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod http;
pub mod ocsp;
pub mod registry;
pub mod relying_party;
pub mod service;

use std::path::Path;
use std::sync::Arc;

pub use error::{CaError, Result};

use authority::Authority;
use registry::Registry;
use registry::sqlite::SqliteRegistry;

/// The registry file in the CA's folder.
pub const REGISTRY_FILE: &str = "registry.sqlite";
/// The registry setting that holds the CMP URL the server last listened on (invitations
/// link to it).
pub const CMP_URL_SETTING: &str = "cmp_url";
/// The CMP URL used before a server has run.
pub const DEFAULT_CMP_URL: &str = "http://127.0.0.1:8080/cmp";

/// Opens the registry of the CA kept in `dir`, creating the folder and database on
/// first use.
pub fn open_registry(dir: &Path) -> Result<Arc<SqliteRegistry>> {
    std::fs::create_dir_all(dir).map_err(|e| CaError::File {
        path: dir.to_owned(),
        source: e,
    })?;
    Ok(Arc::new(SqliteRegistry::open(&dir.join(REGISTRY_FILE))?))
}

/// Opens the CA kept in `dir` (making its certificates and registry on first use) as a
/// CMP service. `base_url` is the server's address, e.g. `http://127.0.0.1:8080`.
pub fn open_service(
    dir: &Path,
    policy_oid: &str,
    base_url: &str,
    config: service::ServiceConfig,
) -> Result<service::CmpService> {
    let registry = open_registry(dir)?;
    let authority = Authority::open_or_create(dir, policy_oid, base_url)?;
    registry.set_setting(CMP_URL_SETTING, &format!("{base_url}/cmp"))?;
    let registry: Arc<dyn Registry> = registry;
    service::CmpService::new(authority, registry, config)
}
