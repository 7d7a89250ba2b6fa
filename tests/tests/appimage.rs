//! The AppImage, built here by `scripts/bundle-appimage.sh` from the debug app with our own
//! runtime: an independent reader (Debian's libappimage) takes it for a type-2 AppImage,
//! and started through WebDriver under Xvfb it shows the list, with the app, WebKitGTK and
//! WebKit's helper processes all running from inside the image.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails loudly

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{AppWindow, app_binary, bin_dir};
use dojang_testkit::sample_npki_tree;

/// The executables of the running processes whose binary lies under `dir`, by PID.
fn processes_under(dir: &Path) -> Vec<(u32, PathBuf)> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let pid: u32 = e.file_name().to_str()?.parse().ok()?;
            let exe = std::fs::read_link(e.path().join("exe")).ok()?;
            exe.starts_with(dir).then_some((pid, exe))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_appimage_runs_the_app_and_webkit_from_inside_the_image() {
    let work = tempfile::tempdir().unwrap();
    let image = work.path().join("Dojang.AppImage");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let built = Command::new("bash")
        .arg(repo.join("scripts/bundle-appimage.sh"))
        .arg("--binary")
        .arg(app_binary())
        .arg("--runtime")
        .arg(bin_dir().join("dojang-appimage-runtime"))
        .arg("--out")
        .arg(&image)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}{}",
        String::from_utf8_lossy(&built.stdout),
        String::from_utf8_lossy(&built.stderr)
    );

    // An independent reader: libappimage sees a type-2 AppImage with our AppDir inside.
    let read = Command::new("python3")
        .args([
            "-c",
            "import ctypes, sys\n\
             lib = ctypes.CDLL('libappimage.so.1.0abi1')\n\
             lib.appimage_list_files.restype = ctypes.POINTER(ctypes.c_char_p)\n\
             path = sys.argv[1].encode()\n\
             print(lib.appimage_get_type(path, False))\n\
             files = lib.appimage_list_files(path)\n\
             i = 0\n\
             while files[i]:\n\
             \x20   print(files[i].decode()); i += 1\n",
        ])
        .arg(&image)
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&read.stdout);
    let mut lines = listing.lines();
    assert_eq!(lines.next(), Some("2"), "{listing}");
    let files: Vec<&str> = lines.collect();
    for expected in [
        "AppRun",
        "Dojang.desktop",
        "usr/bin/dojang-app",
        "usr/lib/libwebkit2gtk-4.1.so.0",
    ] {
        assert!(files.contains(&expected), "{expected} in {files:?}");
    }

    let home = tempfile::tempdir().unwrap();
    let root = tempfile::tempdir().unwrap();
    sample_npki_tree(root.path(), true).unwrap();
    let cache = work.path().join("cache");
    let app = AppWindow::start_app(
        &image,
        &[
            ("HOME", home.path()),
            ("DOJANG_NPKI_ROOT", root.path()),
            ("XDG_CACHE_HOME", &cache),
        ],
    )
    .await;
    let rows = app.wait_for("[data-testid=certificate-row]", 3).await;
    let extracted = cache.join("dojang-appimage");
    let running = processes_under(&extracted);
    let maps = running
        .iter()
        .find(|(_, exe)| exe.ends_with("usr/bin/dojang-app"))
        .map(|(pid, _)| std::fs::read_to_string(format!("/proc/{pid}/maps")).unwrap());
    app.close().await;

    assert_eq!(rows.len(), 3, "{rows:?}");
    let names: Vec<String> = running
        .iter()
        .map(|(_, exe)| exe.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in ["dojang-app", "WebKitNetworkProcess", "WebKitWebProcess"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} runs from the image: {running:?}"
        );
    }
    let maps = maps.expect("the app runs from the image");
    let webkit: Vec<&str> = maps
        .lines()
        .filter(|l| l.contains("libwebkit2gtk-4.1.so"))
        .collect();
    assert!(!webkit.is_empty());
    assert!(
        webkit
            .iter()
            .all(|l| l.contains(&*extracted.to_string_lossy())),
        "WebKitGTK is the image's own: {webkit:?}"
    );
}
