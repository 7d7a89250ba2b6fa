import { StrictMode, Suspense, useEffect, useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';

import { AnnouncerProvider } from './Announcer';
import { distribution, listCertificates, timelineMark } from './api';
import { App } from './App';
import { Loading } from './components/Loading';
import { DistributionProvider } from './DistributionProvider';
import { I18nProvider } from './i18n/I18nProvider';
import { keepScreen, releaseKeptScreen } from './keptScreen';
import { afterPaint } from './paint';
import { applyOs } from './platform';
import { applyPreferences, loadTextSize, loadTheme } from './preferences';
import { PreferencesProvider } from './PreferencesProvider';
import './styles.css';
import './listViews.css';

const container = document.getElementById('root');
if (container === null) {
  throw new Error('index.html has no #root element');
}

// Before the first paint, so a dark or large-text window never flashes the defaults
// (the first script has done so already, unless it could not load).
applyPreferences(loadTheme(), loadTextSize());
applyOs(navigator.userAgent);

// Started once, before the first render, so React's double rendering in
// development never asks the backend twice (the first script's requests, if it sent them).
const initialRequest = listCertificates();
const distributionRequest = distribution();

/** Keeps the list just drawn for the next start (`keptScreen.ts`), if the list is what is shown. */
async function keepFirstScreen(root: HTMLElement) {
  const [listing, branding] = await Promise.all([initialRequest, distributionRequest]);
  const shown = root.querySelector('[data-testid=certificate-list], [data-testid=empty-state]') !== null;
  if (listing.ok && branding.ok && shown) keepScreen(root, listing.value, branding.value, new Date());
}

/**
 * React's first screen: it replaces the one kept from the last start, if one
 * was shown, and answers from then on. Once painted, it is marked (the app is
 * ready: the backend starts what it deferred until then,
 * `src-tauri/src/first_screen.rs`) and kept for the next start.
 */
function FirstPaint({ root }: { root: HTMLElement }) {
  useLayoutEffect(() => releaseKeptScreen(root), [root]);
  useEffect(
    () =>
      afterPaint(() => {
        void timelineMark('first-paint');
        void timelineMark('ready');
        void keepFirstScreen(root);
      }),
    [root],
  );
  return null;
}

/**
 * How long the first screen waits for its data before it shows the loading
 * screen instead. The data is read while the page loads and is usually there
 * already; a loading screen, once shown, stays up at least 300 ms (React holds
 * a revealed Suspense fallback that long), which would delay the list by more
 * than the data itself takes.
 */
const FIRST_SCREEN_WAIT_MS = 300;

/** Renders the window; the list paints at once when its data is there. */
const renderApp = () => {
  createRoot(container).render(
    <StrictMode>
      <FirstPaint root={container} />
      <I18nProvider>
        <PreferencesProvider>
          <AnnouncerProvider>
            <Suspense fallback={<Loading />}>
              <DistributionProvider request={distributionRequest}>
                <App initialRequest={initialRequest} />
              </DistributionProvider>
            </Suspense>
          </AnnouncerProvider>
        </PreferencesProvider>
      </I18nProvider>
    </StrictMode>,
  );
};

/**
 * Marks `promise` fulfilled the way React's `use` reads it, once it is: a
 * component reading a promise React has not seen before suspends for a tick
 * even when it has settled, and the loading screen would flash.
 */
function markWhenFulfilled<T>(promise: Promise<T>): Promise<T> {
  const tracked: Promise<T> & { status?: 'fulfilled'; value?: T } = promise;
  return promise.then((value) => {
    tracked.status = 'fulfilled';
    tracked.value = value;
    return value;
  });
}

const firstScreenData = Promise.allSettled([markWhenFulfilled(initialRequest), markWhenFulfilled(distributionRequest)]);
const waited = new Promise((resolve) => setTimeout(resolve, FIRST_SCREEN_WAIT_MS));
void Promise.race([firstScreenData, waited]).then(renderApp);
