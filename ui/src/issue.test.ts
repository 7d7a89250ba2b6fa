import { describe, expect, it } from 'vitest';

import type { Distribution } from './bindings/Distribution';
import { PASSWORD_RULE_CODES } from './checks';
import {
  adviceFor,
  chooseCa,
  codeFieldOf,
  codeMistakesByField,
  consentFor,
  invitationNeedsWarning,
  issuePath,
  needsCaAddress,
  RENEW_STEPS,
  showsWhileTyping,
  typedLength,
  wizardFieldOf,
} from './issue';

const distribution: Distribution = {
  product_name: '도장',
  product_name_en: 'Dojang',
  accent_color: null,
  logo: null,
  support: { phone: '1577-8787', url: null, hours: null },
  cas: [{ name: '도장 인증센터', cmp_url: 'https://ca.dojang.test/cmp' }],
  sandbox: false,
  relying_parties: [],
  unlisted_sites: 'warn',
};
const noCa: Distribution = { ...distribution, cas: [] };
const invitation = { ca: 'https://other.example/cmp', application: '20261125001' };

describe('issuePath', () => {
  const values = { registration: '1234-5678 Ab', application: '2026', tempCode: 'aB3', idNumber: '900101-1234567' };

  it('sends the codes of the chosen path exactly as typed', () => {
    expect(issuePath('registration', values)).toEqual({ kind: 'registration', registration_number: '1234-5678 Ab' });
    expect(issuePath('temporary', values)).toEqual({
      kind: 'temporary',
      application: '2026',
      temp_code: 'aB3',
      id_number: '900101-1234567',
    });
  });
});

describe('code mistakes', () => {
  it('belong to the field they are about', () => {
    expect(codeFieldOf('registration-number-length')).toBe('registration');
    expect(codeFieldOf('reference-number-not-digits')).toBe('registration');
    expect(codeFieldOf('temporary-code-character')).toBe('tempCode');
    expect(codeFieldOf('application-number-malformed')).toBe('application');
    expect(codeFieldOf('business-number-check-digit')).toBe('idNumber');
    expect(codeFieldOf('ca-wrong-code')).toBeNull();
  });

  it('show while typing only when they can never become right', () => {
    expect(showsWhileTyping('registration-number-character')).toBe(true);
    expect(showsWhileTyping('reference-number-not-digits')).toBe(true);
    expect(showsWhileTyping('registration-number-length')).toBe(false);
    expect(showsWhileTyping('id-number-malformed')).toBe(false);
    expect(showsWhileTyping('temporary-code-character')).toBe(true);
    expect(showsWhileTyping('temporary-code-length')).toBe(false);
  });

  it('are found in the window, the first of each field, on the chosen path only', () => {
    const typed = { registration: '1234', application: 'x', tempCode: 'aB3!', idNumber: '' };
    expect(codeMistakesByField('registration', typed)).toEqual({
      registration: { code: 'registration-number-length', params: { actual: '4', expected: '27' } },
    });
    expect(codeMistakesByField('temporary', typed)).toEqual({
      application: { code: 'application-number-malformed', params: {} },
      tempCode: { code: 'temporary-code-character', params: { character: '!' } },
      idNumber: { code: 'id-number-malformed', params: {} },
    });
  });

  it('count what the backend keeps: no spaces, no hyphens, Hangul as one each', () => {
    expect(typedLength('1234-5678 AbCd')).toBe(12);
    expect(typedLength('12\u20133 4')).toBe(4);
    expect(typedLength('가나')).toBe(2);
    // Rust's whitespace, not JavaScript's: a byte order mark counts.
    expect(typedLength('12\u3000\ufeff')).toBe(3);
  });
});

describe('chooseCa', () => {
  const listed = { url: 'https://ca.dojang.test/cmp', host: 'ca.dojang.test', name: '도장 인증센터', listed: true };
  const unlisted = { url: 'https://other.example/cmp', host: 'other.example', name: null, listed: false };

  it('with a CA list, asks a listed CA only: the invitation selects one of them, else the first', () => {
    expect(chooseCa(distribution, 'temporary', { invitation, ca: listed }, null)).toEqual({
      url: 'https://ca.dojang.test/cmp',
      name: '도장 인증센터',
      host: 'ca.dojang.test',
      listed: true,
    });
    expect(chooseCa(distribution, 'registration', null, null)).toEqual({
      url: 'https://ca.dojang.test/cmp',
      name: '도장 인증센터',
      host: 'ca.dojang.test',
      listed: true,
    });
    // An unlisted CA never wins in a build with CAs, whatever the invitation or a consent says.
    expect(chooseCa(distribution, 'temporary', { invitation, ca: unlisted }, unlisted)?.url).toBe('https://ca.dojang.test/cmp');
  });

  it('without a CA list, asks only the CA the person accepted, named by its host', () => {
    expect(chooseCa(noCa, 'registration', null, unlisted)).toEqual({
      url: 'https://other.example/cmp',
      name: 'other.example',
      host: 'other.example',
      listed: false,
    });
    expect(chooseCa(noCa, 'temporary', { invitation, ca: unlisted }, null)).toBeNull();
    expect(chooseCa(noCa, 'registration', null, null)).toBeNull();
  });

  it('asks for the CA before the codes only in a build without CAs', () => {
    expect(needsCaAddress(distribution)).toBe(false);
    expect(needsCaAddress(noCa)).toBe(true);
  });

  it('keeps a consent only for the address it was given for', () => {
    const accepted = { typed: 'https://other.example/cmp', check: unlisted };
    expect(consentFor(accepted, ' https://other.example/cmp ')).toEqual(unlisted);
    expect(consentFor(accepted, 'https://other.example/cmp2')).toBeNull();
    expect(consentFor(null, 'https://other.example/cmp')).toBeNull();
  });

  it("warns about an invitation's CA in a build without CAs, unless it is the one accepted", () => {
    const read = { invitation, ca: unlisted };
    expect(invitationNeedsWarning(noCa, read, null)).toBe(true);
    expect(invitationNeedsWarning(noCa, read, { ...unlisted, url: 'https://typed.example/cmp' })).toBe(true);
    expect(invitationNeedsWarning(noCa, read, unlisted)).toBe(false);
    expect(invitationNeedsWarning(distribution, { invitation, ca: listed }, null)).toBe(false);
  });
});

