import { StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';

import { AnnouncerProvider } from './Announcer';
import { distribution, listCertificates, timelineMark } from './api';
import { App } from './App';
import { Loading } from './components/Loading';
import { DistributionProvider } from './DistributionProvider';
import { I18nProvider } from './i18n/I18nProvider';
import { applyPreferences, loadTextSize, loadTheme } from './preferences';
import { PreferencesProvider } from './PreferencesProvider';
import { markAfterPaint } from './timeline';
import './styles.css';

const container = document.getElementById('root');
if (container === null) {
  throw new Error('index.html has no #root element');
}

// Before the first paint, so a dark or large-text window never flashes the defaults.
applyPreferences(loadTheme(), loadTextSize());

// Started once, before the first render, so React's double rendering in
// development never asks the backend twice.
const initialRequest = listCertificates();
const distributionRequest = distribution();
void initialRequest.then(() => timelineMark('list-data'));

/** Marks the first paint once React has committed its first screen. */
function FirstPaint() {
  useEffect(() => markAfterPaint('first-paint'), []);
  return null;
}

createRoot(container).render(
  <StrictMode>
    <FirstPaint />
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
