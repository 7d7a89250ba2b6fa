/**
 * The window's first script, built on its own (vite.config.ts) and run from
 * the page's head before the app's modules load: it applies the remembered
 * look, asks the backend for the list and the distribution at once, and shows
 * the screen kept from the last start if they are what it was drawn from
 * (`keptScreen.ts`). The app takes over the requests and then the screen.
 */
import { invoke } from '@tauri-apps/api/core';

import type { Distribution } from './bindings/Distribution';
import type { TimelinePhase } from './bindings/TimelinePhase';
import { applyAccent } from './distribution';
import { KEPT_SCREEN_SHOWN, keptScreenFor, leaveEarlyRequest, showKeptScreen } from './keptScreen';
import { afterPaint } from './paint';
import { applyOs } from './platform';
import { applyPreferences, loadTextSize, loadTheme } from './preferences';

applyPreferences(loadTheme(), loadTextSize());
applyOs(navigator.userAgent);

const listing = invoke('list_certificates');
const distribution = invoke<Distribution>('distribution');
leaveEarlyRequest('list_certificates', listing);
void listing.then(() => invoke('timeline_mark', { phase: 'list-data' satisfies TimelinePhase })).catch(() => undefined);
leaveEarlyRequest('distribution', distribution);

/** Once the page is parsed, before the app's modules run. */
function whenParsed(then: () => void): void {
  if (document.readyState !== 'loading') {
    then();
    return;
  }
  document.addEventListener('readystatechange', then, { once: true });
}

Promise.all([listing, distribution]).then(
  ([list, dist]) => {
    const html = keptScreenFor(list, dist, new Date());
    if (html === null) return;
    whenParsed(() => {
      const root = document.getElementById('root');
      if (root === null || !showKeptScreen(root, html)) return;
      applyAccent(dist.accent_color);
      // For whoever looks at the page's timing (the window's tests do).
      performance.mark(KEPT_SCREEN_SHOWN);
      // The list is on the screen: for the benchmark's timeline, as the app's own would be.
      const painted: TimelinePhase[] = ['first-paint', 'list-painted'];
      afterPaint(() => {
        for (const phase of painted) void invoke('timeline_mark', { phase }).catch(() => undefined);
      });
    });
  },
  // The app asks again, and shows what went wrong.
  () => undefined,
);
