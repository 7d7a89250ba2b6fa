import { Suspense, useState, useTransition } from 'react';

import { listCertificates, type Result } from './api';
import type { CertificateList } from './bindings/CertificateList';
import { AppHeader } from './components/AppHeader';
import { CertificatesView } from './components/CertificatesView';
import { Loading } from './components/Loading';

/**
 * The main window: the certificate list.
 *
 * The list is a promise held in state. Refreshing swaps in a new one inside a
 * transition, so the current list stays on screen (with the refresh button
 * showing that it is busy) until the new one arrives; only the very first
 * load shows the loading state.
 */
export function App({ initialRequest }: { initialRequest: Promise<Result<CertificateList>> }) {
  const [request, setRequest] = useState(initialRequest);
  const [isRefreshing, startTransition] = useTransition();

  const refresh = () => {
    startTransition(() => {
      setRequest(listCertificates());
    });
  };

  return (
    <>
      <AppHeader onRefresh={refresh} isRefreshing={isRefreshing} />
      <main className="app-main" aria-busy={isRefreshing}>
        <Suspense fallback={<Loading />}>
          <CertificatesView request={request} onRetry={refresh} isRetrying={isRefreshing} />
        </Suspense>
      </main>
    </>
  );
}
