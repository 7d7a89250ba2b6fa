import { describe, expect, it } from 'vitest';

import { toErrorInfo } from '../api';
import { ERROR_DOMAINS } from '../bindings/errorDomains';
import type { ErrorCode } from '../bindings/ErrorCode';
import type { ErrorInfo } from '../bindings/ErrorInfo';
import type { IssuePath } from '../bindings/IssuePath';
import type { KeyType } from '../bindings/KeyType';
import type { KeyUsageBit } from '../bindings/KeyUsageBit';
import type { PasswordRule } from '../bindings/PasswordRule';
import type { Purpose } from '../bindings/Purpose';
import type { RevocationReason } from '../bindings/RevocationReason';
import type { Step } from '../bindings/Step';
import type { ValidityStatus } from '../bindings/ValidityStatus';
import codeVectors from '../bindings/vectors/code-checks.json';
import { describeError } from '../errors';
import {
  catalogs,
  interpolate,
  isMessageKey,
  LANGUAGES,
  message,
  placeholdersIn,
  translator,
} from './catalog';
import { ERROR_SENTENCES, errorSentence } from './errorCatalog';
import { ko } from './ko';

const koKeys = Object.keys(ko).sort();

describe('message catalogs', () => {
  it.each(LANGUAGES)('%s has exactly the Korean keys', (lang) => {
    expect(Object.keys(catalogs[lang]).sort()).toEqual(koKeys);
  });

  it.each(LANGUAGES)('%s uses the same placeholders as Korean for every key', (lang) => {
    const mismatches = koKeys.filter((key) => {
      const expected = new Set(placeholdersIn(ko[key as keyof typeof ko]));
      const actual = new Set(placeholdersIn(catalogs[lang][key as keyof typeof ko]));
      return expected.size !== actual.size || [...expected].some((name) => !actual.has(name));
    });
    expect(mismatches).toEqual([]);
  });

  it.each(LANGUAGES)('%s has no empty message and no stray braces', (lang) => {
    for (const [key, text] of Object.entries(catalogs[lang])) {
      expect(text.trim(), key).not.toBe('');
      const unbalanced = text.replace(/\{[A-Za-z0-9_]+\}/g, '').match(/[{}]/);
      expect(unbalanced, key).toBeNull();
    }
  });

  it('labels every purpose and every validity status', () => {
    const purposes: Purpose[] = [
      'personal-general',
      'corporate-general',
      'personal-banking',
      'personal-securities',
      'personal-card',
      'personal-restricted',
      'corporate-restricted',
      'corporate-banking',
      'tax-invoice',
      'authority',
      'unknown',
    ];
    const statuses: ValidityStatus[] = ['valid', 'expiring-soon', 'expired', 'not-yet-valid'];
    for (const purpose of purposes) {
      expect(isMessageKey(`purpose.${purpose}`), purpose).toBe(true);
    }
    for (const status of statuses) {
      expect(isMessageKey(`validity.${status}`), status).toBe(true);
    }
  });

  it('labels every issuance step, key type and revocation reason', () => {
    const steps: Step[] = ['checking-codes', 'generating-key', 'contacting-ca', 'receiving-certificate', 'saving', 'confirming'];
    const keyTypes: KeyType[] = ['rsa2048', 'rsa3072', 'rsa4096', 'p256'];
    const reasons: RevocationReason[] = [
      'unspecified',
      'keyCompromise',
      'affiliationChanged',
      'superseded',
      'cessationOfOperation',
    ];
    for (const step of steps) {
      expect(isMessageKey(`progress.${step}`), step).toBe(true);
      expect(isMessageKey(`progress.now.${step}`), step).toBe(true);
    }
    for (const keyType of keyTypes) expect(isMessageKey(`issue.keyType.${keyType}`), keyType).toBe(true);
    for (const reason of reasons) expect(isMessageKey(`revoke.reason.${reason}`), reason).toBe(true);
  });

  it('labels every password rule and every key usage bit', () => {
    const rules: PasswordRule[] = [
      'too-short',
      'needs-letter',
      'needs-digit',
      'needs-special',
      'forbidden-character',
      'sequential',
      'repeated',
    ];
    const bits: KeyUsageBit[] = [
      'digital-signature',
      'non-repudiation',
      'key-encipherment',
      'data-encipherment',
      'key-agreement',
      'key-cert-sign',
      'crl-sign',
      'encipher-only',
      'decipher-only',
    ];
    for (const rule of rules) {
      expect(isMessageKey(`rule.${rule}`), rule).toBe(true);
    }
    for (const bit of bits) {
      expect(isMessageKey(`keyUsage.${bit}`), bit).toBe(true);
    }
    const t = translator('ko');
    expect(t('keyUsage.digital-signature')).toBe('전자서명');
    expect(t('keyUsage.non-repudiation')).toBe('부인방지');
  });

  it('gives the purposes their Korean names', () => {
    const t = translator('ko');
    expect(t('purpose.personal-general')).toBe('개인 범용');
    expect(t('purpose.personal-banking')).toBe('개인 용도제한 (은행·보험)');
    expect(t('purpose.tax-invoice')).toBe('전자세금계산서');
  });
});

