//! The cold start's timeline (`crate::timeline`): the phases only the window sees.

use crate::timeline::{self, Phase, TimelinePhase};

/// Records that the window reached `phase`, when the app runs with `DOJANG_TIMELINE`
/// (scripts/bench-app.sh); otherwise does nothing. Asynchronous, so that the mark is
/// written at once rather than when the busy main thread gets to it.
#[tauri::command]
pub async fn timeline_mark(phase: TimelinePhase) {
    timeline::mark(Phase::Page(phase));
}
