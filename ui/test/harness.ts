/**
 * Test-only entry: installs a mocked Tauri backend for the scenario the
 * browser test chose, then starts the real app. Never part of the build.
 *
 * Every command is answered from the fixtures and recorded in
 * `window.__DOJANG_CALLS__`, so a test can check the exact request the UI
 * sent. The file dialogs, the app version, the clipboard and the webview's
 * drag-and-drop events are mocked through the same IPC.
 */
import { emit } from '@tauri-apps/api/event';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';

import type { CertificateList } from '../src/bindings/CertificateList';
import type { PasswordRule } from '../src/bindings/PasswordRule';
import {
  detailsById,
  empty,
  fourPlaces,
  loadFailure,
  SAMPLE_ID_NUMBER,
  SAMPLE_PASSWORD,
  threeCertsOneBroken,
} from './fixtures';

type Answer = (call: number) => CertificateList;

const scenarios: Record<string, Answer> = {
  'three-certs-one-broken': () => threeCertsOneBroken,
  'four-places': () => fourPlaces,
  empty: () => empty,
  // The first call fails; every later one (a retry) succeeds.
  'ipc-error': (call) => {
    if (call === 1) {
      // The backend rejects with an ErrorInfo object, not an Error.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw loadFailure;
    }
    return threeCertsOneBroken;
  },
};

const scenarioName = window.__DOJANG_SCENARIO__ ?? 'three-certs-one-broken';
const answer = scenarios[scenarioName];
if (answer === undefined) {
  throw new Error(`unknown scenario: ${scenarioName}`);
}

window.__DOJANG_IPC_CALLS__ = 0;
window.__DOJANG_CALLS__ = [];
window.__DOJANG_CLIPBOARD__ = [];

/** The rules of `dojang_core::password::broken_rules`, for the mock only. */
function brokenRules(password: string): PasswordRule[] {
  const chars = Array.from(password);
  const codes = chars.map((c) => c.codePointAt(0) ?? 0);
  const broken: PasswordRule[] = [];
  if (chars.length < 10) broken.push('too-short');
  if (!/[A-Za-z]/.test(password)) broken.push('needs-letter');
  if (!/[0-9]/.test(password)) broken.push('needs-digit');
  if (!/[^A-Za-z0-9]/.test(password)) broken.push('needs-special');
  if (/['"\\|]/.test(password)) broken.push('forbidden-character');
  const run = (step: number) =>
    codes.some((c, i) => i >= 2 && /[A-Za-z0-9]/.test(chars[i] ?? '') && codes[i - 1] === c - step && codes[i - 2] === c - 2 * step);
  if (run(1) || run(-1)) broken.push('sequential');
  if (run(0)) broken.push('repeated');
  return broken;
}

function fail(code: string, params: Record<string, string> = {}): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  throw { code, params };
}

type Args = Record<string, unknown>;
type Request = Record<string, unknown>;

function requestOf(args: Args): Request {
  return (args.request ?? {}) as Request;
}

function knownCertificate(id: unknown): void {
  if (typeof id !== 'string' || detailsById[id] === undefined) {
    fail('certificate-not-found', { id: String(id) });
  }
}

const handlers: Record<string, (args: Args) => unknown> = {
  list_certificates: () => {
    const call = (window.__DOJANG_IPC_CALLS__ ?? 0) + 1;
    window.__DOJANG_IPC_CALLS__ = call;
    return answer(call);
  },
  certificate_details: (args) => {
    knownCertificate(args.id);
    return detailsById[args.id as string];
  },
  check_password: (args) => brokenRules(String(args.password)),
  change_password: (args) => {
    const request = requestOf(args);
    knownCertificate(request.id);
    if (request.old_password !== SAMPLE_PASSWORD) fail('wrong-password');
    const [rule] = brokenRules(String(request.new_password));
    if (rule !== undefined) fail(`password-${rule}`);
    return null;
  },
  export_pfx: (args) => {
    const request = requestOf(args);
    knownCertificate(request.id);
    if (request.password !== SAMPLE_PASSWORD) fail('wrong-password');
    return null;
  },
  copy_certificate: (args) => {
    const request = requestOf(args);
    knownCertificate(request.id);
    const to = request.to as { kind: string; root?: string | null };
    const path = to.kind === 'keychain' ? null : `${to.root ?? 'C:\\Users\\user\\AppData\\LocalLow\\NPKI'}\\yessign\\USER\\cn=copy`;
    return { id: request.id, path };
  },
  delete_certificate: (args) => {
    knownCertificate(args.id);
    return null;
  },
  import_pfx: (args) => {
    const request = requestOf(args);
    if (request.pfx_password !== SAMPLE_PASSWORD) fail('pfx-wrong-password');
    const [rule] = brokenRules(String(request.password));
    if (rule !== undefined) fail(`password-${rule}`);
    return { id: 'abcdef01'.repeat(8), path: null };
  },
  import_npki_folder: () => ({ id: 'abcdef01'.repeat(8), path: 'C:\\Users\\user\\AppData\\LocalLow\\NPKI\\yessign\\USER\\cn=imported' }),
  verify_identity: (args) => {
    const request = requestOf(args);
    knownCertificate(request.id);
    if (request.password !== SAMPLE_PASSWORD) fail('wrong-password');
    const digits = String(request.id_number).replace(/-/g, '');
    if (!/^(\d{10}|\d{13})$/.test(digits)) fail('id-number-malformed');
    return digits === SAMPLE_ID_NUMBER;
  },
  'plugin:dialog|open': () => window.__DOJANG_DIALOG_ANSWERS__?.shift() ?? null,
  'plugin:dialog|save': () => window.__DOJANG_DIALOG_ANSWERS__?.shift() ?? null,
  'plugin:app|version': () => window.__DOJANG_APP_VERSION__ ?? fail('internal', { detail: 'no version' }),
};

mockWindows('main');
mockIPC(
  async (command, payload) => {
    const args = (payload ?? {}) as Args;
    if (command !== 'check_password') {
      window.__DOJANG_CALLS__?.push({ command, args });
    }
    const delay = window.__DOJANG_IPC_DELAY_MS__ ?? 0;
    if (delay > 0) {
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    const failure = window.__DOJANG_FAILURES__?.[command]?.shift();
    if (failure !== undefined) fail(failure.code, failure.params);
    const handler = handlers[command];
    if (handler === undefined) fail('internal', { detail: `no mock for ${command}` });
    return handler(args);
  },
  { shouldMockEvents: true },
);

window.__DOJANG_EMIT__ = (event, payload) => emit(event, payload);

// The clipboard of a headless browser needs permissions; record instead.
Object.defineProperty(navigator, 'clipboard', {
  configurable: true,
  value: {
    writeText: (text: string) => {
      window.__DOJANG_CLIPBOARD__?.push(text);
      return Promise.resolve();
    },
  },
});

await import('../src/main');
