import { describe, expect, it } from 'vitest';

import { fourPlaces } from '../test/fixtures';
import type { ListedCertificate } from './bindings/ListedCertificate';
import { foldQuery, keyMatches, matchesPlace, matchesQuery, placeOf, searchKey } from './search';

function owned(owner: string, store: 'npki' | 'keychain' = 'npki'): ListedCertificate {
  const found = fourPlaces.certificates.find((c) => c.owner === owner && c.store === store);
  if (found === undefined) throw new Error(`no fixture for ${owner}`);
  return found;
}

const hongInKeychain = owned('홍길동', 'keychain');
const hong = owned('홍길동');
const kim = owned('김철수');
const corporate = owned('(주)도장 테스트');

describe('matchesQuery', () => {
  it('finds by owner, CA or purpose words, whatever the case', () => {
    expect(matchesQuery(kim, '김철', '개인 용도제한 (은행·보험)')).toBe(true);
    expect(matchesQuery(kim, 'kica', '')).toBe(true);
    expect(matchesQuery(kim, 'signgate', '')).toBe(true);
    expect(matchesQuery(kim, '은행', '개인 용도제한 (은행·보험)')).toBe(true);
    expect(matchesQuery(kim, '홍길동', '개인 용도제한 (은행·보험)')).toBe(false);
  });

  it('finds by the name shown for the CA', () => {
    expect(matchesQuery(hong, '금융결제', '개인 범용', '금융결제원')).toBe(true);
    expect(matchesQuery(hong, '금융결제', '개인 범용')).toBe(false);
  });

  it('matches everything when empty, and Hangul typed in decomposed form', () => {
    expect(matchesQuery(corporate, '  ', '')).toBe(true);
    expect(matchesQuery(hong, '홍길동'.normalize('NFD'), '')).toBe(true);
  });
});

describe('searchKey', () => {
  it('is folded once and answers as matchesQuery does', () => {
    const key = searchKey(hong, '개인 범용', '금융결제원');
    expect(keyMatches(key, foldQuery('YESSIGN'))).toBe(true);
    expect(keyMatches(key, foldQuery('금융결제'))).toBe(true);
    expect(keyMatches(key, foldQuery(''))).toBe(true);
    expect(keyMatches(key, foldQuery('김철수'))).toBe(false);
  });

  it('never matches across two fields', () => {
    const key = searchKey(hong, '개인 범용', '금융결제원');
    // The owner's end and the CA's start, typed as one.
    expect(keyMatches(key, foldQuery('길동yes'))).toBe(false);
    expect(matchesQuery(hong, '길동yes', '개인 범용', '금융결제원')).toBe(false);
  });
});

describe('places', () => {
  it('tells the keychain from the kinds of NPKI folder', () => {
    expect(placeOf(hongInKeychain)).toBe('keychain');
    expect(placeOf(hong)).toBe('disk');
    expect(placeOf(kim)).toBe('removable');
    expect(placeOf(corporate)).toBe('extra');
    expect(matchesPlace(kim, 'all')).toBe(true);
    expect(matchesPlace(kim, 'disk')).toBe(false);
  });
});
