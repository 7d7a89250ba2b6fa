import type { ErrorInfo } from './bindings/ErrorInfo';
import { isMessageKey, type Lang, message } from './i18n/catalog';

/** An error as a person reads it. */
export interface ErrorText {
  /** The sentence for the code, in the current language. */
  text: string;
  /** The file or folder concerned, if the error names one. */
  path: string | null;
  /** The technical detail from the system, untranslated, if any. */
  detail: string | null;
  /** The stable code, for support. */
  code: string;
}

/**
 * Turns an error code into a sentence: `error.<code>` from the catalog, filled
 * with the error's parameters; an unknown code gets a generic sentence that
 * names it.
 */
export function describeError(lang: Lang, error: ErrorInfo): ErrorText {
  const key = `error.${error.code}`;
  const params: Record<string, string> = { ...error.params, code: error.code };
  const text = isMessageKey(key) && !isLabelKey(key)
    ? message(lang, key, params)
    : message(lang, 'error.unknown', params);
  return {
    text,
    path: nonEmpty(error.params.path),
    detail: nonEmpty(error.params.detail),
    code: error.code,
  };
}

/** `error.where` and `error.detail` are labels, not codes. */
function isLabelKey(key: string): boolean {
  return key === 'error.where' || key === 'error.detail' || key === 'error.unknown';
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}

/**
 * An error as plain text for a support request: the code, then each
 * parameter by name, one a line, in a fixed order.
 */
export function errorReport(error: ErrorInfo): string {
  const params = Object.entries(error.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [`code: ${error.code}`, ...params.map(([name, value]) => `${name}: ${value}`)].join('\n');
}
