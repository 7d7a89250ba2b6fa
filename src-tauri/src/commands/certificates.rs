//! Viewing certificates.

use dojang_core::ErrorInfo;
use dojang_core::cert::details::CertificateDetails;
use dojang_core::store::CertificateList;
use tauri::State;

use super::{AppStores, blocking};

/// Every certificate in every store: the keychain, the platform's NPKI roots, removable
/// drives and the extra roots named by `DOJANG_NPKI_ROOT`.
#[tauri::command]
pub async fn list_certificates(stores: State<'_, AppStores>) -> Result<CertificateList, ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || Ok(stores.get().list(time::OffsetDateTime::now_utc()))).await
}

/// Everything about one certificate, for the details screen.
#[tauri::command]
pub async fn certificate_details(
    stores: State<'_, AppStores>,
    id: String,
) -> Result<CertificateDetails, ErrorInfo> {
    let stores = stores.inner().clone();
    blocking(move || stores.get().details(&id).map_err(|e| e.info())).await
}
