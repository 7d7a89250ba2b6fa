/**
 * Typed wrappers over the Tauri side: the only module that calls `invoke`, the
 * dialog plugin, the app version and the webview's file
 * drops. Commands never throw here; they resolve to a result whose error is
 * always an `ErrorInfo`, whatever the failure was.
 */
import { getVersion } from '@tauri-apps/api/app';
import { Channel, invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { open, save } from '@tauri-apps/plugin-dialog';

import type { CommandName, Commands } from './bindings/commands';
import type { CertificateCopy } from './bindings/CertificateCopy';
import type { CertificateDetails } from './bindings/CertificateDetails';
import type { CertificateList } from './bindings/CertificateList';
import type { ChangePasswordRequest } from './bindings/ChangePasswordRequest';
import type { CopyRequest } from './bindings/CopyRequest';
import type { Distribution } from './bindings/Distribution';
import type { Enrolled } from './bindings/Enrolled';
import type { KeyType } from './bindings/KeyType';
import type { ErrorCode } from './bindings/ErrorCode';
import type { ErrorInfo } from './bindings/ErrorInfo';
import type { OpenRequest } from './bindings/OpenRequest';
import type { UpdateInfo } from './bindings/UpdateInfo';
import type { ExportPfxRequest } from './bindings/ExportPfxRequest';
import type { ImportFolderRequest } from './bindings/ImportFolderRequest';
import type { ImportPfxRequest } from './bindings/ImportPfxRequest';
import type { CaCheck } from './bindings/CaCheck';
import type { CheckedInvitation } from './bindings/CheckedInvitation';
import type { IssueRequest } from './bindings/IssueRequest';
import type { RenewRequest } from './bindings/RenewRequest';
import type { RevokeRequest } from './bindings/RevokeRequest';
import type { SignatureRecord } from './bindings/SignatureRecord';
import type { SignConsent } from './bindings/SignConsent';
import type { SignSession } from './bindings/SignSession';
import type { Step } from './bindings/Step';
import type { Stored } from './bindings/Stored';
import type { TimelinePhase } from './bindings/TimelinePhase';
import type { Verification } from './bindings/Verification';
import type { VerifyIdentityRequest } from './bindings/VerifyIdentityRequest';
import { takeEarlyRequest } from './keptScreen';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Every certificate in every store, plus what could not be read. */
export function listCertificates(): Promise<Result<CertificateList>> {
  return call('list_certificates');
}

/** Everything about one certificate, for the details screen. */
export function certificateDetails(id: string): Promise<Result<CertificateDetails>> {
  return call('certificate_details', { id });
}

export function changePassword(request: ChangePasswordRequest): Promise<Result<null>> {
  return call('change_password', { request });
}

/** Copies a certificate with its key; resolves to where the copy went. */
export function copyCertificate(request: CopyRequest): Promise<Result<Stored>> {
  return call('copy_certificate', { request });
}

/** Deletes one copy of a certificate and its key for good. */
export function deleteCertificate(certificate: CertificateCopy): Promise<Result<null>> {
  return call('delete_certificate', { certificate });
}

export function exportPfx(request: ExportPfxRequest): Promise<Result<null>> {
  return call('export_pfx', { request });
}

export function importPfx(request: ImportPfxRequest): Promise<Result<Stored>> {
  return call('import_pfx', { request });
}

export function importNpkiFolder(request: ImportFolderRequest): Promise<Result<Stored>> {
  return call('import_npki_folder', { request });
}

/** The identity check: true when the ID number is the certificate holder's. */
export function verifyIdentity(request: VerifyIdentityRequest): Promise<Result<boolean>> {
  return call('verify_identity', { request });
}

/**
 * Tells the app the window reached a phase of its start, for the benchmark's
 * timeline (`DOJANG_TIMELINE`); the app ignores it otherwise.
 */
export function timelineMark(phase: TimelinePhase): Promise<Result<null>> {
  return call('timeline_mark', { phase });
}

/** The branding, support contact and CAs this build was distributed with. */
export function distribution(): Promise<Result<Distribution>> {
  return call('distribution');
}

/**
 * Is this certificate good right now, and why: its certification path and its
 * revocation status. `refresh` asks the CA now ("지금 확인"); otherwise a
 * fresh saved answer is used, and only a stale one is fetched again.
 */
export function verifyCertificate(id: string, refresh: boolean): Promise<Result<Verification>> {
  return call('verify_certificate', { id, refresh });
}

/**
 * The same for every certificate of the list, in one call: from saved
 * answers while they are fresh, fetching only the stale ones.
 */
export function verifyCertificates(ids: string[]): Promise<Result<Verification[]>> {
  return call('verify_certificates', { ids });
}

/**
 * Reads an issue.html invitation: which CA and which application, with what
 * the distribution says of that CA. One that names a CA a distribution with
 * CAs does not list is refused (`ca-not-listed`, with its host); in a build
 * without CAs its CA comes back unlisted, for the warning.
 */
export function readInvitation(path: string): Promise<Result<CheckedInvitation>> {
  return call('read_invitation', { path });
}

/**
 * What the distribution says of a CA address the person typed (a build
 * without CAs of its own): its host in full and whether it is listed, or
 * `ca-url-malformed`, `ca-url-insecure`, `ca-not-listed`.
 */
export function checkCa(url: string): Promise<Result<CaCheck>> {
  return call('check_ca', { url });
}

/**
 * Starts generating the key of the coming issuance in the app while the
 * person is on the storage step, so that issuing waits only for the CA. Only
 * the key type crosses; the key stays in the app.
 */
export function prepareKey(keyType: KeyType): Promise<Result<null>> {
  return call('prepare_key', { keyType });
}

/** Issues a certificate, reporting each step as it begins. */
export function issueCertificate(request: IssueRequest, onStep: (step: Step) => void): Promise<Result<Enrolled>> {
  return call('issue_certificate', { request, onProgress: new Channel<Step>(onStep) });
}

/** Renews a certificate near its expiry; the new one replaces it where it was. */
export function renewCertificate(request: RenewRequest, onStep: (step: Step) => void): Promise<Result<Enrolled>> {
  return call('renew_certificate', { request, onProgress: new Channel<Step>(onStep) });
}

/** Asks the CA to revoke a certificate, for good. */
export function revokeCertificate(request: RevokeRequest): Promise<Result<null>> {
  return call('revoke_certificate', { request });
}

/**
 * Fetches and checks the request a `dojang://sign?` link names, and opens a
 * consent session for it: who asks, the text as it must be read, what is
 * signed, and every certificate with the reason it cannot answer. A request
 * the app refuses (its address, its site, its content) comes back as the
 * error; nothing was signed or sent then.
 */
export function openSignRequest(link: string): Promise<Result<SignSession>> {
  return call('open_sign_request', { link });
}

/**
 * Signs the session's request with the chosen copy and posts the answer to
 * the site. A wrong password signs and posts nothing; a failed post
 * (`site-unreachable`, `site-redirected`, `site-http-status`) keeps the
 * answer for `retrySignAnswer`.
 */
export function signForSite(consent: SignConsent): Promise<Result<null>> {
  return call('sign_for_site', { consent });
}

/** Sends a session's kept answer again, after a failed post: never signed twice. */
export function retrySignAnswer(session: string): Promise<Result<null>> {
  return call('retry_sign_answer', { session });
}

/** Closes a session without a signature and tells the site "cancelled" (best effort). */
export function cancelSignRequest(session: string): Promise<Result<null>> {
  return call('cancel_sign_request', { session });
}

/** The signatures made with a certificate for sites, newest first. */
export function signatureHistory(id: string): Promise<Result<SignatureRecord[]>> {
  return call('signature_history', { id });
}

/**
 * Shows a desktop notification (the app's `notify` command). Resolves to
 * whether it was shown; never throws (the system refused it: nothing
 * happens, and it is tried again next time).
 */
export async function notifyExpiry(title: string, body: string): Promise<boolean> {
  const shown = await call('notify', { title, body });
  return shown.ok;
}

/** The app's version as the native side knows it. */
export function appVersion(): Promise<Result<string>> {
  return attempt(() => getVersion());
}

/** A file type for the file dialogs: a name and extensions without the dot. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Asks for one existing file; null when the person cancels. */
export function chooseFile(title: string, filters: FileFilter[]): Promise<Result<string | null>> {
  return attempt(() => open({ title, filters, multiple: false, directory: false }));
}

/** Asks for one existing folder; null when the person cancels. */
export function chooseFolder(title: string): Promise<Result<string | null>> {
  return attempt(() => open({ title, multiple: false, directory: true }));
}

/** Asks where to save a new file; null when the person cancels. */
export function chooseSavePath(
  title: string,
  defaultPath: string,
  filters: FileFilter[],
): Promise<Result<string | null>> {
  return attempt(() => save({ title, defaultPath, filters }));
}

/** What the window reports while files are dragged over it and dropped on it. */
export type FileDrop =
  | { type: 'enter'; paths: string[] }
  | { type: 'over' }
  | { type: 'drop'; paths: string[] }
  | { type: 'leave' };

/**
 * Follows files dragged onto the window. The native side reports drops (with
 * real paths), not the page's HTML5 events. Resolves to the function that
 * stops listening; outside the app it listens to nothing.
 */
export async function onFileDrop(handler: (drop: FileDrop) => void): Promise<() => void> {
  try {
    const unlisten = await getCurrentWebview().onDragDropEvent((event) => {
      const payload = event.payload;
      handler(
        payload.type === 'enter' || payload.type === 'drop'
          ? { type: payload.type, paths: payload.paths }
          : { type: payload.type },
      );
    });
    return unlisten;
  } catch {
    // No webview (a plain browser) or no permission: drops are simply not offered.
    return () => undefined;
  }
}

/** Asks the distribution's update server for a newer version (null: none). */
export function checkUpdate(): Promise<Result<UpdateInfo | null>> {
  return call('check_update');
}

/** Installs the newer version (signature checked) and restarts the app. */
export function installUpdate(): Promise<Result<null>> {
  return call('install_update');
}

/** Certificate details of a file opened with the app (in no store). */
export function certificateFileDetails(path: string): Promise<Result<CertificateDetails>> {
  return call('certificate_file_details', { path });
}

/**
 * Files and `dojang:` links opened with the app wait in a queue in Rust; the
 * `open-requests` event says there is something to take. The handler gets the
 * queue now (what the app was started with) and after every nudge.
 */
export async function onOpenRequests(handler: (requests: OpenRequest[]) => void): Promise<() => void> {
  const take = async () => {
    const taken = await call('take_open_requests');
    if (taken.ok && taken.value.length > 0) handler(taken.value);
  };
  try {
    const unlisten = await listen('open-requests', () => void take());
    await take();
    return unlisten;
  } catch {
    // No app behind the page: nothing is ever opened with it.
    return () => undefined;
  }
}

/** A command's arguments as sent; left out when it takes none. */
type ArgsOf<K extends CommandName> = Commands[K]['args'] extends Record<string, never>
  ? [args?: Commands[K]['args']]
  : [args: Commands[K]['args']];

/**
 * Calls one of the app's commands (`bindings/commands.ts`, written from the
 * Rust side's one list of them): a renamed command, a changed argument or a
 * changed result fails `tsc` here or in the wrapper that calls it.
 */
async function call<K extends CommandName>(command: K, ...[args]: ArgsOf<K>): Promise<Result<Commands[K]['result']>> {
  // The first script (firstScreen.ts) may have sent it already, as the page began to load.
  const early = takeEarlyRequest(command) as Promise<Commands[K]['result']> | undefined;
  return attempt(() => early ?? invoke<Commands[K]['result']>(command, args));
}

async function attempt<T>(job: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await job() };
  } catch (rejection) {
    return { ok: false, error: toErrorInfo(rejection) };
  }
}

