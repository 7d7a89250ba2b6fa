/**
 * Test-only entry: installs a mocked Tauri backend for the scenario the
 * browser test chose, then starts the real app. Never part of the build.
 *
 * Every command is answered from the fixtures and recorded in
 * `window.__DOJANG_CALLS__`, so a test can check the exact request the UI
 * sent (and that nothing was sent while the person typed) (a progress channel is recorded as the string `channel`). The file
 * dialogs, the app version, the notify command, the clipboard and the webview's
 * drag-and-drop events are mocked through the same IPC.
 *
 * The handlers are keyed and typed by `src/bindings/commands.ts`, the map
 * the UI's `call` is typed by: every command the app declares is answered,
 * with its own arguments and its own result type, and every failure with an
 * `ErrorCode`.
 *
 * The issuance and the renewal report their steps through the channel the UI
 * passes, the way the Rust side does (`runCallback` with `{index, message}`),
 * and a failure queued for them comes after the CA was contacted.
 *
 * Signing for a site follows `commands/sign.rs`: a `dojang://sign?` link is
 * read and its site checked against the distribution, the request is the one
 * `__DOJANG_SIGN__` says (its text shown and flagged as `shown_text` does,
 * each listed certificate with the reason it cannot answer), and what reaches
 * the site is recorded in `__DOJANG_SIGN_POSTED__`. A delivery failure queued
 * for `sign_for_site` comes after the signature was made, which is then kept
 * for `retry_sign_answer`; any other comes before anything is signed.
 */
import type { Channel } from '@tauri-apps/api/core';
import { emit } from '@tauri-apps/api/event';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';

import type { CaCheck } from '../src/bindings/CaCheck';
import type { CertificateCopy } from '../src/bindings/CertificateCopy';
import type { CertificateDetails } from '../src/bindings/CertificateDetails';
import type { CertificateList } from '../src/bindings/CertificateList';
import type { SignCandidate } from '../src/bindings/SignCandidate';
import type { SignPurpose } from '../src/bindings/SignPurpose';
import type { SiteCheck } from '../src/bindings/SiteCheck';
import type { TextFlag } from '../src/bindings/TextFlag';
import type { Unfit } from '../src/bindings/Unfit';
import type { CommandName, Commands } from '../src/bindings/commands';
import type { Distribution } from '../src/bindings/Distribution';
import type { ErrorCode } from '../src/bindings/ErrorCode';
import type { ErrorInfo } from '../src/bindings/ErrorInfo';
import type { ListedCertificate } from '../src/bindings/ListedCertificate';
import type { Revocation } from '../src/bindings/Revocation';
import type { Step } from '../src/bindings/Step';
import type { StoreTarget } from '../src/bindings/StoreTarget';
import { brokenPasswordRules, codeMistakes, PASSWORD_RULE_CODES } from '../src/checks';
import { DELIVERY_FAILURES } from '../src/sign';
import {
  chainOf,
  detailsById,
  detailsOfNew,
  distributionFixture,
  empty,
  fileDetails,
  fourPlaces,
  onePlace,
  issuedCertificate,
  loadFailure,
  renewedKim,
  SAMPLE_ID_NUMBER,
  SAMPLE_PASSWORD,
  sampleInvitation,
  bankLogin,
  signatureHistoryFixture,
  threeCertsOneBroken,
  thousand,
  verificationOf,
} from './fixtures';

type Answer = (call: number) => CertificateList;

