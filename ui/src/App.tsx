import { lazy, Suspense, useEffect, useRef, useState, useTransition } from 'react';

import { useAnnounce } from './Announcer';
import {
  appVersion,
  cancelSignRequest,
  certificateDetails,
  certificateFileDetails,
  listCertificates,
  onFileDrop,
  onOpenRequests,
  openSignRequest,
  signatureHistory,
  verifyCertificate,
  type Result,
} from './api';
import type { CheckedInvitation } from './bindings/CheckedInvitation';
import type { CertificateDetails } from './bindings/CertificateDetails';
import type { CertificateList } from './bindings/CertificateList';
import type { ListedCertificate } from './bindings/ListedCertificate';
import type { SignatureRecord } from './bindings/SignatureRecord';
import type { SignSession } from './bindings/SignSession';
import type { Verification } from './bindings/Verification';
import { AppHeader } from './components/AppHeader';
import type { ListFilter } from './components/CertificateList';
import { CertificatesView } from './components/CertificatesView';
import { ImportDialog, type ImportStart } from './components/dialogs/ImportDialog';
import { OpenDialogsContext, useOpenDialogs } from './components/dialogs/openDialogs';
import { DropOverlay } from './components/DropOverlay';
import { CheckIcon, WarningIcon } from './components/icons';
import type { InvitationDrop } from './components/issue/IssueScreen';
import { Loading } from './components/Loading';
import { SandboxBanner } from './components/SandboxBanner';
import { SignLoading } from './components/sign/SignFrame';
import { describeError } from './errors';
import { useI18n } from './i18n/context';
import { isInvitationPath, isPfxPath } from './paths';
import { useReveal } from './reveal';
import { copyKey } from './places';
import { useExpiryReminders } from './useExpiryReminders';
import { useTauriEvent } from './useTauriEvent';

// The screens behind the list load when first opened, so the list comes up sooner; the
// details' code, the screen opened most, is fetched once the window is idle after that.
const loadDetailsScreen = () => import('./components/details/DetailsScreen');
const DetailsScreen = lazy(() => loadDetailsScreen().then((m) => ({ default: m.DetailsScreen })));
/**
 * How long a click on a certificate keeps the list while its details are read. Shown at
 * once, the details would show their loading line, and React reveals what replaces a
 * fallback no sooner than 300 ms after it appeared: a read of 20 ms would look like 300.
 */
