import { describe, expect, it } from 'vitest';

import { threeCertsOneBroken } from '../test/fixtures';
import { elapsedPercent } from './components/details/ValidityMeter';
import { confirmsCertificate } from './confirm';
import { storeTarget } from './components/dialogs/DestinationField';

describe('confirmsCertificate', () => {
  const id = 'abcdef01'.repeat(8);

  it('accepts the owner name, spaces and composition aside', () => {
    expect(confirmsCertificate('홍길동', '홍길동', id)).toBe(true);
    expect(confirmsCertificate(' 홍 길동 ', '홍길동', id)).toBe(true);
    expect(confirmsCertificate('홍길동'.normalize('NFD'), '홍길동', id)).toBe(true);
    expect(confirmsCertificate('(주)도장테스트', '(주)도장 테스트', id)).toBe(true);
  });

  it('accepts the first 8 characters of the ID, whatever the case', () => {
    expect(confirmsCertificate('ABCDEF01', '홍길동', id)).toBe(true);
    expect(confirmsCertificate('abcdef0', '홍길동', id)).toBe(false);
  });

  it('refuses anything else, and nothing', () => {
    expect(confirmsCertificate('홍길', '홍길동', id)).toBe(false);
    expect(confirmsCertificate('', '홍길동', id)).toBe(false);
  });
});

describe('elapsedPercent', () => {
  const find = (owner: string) => {
    const found = threeCertsOneBroken.certificates.find((c) => c.owner === owner);
    if (found === undefined) throw new Error(owner);
    return found;
  };

  it('follows the days the backend counted, within 0 and 100', () => {
    expect(elapsedPercent(find('김철수'))).toEqual({ percent: 97, totalDays: 366 });
    expect(elapsedPercent(find('(주)도장 테스트'))).toEqual({ percent: 100, totalDays: 366 });
    expect(elapsedPercent({ ...find('김철수'), days_left: 400 }).percent).toBe(0);
    expect(elapsedPercent({ ...find('김철수'), status: 'not-yet-valid' }).percent).toBe(0);
  });
});

describe('storeTarget', () => {
  it('puts what goes to a chosen drive in its NPKI folder', () => {
    expect(storeTarget({ kind: 'keychain' })).toEqual({ kind: 'keychain' });
    expect(storeTarget({ kind: 'disk' })).toEqual({ kind: 'npki', root: null });
    expect(storeTarget({ kind: 'folder', chosen: 'E:\\' })).toEqual({ kind: 'npki', root: 'E:\\NPKI' });
    expect(storeTarget({ kind: 'folder', chosen: null })).toBeNull();
  });
});
