import { describe, expect, it } from 'vitest';

import { fourPlaces } from '../test/fixtures';
import type { ListedCertificate } from './bindings/ListedCertificate';
import { message, type MessageKey } from './i18n/catalog';
import { copyOf, copyPlaceWords } from './places';

const words = (key: MessageKey) => message('ko', key);
const hongs = fourPlaces.certificates.filter((certificate) => certificate.owner === '홍길동');
const [inKeychain, onDisk] = hongs as [ListedCertificate, ListedCertificate];

describe('copyOf', () => {
  it('names the store a listed copy is in', () => {
    expect(copyOf(inKeychain)).toEqual({ id: inKeychain.id, store: { kind: 'keychain' } });
    expect(copyOf(onDisk)).toEqual({ id: onDisk.id, store: { kind: 'npki', root: onDisk.location?.path } });
    expect(copyOf({ ...onDisk, location: null })).toEqual({ id: onDisk.id, store: null });
  });
});

describe('copyPlaceWords', () => {
  it('says the kind of place when it tells the copies apart', () => {
    expect(copyPlaceWords(inKeychain, hongs, words)).toBe('이 컴퓨터의 키체인');
    expect(copyPlaceWords(onDisk, hongs, words)).toBe('이 컴퓨터');
  });

  it('adds the folder when two copies are in the same kind of place', () => {
    const usb1 = { ...onDisk, location: { path: 'E:\\NPKI', kind: 'removable' as const } };
    const usb2 = { ...onDisk, location: { path: 'F:\\NPKI', kind: 'removable' as const } };
    expect(copyPlaceWords(usb2, [usb1, usb2], words)).toBe('이동식 디스크 (F:\\NPKI)');
    expect(copyPlaceWords(usb2, [usb2], words)).toBe('이동식 디스크');
  });
});
