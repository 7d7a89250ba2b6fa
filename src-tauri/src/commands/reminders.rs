//! Expiry reminders: the window decides which certificates are due (its settings say how
//! many days ahead) and words the reminder in the user's language; this shows it as a
//! desktop notification.

use tauri::AppHandle;
use tauri_plugin_notification::NotificationExt as _;

/// Shows one desktop notification.
#[tauri::command]
pub fn notify(app: AppHandle, title: String, body: String) -> Result<(), dojang_core::ErrorInfo> {
    app.notification()
        .builder()
        .title(title)
        .body(body)
        .show()
        .map_err(|e| {
            dojang_core::ErrorInfo::new(
                dojang_core::ErrorCode::NotificationFailed,
                &[("detail", &e.to_string())],
            )
        })
}
