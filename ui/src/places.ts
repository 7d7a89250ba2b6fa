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
