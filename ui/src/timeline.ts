/**
 * The window's phases of the cold start, for the benchmark's timeline
 * (scripts/bench-app.sh reads what the app writes with `DOJANG_TIMELINE`).
 */
import { timelineMark } from './api';
import type { TimelinePhase } from './bindings/TimelinePhase';
import { afterPaint } from './paint';

/** Marks `phase` once the frame being prepared has been painted. Returns a cancel. */
export function markAfterPaint(phase: TimelinePhase): () => void {
  return afterPaint(() => void timelineMark(phase));
}
