/** Knobs the browser tests set on the harness page before it loads, and what it records. */
interface Window {
  /** Which fixture the mocked backend answers with. */
  __DOJANG_SCENARIO__?: string;
  /** How long the mocked backend takes to answer, in milliseconds. */
  __DOJANG_IPC_DELAY_MS__?: number;
  /** Loading lines a test saw drawn (details.spec.ts). */
  __DOJANG_SEEN_LOADING__?: string[];
  /** How many times `list_certificates` has been called. */
  __DOJANG_IPC_CALLS__?: number;
  /** Every command the UI sent, in order, with its arguments. */
  __DOJANG_CALLS__?: { command: string; args: unknown }[];
  /** The phases the window marked (`timeline_mark`), with `performance.now()` when each came. */
  __DOJANG_TIMELINE__?: { phase: string; at: number }[];
  /**
   * Errors to answer with, per command, one per call, before answering
   * normally again: `{ change_password: [{ code: 'wrong-password', params: {} }] }`.
   */
  __DOJANG_FAILURES__?: Partial<Record<string, import('../src/bindings/ErrorInfo').ErrorInfo[]>>;
  /** What the file dialogs answer, in order (a path, or null for Cancel). */
  __DOJANG_DIALOG_ANSWERS__?: (string | null)[];
  /** The app version the native side reports; unset makes `getVersion` fail. */
  __DOJANG_APP_VERSION__?: string;
  /** What the page put on the clipboard, latest last. */
  __DOJANG_CLIPBOARD__?: string[];
  /** Fields of the distribution that differ from the fixture's (sandbox, no CA, branding). */
  __DOJANG_DISTRIBUTION__?: Partial<import('../src/bindings/Distribution').Distribution>;
  /** How long each issuance or renewal step takes, in milliseconds (30 unless told). */
  __DOJANG_STEP_DELAY_MS__?: number;
  /** The CA never hears the confirmation: issuances and renewals end unconfirmed. */
  __DOJANG_UNCONFIRMED__?: boolean;
  /** The answer to a notification permission request ('granted' unless told). */
  __DOJANG_NOTIFICATION_PERMISSION__?: NotificationPermission;
  /** Every notification shown, in order. */
  __DOJANG_NOTIFICATIONS__?: { title: string; body: string }[];
  /** What the update server offers: a newer version, null (none); unset: no updater. */
  __DOJANG_UPDATE__?: import('../src/bindings/UpdateInfo').UpdateInfo | null;
  /** What every issue.html says (the fixture's invitation unless told). */
  __DOJANG_INVITATION__?: import('../src/bindings/Invitation').Invitation;
  /** Files and links the app was opened with (take_open_requests answers them once). */
  __DOJANG_OPEN_REQUESTS__?: import('../src/bindings/OpenRequest').OpenRequest[];
  /**
   * What the mocked backend says of a certificate's path and status, by certificate ID:
   * its path, its saved status (no refresh) and what the CA says now (refresh).
   */
  __DOJANG_VERIFY__?: Record<string, import('./fixtures').VerifyCase>;
  /** How long `verify_certificate` and `verify_certificates` take, in milliseconds. */
  __DOJANG_VERIFY_DELAY_MS__?: number;
  /** The request every signing link names (`bankLogin` of the fixtures unless told). */
  __DOJANG_SIGN__?: import('./fixtures').SiteRequest;
  /** What the mocked sites received at their callbacks, in order: signed or cancelled. */
  __DOJANG_SIGN_POSTED__?: import('./fixtures').PostedAnswer[];
  /** Emits a Tauri event as the native side would (drag and drop). */
  __DOJANG_EMIT__?: (event: string, payload: unknown) => Promise<void>;
}
