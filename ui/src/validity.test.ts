import { describe, expect, it } from 'vitest';

import type { Revocation } from './bindings/Revocation';
import type { ValidityStatus } from './bindings/ValidityStatus';
import { formatDate } from './format';
import { translator } from './i18n/catalog';
import { renewalState, standingOf, validityText } from './validity';

const ko = translator('ko');
const en = translator('en');

describe('validityText', () => {
  it('valid: the status and the days left', () => {
    expect(validityText(ko, 'valid', 412, '')).toEqual({ label: '사용 가능', remaining: '412일 남음' });
    expect(validityText(en, 'valid', 412, '')).toEqual({ label: 'Valid', remaining: '412 days left' });
  });

  it('expiring soon: a warning in words, and the days left', () => {
    expect(validityText(ko, 'expiring-soon', 12, '')).toEqual({
      label: '곧 만료',
      remaining: '12일 남음',
    });
    expect(validityText(en, 'expiring-soon', 12, '')).toEqual({
      label: 'Expires soon',
      remaining: '12 days left',
    });
  });

  it('expiring soon: one day, and the last day', () => {
    expect(validityText(en, 'expiring-soon', 1, '').remaining).toBe('1 day left');
    expect(validityText(ko, 'expiring-soon', 1, '').remaining).toBe('1일 남음');
    expect(validityText(ko, 'expiring-soon', 0, '').remaining).toBe('오늘 만료');
    expect(validityText(en, 'expiring-soon', 0, '').remaining).toBe('Expires today');
  });

  it('expired: how long ago, and nothing left', () => {
    expect(validityText(ko, 'expired', -45, '')).toEqual({
      label: '만료됨 (45일 지남)',
      remaining: null,
    });
    expect(validityText(en, 'expired', -45, '')).toEqual({
      label: 'Expired (45 days ago)',
      remaining: null,
    });
    expect(validityText(en, 'expired', -1, '').label).toBe('Expired (1 day ago)');
    expect(validityText(ko, 'expired', 0, '').label).toBe('만료됨 (오늘)');
  });

  it('not yet valid: from when it can be used', () => {
    const from = formatDate('2027-01-04T15:00:00Z', 'ko', 'Asia/Seoul');
    expect(validityText(ko, 'not-yet-valid', 400, from)).toEqual({
      label: '아직 사용 전',
      remaining: '2027년 1월 5일부터 사용 가능',
    });
    const fromEn = formatDate('2027-01-04T15:00:00Z', 'en', 'Asia/Seoul');
    expect(validityText(en, 'not-yet-valid', 400, fromEn).remaining).toBe(
      'Usable from January 5, 2027',
    );
  });
});

describe('formatDate', () => {
  it('shows the date only, in the language and time zone', () => {
    expect(formatDate('2027-03-15T14:59:59Z', 'ko', 'Asia/Seoul')).toBe('2027년 3월 15일');
    expect(formatDate('2027-03-15T14:59:59Z', 'en', 'Asia/Seoul')).toBe('March 15, 2027');
    expect(formatDate('2027-03-15T15:00:00Z', 'ko', 'Asia/Seoul')).toBe('2027년 3월 16일');
  });

  it('shows an unparsable value as it came', () => {
    expect(formatDate('not a date', 'ko')).toBe('not a date');
  });
});

describe('renewalState', () => {
  const at = (days_left: number, status: ValidityStatus = 'valid', revoked: Revocation | null = null) => ({
    status,
    revoked,
    days_left,
    not_after: '2026-03-31T14:59:59Z',
  });

  it('is due in the last 30 days of a valid certificate', () => {
    expect(renewalState(at(30))).toEqual({ kind: 'due', daysLeft: 30 });
    expect(renewalState(at(0, 'expiring-soon'))).toEqual({ kind: 'due', daysLeft: 0 });
  });

  it('says when it opens, too early', () => {
    expect(renewalState(at(31))).toEqual({ kind: 'early', opensOn: '2026-03-01T14:59:59.000Z' });
  });

  it('is closed once expired or before validity', () => {
    expect(renewalState(at(-1, 'expired'))).toEqual({ kind: 'expired' });
    expect(renewalState(at(400, 'not-yet-valid'))).toEqual({ kind: 'not-yet-valid' });
  });

  it('is closed for a revoked certificate, even in its last days', () => {
    const revoked: Revocation = { reason: 'superseded', known_since: '2026-03-10T01:02:03Z' };
    expect(renewalState(at(20, 'expiring-soon', revoked))).toEqual({ kind: 'revoked' });
    expect(renewalState(at(20, 'expiring-soon', { reason: null, known_since: '2026-03-10T01:02:03Z' }))).toEqual({
      kind: 'revoked',
    });
  });
});

describe('standingOf', () => {
  it('puts a known revocation before the time', () => {
    expect(standingOf({ status: 'valid', revoked: null })).toBe('valid');
    expect(standingOf({ status: 'expired', revoked: { reason: 'keyCompromise', known_since: '2026-03-10T01:02:03Z' } })).toBe(
      'revoked',
    );
  });
});