/**
 * The backend rejects with `{code, params}`; anything else (a bridge failure,
 * a string, a thrown Error) becomes an `internal` error carrying its text.
 */
export function toErrorInfo(rejection: unknown): ErrorInfo {
  if (isErrorInfoLike(rejection)) {
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(rejection.params ?? {})) {
      params[name] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    // Taken as the backend's `ErrorCode`. One this window does not know (a newer
    // backend's) passes as it came: `describeError` gives it the generic sentence.
    return { code: rejection.code as ErrorCode, params };
  }
  const detail =
    rejection instanceof Error
      ? rejection.message
      : typeof rejection === 'string'
        ? rejection
        : safeStringify(rejection);
  return { code: 'internal', params: { detail } };
}

function isErrorInfoLike(
  value: unknown,
): value is { code: string; params?: Record<string, unknown> | null } {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { code, params } = value as { code?: unknown; params?: unknown };
  return (
    typeof code === 'string' &&
    code !== '' &&
    (params === undefined || params === null || (typeof params === 'object' && !Array.isArray(params)))
  );
}

function safeStringify(value: unknown): string {
  try {
    // JSON.stringify gives undefined for undefined, functions and symbols.
    const json = JSON.stringify(value) as string | undefined;
    return json ?? String(value);
  } catch {
    return String(value);
  }
}
