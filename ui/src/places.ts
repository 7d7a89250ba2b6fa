import type { CertificateCopy } from './bindings/CertificateCopy';
import type { ListedCertificate } from './bindings/ListedCertificate';
import type { NpkiRoot } from './bindings/NpkiRoot';
import type { RootKind } from './bindings/RootKind';
import type { StoreKind } from './bindings/StoreKind';
import type { MessageKey, ParamValues } from './i18n/catalog';
import { baseName } from './paths';

const PLACE_KEYS: Record<RootKind, MessageKey> = {
  disk: 'place.disk',
  removable: 'place.removable',
  extra: 'place.extra',
};

/**
 * The words for where a certificate is kept: the OS keychain, or an NPKI root on this
 * computer, a removable drive or a chosen folder.
 */
export function placeKey(root: NpkiRoot | null, store: StoreKind = 'npki'): MessageKey {
  if (store === 'keychain') return 'place.keychain';
  return root === null ? 'place.unknown' : PLACE_KEYS[root.kind];
}

/** Looks a message up in the current language (`useI18n().message`). */
export type Words = (key: MessageKey, params?: ParamValues) => string;

/** The folder a path sits in (`D:\인증서 백업` for `D:\인증서 백업\NPKI`); null at a root. */
function parentOf(path: string): string | null {
  const trimmed = path.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('\\'), trimmed.lastIndexOf('/'));
  if (cut <= 0) return null;
  const parent = trimmed.slice(0, cut);
  return /^[A-Za-z]:$/.test(parent) ? `${parent}\\` : parent;
}

/**
 * The name a person knows a drive by: its letter on Windows (`E:`), its
 * volume name where macOS and Linux mount it (`/Volumes/MYUSB`,
 * `/media/hong/MYUSB`, `/run/media/hong/MYUSB`, `/mnt/MYUSB`).
 */
export function driveName(path: string): string | null {
  const letter = /^([A-Za-z]:)/.exec(path);
  if (letter?.[1] !== undefined) return letter[1].toUpperCase();
  const mounted =
    /^\/Volumes\/([^/]+)/.exec(path) ?? /^\/(?:run\/)?media\/[^/]+\/([^/]+)/.exec(path) ?? /^\/mnt\/([^/]+)/.exec(path);
  return mounted?.[1] ?? null;
}

/**
 * The name of the place an NPKI root is in, for words like "USB 메모리 (E:)"
 * or "‘인증서 백업’ 폴더": a removable drive by its letter or volume name, any
 * other folder by the folder that holds its NPKI folder. Null for this
 * computer's own folder, which needs no name.
 */
export function placeName(root: NpkiRoot): string | null {
  if (root.kind === 'disk') return null;
  if (root.kind === 'removable') {
    const drive = driveName(root.path);
    if (drive !== null) return drive;
  }
  const holder = baseName(root.path).toUpperCase() === 'NPKI' ? parentOf(root.path) : root.path;
  if (holder === null) return null;
  return /^[A-Za-z]:\\?$/.test(holder) ? holder.slice(0, 2).toUpperCase() : baseName(holder);
}

/**
 * Where a copy is kept, in plain words that name the place: "이 컴퓨터",
 * "이 컴퓨터의 키체인", "USB 메모리 (E:)", "‘인증서 백업’ 폴더". Never the
 * NPKI path itself: that is shown apart, for whoever helps the person.
 */
export function placeWords(root: NpkiRoot | null, store: StoreKind | undefined, words: Words): string {
  const key = placeKey(root, store);
  if (root === null || store === 'keychain') return words(key);
  const name = placeName(root);
  if (name === null) return words(key);
  return root.kind === 'removable' ? words('place.removableNamed', { name }) : words('place.extraNamed', { name });
}

/** The key that tells one listed copy from another (the same certificate may be in two places). */
export function copyKey(certificate: ListedCertificate): string {
  return `${certificate.store}:${certificate.path ?? ''}:${certificate.id}`;
}

/**
 * The copy a listed certificate is, as the commands name it: the same
 * certificate may be kept in several places, each copy under its own password.
 */
export function copyOf(certificate: ListedCertificate): CertificateCopy {
  if (certificate.store === 'keychain') return { id: certificate.id, store: { kind: 'keychain' } };
  // An NPKI copy is named by the root it was found under (null: the first copy).
  if (certificate.location === null) return { id: certificate.id, store: null };
  return { id: certificate.id, store: { kind: 'npki', root: certificate.location.path } };
}

/**
 * Where a copy is, in words that tell it from the certificate's other copies:
 * "USB 메모리 (E:)", or with its NPKI folder when another copy would be called
 * the same ("‘백업’ 폴더 (D:\백업\NPKI)").
 */
export function copyPlaceWords(copy: ListedCertificate, copies: readonly ListedCertificate[], words: Words): string {
  const said = placeWords(copy.location, copy.store, words);
  const alike = copies.filter(
    (other) => other.id === copy.id && placeWords(other.location, other.store, words) === said,
  );
  return alike.length > 1 && copy.location !== null ? `${said} (${copy.location.path})` : said;
}
