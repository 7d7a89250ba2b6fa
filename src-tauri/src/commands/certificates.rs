//! Viewing certificates.

use dojang_core::ErrorInfo;
use dojang_core::store::{self, CertificateList, NpkiRoot};

/// Every certificate in every store: the platform's NPKI roots, removable drives and the
/// extra roots named by `DOJANG_NPKI_ROOT`.
#[tauri::command]
pub async fn list_certificates() -> Result<CertificateList, ErrorInfo> {
    tauri::async_runtime::spawn_blocking(|| {
        let roots = NpkiRoot::discover(&NpkiRoot::extra_from_env());
        store::list_certificates(&roots, time::OffsetDateTime::now_utc())
    })
    .await
    .map_err(|e| ErrorInfo {
        code: "internal".to_owned(),
        params: [("detail".to_owned(), e.to_string())].into(),
    })
}
