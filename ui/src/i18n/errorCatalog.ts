/**
 * The sentence for every error code, in each language: dojang-core's catalog
 * (`crates/dojang-core/data/errors.json`), the one the command line prints
 * too, bundled into the window as it stands in the repository. A sentence
 * names its parameters as `{name}`, filled by `interpolate`.
 *
 * `tsc` fails when a language lacks a sentence for an `ErrorCode`; a Rust
 * test checks the file the same way, and that both languages use the same
 * placeholders.
 */
import errors from '../../../crates/dojang-core/data/errors.json';
import type { ErrorCode } from '../bindings/ErrorCode';
import type { Lang } from './catalog';

/** One sentence per code. */
export type ErrorSentences = Readonly<Record<ErrorCode, string>>;

export const ERROR_SENTENCES: Readonly<Record<Lang, ErrorSentences>> = {
  ko: errors.ko satisfies ErrorSentences,
  en: errors.en satisfies ErrorSentences,
};

/**
 * The sentence for a code, unfilled; undefined for a code this window does
 * not know (one a newer backend might send).
 */
export function errorSentence(lang: Lang, code: string): string | undefined {
  const sentences = ERROR_SENTENCES[lang];
  return Object.hasOwn(sentences, code) ? sentences[code as ErrorCode] : undefined;
}
