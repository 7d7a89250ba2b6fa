import type { CertificateCopy } from './bindings/CertificateCopy';
import type { ListedCertificate } from './bindings/ListedCertificate';
import type { NpkiRoot } from './bindings/NpkiRoot';
import type { RootKind } from './bindings/RootKind';
import type { StoreKind } from './bindings/StoreKind';
import type { MessageKey } from './i18n/catalog';

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
 * "이동식 디스크", or with its NPKI folder when another copy is in the same kind
 * of place ("지정한 폴더 (D:\\백업\\NPKI)").
 */
export function copyPlaceWords(
  copy: ListedCertificate,
  copies: readonly ListedCertificate[],
  words: (key: MessageKey) => string,
): string {
  const key = placeKey(copy.location, copy.store);
  const alike = copies.filter((other) => other.id === copy.id && placeKey(other.location, other.store) === key);
  return alike.length > 1 && copy.location !== null ? `${words(key)} (${copy.location.path})` : words(key);
}
