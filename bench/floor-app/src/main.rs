//! The floor that Dojang's desktop app is measured against (scripts/bench-app.sh): the
//! least a Tauri 2 app can be, one window showing one static page, built with Dojang's
//! Tauri version, features and release profile. It writes the timeline Dojang writes
//! (`DOJANG_TIMELINE`: `<phase> <unix time in microseconds>` per line), so the two starts
//! are measured the same way.
#![forbid(unsafe_code)]
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::io::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

/// Appends `phase` and the time now to the timeline file, if one is named.
fn mark(phase: &str) {
    let Some(file) = std::env::var_os("DOJANG_TIMELINE") else {
        return;
    };
    let micros = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros())
        .unwrap_or(0);
    let line = format!("{phase} {micros}\n");
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(file)
        .and_then(|mut f| f.write_all(line.as_bytes()));
    if let Err(e) = written {
        eprintln!("floor-app: the timeline cannot be written: {e}");
    }
}

/// The page's first paint (the only phase the page reports).
#[tauri::command]
fn timeline_mark(phase: String) {
    if phase == "first-paint" {
        mark("first-paint");
    }
}

fn main() {
    mark("main");
    let result = tauri::Builder::default()
        .on_page_load(|_, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Started {
                mark("window");
            }
        })
        .setup(|_| {
            mark("setup");
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![timeline_mark])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("floor-app: the window could not be started: {e}");
        std::process::exit(1);
    }
}
