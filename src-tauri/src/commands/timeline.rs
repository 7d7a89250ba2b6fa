//! The cold start's timeline (`crate::timeline`): the phases only the window sees.

use std::sync::Arc;

use tauri::{AppHandle, Manager as _};

use crate::first_screen::FirstScreen;
use crate::timeline::{self, Phase, TimelinePhase};

/// Records that the window reached `phase`, when the app runs with `DOJANG_TIMELINE`
/// (scripts/bench-app.sh). The app's being ready also starts the work deferred until then
/// (`crate::first_screen`). Asynchronous, so that the mark is written at once
/// rather than when the busy main thread gets to it.
#[tauri::command]
pub async fn timeline_mark(app: AppHandle, phase: TimelinePhase) {
    if phase == TimelinePhase::Ready
        && let Some(first_screen) = app.try_state::<Arc<FirstScreen>>()
    {
        first_screen.ready();
    }
    timeline::mark(Phase::Page(phase));
}
