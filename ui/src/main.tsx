import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { listCertificates } from './api';
import { App } from './App';
import { I18nProvider } from './i18n/I18nProvider';
import './styles.css';

const container = document.getElementById('root');
if (container === null) {
  throw new Error('index.html has no #root element');
}

// Started once, before the first render, so React's double rendering in
// development never asks the backend twice.
const initialRequest = listCertificates();

createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <App initialRequest={initialRequest} />
    </I18nProvider>
  </StrictMode>,
);
