/**
 * Typed wrappers over the Tauri commands: the only module that calls `invoke`.
 * Commands never throw here; they resolve to a result whose error is always an
 * `ErrorInfo`, whatever the failure was.
 */
import { invoke } from '@tauri-apps/api/core';

import type { CertificateList } from './bindings/CertificateList';
import type { ErrorInfo } from './bindings/ErrorInfo';

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Every certificate in every store, plus what could not be read. */
export function listCertificates(): Promise<Result<CertificateList>> {
  return call<CertificateList>('list_certificates');
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<Result<T>> {
  try {
    return { ok: true, value: await invoke<T>(command, args) };
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
    return { code: rejection.code, params };
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
