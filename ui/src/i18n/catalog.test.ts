import { describe, expect, it } from 'vitest';

import type { KeyType } from '../bindings/KeyType';
import type { KeyUsageBit } from '../bindings/KeyUsageBit';
import type { PasswordRule } from '../bindings/PasswordRule';
import type { Purpose } from '../bindings/Purpose';
import type { RevocationReason } from '../bindings/RevocationReason';
import type { Step } from '../bindings/Step';
import type { ValidityStatus } from '../bindings/ValidityStatus';
import {
  catalogs,
  interpolate,
  isMessageKey,
  LANGUAGES,
  placeholdersIn,
  translator,
} from './catalog';
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

  it('labels every error code the backend has', () => {
    const codes = [
      'certificate-file-unreadable',
      'certificate-truncated',
      'not-a-certificate',
      'npki-certificate-missing',
      'npki-root-not-found',
      'folder-unreadable',
      'key-malformed',
      'key-algorithm-unsupported',
      'key-generation-failed',
      'wrong-password',
      'key-encryption-unsupported',
      'key-file-malformed',
      'password-too-short',
      'password-needs-letter',
      'password-needs-digit',
      'password-needs-special',
      'password-forbidden-character',
      'password-sequential',
      'password-repeated',
      'certificate-not-found',
      'certificate-id-ambiguous',
      'key-certificate-mismatch',
      'npki-key-missing',
      'already-stored',
      'disk-full',
      'read-only',
      'write-failed',
      'keychain-unavailable',
      'keychain-entry-missing',
      'pfx-wrong-password',
      'pfx-no-mac',
      'pfx-no-key',
      'pfx-several-keys',
      'pfx-no-certificate',
      'pfx-malformed',
      'identity-data-missing',
      'random-num-missing',
      'id-number-malformed',
      'business-number-check-digit',
      'identity-mismatch',
      'store-unknown',
      'internal',
      'registration-number-length',
      'registration-number-character',
      'reference-number-not-digits',
      'temporary-code-length',
      'temporary-code-character',
      'application-number-malformed',
      'invitation-link-missing',
      'invitation-malformed',
      'ca-url-malformed',
      'ca-url-insecure',
      'ca-unreachable',
      'ca-http-status',
      'ca-response-malformed',
      'ca-response-unverified',
      'ca-wrong-code',
      'ca-already-issued',
      'ca-application-expired',
      'ca-too-many-attempts',
      'ca-renewal-not-due',
      'ca-certificate-revoked',
      'ca-bad-request',
      'ca-unavailable',
      'ca-refused',
      'ca-unknown',
      'renewal-too-early',
      'renewal-expired',
      'distribution-unreadable',
      'distribution-invalid',
    ];
    for (const code of codes) {
      expect(isMessageKey(`error.${code}`), code).toBe(true);
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
