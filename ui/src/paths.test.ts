import { describe, expect, it } from 'vitest';

import { baseName, isPfxPath, npkiRootFor, pfxFileName } from './paths';

describe('npkiRootFor', () => {
  it('adds NPKI to a drive or folder', () => {
    expect(npkiRootFor('E:\\')).toBe('E:\\NPKI');
    expect(npkiRootFor('D:\\백업')).toBe('D:\\백업\\NPKI');
    expect(npkiRootFor('/Volumes/USB')).toBe('/Volumes/USB/NPKI');
    expect(npkiRootFor('/media/user/USB/')).toBe('/media/user/USB/NPKI');
  });

  it('keeps a folder that is already an NPKI root', () => {
    expect(npkiRootFor('E:\\NPKI')).toBe('E:\\NPKI');
    expect(npkiRootFor('/Volumes/USB/npki/')).toBe('/Volumes/USB/npki');
  });
});

describe('file names', () => {
  it('reads the last part of a path', () => {
    expect(baseName('C:\\Users\\user\\hong.pfx')).toBe('hong.pfx');
    expect(baseName('/home/user/kim.p12')).toBe('kim.p12');
  });

  it('recognises PKCS#12 files whatever the case', () => {
    expect(isPfxPath('/x/HONG.PFX')).toBe(true);
    expect(isPfxPath('C:\\a\\b.p12')).toBe(true);
    expect(isPfxPath('/x/signCert.der')).toBe(false);
  });

  it('names an export after the owner, without forbidden characters', () => {
    expect(pfxFileName('홍길동')).toBe('홍길동.pfx');
    expect(pfxFileName('(주)도장 "테스트"')).toBe('(주)도장 테스트.pfx');
    expect(pfxFileName('///')).toBe('certificate.pfx');
  });
});