const scenarios: Record<string, Answer> = {
  'three-certs-one-broken': () => threeCertsOneBroken,
  'four-places': () => fourPlaces,
  'one-place': () => onePlace,
  empty: () => empty,
  thousand: () => thousand,
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

/**
 * Commands whose queued failure comes at their own point: after their progress began (see
 * `queuedFailure`), or, for a signature, before signing or at its delivery, as the failure is.
 */
const PROGRESSING: ReadonlySet<string> = new Set<CommandName>(['issue_certificate', 'renew_certificate', 'sign_for_site']);

/** The arguments of a call as they reach the mocked IPC. */
type Args = Record<string, unknown>;

/** The arguments as recorded: a progress channel becomes the string `channel`. */
function recordable(args: Args): Args {
  return Object.fromEntries(
    Object.entries(args).map(([name, value]) => [name, name === 'onProgress' ? 'channel' : value]),
  );
}

window.__DOJANG_IPC_CALLS__ = 0;
window.__DOJANG_CALLS__ = [];
window.__DOJANG_TIMELINE__ = [];
window.__DOJANG_CLIPBOARD__ = [];
window.__DOJANG_NOTIFICATIONS__ = [];
window.__DOJANG_SIGN_POSTED__ = [];

/** What issuances and renewals added to the stores, what they replaced, and the copies deleted. */
const added: ListedCertificate[] = [];
const replaced = new Set<string>();
const deleted: { id: string; store: StoreTarget | null }[] = [];
/** The certificates revoked through the app, as the backend notes them. */
const revocations = new Map<string, Revocation>();

/** Whether `store` names the store holding this copy (null: any store). */
function holds(store: StoreTarget | null, certificate: ListedCertificate): boolean {
  if (store === null) return true;
  return store.kind === 'keychain' ? certificate.store === 'keychain' : certificate.location?.path === store.root;
}

function listing(call: number): CertificateList {
  const base = answer?.(call) ?? empty;
  return {
    ...base,
    certificates: [...base.certificates, ...added]
      .filter(
        (certificate) => !replaced.has(certificate.id) && !deleted.some((copy) => copy.id === certificate.id && holds(copy.store, certificate)),
      )
      .map((certificate) => ({ ...certificate, revoked: revocations.get(certificate.id) ?? certificate.revoked })),
  };
}

function listedById(id: string): ListedCertificate | undefined {
  return listing(0).certificates.find((certificate) => certificate.id === id);
}

/** The distribution the backend answers with: the fixture's, with what the test changed. */
function currentDistribution(): Distribution {
  return { ...distributionFixture, ...window.__DOJANG_DISTRIBUTION__ };
}

/** A loopback host, the only one plain HTTP may go to (`invitation.rs: is_loopback`). */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * `CaUrl::parse`: a CMP URL, normalised (scheme and host in lower case, a
 * default port dropped, no fragment); HTTPS, or plain HTTP to loopback.
 */
function caUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    fail('ca-url-malformed', { url: input });
  }
  url.hash = '';
  if (url.hostname === '' || url.username !== '' || url.password !== '') fail('ca-url-malformed', { url: input });
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) fail('ca-url-insecure', { url: input });
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('ca-url-malformed', { url: input });
  return url;
}

/** `Distribution::parse_ca`: plain HTTP (to loopback) only in a sandbox distribution. */
function parseCa(input: string): URL {
  const url = caUrl(input);
  if (url.protocol === 'http:' && !currentDistribution().sandbox) fail('ca-url-insecure', { url: input });
  return url;
}

/** The distribution's CA at this normalised URL, if it lists it. */
function listedCa(url: URL): Distribution['cas'][number] | undefined {
  return currentDistribution().cas.find((ca) => {
    try {
      return caUrl(ca.cmp_url).href === url.href;
    } catch {
      return false;
    }
  });
}

/**
 * `Distribution::check_ca`: what the window is told of a CA before any code
 * is typed. A distribution with CAs refuses any other (`ca-not-listed`); in a
 * build without CAs every CA comes back unlisted, for the warning.
 */
function checkCa(input: string): CaCheck {
  const url = parseCa(input);
  const listed = listedCa(url);
  if (listed === undefined && currentDistribution().cas.length > 0) fail('ca-not-listed', { host: url.host, url: url.href });
  return { url: url.href, host: url.host, name: listed?.name ?? null, listed: listed !== undefined };
}

/**
 * `Distribution::approve_ca` as the issuance uses it: a listed CA; another
 * only in a build without CAs, and only with the person's consent.
 */
function approveCa(input: string, allowUnlisted: boolean): void {
  const url = parseCa(input);
  if (listedCa(url) !== undefined) return;
  if (allowUnlisted && currentDistribution().cas.length === 0) return;
  fail('ca-not-listed', { host: url.host, url: url.href });
}

