// The first paint, marked as Dojang's window marks it: after the frame that follows the
// page's script has been painted.
requestAnimationFrame(() =>
  setTimeout(() => window.__TAURI_INTERNALS__.invoke('timeline_mark', { phase: 'first-paint' })),
);
