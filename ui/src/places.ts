import type { NpkiRoot } from './bindings/NpkiRoot';
import type { RootKind } from './bindings/RootKind';
import type { MessageKey } from './i18n/catalog';

const PLACE_KEYS: Record<RootKind, MessageKey> = {
  disk: 'place.disk',
  removable: 'place.removable',
  extra: 'place.extra',
};

/** The words for where an NPKI root is: this computer, a removable drive, a chosen folder. */
export function placeKey(root: NpkiRoot | null): MessageKey {
  return root === null ? 'place.unknown' : PLACE_KEYS[root.kind];
}
