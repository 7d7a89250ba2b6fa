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
            app.manage(commands::AppStores::new(&identifier));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::certificates::list_certificates,
            commands::certificates::certificate_details,
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
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("dojang: the window could not be started: {e}");
        std::process::exit(1);
    }
}
