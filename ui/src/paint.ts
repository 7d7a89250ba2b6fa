/**
 * Calls `callback` once the frame being prepared has been painted: a task
 * queued from the next animation frame runs after that frame is drawn.
 * Returns a cancel, for an effect's cleanup.
 */
export function afterPaint(callback: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(callback);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
