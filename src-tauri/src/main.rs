//! Dojang's desktop app: a Tauri shell around dojang-core. Each domain has one thin
//! command module under `commands/`; the work happens in the core.
#![forbid(unsafe_code)]
// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

fn main() {
    let result = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![
            commands::certificates::list_certificates
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("dojang: the window could not be started: {e}");
        std::process::exit(1);
    }
}
