/**
 * Signing for a site (docs/signing.md): the consent screen's decisions as
 * pure functions. Tables are typed by the bindings, so a new kind of unfit
 * certificate, text flag or purpose fails `tsc` until it has its words.
 */
import type { ErrorCode } from './bindings/ErrorCode';
import type { SignCandidate } from './bindings/SignCandidate';
import type { SignPurpose } from './bindings/SignPurpose';
import type { TextFlag } from './bindings/TextFlag';
import type { Unfit } from './bindings/Unfit';
import type { MessageKey } from './i18n/catalog';

/**
 * The failures of `sign_for_site` and `retry_sign_answer` that come after the
 * signature was made: the answer is kept in the app, and “다시 보내기” sends
 * the same one again (it is never signed twice).
 */
export const DELIVERY_FAILURES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'site-unreachable',
  'site-redirected',
  'site-http-status',
]);

/** Why a certificate cannot answer the request, in words. */
export const UNFIT_WORDS: Record<Unfit, MessageKey> = {
  expired: 'sign.unfit.expired',
  'not-yet-valid': 'sign.unfit.not-yet-valid',
  revoked: 'sign.unfit.revoked',
  'policy-not-accepted': 'sign.unfit.policy-not-accepted',
  'issuer-not-accepted': 'sign.unfit.issuer-not-accepted',
};

/** What each thing found in the request's text means for the person reading it. */
export const FLAG_WORDS: Record<TextFlag, MessageKey> = {
  markup: 'sign.flag.markup',
  'direction-controls': 'sign.flag.direction-controls',
  'hidden-characters': 'sign.flag.hidden-characters',
};

/** What a request is for, in a word (the consent's purpose, the history's). */
export const PURPOSE_WORDS: Record<SignPurpose, MessageKey> = {
  login: 'sign.purpose.login',
  sign: 'sign.purpose.sign',
};

/** The certificates that can answer, in the backend's order (the first is offered first), and those that cannot. */
export function splitCandidates(candidates: readonly SignCandidate[]): {
  fit: SignCandidate[];
  unfit: (SignCandidate & { unfit: Unfit })[];
} {
  const fit: SignCandidate[] = [];
  const unfit: (SignCandidate & { unfit: Unfit })[] = [];
  for (const candidate of candidates) {
    if (candidate.unfit === null) fit.push(candidate);
    else unfit.push({ ...candidate, unfit: candidate.unfit });
  }
  return { fit, unfit };
}

/**
 * The origin a `dojang://sign?request=<URL>` link's request would come from,
 * for a refusal to name; null when the link cannot be read that far.
 */
export function originOfLink(link: string): string | null {
  try {
    const url = new URL(link.trim());
    if (url.protocol !== 'dojang:') return null;
    const request = url.searchParams.get('request');
    if (request === null) return null;
    const site = new URL(request.trim());
    if (site.protocol !== 'https:' && site.protocol !== 'http:') return null;
    return site.origin;
  } catch {
    return null;
  }
}

/** A run of the request's text: as written, or the visible name of a character that would hide or reorder it. */
export interface TextRun {
  text: string;
  /** `⟨U+202E⟩`: put there by the backend in place of the character itself. */
  named: boolean;
}

const CHARACTER_NAME = /⟨U\+[0-9A-F]{4,6}⟩/g;

/**
 * The text in runs, so the names the backend put in place of hidden or
 * reordering characters can be marked where they stand. Only strings come
 * out: the text is never read as markup.
 */
export function textRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let at = 0;
  for (const match of text.matchAll(CHARACTER_NAME)) {
    if (match.index > at) runs.push({ text: text.slice(at, match.index), named: false });
    runs.push({ text: match[0], named: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at), named: false });
  return runs;
}

/** A SHA-256 in groups of eight hex digits, read and compared group by group; joined, the value as given. */
export function hexGroups(hex: string): string[] {
  return hex.match(/.{1,8}/g) ?? [];
}