/** Whether `c` reorders text (`is_direction_control`, sign/request.rs). */
function isDirectionControl(code: number): boolean {
  return code === 0x061c || code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** Whether `c` is invisible or a control code, line breaks and tabs excepted (`is_hidden`, sign/request.rs). */
function isHidden(code: number): boolean {
  const control = code <= 0x1f || (code >= 0x7f && code <= 0x9f);
  if (control) return code !== 0x0a && code !== 0x09;
  const single = [0x00ad, 0x034f, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180e, 0x3164, 0xfeff, 0xffa0];
  const ranges: [number, number][] = [
    [0x200b, 0x200d],
    [0x2060, 0x2064],
    [0x206a, 0x206f],
    [0xfe00, 0xfe0f],
    [0xfff9, 0xfffb],
  ];
  return single.includes(code) || ranges.some(([from, to]) => code >= from && code <= to);
}

/** Whether the text holds something shaped like a tag (`has_markup`, sign/request.rs). */
function hasMarkup(text: string): boolean {
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    const rest = text.slice(at + 1);
    if (/^[A-Za-z/!?]/.test(rest) && rest.includes('>')) return true;
  }
  return false;
}

/** The text as the window is given it, and what was found in it (`shown_text`, sign/request.rs). */
function shownText(text: string): { text: string; flags: TextFlag[] } {
  const found = new Set<TextFlag>();
  if (hasMarkup(text)) found.add('markup');
  let shown = '';
  for (const character of text.replace(/\r\n/g, '\n')) {
    const code = character.codePointAt(0) ?? 0;
    if (isDirectionControl(code)) found.add('direction-controls');
    else if (isHidden(code)) found.add('hidden-characters');
    else {
      shown += character;
      continue;
    }
    shown += `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
  }
  const order: TextFlag[] = ['markup', 'direction-controls', 'hidden-characters'];
  return { text: shown, flags: order.filter((flag) => found.has(flag)) };
}

/** Why a certificate cannot answer a request that accepts `accept` (`Accept::unfit`). */
function unfitFor(certificate: ListedCertificate, accept: { policies: string[]; issuers: string[] }): Unfit | null {
  if (certificate.status === 'expired') return 'expired';
  if (certificate.status === 'not-yet-valid') return 'not-yet-valid';
  if (certificate.revoked !== null) return 'revoked';
  if (accept.policies.length > 0 && (certificate.policy_oid === null || !accept.policies.includes(certificate.policy_oid))) {
    return 'policy-not-accepted';
  }
  if (accept.issuers.length > 0 && !accept.issuers.includes(certificate.issuer_common_name)) return 'issuer-not-accepted';
  return null;
}

/** A signing link's request URL (`SignLink::parse`, `SiteUrl::parse`): HTTPS, or plain HTTP to loopback. */
function signRequestUrl(link: string): URL {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    fail('sign-link-malformed', { link });
  }
  const names = [...url.searchParams.keys()];
  if (url.protocol !== 'dojang:' || url.hostname !== 'sign' || names.length !== 1 || names[0] !== 'request') {
    fail('sign-link-malformed', { link });
  }
  const input = url.searchParams.get('request') ?? '';
  let request: URL;
  try {
    request = new URL(input.trim());
  } catch {
    fail('sign-link-malformed', { link: input });
  }
  request.hash = '';
  if (request.hostname === '' || request.username !== '' || request.password !== '') fail('sign-link-malformed', { link: input });
  if (request.protocol === 'https:' || (request.protocol === 'http:' && isLoopback(request.hostname))) return request;
  fail('site-insecure', { url: input });
}

/** `Distribution::check_site`: who asks, as the distribution knows the site, or refuses it. */
function checkSite(url: URL): SiteCheck {
  const distribution = currentDistribution();
  if (url.protocol === 'http:' && !distribution.sandbox) fail('site-insecure', { url: url.href });
  const listed = distribution.relying_parties.find((site) => site.origin === url.origin);
  if (listed === undefined && distribution.unlisted_sites === 'refuse') fail('site-not-listed', { origin: url.origin });
  return { origin: url.origin, name: listed?.name ?? null, listed: listed !== undefined };
}

/** A consent session open in the mocked app, and the answer made in it, until it is delivered. */
interface SignSessionState {
  site: SiteCheck;
  purpose: SignPurpose;
  candidates: SignCandidate[];
  answer: CertificateCopy | null;
}

const signSessions = new Map<string, SignSessionState>();
let sessionsOpened = 0;
/** What each certificate signed for sites, newest first: the fixtures', then what the tests sign. */
const signatures = new Map(Object.entries(signatureHistoryFixture).map(([id, records]) => [id, [...records]]));

function signSession(id: string): SignSessionState {
  return signSessions.get(id) ?? fail('sign-request-gone');
}

/** Posts the session's answer to its site (`deliver`): closes the session and records the signature. */
function deliverSignature(id: string, failure: ErrorInfo | undefined): void {
  const session = signSession(id);
  const certificate = session.answer ?? fail('sign-request-gone');
  if (failure !== undefined) fail(failure.code, failure.params);
  window.__DOJANG_SIGN_POSTED__?.push({ origin: session.site.origin, status: 'signed', certificate });
  signSessions.delete(id);
  const records = signatures.get(certificate.id) ?? [];
  records.unshift({ origin: session.site.origin, name: session.site.name, purpose: session.purpose, at: new Date().toISOString() });
  signatures.set(certificate.id, records);
}

/** How long asking CAs for statuses takes (`verify_certificate(s)`), beyond the IPC delay. */
function verifyDelay(): Promise<void> {
  const delay = window.__DOJANG_VERIFY_DELAY_MS__ ?? 0;
  return delay > 0 ? new Promise((resolve) => setTimeout(resolve, delay)) : Promise.resolve();
}

/** How long the mocked CA takes for each step of an issuance or a renewal. */
const stepDelay = () => window.__DOJANG_STEP_DELAY_MS__ ?? 30;

/** Reports steps through the UI's channel as the Rust side does: in order, indexed. */
async function report(channel: Channel<Step>, steps: Step[], from: { index: number }): Promise<void> {
  const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback: (id: number, data: unknown) => void } })
    .__TAURI_INTERNALS__;
  for (const step of steps) {
    internals.runCallback(channel.id, { index: from.index, message: step });
    from.index += 1;
    await new Promise((resolve) => setTimeout(resolve, stepDelay()));
  }
}

/** A failure queued for a command, taken when the mocked CA is reached. */
function queuedFailure(command: string): void {
  const failure = window.__DOJANG_FAILURES__?.[command]?.shift();
  if (failure !== undefined) fail(failure.code, failure.params);
}

/** Rejects as the backend does: with an `ErrorInfo`, whose code is one the app declares. */
function fail(code: ErrorCode, params: Record<string, string> = {}): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  throw { code, params };
}

/** The details of a known certificate; fails as the backend does for any other ID. */
function knownCertificate(id: string): CertificateDetails {
  return detailsById[id] ?? fail('certificate-not-found', { id });
}

/**
 * Fails as the backend does unless the copy a request names is listed: the
 * certificate in the store given (the keychain, or an NPKI root), or anywhere
 * when no store is given. The store is checked as it arrived: a request
 * without one at all is refused.
 */
function knownCopy(copy: CertificateCopy): void {
  knownCertificate(copy.id);
  const store = copy.store as StoreTarget | null | undefined;
  if (store === undefined) fail('certificate-not-found', { id: copy.id });
  const held = listing(0).certificates.some((certificate) => certificate.id === copy.id && holds(store, certificate));
  if (!held) fail('certificate-not-found', { id: copy.id });
}

/** A command's answer, as the Rust side would give it. */
type Answered<K extends CommandName> = Commands[K]['result'] | Promise<Commands[K]['result']>;

/**
 * One handler for every command the app declares (`bindings/commands.ts`),
 * typed by the same map as the UI's `call`: a command added, renamed or
 * changed on the Rust side fails `tsc` here until the mock follows.
 */
const handlers: { [K in CommandName]: (args: Commands[K]['args']) => Answered<K> } = {
  // The link read, its site checked, the request fetched and checked, then a consent session.
  open_sign_request: ({ link }) => {
    const url = signRequestUrl(link);
    const site = checkSite(url);
    const request = window.__DOJANG_SIGN__ ?? bankLogin;
    const callback = request.callback ?? `${url.origin}/rp/callback`;
    if (new URL(callback).origin !== url.origin) fail('sign-callback-origin', { callback });
    if (Date.parse(request.expires) <= Date.now()) fail('sign-request-expired');
    const candidates = listing(0).certificates.map((listed) => ({ listed, unfit: unfitFor(listed, request.accept) }));
    candidates.sort((a, b) => Number(a.unfit !== null) - Number(b.unfit !== null));
    sessionsOpened += 1;
    const session = `session-${sessionsOpened}`;
    signSessions.set(session, { site, purpose: request.purpose, candidates, answer: null });
    const shown = shownText(request.text);
    return {
      session,
      site,
      purpose: request.purpose,
      text: shown.text,
      flags: shown.flags,
      signs: request.signs,
      identity: request.purpose === 'login' && request.relyingPartyCertificate,
      expires: request.expires,
      candidates,
    };
  },
  // Signs once (a wrong password signs nothing), then delivers; a failed delivery keeps the answer.
  sign_for_site: ({ consent }) => {
    const session = signSession(consent.session);
    const failure = window.__DOJANG_FAILURES__?.sign_for_site?.shift();
    if (session.answer === null) {
      if (failure !== undefined && !DELIVERY_FAILURES.has(failure.code)) fail(failure.code, failure.params);
      knownCopy(consent);
      const chosen = session.candidates.find(({ listed }) => listed.id === consent.id && holds(consent.store, listed));
      if (chosen === undefined || chosen.unfit !== null) fail('sign-no-certificate');
      if (consent.password !== SAMPLE_PASSWORD) fail('wrong-password');
      session.answer = { id: consent.id, store: consent.store };
    }
    deliverSignature(consent.session, failure);
    return null;
  },
  // The failure queued for it (a delivery failure) is taken before it runs, like any command's.
  retry_sign_answer: ({ session }) => {
    deliverSignature(session, undefined);
    return null;
  },
  cancel_sign_request: ({ session }) => {
    const closed = signSessions.get(session);
    if (closed !== undefined) {
      signSessions.delete(session);
      window.__DOJANG_SIGN_POSTED__?.push({ origin: closed.site.origin, status: 'cancelled', certificate: null });
    }
    return null;
  },
  signature_history: ({ id }) => signatures.get(id) ?? [],
  list_certificates: () => {
    const call = (window.__DOJANG_IPC_CALLS__ ?? 0) + 1;
    window.__DOJANG_IPC_CALLS__ = call;
    return listing(call);
  },
  certificate_details: (args) => {
    const details = knownCertificate(args.id);
    const revoked = revocations.get(args.id);
    return revoked === undefined ? details : { ...details, summary: { ...details.summary, revoked } };
  },
  certificate_chain: (args) => {
    knownCertificate(args.id);
    return chainOf(args.id, listedById(args.id));
  },
  // A path and a status as the fixtures say, or as the test asked (`__DOJANG_VERIFY__`): what
  // the cache holds without `refresh`, what the CA says now with it.
  verify_certificate: async (args) => {
    knownCertificate(args.id);
    await verifyDelay();
    return verificationOf(args.id, listedById(args.id), revocations.get(args.id), args.refresh, window.__DOJANG_VERIFY__?.[args.id]);
  },
  verify_certificates: async (args) => {
    await verifyDelay();
    // One listing for the whole call: a thousand IDs are not a thousand listings.
    const listed = new Map<string, ListedCertificate>();
    for (const certificate of listing(0).certificates) {
      if (!listed.has(certificate.id)) listed.set(certificate.id, certificate);
    }
    return args.ids.map((id) => verificationOf(id, listed.get(id), revocations.get(id), false, window.__DOJANG_VERIFY__?.[id]));
  },
  // The distribution's update server, as a test sets it (no updater unless told).
  check_update: () => {
    const update = window.__DOJANG_UPDATE__;
    if (update === undefined) fail('updates-not-configured');
    return update;
  },
  install_update: () => {
    fail('update-install-failed', { detail: 'signature mismatch' });
  },
  // What the app was opened with: given once, then the queue is empty.
  take_open_requests: () => {
    const queued = window.__DOJANG_OPEN_REQUESTS__ ?? [];
    window.__DOJANG_OPEN_REQUESTS__ = [];
    return queued;
  },
  certificate_file_details: (args) => {
    const { path } = args;
    if (!/\.(der|cer|crt|pem)$/i.test(path)) fail('not-a-certificate', { path, detail: 'not DER' });
    return fileDetails(path) ?? fail('not-a-certificate', { path, detail: 'no fixture' });
  },
  distribution: () => currentDistribution(),
  // Any file named issue.html is an invitation; what it says, a test may change.
  read_invitation: (args) => {
    if (!/issue\.html?$/i.test(args.path)) fail('invitation-link-missing');
    const invitation = window.__DOJANG_INVITATION__ ?? sampleInvitation;
    return { invitation, ca: checkCa(invitation.ca) };
  },
  check_ca: (args) => checkCa(args.url),
  issue_certificate: async ({ request, onProgress: channel }) => {
    approveCa(request.ca, request.allow_unlisted_ca === true);
    const [rule] = brokenPasswordRules(request.password);
    if (rule !== undefined) fail(PASSWORD_RULE_CODES[rule]);
    const index = { index: 0 };
    await report(channel, ['checking-codes'], index);
    const [mistake] = codeMistakes(request.path);
    if (mistake !== undefined) fail(mistake.code, mistake.params);
    await report(channel, ['generating-key', 'contacting-ca'], index);
    queuedFailure('issue_certificate');
    await report(channel, ['receiving-certificate', 'saving', 'confirming'], index);
    const issued = issuedCertificate(request.to);
    detailsById[issued.id] = detailsOfNew(issued);
    added.push(issued);
    return { id: issued.id, path: issued.path, confirmed: !(window.__DOJANG_UNCONFIRMED__ ?? false) };
  },
  renew_certificate: async ({ request, onProgress: channel }) => {
    knownCopy(request);
    const listed = listedById(request.id);
    if (request.password !== SAMPLE_PASSWORD) fail('wrong-password');
    if (listed !== undefined && listed.days_left < 0) fail('renewal-expired');
    if (listed !== undefined && listed.days_left > 30) fail('renewal-too-early', { days_left: String(listed.days_left) });
    const index = { index: 0 };
    await report(channel, ['generating-key', 'contacting-ca'], index);
    queuedFailure('renew_certificate');
    await report(channel, ['receiving-certificate', 'saving', 'confirming'], index);
    const renewed = { ...renewedKim, store: listed?.store ?? renewedKim.store, path: listed?.path ?? null };
    detailsById[renewed.id] = detailsOfNew(renewed);
    replaced.add(request.id);
    added.push(renewed);
    return { id: renewed.id, path: renewed.path, confirmed: !(window.__DOJANG_UNCONFIRMED__ ?? false) };
  },
  revoke_certificate: ({ request }) => {
    knownCopy(request);
    if (request.password !== SAMPLE_PASSWORD) fail('wrong-password');
    revocations.set(request.id, { reason: request.reason, known_since: '2026-11-25T09:30:00Z' });
    return null;
  },
  // The key generated ahead on the storage step: nothing to answer.
  prepare_key: () => null,
  // The benchmark's timeline: written only when the app runs with DOJANG_TIMELINE; here, each
  // phase with the page's clock, for the list's benchmark (bench/list.bench.ts).
  timeline_mark: (args) => {
    window.__DOJANG_TIMELINE__?.push({ phase: args.phase, at: performance.now() });
    return null;
  },
  notify: (args) => {
    // The system may refuse notifications (switched off for the app).
    if (window.__DOJANG_NOTIFICATION_PERMISSION__ === 'denied') fail('notification-failed');
    window.__DOJANG_NOTIFICATIONS__?.push({ title: args.title, body: args.body });
    return null;
  },
  change_password: ({ request }) => {
    knownCopy(request);
    if (request.old_password !== SAMPLE_PASSWORD) fail('wrong-password');
    const [rule] = brokenPasswordRules(request.new_password);
    if (rule !== undefined) fail(PASSWORD_RULE_CODES[rule]);
    return null;
  },
  export_pfx: ({ request }) => {
    // The file carries the key: its password keeps the rules of a new certificate password.
    const [rule] = brokenPasswordRules(request.pfx_password);
    if (rule !== undefined) fail(PASSWORD_RULE_CODES[rule]);
    knownCopy(request);
    if (request.password !== SAMPLE_PASSWORD) fail('wrong-password');
    return null;
  },
  copy_certificate: ({ request }) => {
    knownCopy(request);
    const { to } = request;
    const path = to.kind === 'keychain' ? null : `${to.root ?? 'C:\\Users\\user\\AppData\\LocalLow\\NPKI'}\\yessign\\USER\\cn=copy`;
    return { id: request.id, path };
  },
  delete_certificate: ({ certificate }) => {
    knownCopy(certificate);
    deleted.push({ id: certificate.id, store: certificate.store });
    return null;
  },
  import_pfx: ({ request }) => {
    if (request.pfx_password !== SAMPLE_PASSWORD) fail('pfx-wrong-password');
    const [rule] = brokenPasswordRules(request.password);
    if (rule !== undefined) fail(PASSWORD_RULE_CODES[rule]);
    return { id: 'abcdef01'.repeat(8), path: null };
  },
  import_npki_folder: () => ({ id: 'abcdef01'.repeat(8), path: 'C:\\Users\\user\\AppData\\LocalLow\\NPKI\\yessign\\USER\\cn=imported' }),
  verify_identity: ({ request }) => {
    knownCopy(request);
    if (request.password !== SAMPLE_PASSWORD) fail('wrong-password');
    const digits = request.id_number.replace(/-/g, '');
    if (!/^(\d{10}|\d{13})$/.test(digits)) fail('id-number-malformed');
    return digits === SAMPLE_ID_NUMBER;
  },
};

/** The plugins' commands the UI reaches through their own APIs (not `call`). */
const plugins: Record<string, () => unknown> = {
  'plugin:dialog|open': () => window.__DOJANG_DIALOG_ANSWERS__?.shift() ?? null,
  'plugin:dialog|save': () => window.__DOJANG_DIALOG_ANSWERS__?.shift() ?? null,
  'plugin:app|version': () => window.__DOJANG_APP_VERSION__ ?? fail('internal', { detail: 'no version' }),
};

function isCommand(command: string): command is CommandName {
  return Object.hasOwn(handlers, command);
}

/**
 * Answers a call. The arguments are the UI's, sent through the `call` that
 * the same map types, so they are taken as the command's.
 */
function dispatch(command: string, args: Args): unknown {
  if (isCommand(command)) {
    const handler = handlers[command] as (args: Args) => unknown;
    return handler(args);
  }
  const plugin = plugins[command];
  if (plugin === undefined) fail('internal', { detail: `no mock for ${command}` });
  return plugin();
}

mockWindows('main');
mockIPC(
  async (command, payload) => {
    const args = (payload ?? {}) as Args;
    // Every call, so a test can say that nothing crossed while the person typed.
    window.__DOJANG_CALLS__?.push({ command, args: recordable(args) });
    const delay = window.__DOJANG_IPC_DELAY_MS__ ?? 0;
    if (delay > 0) {
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    if (!PROGRESSING.has(command)) queuedFailure(command);
    return dispatch(command, args);
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

// As the built page does: the first script (its requests, the kept screen), then the app.
await import('../src/firstScreen');
await import('../src/main');
