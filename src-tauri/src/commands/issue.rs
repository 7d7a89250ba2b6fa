//! Issuance: the wizard's commands. Progress reaches the window through a channel, one
//! `Step` as each begins.

use std::path::PathBuf;
use std::sync::Arc;

use dojang_core::ErrorInfo;
use dojang_core::distribution::Distribution;
use dojang_core::issue::pending::PendingKeys;
use dojang_core::issue::revoke::{RevocationReason, revoke_stored};
use dojang_core::issue::{
    CaCheck, CheckedInvitation, Enrolled, EnrolmentRequest, Invitation, IssuePath, RenewalRequest,
    Step, UnlistedCa,
};
use dojang_core::keys::prepared::PreparedKey;
use dojang_core::keys::private_key::KeyType;
use dojang_core::password::CertificatePassword;
use dojang_core::secret::Secret;
use dojang_core::store::{CertificateCopy, StoreSet, StoreTarget};
use serde::Deserialize;
use tauri::State;
use tauri::ipc::Channel;
use ts_rs::TS;

use super::{AppStores, blocking};

/// What the wizard sends to issue a certificate.
#[derive(Deserialize, TS)]
#[ts(export)]
pub struct IssueRequest {
    /// The CA's CMP URL (from the distribution or the invitation).
    pub ca: String,
    /// The person accepted the warning about a CA that this build does not list. Only a
    /// build without CAs of its own honours it: with a list, codes go to listed CAs only.
    /// Absent means not accepted.
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub allow_unlisted_ca: bool,
    /// The codes, on either path.
    pub path: IssuePath,
    /// The certificate password the user chose.
    pub password: Secret,
    /// The key to generate.
    pub key_type: KeyType,
    /// Where to keep the certificate.
    pub to: StoreTarget,
}

/// Reads an issue.html invitation (from the file dialog, drag and drop, or a file opened
/// with the app), with what the distribution says of its CA: an invitation naming a CA
/// that the distribution does not list is refused here, before any code is typed.
#[tauri::command]
pub async fn read_invitation(
    stores: State<'_, AppStores>,
    path: PathBuf,
) -> Result<CheckedInvitation, ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || {
        let distribution = stores.distribution()?;
        Invitation::from_file(&path)
            .and_then(|invitation| invitation.checked(distribution))
            .map_err(ErrorInfo::from)
    })
    .await
}

/// What the distribution says of a CA address the person typed (a build without CAs of
/// its own): its host in full, to be accepted before any code is typed.
#[tauri::command]
pub async fn check_ca(stores: State<'_, AppStores>, url: String) -> Result<CaCheck, ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || {
        stores
            .distribution()?
            .check_ca(&url)
            .map_err(ErrorInfo::from)
    })
    .await
}

/// Runs an issuance, reporting each step.
pub fn issue_in(
    stores: &StoreSet,
    distribution: &Distribution,
    request: IssueRequest,
    prepared: &PreparedKey,
    progress: &mut dyn FnMut(Step),
) -> Result<Enrolled, ErrorInfo> {
    let codes = request.path.codes()?;
    // A build that lists CAs sends codes to those only; one without lets the person go on
    // to another after the window's warning.
    let unlisted = if request.allow_unlisted_ca && distribution.cas.is_empty() {
        UnlistedCa::Allow
    } else {
        UnlistedCa::Refuse
    };
    let ca = distribution.approve_ca(&request.ca, unlisted)?;
    let password = CertificatePassword::new_chosen(request.password)?;
    let store = stores.target(&request.to);
    let pending = PendingKeys::new(stores.keychain.data_dir());
    let enrolment = EnrolmentRequest {
        ca,
        codes,
        password,
        // The key generated ahead on the storage step (waited for if still under way), or
        // a fresh one.
        key: prepared.take(request.key_type),
    };
    dojang_core::issue::enrol(enrolment, store.as_ref(), &pending, progress)
        .map_err(ErrorInfo::from)
}

/// Sends each step to the window's progress channel.
fn to_window(channel: Channel<Step>) -> impl FnMut(Step) {
    move |step| {
        // A window that went away stops listening; the job goes on.
        let _ = channel.send(step);
    }
}

/// Starts generating the key of the coming issuance while the person chooses where to keep
/// the certificate and its password, so that issuing waits only for the CA. The key stays
/// in the app's memory until an issuance of its type takes it (or another type replaces
/// it); only the type crosses from the window.
#[tauri::command]
pub fn prepare_key(prepared: State<'_, Arc<PreparedKey>>, key_type: KeyType) {
    prepared.prepare(key_type);
}

/// Issues a certificate from the wizard's request.
#[tauri::command]
pub async fn issue_certificate(
    stores: State<'_, AppStores>,
    prepared: State<'_, Arc<PreparedKey>>,
    request: IssueRequest,
    on_progress: Channel<Step>,
) -> Result<Enrolled, ErrorInfo> {
    let stores = stores.inner().clone();
    let prepared = Arc::clone(prepared.inner());
    blocking(move || {
        let mut to_window = to_window(on_progress);
        issue_in(
            &stores.get()?,
            stores.distribution()?,
            request,
            &prepared,
            &mut |step| {
                if step == Step::Confirming {
                    // Saved before the CA is told: the certificate is in its store.
                    crate::timeline::mark(crate::timeline::Phase::IssueStored);
                }
                to_window(step);
            },
        )
    })
    .await
}

