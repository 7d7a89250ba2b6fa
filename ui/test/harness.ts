/**
 * Test-only entry: installs a mocked Tauri backend for the scenario the
 * browser test chose, then starts the real app. Never part of the build.
 */
import { mockIPC } from '@tauri-apps/api/mocks';

import type { CertificateList } from '../src/bindings/CertificateList';
import { empty, loadFailure, threeCertsOneBroken } from './fixtures';

type Answer = (call: number) => CertificateList;

const scenarios: Record<string, Answer> = {
  'three-certs-one-broken': () => threeCertsOneBroken,
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

mockIPC(async (command) => {
  if (command !== 'list_certificates') {
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw { code: 'internal', params: { detail: `no mock for ${command}` } };
  }
  const call = (window.__DOJANG_IPC_CALLS__ ?? 0) + 1;
  window.__DOJANG_IPC_CALLS__ = call;
  const delay = window.__DOJANG_IPC_DELAY_MS__ ?? 0;
  if (delay > 0) {
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  return answer(call);
});

await import('../src/main');
