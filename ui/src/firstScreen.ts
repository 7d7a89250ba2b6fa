/**
 * The window's first script, built on its own (vite.config.ts) and run from
 * the page's head before the app's modules load: it applies the remembered
 * look, asks the backend for the list and the distribution at once, and shows
 * the screen kept from the last start if they are what it was drawn from
 * (`keptScreen.ts`). The kept screen goes on the page hidden as soon as the
 * page is parsed, so that its layout (the fonts' first use, most of its cost)
 * is done while the data is on its way; it is shown once the data matches, and
 * taken away unseen otherwise. The app takes over the requests and then the
 * screen.
 */
import { invoke } from '@tauri-apps/api/core';

import type { Distribution } from './bindings/Distribution';
import type { TimelinePhase } from './bindings/TimelinePhase';
import { applyAccent } from './distribution';
import {
  couldShow,
  drawnFrom,
  dropKeptScreen,
  KEPT_SCREEN_SHOWN,
  keptScreen,
  leaveEarlyRequest,
  prepareKeptScreen,
  revealKeptScreen,
} from './keptScreen';
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

/** Once the page is parsed, before the app's modules run (in the order asked). */
function whenParsed(then: () => void): void {
  if (document.readyState !== 'loading') {
    then();
    return;
  }
  document.addEventListener('readystatechange', then, { once: true });
}

const kept = keptScreen();
const root = (): HTMLElement | null => document.getElementById('root');
let prepared = false;
if (kept !== null && couldShow(kept, new Date())) {
  whenParsed(() => {
    const element = root();
    prepared = element !== null && prepareKeptScreen(element, kept.html);
  });
}

Promise.all([listing, distribution]).then(
  ([list, dist]) => {
    whenParsed(() => {
      const element = root();
      if (!prepared || kept === null || element === null) return;
      if (!drawnFrom(kept, list, dist, new Date())) {
        dropKeptScreen(element);
        return;
      }
      revealKeptScreen(element);
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
  () => {
    whenParsed(() => {
      const element = root();
      if (prepared && element !== null) dropKeptScreen(element);
    });
  },
);
