import type { ErrorCode } from './bindings/ErrorCode';
import type { ErrorInfo } from './bindings/ErrorInfo';
import { interpolate, type Lang, message } from './i18n/catalog';
import { errorSentence } from './i18n/errorCatalog';

/** An error as a person reads it. */
export interface ErrorText {
  /** The sentence for the code, in the current language. */
  text: string;
  /** The file or folder concerned, if the error names one. */
  path: string | null;
  /** The technical detail from the system, untranslated, if any. */
  detail: string | null;
  /** The stable code, for support. */
  code: ErrorCode;
}

/**
 * Turns an error code into a sentence: the code's sentence from the error
 * catalog (`i18n/errorCatalog.ts`), filled with the error's parameters; a code
 * this window does not know (a newer backend's) gets a generic sentence that
 * names it.
 */
export function describeError(lang: Lang, error: ErrorInfo): ErrorText {
  const params: Record<string, string> = { ...error.params, code: error.code };
  const sentence = errorSentence(lang, error.code);
  const text = sentence === undefined ? message(lang, 'error.unknown', params) : interpolate(sentence, params);
  return {
    text,
    path: nonEmpty(error.params.path),
    detail: nonEmpty(error.params.detail),
    code: error.code,
  };
}

/** The sentence for an error without parameters, said outside a failure (a dialog's note). */
export function errorText(lang: Lang, code: ErrorCode): string {
  return describeError(lang, { code, params: {} }).text;
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