describe('adviceFor', () => {
  const typed = { caTyped: true };
  const given = { caTyped: false };

  it('follows the issuance FAQ', () => {
    expect(adviceFor('ca-wrong-code', given)).toMatchObject({ fix: 'codes', support: true, retry: false });
    expect(adviceFor('ca-already-issued', given)).toMatchObject({ openList: true, fix: null });
    expect(adviceFor('ca-too-many-attempts', given)).toMatchObject({ support: true, fix: null, retry: false });
    expect(adviceFor('ca-application-expired', given)).toMatchObject({ support: true, fix: null });
    expect(adviceFor('ca-unreachable', given)).toMatchObject({ retry: true });
    expect(adviceFor('ca-unavailable', given)).toMatchObject({ retry: true });
    expect(adviceFor('ca-bad-request', given)).toMatchObject({ support: true, retry: false });
  });

  it('sends the person back to what they can correct', () => {
    expect(adviceFor('registration-number-length', given).fix).toBe('codes');
    expect(adviceFor('invitation-malformed', given).fix).toBe('codes');
    expect(adviceFor('password-sequential', given)).toMatchObject({ fix: 'storage', support: false });
    expect(adviceFor('disk-full', given).fix).toBe('storage');
    // The address the person gave is corrected where they gave it, before the codes.
    expect(adviceFor('ca-url-insecure', typed).fix).toBe('path');
    expect(adviceFor('ca-not-listed', typed).fix).toBe('path');
    // An address from the distribution cannot be corrected by the person.
    expect(adviceFor('ca-url-insecure', given)).toMatchObject({ fix: null, support: true });
    expect(adviceFor('ca-not-listed', given)).toMatchObject({ fix: null, support: true });
  });

  it('points at one field when there is one', () => {
    expect(wizardFieldOf('temporary-code-length')).toBe('tempCode');
    expect(wizardFieldOf('password-too-short')).toBe('password');
    expect(wizardFieldOf('ca-url-malformed')).toBe('caAddress');
    expect(wizardFieldOf('ca-not-listed')).toBe('caAddress');
    // The CA never says which number was wrong.
    expect(wizardFieldOf('ca-wrong-code')).toBeNull();
  });

  it('takes every broken rule of the new password back to the password, and nothing else about passwords', () => {
    for (const code of Object.values(PASSWORD_RULE_CODES)) {
      expect(wizardFieldOf(code), code).toBe('password');
      expect(adviceFor(code, given), code).toMatchObject({ fix: 'storage', support: false });
    }
    for (const code of ['wrong-password', 'passwords-differ', 'password-input'] as const) {
      expect(wizardFieldOf(code), code).toBeNull();
      expect(adviceFor(code, given).fix, code).toBeNull();
    }
  });

  it('asks for support on anything about the CA, and corrects only an address the person can mend', () => {
    // A certificate whose CA has no address: about the CA, but nothing typed mends it.
    expect(adviceFor('ca-unknown', typed)).toMatchObject({ fix: null, support: true, retry: false });
    expect(wizardFieldOf('ca-unknown')).toBeNull();
    expect(adviceFor('ca-response-too-large', given)).toMatchObject({ support: true, retry: false });
    expect(adviceFor('invitation-link-missing', given)).toMatchObject({ fix: 'codes', support: false });
    expect(adviceFor('internal', given)).toMatchObject({ fix: null, support: true });
    expect(adviceFor('key-generation-failed', given)).toMatchObject({ fix: null, support: true });
    expect(adviceFor('wrong-password', given)).toMatchObject({ fix: null, support: false });
  });
});

describe('RENEW_STEPS', () => {
  it('are the issuance steps without the codes', () => {
    expect(RENEW_STEPS).toEqual(['generating-key', 'contacting-ca', 'receiving-certificate', 'saving', 'confirming']);
  });
});
