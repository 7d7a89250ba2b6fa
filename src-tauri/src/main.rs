//! Dojang's desktop app: a Tauri shell around dojang-core. Each domain has one thin
//! command module under `commands/`; the work happens in the core.
#![forbid(unsafe_code)]
// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[macro_use]
mod commands;
mod first_screen;
mod timeline;
mod webview;

/// The invoke handler of the commands declared in `commands/declared.rs`.
macro_rules! handler {
    ($($module:ident :: $name:ident ($($arg:ident : $ty:ty),*) -> $result:ty;)*) => {
        tauri::generate_handler![$(commands::$module::$name),*]
    };
}

/// One window per data dir: a second launch with the same data dir hands its arguments
/// over and exits; a launch with another data dir (another `DOJANG_DATA_DIR` or home, as
/// tests and support staff use) is an instance of its own.
fn single_instance(identifier: &str) -> tauri::plugin::TauriPlugin<tauri::Wry> {
    let builder = tauri_plugin_single_instance::Builder::new().callback(|app, argv, _cwd| {
        // dojang: links reach the deep-link plugin, and through it the window.
        let files = argv
            .into_iter()
            .skip(1)
            .filter(|a| !a.starts_with("dojang:"));
        commands::open::deliver(app, files);
    });
    let data_dir = std::env::var_os(dojang_core::store::DATA_DIR_ENV)
        .map(std::path::PathBuf::from)
        .or_else(|| dojang_core::store::default_data_dir(identifier).ok())
        .unwrap_or_default();
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    data_dir.hash(&mut hasher);
    // Used on Linux (D-Bus); elsewhere the identifier alone names the instance.
    builder
        .dbus_id(format!("{identifier}.p{:016x}", hasher.finish()))
        .build()
}

fn main() {
    timeline::mark(timeline::Phase::Main);
    let context = tauri::generate_context!();
    let identifier = context.config().identifier.clone();
    let result = tauri::Builder::default()
        // First: a second launch (a file or link opened while Dojang runs) hands its
        // arguments to this window and exits.
        .plugin(single_instance(&identifier))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(
            tauri_plugin_log::Builder::new()
                .level(log::LevelFilter::Info)
                .targets([tauri_plugin_log::Target::new(
                    tauri_plugin_log::TargetKind::LogDir { file_name: None },
                )])
                .max_file_size(1_000_000)
                .rotation_strategy(tauri_plugin_log::RotationStrategy::KeepOne)
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(commands::open::OpenQueue::default())
        .manage(commands::sign::SignSessions::default())
        .on_page_load(|webview, payload| {
            if webview.label() == "main"
                && payload.event() == tauri::webview::PageLoadEvent::Started
            {
                timeline::mark(timeline::Phase::Window);
            }
        })
        .setup(|app| {
            use tauri::Manager as _;
            use tauri_plugin_deep_link::DeepLinkExt as _;
            timeline::mark(timeline::Phase::Setup);
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
            if let Some(window) = app.get_webview_window("main") {
                webview::configure(&window);
                if let Ok(d) = &distribution {
                    let _ = window.set_title(&d.product_name);
                }
            }
            log::info!(
                "started {} {} ({})",
                identifier,
                app.package_info().version,
                match &distribution {
                    Ok(d) if d.sandbox => "sandbox distribution",
                    Ok(_) => "distribution read",
                    Err(_) => "distribution file invalid",
                }
            );
            let stores = commands::AppStores::new(&identifier, distribution);
            // The list's data is read while WebKit starts and loads the page.
            stores.prefetch_first_listing();
            app.manage(stores);
            // The key of a coming issuance, generated ahead (one search per core: the app lives
            // on after an issuance).
            app.manage(std::sync::Arc::new(
                dojang_core::keys::prepared::PreparedKey::racing(),
            ));
            let first_screen = std::sync::Arc::new(first_screen::FirstScreen::default());
            app.manage(std::sync::Arc::clone(&first_screen));
            // dojang: links: registered with the desktop at run time where the installer
            // does not do it (Linux outside a package, Windows while developing), once the
            // window is ready (on Linux it runs two programs, about 10 ms that delayed the
            // page's loading).
            #[cfg(any(target_os = "linux", all(debug_assertions, windows)))]
            {
                let handle = app.handle().clone();
                first_screen.after_ready(
                    "scheme-registration",
                    first_screen::LONGEST_WAIT,
                    move || {
                        if let Err(e) = handle.deep_link().register_all() {
                            log::warn!("the dojang: scheme could not be registered: {e}");
                        }
                    },
                );
            }
            let handle = app.handle().clone();
            app.deep_link().on_open_url(move |event| {
                commands::open::deliver(&handle, event.urls().into_iter().map(String::from));
            });
            // Signed updates, in the builds whose distribution publishes them.
            if commands::update::configured(app.handle()) {
                app.handle()
                    .plugin(tauri_plugin_updater::Builder::new().build())?;
            }
            // What this first launch was opened with.
            commands::open::deliver(app.handle(), std::env::args().skip(1));
            Ok(())
        })
        .invoke_handler(app_commands!(handler))
        .run(context);
    if let Err(e) = result {
        eprintln!("dojang: the window could not be started: {e}");
        std::process::exit(1);
    }
}
