/**
 * The window's phases of the cold start, for the benchmark's timeline
 * (scripts/bench-app.sh reads what the app writes with `DOJANG_TIMELINE`).
 */
import { timelineMark } from './api';
import type { TimelinePhase } from './bindings/TimelinePhase';

/**
 * Marks `phase` once the frame being prepared has been painted: a task queued
 * from the next animation frame runs after that frame is drawn. Returns a
 * cancel, for an effect's cleanup.
 */
export function markAfterPaint(phase: TimelinePhase): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(() => void timelineMark(phase));
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
