//! The distribution: the branding, support contact and CAs the window shows.

use dojang_core::ErrorInfo;
use dojang_core::distribution::Distribution;
use tauri::State;

use super::AppStores;

/// The distribution in force, or the error of a wrong distribution file (the window then
/// shows that error instead of a half-branded app).
#[tauri::command]
pub fn distribution(stores: State<'_, AppStores>) -> Result<Distribution, ErrorInfo> {
    stores.distribution().cloned()
}
