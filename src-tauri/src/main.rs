//! Dojang's desktop app: a Tauri shell around dojang-core. Each domain has one thin
//! command module under `commands/`; the work happens in the core.
#![forbid(unsafe_code)]
// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

fn main() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            use tauri::Manager as _;
            // Keychain entries and the data dir are named by this build's identifier, so
            // two branded builds never share them.
            let identifier = app.config().identifier.clone();
            // The distribution file bundled beside the app (or named by
            // DOJANG_DISTRIBUTION), read once; a wrong one is shown by the window.
            let bundled = app
                .path()
                .resource_dir()
                .ok()
                .map(|dir| dir.join(dojang_core::distribution::DISTRIBUTION_FILE));
            let distribution =
                dojang_core::distribution::Distribution::load_default(bundled.as_deref())
                    .map_err(|e| e.info());
            if let Ok(d) = &distribution
                && let Some(window) = app.get_webview_window("main")
            {
                let _ = window.set_title(&d.product_name);
            }
            app.manage(commands::AppStores::new(&identifier, distribution));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::certificates::list_certificates,
            commands::certificates::certificate_details,
            commands::certificates::certificate_chain,
            commands::distribution::distribution,
            commands::custody::check_password,
            commands::custody::change_password,
            commands::custody::copy_certificate,
            commands::custody::delete_certificate,
            commands::custody::export_pfx,
            commands::custody::import_pfx,
            commands::custody::import_npki_folder,
            commands::custody::verify_identity,
            commands::issue::check_codes,
            commands::issue::read_invitation,
            commands::issue::issue_certificate,
            commands::issue::renew_certificate,
            commands::issue::revoke_certificate,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("dojang: the window could not be started: {e}");
        std::process::exit(1);
    }
}
