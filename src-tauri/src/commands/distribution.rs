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

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    fn branding_dirs() -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../branding");
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        dirs
    }

    /// Every branded build in the repository: its distribution file passes the checks
    /// the app runs at start, and its Tauri overlay gives it an identifier of its own (so
    /// its data dir and keychain entries are its own) and bundles that file where the app
    /// looks for it.
    #[test]
    fn every_branding_overlay_bundles_a_valid_distribution_under_its_own_identifier() {
        let dirs = branding_dirs();
        assert!(!dirs.is_empty());
        let tauri_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let base: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(tauri_dir.join("tauri.conf.json")).unwrap(),
        )
        .unwrap();
        for dir in dirs {
            let d = Distribution::load(&dir.join(dojang_core::distribution::DISTRIBUTION_FILE))
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
            assert!(d.logo.is_some(), "{}", dir.display());
            let overlay: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(dir.join("tauri.conf.json")).unwrap(),
            )
            .unwrap();
            assert_ne!(
                overlay["identifier"],
                base["identifier"],
                "{}",
                dir.display()
            );
            let resources = overlay["bundle"]["resources"].as_object().unwrap();
            let (source, _) = resources
                .iter()
                .find(|(_, target)| *target == dojang_core::distribution::DISTRIBUTION_FILE)
                .expect("the overlay bundles distribution.toml");
            assert!(tauri_dir.join(source).exists(), "{source}");
            // Its own icons and installer images, every one of them there.
            let icons = overlay["bundle"]["icon"]
                .as_array()
                .expect("the overlay's icons");
            let nsis = &overlay["bundle"]["windows"]["nsis"];
            let dmg = &overlay["bundle"]["macOS"]["dmg"];
            let images = icons
                .iter()
                .chain(
                    ["headerImage", "sidebarImage", "installerIcon"]
                        .iter()
                        .filter_map(|k| nsis.get(*k)),
                )
                .chain(dmg.get("background"));
            for image in images {
                let image = image.as_str().unwrap_or_default();
                assert!(
                    image.contains("branding/"),
                    "{image} is the distribution's own"
                );
                assert!(tauri_dir.join(image).is_file(), "{image}");
            }
            assert_eq!(
                overlay["app"]["windows"][0]["title"].as_str(),
                Some(d.product_name.as_str())
            );
            // Updates, when published, are signed: a minisign public key and HTTPS
            // endpoints only.
            if let Some(updater) = overlay["plugins"].get("updater") {
                use base64::Engine as _;
                let key = base64::engine::general_purpose::STANDARD
                    .decode(updater["pubkey"].as_str().unwrap_or_default())
                    .unwrap();
                assert!(
                    String::from_utf8_lossy(&key).contains("minisign public key"),
                    "{}",
                    dir.display()
                );
                let endpoints = updater["endpoints"].as_array().unwrap();
                assert!(!endpoints.is_empty());
                assert!(
                    endpoints
                        .iter()
                        .all(|e| e.as_str().unwrap_or_default().starts_with("https://"))
                );
                assert_eq!(overlay["bundle"]["createUpdaterArtifacts"], true);
            }
        }
    }
}
