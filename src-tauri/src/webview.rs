//! How the window's webview draws.
//!
//! On Linux the page is drawn without GPU compositing (WebKitGTK's hardware acceleration
//! policy "never"): a few screens of text and buttons gain nothing from compositing
//! layers, and each costs memory in the web process (its textures and, without a GPU,
//! the software renderer with its compiler). Measured on the benchmark machine (software
//! rendering), the web process keeps about 75 MiB less at idle with the same first paint
//! (docs/benchmarks.md). It is also what WebKitGTK's own advice is for drivers that show
//! a blank window, so it takes one way of failing away. Elsewhere the platform's webview
//! decides.

/// Applies the drawing settings to `window`'s webview, before its page is first drawn
/// (called from the setup, on the main thread, where Tauri runs it at once).
pub fn configure(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    {
        let done = window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt as _, WebViewExt as _};
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
        if let Err(e) = done {
            log::warn!("the webview's drawing settings could not be applied: {e}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