/// What the window sends to renew a certificate.
#[derive(Deserialize, TS)]
#[ts(export)]
pub struct RenewRequest {
    /// The copy to renew (it is replaced where it is).
    #[serde(flatten)]
    #[ts(flatten)]
    pub certificate: CertificateCopy,
    /// Its password (the renewed key is kept under the same one).
    pub password: Secret,
}

/// Renews a certificate at the CA it came from, reporting each step.
pub fn renew_in(
    stores: &StoreSet,
    distribution: &Distribution,
    request: RenewRequest,
    progress: &mut dyn FnMut(Step),
) -> Result<Enrolled, ErrorInfo> {
    let pending = PendingKeys::new(stores.keychain.data_dir());
    let (store, id, ca) =
        pending
            .ca_book()
            .locate_copy(stores, &request.certificate, distribution)?;
    let renewal = RenewalRequest {
        ca,
        id,
        password: CertificatePassword::existing(request.password),
    };
    dojang_core::issue::renew(
        renewal,
        store.as_ref(),
        &stores.keychain,
        &pending,
        progress,
    )
    .map_err(ErrorInfo::from)
}

/// Renews a certificate (갱신).
#[tauri::command]
pub async fn renew_certificate(
    stores: State<'_, AppStores>,
    request: RenewRequest,
    on_progress: Channel<Step>,
) -> Result<Enrolled, ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || {
        renew_in(
            &stores.get()?,
            stores.distribution()?,
            request,
            &mut to_window(on_progress),
        )
    })
    .await
}

/// What the window sends to revoke a certificate.
#[derive(Deserialize, TS)]
#[ts(export)]
pub struct RevokeRequest {
    /// The certificate, and the copy whose key signs the request.
    #[serde(flatten)]
    #[ts(flatten)]
    pub certificate: CertificateCopy,
    /// Its password (the request is signed with its key).
    pub password: Secret,
    /// Why.
    pub reason: RevocationReason,
}

/// Revokes a certificate at the CA it came from.
pub fn revoke_in(
    stores: &StoreSet,
    distribution: &Distribution,
    request: RevokeRequest,
) -> Result<(), ErrorInfo> {
    let (store, id, ca) =
        stores
            .ca_book()
            .locate_copy(stores, &request.certificate, distribution)?;
    revoke_stored(
        store.as_ref(),
        &id,
        &CertificatePassword::existing(request.password),
        request.reason,
        &ca,
        &stores.ca_book(),
    )
    .map_err(ErrorInfo::from)
}

/// Revokes a certificate (폐지). It cannot be undone.
#[tauri::command]
pub async fn revoke_certificate(
    stores: State<'_, AppStores>,
    request: RevokeRequest,
) -> Result<(), ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || revoke_in(&stores.get()?, stores.distribution()?, request)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issuance_with_a_bad_password_or_plain_http_stops_before_contacting_anyone() {
        let data = tempfile::tempdir().unwrap();
        let stores = StoreSet::open("kr.dojang.test", Some(data.path().to_owned()), &[]).unwrap();
        let request = |ca: &str, password: &str| IssueRequest {
            ca: ca.into(),
            allow_unlisted_ca: true,
            path: IssuePath::Registration {
                registration_number: "12345678AbCdEfGhIjKlMnOpQrS".into(),
            },
            password: password.into(),
            key_type: KeyType::P256,
            to: StoreTarget::Keychain,
        };
        let sandbox = Distribution {
            sandbox: true,
            ..Distribution::default()
        };
        let mut steps = Vec::new();
        let mut code = |distribution: &Distribution, request: IssueRequest| {
            issue_in(
                &stores,
                distribution,
                request,
                &PreparedKey::default(),
                &mut |s| steps.push(s),
            )
            .unwrap_err()
            .code
        };
        let unbranded = Distribution::default();
        assert_eq!(
            code(&unbranded, request("http://ca.example/cmp", "seal#7294xq")),
            "ca-url-insecure"
        );
        // Any local user can listen on loopback: plain HTTP there is for sandboxes only.
        assert_eq!(
            code(&unbranded, request("http://127.0.0.1:9/cmp", "seal#7294xq")),
            "ca-url-insecure"
        );
        assert_eq!(
            code(&sandbox, request("http://127.0.0.1:9/cmp", "short")),
            "password-too-short"
        );
        // Without the person's consent, a build without CAs sends codes nowhere.
        let mut unconsented = request("https://ca.example/cmp", "seal#7294xq");
        unconsented.allow_unlisted_ca = false;
        assert_eq!(code(&unbranded, unconsented), "ca-not-listed");
        // A build that lists CAs sends codes to those only, consent or not.
        let bank = Distribution::parse(
            "product_name = \"은행\"\n[[ca]]\nname = \"은행 CA\"\ncmp_url = \"https://ca.bank.example/cmp\"\n",
            std::path::Path::new("/nowhere/distribution.toml"),
        )
        .unwrap();
        assert_eq!(
            code(&bank, request("https://evil.example/cmp", "seal#7294xq")),
            "ca-not-listed"
        );
        assert!(steps.is_empty());
    }
}
