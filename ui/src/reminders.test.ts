import { describe, expect, it } from 'vitest';

import { fourPlaces, threeCertsOneBroken } from '../test/fixtures';
import type { ListedCertificate } from './bindings/ListedCertificate';
import { dayOf, dueReminders, markReminded, parseLog } from './reminders';

const listed = threeCertsOneBroken.certificates;
const byOwner = (owner: string): ListedCertificate => {
  const found = listed.find((certificate) => certificate.owner === owner);
  if (found === undefined) throw new Error(owner);
  return found;
};
const kim = byOwner('김철수'); // 12 days left
const hong = byOwner('홍길동'); // 412 days left
const corporate = byOwner('(주)도장 테스트'); // expired
const on30 = { enabled: true, days: 30 } as const;

describe('dueReminders', () => {
  it('picks certificates expiring within the chosen days, not the expired ones', () => {
    expect(dueReminders(listed, on30, {}, '2025-11-25')).toEqual([kim]);
    expect(dueReminders(listed, { enabled: true, days: 7 }, {}, '2025-11-25')).toEqual([]);
    expect(dueReminders([{ ...corporate, days_left: 0 }], on30, {}, '2025-11-25')).toEqual([]);
  });

  it('says nothing of a revoked certificate: there is nothing to renew', () => {
    const revoked = { ...kim, revoked: { reason: null, known_since: '2025-11-20T00:00:00Z' } };
    expect(dueReminders([revoked], on30, {}, '2025-11-25')).toEqual([]);
  });

  it('says nothing when reminders are off', () => {
    expect(dueReminders(listed, { enabled: false, days: 60 }, {}, '2025-11-25')).toEqual([]);
  });

  it('reminds once a day, however many places hold the certificate', () => {
    const twice = [...listed, { ...kim, store: 'keychain' as const, path: null, location: null }];
    expect(dueReminders(twice, on30, {}, '2025-11-25')).toHaveLength(1);
    expect(dueReminders(listed, on30, { [kim.id]: '2025-11-25' }, '2025-11-25')).toEqual([]);
    expect(dueReminders(listed, on30, { [kim.id]: '2025-11-24' }, '2025-11-25')).toEqual([kim]);
  });

  it('takes the 60-day choice to include more', () => {
    const soon = { ...hong, days_left: 45 };
    expect(dueReminders([soon], { enabled: true, days: 60 }, {}, '2025-11-25')).toEqual([soon]);
    expect(dueReminders([soon], on30, {}, '2025-11-25')).toEqual([]);
  });
});

describe('markReminded', () => {
  it('records today and forgets certificates that are gone', () => {
    const log = markReminded({ gone0000: '2025-01-01', [hong.id]: '2025-11-01' }, [kim], fourPlaces.certificates, '2025-11-25');
    expect(log).toEqual({ [hong.id]: '2025-11-01', [kim.id]: '2025-11-25' });
  });
});

describe('the stored log', () => {
  it('keeps only IDs and dates', () => {
    expect(parseLog(JSON.stringify({ [kim.id]: '2025-11-25', 'not an id': '2025-11-25', abcdef01: 'x' }))).toEqual({
      [kim.id]: '2025-11-25',
    });
    expect(parseLog('[1,2]')).toEqual({});
    expect(parseLog('{')).toEqual({});
    expect(parseLog(null)).toEqual({});
  });

  it('counts days in local time', () => {
    expect(dayOf(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });
});
