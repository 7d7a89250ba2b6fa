import { Suspense, useEffect, useState, useTransition } from 'react';

import { useAnnounce } from './Announcer';
import { appVersion, certificateDetails, listCertificates, onFileDrop, type Result } from './api';
import type { CertificateDetails } from './bindings/CertificateDetails';
import type { CertificateList } from './bindings/CertificateList';
import type { ListedCertificate } from './bindings/ListedCertificate';
import { AppHeader } from './components/AppHeader';
import { copyKey } from './components/CertificateCard';
import type { ListFilter } from './components/CertificateList';
import { CertificatesView } from './components/CertificatesView';
import { DetailsScreen } from './components/details/DetailsScreen';
import { ImportDialog, type ImportStart } from './components/dialogs/ImportDialog';
import { DropOverlay } from './components/DropOverlay';
import { CheckIcon } from './components/icons';
import { Loading } from './components/Loading';
import { SettingsScreen } from './components/SettingsScreen';
import { useI18n } from './i18n/context';
import { isPfxPath } from './paths';

/** The screens of the window. The list is home; the others have a way back to it. */
type Screen =
  | { name: 'list' }
  | {
      name: 'details';
      certificate: ListedCertificate;
      request: Promise<Result<CertificateDetails>>;
    }
  | { name: 'settings'; versionRequest: Promise<Result<string>> };

/**
 * The main window: the certificate list, one certificate's details, or the
 * settings.
 *
 * The list is a promise held in state. Refreshing swaps in a new one inside a
 * transition, so the current list stays on screen (with the refresh button
 * showing that it is busy) until the new one arrives; only the very first
 * load shows the loading state. Requests start in event handlers, never
 * during rendering, so each runs once.
 */
export function App({ initialRequest }: { initialRequest: Promise<Result<CertificateList>> }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [request, setRequest] = useState(initialRequest);
  const [isRefreshing, startTransition] = useTransition();
  const [screen, setScreen] = useState<Screen>({ name: 'list' });
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [filter, setFilter] = useState<ListFilter>({ query: '', place: 'all' });
  const [importStart, setImportStart] = useState<ImportStart | null>(null);
  const [dragging, setDragging] = useState(false);
  // What the last import or deletion did, shown on the list until the next screen.
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = () => {
    startTransition(() => {
      setRequest(listCertificates());
    });
  };

  const showList = (focus: string | null) => {
    setNotice(null);
    setFocusKey(focus);
    setScreen({ name: 'list' });
  };

  const openDetails = (certificate: ListedCertificate) => {
    setScreen({ name: 'details', certificate, request: certificateDetails(certificate.id) });
    window.scrollTo(0, 0);
  };

  const openSettings = () => {
    if (screen.name === 'settings') return;
    setScreen({ name: 'settings', versionRequest: appVersion() });
    window.scrollTo(0, 0);
  };

  // Files dropped on the window: a PFX file starts its import.
  useEffect(() => {
    let stop: (() => void) | null = null;
    let active = true;
    void onFileDrop((drop) => {
      if (drop.type === 'enter') setDragging(true);
      else if (drop.type === 'leave') setDragging(false);
      else if (drop.type === 'drop') {
        setDragging(false);
        const pfx = drop.paths.find(isPfxPath);
        // A dialog already open keeps the window to itself.
        if (document.querySelector('.modal-overlay') !== null) return;
        if (pfx === undefined) {
          announce(t('import.dropOnlyPfx'));
          return;
        }
        setImportStart({ kind: 'pfx', path: pfx });
      }
    }).then((unlisten) => {
      if (active) stop = unlisten;
      else unlisten();
    });
    return () => {
      active = false;
      stop?.();
    };
  }, [announce, t]);

  return (
    <>
      <AppHeader
        onRefresh={refresh}
        isRefreshing={isRefreshing}
        onSettings={openSettings}
        isSettingsOpen={screen.name === 'settings'}
      />
      <main className="app-main" aria-busy={isRefreshing}>
        {screen.name === 'list' && notice !== null && (
          <div className="notice notice--ok app-notice" data-testid="app-notice">
            <CheckIcon />
            <p>{notice}</p>
          </div>
        )}
        <Suspense fallback={<Loading />}>
          {screen.name === 'list' && (
            <CertificatesView
              request={request}
              onRetry={refresh}
              isRetrying={isRefreshing}
              filter={filter}
              onFilterChange={setFilter}
              onOpen={openDetails}
              onImport={() => setImportStart({ kind: 'pfx', path: null })}
              focusKey={focusKey}
            />
          )}
          {screen.name === 'details' && (
            <DetailsScreen
              key={copyKey(screen.certificate)}
              certificate={screen.certificate}
              request={screen.request}
              listRequest={request}
              onBack={() => showList(copyKey(screen.certificate))}
              onChanged={refresh}
              onDeleted={() => {
                announce(t('delete.done'));
                refresh();
                showList('heading');
                setNotice(t('delete.done'));
              }}
            />
          )}
          {screen.name === 'settings' && (
            <SettingsScreen
              onBack={() => showList('heading')}
              versionRequest={screen.versionRequest}
              listRequest={request}
            />
          )}
        </Suspense>
      </main>
      <ImportDialog
        start={importStart}
        onClose={() => setImportStart(null)}
        onDone={() => {
          setImportStart(null);
          announce(t('import.done'));
          refresh();
          showList('heading');
          setNotice(t('import.done'));
        }}
      />
      {dragging && <DropOverlay />}
    </>
  );
}
