import { describe, expect, it } from 'vitest';

import { fourPlaces } from '../test/fixtures';
import type { ListedCertificate } from './bindings/ListedCertificate';
import { message, type MessageKey } from './i18n/catalog';
import { copyOf, copyPlaceWords, driveName, placeName, placeWords } from './places';

const words = (key: MessageKey, params?: Record<string, string | number>) => message('ko', key, params);
const english = (key: MessageKey, params?: Record<string, string | number>) => message('en', key, params);
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

  it('names the drive, and adds the folder only when two copies would be called the same', () => {
    const usb1 = { ...onDisk, location: { path: 'E:\\NPKI', kind: 'removable' as const } };
    const usb2 = { ...onDisk, location: { path: 'F:\\NPKI', kind: 'removable' as const } };
    const usb3 = { ...onDisk, location: { path: 'F:\\백업\\NPKI', kind: 'removable' as const } };
    expect(copyPlaceWords(usb2, [usb1, usb2], words)).toBe('USB 메모리 (F:)');
    expect(copyPlaceWords(usb3, [usb2, usb3], words)).toBe('USB 메모리 (F:) (F:\\백업\\NPKI)');
  });
});

describe('placeWords', () => {
  it('says where a copy is in plain words, naming the drive or the folder', () => {
    expect(placeWords({ path: 'C:\\Users\\hong\\AppData\\LocalLow\\NPKI', kind: 'disk' }, 'npki', words)).toBe('이 컴퓨터');
    expect(placeWords(null, 'keychain', words)).toBe('이 컴퓨터의 키체인');
    expect(placeWords({ path: 'e:\\NPKI', kind: 'removable' }, 'npki', words)).toBe('USB 메모리 (E:)');
    expect(placeWords({ path: '/Volumes/HONG USB/NPKI', kind: 'removable' }, 'npki', english)).toBe('USB drive (HONG USB)');
    expect(placeWords({ path: 'D:\\인증서 백업\\NPKI', kind: 'extra' }, 'npki', words)).toBe('‘인증서 백업’ 폴더');
    expect(placeWords({ path: '/home/hong/certs', kind: 'extra' }, 'npki', english)).toBe('Folder “certs”');
  });

  it('finds the volume name where each system mounts drives', () => {
    expect(driveName('/media/hong/SAMSUNG/NPKI')).toBe('SAMSUNG');
    expect(driveName('/run/media/hong/SAMSUNG/NPKI')).toBe('SAMSUNG');
    expect(driveName('/mnt/usb/NPKI')).toBe('usb');
    expect(driveName('/home/hong/NPKI')).toBeNull();
    expect(placeName({ path: '/srv/certs/NPKI', kind: 'removable' })).toBe('certs');
    expect(placeName({ path: 'D:\\NPKI', kind: 'extra' })).toBe('D:');
    expect(placeName({ path: 'C:\\NPKI', kind: 'disk' })).toBeNull();
  });
});