describe('the error catalog', () => {
  // Every code there is: `ERROR_DOMAINS` is a Record<ErrorCode, …>, complete or `tsc` fails.
  const codes = (Object.keys(ERROR_DOMAINS) as ErrorCode[]).sort();

  it.each(LANGUAGES)('%s has a sentence for every error code, and for nothing else', (lang) => {
    expect(codes.length).toBeGreaterThan(80);
    expect(Object.keys(ERROR_SENTENCES[lang]).sort()).toEqual(codes);
    for (const code of codes) expect(errorSentence(lang, code)?.trim(), code).not.toBe('');
  });

  it.each(LANGUAGES)('%s writes every parameter as a placeholder the window fills', (lang) => {
    for (const code of codes) {
      const sentence = ERROR_SENTENCES[lang][code];
      const names = placeholdersIn(sentence);
      // Nothing that looks like a placeholder but is not one `interpolate` knows.
      expect(sentence.replace(/\{[A-Za-z0-9_]+\}/g, '').match(/[{}]/), code).toBeNull();
      // Given a value for each, the sentence is said whole, with nothing left to fill.
      const params = Object.fromEntries(names.map((name) => [name, `<${name}>`]));
      const text = describeError(lang, { code, params }).text;
      expect(text, code).toBe(interpolate(sentence, params));
      expect(placeholdersIn(text), code).toEqual([]);
      for (const name of names) expect(text, code).toContain(`<${name}>`);
    }
  });

  it('names the same placeholders in every language', () => {
    const mismatches = codes.filter((code) => {
      const [first, ...others] = LANGUAGES.map((lang) => new Set(placeholdersIn(ERROR_SENTENCES[lang][code])));
      return others.some((set) => set.size !== first?.size || [...set].some((name) => !first.has(name)));
    });
    expect(mismatches).toEqual([]);
  });

  it.each(LANGUAGES)("%s fills the window's own code mistakes completely, from Rust's parameters", (lang) => {
    const mistakes = (codeVectors as { path: IssuePath; mistakes: ErrorInfo[] }[]).flatMap((vector) => vector.mistakes);
    expect(new Set(mistakes.map((mistake) => mistake.code)).size).toBeGreaterThan(5);
    for (const mistake of mistakes) {
      expect(placeholdersIn(describeError(lang, mistake).text), mistake.code).toEqual([]);
    }
  });

  it.each(LANGUAGES)('%s has no sentence for a code it does not know: that gets the generic one', (lang) => {
    for (const code of ['pin-locked', 'where', 'unknown', 'toString', 'constructor']) {
      expect(errorSentence(lang, code), code).toBeUndefined();
    }
    const newer = toErrorInfo({ code: 'pin-locked', params: {} });
    expect(describeError(lang, newer).text).toBe(message(lang, 'error.unknown', { code: 'pin-locked' }));
  });
});

describe('interpolate', () => {
  it('fills placeholders, repeatedly and with numbers', () => {
    expect(interpolate('{a} and {b} and {a}', { a: 'x', b: 2 })).toBe('x and 2 and x');
  });

  it('leaves a placeholder without a value visible', () => {
    expect(interpolate('{days}일 남음', {})).toBe('{days}일 남음');
  });

  it('does not read inherited properties as values', () => {
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });

  it('is what t() does', () => {
    expect(translator('ko')('validity.daysLeft', { days: 12 })).toBe('12일 남음');
    expect(translator('en')('validity.daysLeft', { days: 12 })).toBe('12 days left');
  });
});