const DETAILS_WAIT_MS = 150;
const FileDetailsScreen = lazy(() =>
  import('./components/details/FileDetailsScreen').then((m) => ({ default: m.FileDetailsScreen })),
);
const IssueScreen = lazy(() => import('./components/issue/IssueScreen').then((m) => ({ default: m.IssueScreen })));
const SettingsScreen = lazy(() => import('./components/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));
/**
 * The signing screen's code, loaded when the first request arrives (and not through
 * `lazy`: a Suspense boundary reveals its content no sooner than 300 ms after its
 * fallback showed, which would be most of the person's wait for the consent).
 */
type SignScreenView = typeof import('./components/sign/SignScreen').SignScreen;
let signScreenLoad: Promise<SignScreenView> | null = null;
const loadSignScreen = () => (signScreenLoad ??= import('./components/sign/SignScreen').then((m) => m.SignScreen));

/** The screens of the window. The list is home; the others have a way back to it. */
type Screen =
  | { name: 'list' }
  | {
      name: 'details';
      certificate: ListedCertificate;
      request: Promise<Result<CertificateDetails>>;
      /** Its path and status, asked in the background: the screen never waits for them. */
      verificationRequest: Promise<Result<Verification>>;
      /** The signatures it made for sites, asked in the background too. */
      historyRequest: Promise<Result<SignatureRecord[]>>;
    }
  | { name: 'settings'; versionRequest: Promise<Result<string>> }
  | { name: 'file'; path: string; request: Promise<Result<CertificateDetails>> }
  | {
      name: 'issue';
      /** The owner of the certificate being reissued, if this is a reissue. */
      reissueOf: string | null;
      /** The last issue.html dropped on the window (or opened with the app). */
      drop: InvitationDrop | null;
    }
  | { name: 'sign'; attempt: SignAttempt };

/** A site's signing request in the window: the link it opened, and the request read from the site. */
interface SignAttempt {
  /** Tells one attempt from the next, even of the same link. */
  seq: number;
  link: string;
  request: Promise<Result<SignSession>>;
}

/** A line above the list: what a job did, or what could not be done (never with a tick). */
interface Notice {
  text: string;
  problem: boolean;
  /** The screen it is about (the list unless said): shown on it, never on a later one. */
  on?: Screen;
}

/** What a drag over the window would do if dropped. */
type Dragging = 'pfx' | 'invitation' | null;

/**
 * The screen once an invitation arrives (dropped, or opened with the app):
 * the wizard already open takes it as its next one, so it notices even the
 * same file twice; otherwise a new wizard opens with it.
 */
function withInvitation(screen: Screen, path: string, read?: Result<CheckedInvitation>): Screen {
  const seq = (screen.name === 'issue' ? (screen.drop?.seq ?? 0) : 0) + 1;
  const drop: InvitationDrop = read === undefined ? { path, seq } : { path, seq, read };
  return screen.name === 'issue' ? { ...screen, drop } : { name: 'issue', reissueOf: null, drop };
}

/**
 * The main window: the certificate list, one certificate's details, the
 * issuance wizard, or the settings.
 *
 * The list is a promise held in state. Refreshing swaps in a new one inside a
 * transition, so the current list stays on screen (with the refresh button
 * showing that it is busy) until the new one arrives; only the very first
 * load shows the loading state. Requests start in event handlers, never
 * during rendering, so each runs once.
 */
/** The whole list: no search, every place. */
const NO_FILTER: ListFilter = { query: '', place: 'all' };

export function App({ initialRequest }: { initialRequest: Promise<Result<CertificateList>> }) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const [request, setRequest] = useState(initialRequest);
  const [isRefreshing, startTransition] = useTransition();
  const [screen, setScreen] = useState<Screen>({ name: 'list' });
  const [SignView, setSignView] = useState<SignScreenView | null>(null);
  // What the site's request gave, for the attempt it belongs to: the screen shows its
  // loading state until then (without suspending, see loadSignScreen).
  const [signRead, setSignRead] = useState<{ seq: number; result: Result<SignSession> } | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [filter, setFilter] = useState<ListFilter>(NO_FILTER);
  const [importStart, setImportStart] = useState<ImportStart | null>(null);
  const [dragging, setDragging] = useState<Dragging>(null);
  const dialogs = useOpenDialogs();
  // What the last import or deletion did, or what could not be done with a file, on the list until the next screen.
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useReveal<HTMLDivElement>(notice);
  // The signing request being answered (read, shown for consent, signed, or waiting to be sent
  // again): one at a time, and never swapped for another under the person's eyes.
  const openSign = useRef<SignAttempt | null>(null);
  const signSeq = useRef(0);
  // A request that came while another was being answered: shown once that one ends.
  const [waitingSign, setWaitingSign] = useState<string | null>(null);

  useExpiryReminders(initialRequest);

  /** Reads the list again; resolves to the new list. */
  const refresh = (): Promise<Result<CertificateList>> => {
    const next = listCertificates();
    startTransition(() => {
      setRequest(next);
    });
    return next;
  };

  const showList = (focus: string | null) => {
    setNotice(null);
    setFocusKey(focus);
    setScreen({ name: 'list' });
  };

  const openDetails = (certificate: ListedCertificate) => {
    const details: Screen = {
      name: 'details',
      certificate,
      request: certificateDetails(certificate.id),
      verificationRequest: verifyCertificate(certificate.id, false),
      historyRequest: signatureHistory(certificate.id),
    };
    // The list stays until the details are read (or DETAILS_WAIT_MS passes), unless the person
    // went elsewhere meanwhile.
    const from = screen;
    const ready = Promise.all([details.request, loadDetailsScreen()]);
    // A transition: what is read already is drawn without its loading line in between. Shown
    // too if the screen's code failed to load, so that its error is seen.
    const show = () => {
      startTransition(() => {
        setScreen((current) => (current === from ? details : current));
      });
    };
    void Promise.race([ready, new Promise((resolve) => setTimeout(resolve, DETAILS_WAIT_MS))]).then(show, show);
  };

  // The details' code, fetched while nothing else happens once the window is up.
  useEffect(() => {
    const fetch = () => void loadDetailsScreen();
    if ('requestIdleCallback' in window) {
      const idle = window.requestIdleCallback(fetch);
      return () => window.cancelIdleCallback(idle);
    }
    const timer = setTimeout(fetch, 500);
    return () => clearTimeout(timer);
  }, []);

  /**
   * Reads the details on screen again (after a revocation, say), and its
   * status with them, keeping the current ones on screen until the new ones
   * arrive.
   */
  const reloadDetails = (certificate: ListedCertificate) => {
    const next = certificateDetails(certificate.id);
    const verificationRequest = verifyCertificate(certificate.id, false);
    startTransition(() => {
      setScreen((current) =>
        current.name === 'details' && copyKey(current.certificate) === copyKey(certificate)
          ? { ...current, request: next, verificationRequest }
          : current,
      );
    });
  };

  /** Opens a certificate known only by its ID, once the list has it. */
  const openById = async (id: string, listing: Promise<Result<CertificateList>>) => {
    const result = await listing;
    const found = result.ok ? result.value.certificates.find((certificate) => certificate.id === id) : undefined;
    if (found === undefined) showList('heading');
    else openDetails(found);
  };

  const openSettings = () => {
    if (screen.name === 'settings') return;
    setScreen({ name: 'settings', versionRequest: appVersion() });
    window.scrollTo(0, 0);
  };

  const openIssue = (reissueOf: string | null = null) => {
    if (screen.name === 'issue' && reissueOf === null) return;
    setScreen({ name: 'issue', reissueOf, drop: null });
    window.scrollTo(0, 0);
  };

  /** Reads a site's signing request and shows it, whatever screen was shown. */
  const startSign = (link: string) => {
    if (SignView === null) void loadSignScreen().then((view) => setSignView(() => view));
    signSeq.current += 1;
    const attempt: SignAttempt = { seq: signSeq.current, link, request: openSignRequest(link) };
    openSign.current = attempt;
    // A request the app refused opened nothing: nothing to tell its site.
    void attempt.request.then((result) => {
      if (!result.ok && openSign.current === attempt) openSign.current = null;
      setSignRead({ seq: attempt.seq, result });
    });
    setWaitingSign(null);
    setScreen({ name: 'sign', attempt });
    window.scrollTo(0, 0);
  };

  /**
   * A `dojang://sign?` link opened with the app. While another request is
   * being answered, the new one waits (said aloud and on the screen) and is
   * shown once that one is signed or cancelled; only the newest waits.
   */
  const receiveSign = (link: string) => {
    if (openSign.current === null) {
      startSign(link);
    } else {
      setWaitingSign(link);
      announce(t('sign.waiting'));
    }
  };

  /** Leaves the signing screen: for the request that waited, or the list with what became of this one. */
  const afterSign = (left: Notice | null) => {
    if (waitingSign !== null) {
      startSign(waitingSign);
      return;
    }
    showList('heading');
    if (left !== null) setNotice(left);
  };

  /**
   * The person cancels a request: nothing was signed, or a signature made was never delivered
   * (dropped now). The site is told once its request is open (one still being read is cancelled
   * as it arrives); the window does not wait for the site to answer.
   */
  const cancelSign = (attempt: SignAttempt, undelivered: boolean) => {
    if (openSign.current === attempt) openSign.current = null;
    void attempt.request.then((result) => (result.ok ? cancelSignRequest(result.value.session) : null));
    const text = t(undelivered ? 'sign.closedUndelivered' : 'sign.cancelled');
    announce(text);
    afterSign({ text, problem: undelivered });
  };

  // A request left unanswered for another screen (the header, a file or a link opened meanwhile)
  // is cancelled: its site is told, and no consent stays open behind the window's back.
  useEffect(() => {
    const open = openSign.current;
    if (open === null || (screen.name === 'sign' && screen.attempt === open)) return;
    openSign.current = null;
    void open.request.then((result) => (result.ok ? cancelSignRequest(result.value.session) : null));
  }, [screen]);

  // Files dropped on the window: an issue.html opens the wizard with it, a PFX file starts its import.
  useTauriEvent(onFileDrop, (drop) => {
    if (drop.type === 'enter') {
      const invitation = drop.paths.some(isInvitationPath) && !drop.paths.some(isPfxPath);
      setDragging(invitation ? 'invitation' : 'pfx');
    } else if (drop.type === 'leave') setDragging(null);
    else if (drop.type === 'drop') {
      setDragging(null);
      // A dialog already open keeps the window to itself.
      if (dialogs.anyOpen) return;
      const pfx = drop.paths.find(isPfxPath);
      const invitation = drop.paths.find(isInvitationPath);
      if (pfx !== undefined) {
        setImportStart({ kind: 'pfx', path: pfx });
      } else if (invitation !== undefined) {
        setScreen((old) => withInvitation(old, invitation));
      } else {
        // Said aloud, and in view above the screen it was dropped on, which stays as it was.
        announce(t('import.dropOnlyPfx'));
        setNotice({ text: t('import.dropOnlyPfx'), problem: true, on: screen });
      }
    }
  });

  // Files and dojang: links opened with the app (at start, or while it runs).
  useTauriEvent(onOpenRequests, (requests) => {
    for (const opened of requests) {
      if (opened.kind === 'invitation') {
        const read: Result<CheckedInvitation> = { ok: true, value: { invitation: opened.invitation, ca: opened.ca } };
        setScreen((old) => withInvitation(old, opened.source, read));
      } else if (opened.kind === 'failed' && opened.error.code === 'ca-not-listed') {
        // An invitation naming a CA this build does not list: the wizard says so where the
        // invitation would be, and no code can be sent with it.
        const refused: Result<CheckedInvitation> = { ok: false, error: opened.error };
        setScreen((old) => withInvitation(old, opened.what, refused));
      } else if (opened.kind === 'import-pfx') {
        setImportStart({ kind: 'pfx', path: opened.path });
      } else if (opened.kind === 'import-folder') {
        setImportStart({ kind: 'folder', path: opened.path });
      } else if (opened.kind === 'sign') {
        receiveSign(opened.link);
      } else if (opened.kind === 'show-file') {
        setScreen({ name: 'file', path: opened.path, request: certificateFileDetails(opened.path) });
      } else {
        const reason = describeError(lang, opened.error).text;
        setScreen({ name: 'list' });
        setNotice({ text: t('open.failed', { what: opened.what, reason }), problem: true });
        announce(t('open.failed', { what: opened.what, reason }));
      }
    }
  });

  return (
    <OpenDialogsContext value={dialogs.opened}>
      <AppHeader
        onIssue={() => openIssue()}
        isIssueOpen={screen.name === 'issue'}
        onSettings={openSettings}
        isSettingsOpen={screen.name === 'settings'}
      />
      <SandboxBanner />
      <main className="app-main" aria-busy={isRefreshing}>
        {notice !== null && (notice.on === undefined ? screen.name === 'list' : notice.on === screen) && (
          <div
            ref={noticeRef}
            className={notice.problem ? 'notice notice--warn app-notice' : 'notice notice--ok app-notice'}
            data-testid="app-notice"
            data-kind={notice.problem ? 'problem' : 'done'}
          >
            {notice.problem ? <WarningIcon /> : <CheckIcon />}
            <p>{notice.text}</p>
          </div>
        )}
        <Suspense fallback={<Loading />}>
          {screen.name === 'list' && (
            <CertificatesView
              request={request}
              onRetry={() => void refresh()}
              isRetrying={isRefreshing}
              filter={filter}
              onFilterChange={setFilter}
              onOpen={openDetails}
              onImport={() => setImportStart({ kind: 'pfx', path: null })}
              onIssue={() => openIssue()}
              focusKey={focusKey}
            />
          )}
          {screen.name === 'details' && (
            <DetailsScreen
              key={copyKey(screen.certificate)}
              certificate={screen.certificate}
              request={screen.request}
              verificationRequest={screen.verificationRequest}
              historyRequest={screen.historyRequest}
              listRequest={request}
              onBack={() => showList(copyKey(screen.certificate))}
              onChanged={() => {
                void refresh();
                reloadDetails(screen.certificate);
              }}
              onDeleted={() => {
                announce(t('delete.done'));
                void refresh();
                showList('heading');
                setNotice({ text: t('delete.done'), problem: false });
              }}
              onRenewed={(id) => void openById(id, refresh())}
              onReissue={(owner) => openIssue(owner)}
            />
          )}
          {screen.name === 'sign' &&
            (SignView === null || signRead?.seq !== screen.attempt.seq ? (
              <SignLoading onCancel={() => cancelSign(screen.attempt, false)} waiting={waitingSign !== null} />
            ) : (
              <SignView
                key={screen.attempt.seq}
                link={screen.attempt.link}
                result={signRead.result}
                waiting={waitingSign !== null}
                onCancel={(undelivered) => cancelSign(screen.attempt, undelivered)}
                onSettled={() => {
                  if (openSign.current === screen.attempt) openSign.current = null;
                }}
                onBack={() => afterSign(null)}
              />
            ))}
          {screen.name === 'file' && (
            <FileDetailsScreen path={screen.path} request={screen.request} onBack={() => showList('heading')} />
          )}
          {screen.name === 'settings' && (
            <SettingsScreen
              onBack={() => showList('heading')}
              versionRequest={screen.versionRequest}
              listRequest={request}
            />
          )}
          {screen.name === 'issue' && (
            <IssueScreen
              key={screen.reissueOf ?? ''}
              reissueOf={screen.reissueOf}
              drop={screen.drop}
              onBack={() => showList('heading')}
              onIssued={() => {
                // The new certificate must not be hidden by a search typed before.
                setFilter(NO_FILTER);
                return refresh();
              }}
              onOpenDetails={openDetails}
            />
          )}
        </Suspense>
      </main>
      <ImportDialog
        start={importStart}
        onClose={() => setImportStart(null)}
        onDone={() => {
          setImportStart(null);
          setFilter(NO_FILTER);
          announce(t('import.done'));
          void refresh();
          showList('heading');
          setNotice({ text: t('import.done'), problem: false });
        }}
      />
      {dragging !== null && <DropOverlay kind={dragging} />}
    </OpenDialogsContext>
  );
}
