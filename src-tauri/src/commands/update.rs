//! Signed updates. A distribution that publishes updates sets the updater's public key
//! and endpoints in its Tauri config overlay (docs/branding.md); every update
//! is checked against that key before it is installed. A build without that
//! configuration has no updater and says so.

use serde::Serialize;
use tauri::AppHandle;
use tauri_plugin_updater::UpdaterExt as _;
use ts_rs::TS;

use dojang_core::{ErrorCode, ErrorInfo};

/// A newer version on offer.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct UpdateInfo {
    /// Its version.
    pub version: String,
    /// What changed, as the publisher wrote it.
    pub notes: Option<String>,
}

/// Whether this build's config sets up the updater.
pub fn configured<R: tauri::Runtime>(app: &AppHandle<R>) -> bool {
    app.config().plugins.0.contains_key("updater")
}

fn failure(code: ErrorCode, detail: impl std::fmt::Display) -> ErrorInfo {
    ErrorInfo::new(code, &[("detail", &detail.to_string())])
}

fn updater(app: &AppHandle) -> Result<tauri_plugin_updater::Updater, ErrorInfo> {
    if !configured(app) {
        return Err(ErrorInfo::new(ErrorCode::UpdatesNotConfigured, &[]));
    }
    app.updater()
        .map_err(|e| failure(ErrorCode::UpdateCheckFailed, e))
}

/// Asks the distribution's update server whether a newer version exists.
#[tauri::command]
pub async fn check_update(app: AppHandle) -> Result<Option<UpdateInfo>, ErrorInfo> {
    let update = updater(&app)?
        .check()
        .await
        .map_err(|e| failure(ErrorCode::UpdateCheckFailed, e))?;
    Ok(update.map(|u| UpdateInfo {
        version: u.version,
        notes: u.body,
    }))
}

/// Downloads the newer version, checks its signature, installs it and restarts.
#[tauri::command]
pub async fn install_update(app: AppHandle) -> Result<(), ErrorInfo> {
    let Some(update) = updater(&app)?
        .check()
        .await
        .map_err(|e| failure(ErrorCode::UpdateCheckFailed, e))?
    else {
        return Ok(());
    };
    log::info!("installing version {}", update.version);
    update
        .download_and_install(|_, _| {}, || {})
        .await
        .map_err(|e| failure(ErrorCode::UpdateInstallFailed, e))?;
    app.restart()
}
