//! Viewing certificates.

use dojang_core::ErrorInfo;
use dojang_core::cert::chain::CertificateChain;
use dojang_core::cert::details::CertificateDetails;
use dojang_core::status::{Mode, Verification};
use dojang_core::store::CertificateList;
use tauri::State;

use super::{AppStores, blocking};

/// Every certificate in every store: the keychain, the platform's NPKI roots, removable
/// drives and the extra roots named by `DOJANG_NPKI_ROOT`. The window's first call takes
/// the listing read while the window started, unless another command came first.
#[tauri::command]
pub async fn list_certificates(stores: State<'_, AppStores>) -> Result<CertificateList, ErrorInfo> {
    let stores = stores.inner().clone();
    if let Some(first) = stores.take_first_listing().await {
        if let Err(e) = &first {
            log::warn!("a command failed: {}", e.code);
        }
        return first;
    }
    blocking(move || Ok(stores.get()?.list(time::OffsetDateTime::now_utc()))).await
}

/// Everything about one certificate, for the details screen.
#[tauri::command]
pub async fn certificate_details(
    stores: State<'_, AppStores>,
    id: String,
) -> Result<CertificateDetails, ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || stores.get()?.details(&id).map_err(ErrorInfo::from)).await
}

/// The path from a certificate to its root, validated now
/// ([`StoreSet::path_pool`](dojang_core::store::StoreSet::path_pool) says from what).
#[tauri::command]
pub async fn certificate_chain(
    stores: State<'_, AppStores>,
    id: String,
) -> Result<CertificateChain, ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || {
        let set = stores.get()?;
        let (store, id) = set.resolve(&id, None)?;
        let cert = store.certificate(&id)?;
        set.chain(
            &cert,
            stores.distribution()?,
            time::OffsetDateTime::now_utc(),
        )
        .map_err(ErrorInfo::from)
    })
    .await
}

/// Is this certificate good right now, and why: its path and its status, and its CAs'
/// ([`StoreSet::verify`](dojang_core::store::StoreSet::verify)). `refresh` ("check now")
/// asks the responders and CRLs even when a fresh answer is cached.
#[tauri::command]
pub async fn verify_certificate(
    stores: State<'_, AppStores>,
    id: String,
    refresh: bool,
) -> Result<Verification, ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || {
        let set = stores.get()?;
        let (store, id) = set.resolve(&id, None)?;
        let cert = store.certificate(&id)?;
        let mode = if refresh { Mode::Fresh } else { Mode::Cached };
        set.verify(
            &cert,
            stores.distribution()?,
            time::OffsetDateTime::now_utc(),
            mode,
        )
        .map_err(ErrorInfo::from)
    })
    .await
}

/// The list's status badges: each certificate's verification, from the cache while its
/// answer is fresh (so at most one fetch per `nextUpdate`). Called after the list is shown,
/// never before.
#[tauri::command]
pub async fn verify_certificates(
    stores: State<'_, AppStores>,
    ids: Vec<String>,
) -> Result<Vec<Verification>, ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || {
        let set = stores.get()?;
        Ok(set.verify_all(&ids, stores.distribution()?, Mode::Cached))
    })
    .await
}

/// The details of a certificate file opened with the app (.der, .cer, .crt, .pem), which
/// is in no store.
#[tauri::command]
pub async fn certificate_file_details(
    path: std::path::PathBuf,
) -> Result<CertificateDetails, ErrorInfo> {
    blocking(move || {
        let der = dojang_core::files::certificate(&path)?;
        CertificateDetails::from_der(&der, &path, time::OffsetDateTime::now_utc())
            .map_err(ErrorInfo::from)
    })
    .await
}
