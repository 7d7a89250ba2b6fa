import type { NpkiRoot } from '../bindings/NpkiRoot';
import type { StoreKind } from '../bindings/StoreKind';
import { useI18n } from '../i18n/context';
import { placeKey } from '../places';
import { ComputerIcon, FolderIcon, UsbIcon } from './icons';

/**
 * Where a certificate is kept, in words with a matching icon: "이 컴퓨터의 키체인",
 * "이 컴퓨터", "이동식 디스크", "지정한 폴더".
 */
export function PlaceLabel({ root, store }: { root: NpkiRoot | null; store?: StoreKind }) {
  const { message } = useI18n();
  const icon =
    root?.kind === 'removable' ? (
      <UsbIcon />
    ) : root?.kind === 'disk' || store === 'keychain' ? (
      <ComputerIcon />
    ) : (
      <FolderIcon />
    );
  return (
    <span className="place" data-testid="place">
      {icon}
      {message(placeKey(root, store))}
    </span>
  );
}

/** A file-system path: muted, selectable, wrapping anywhere, never translated. */
export function PathText({ path }: { path: string }) {
  return (
    <span className="path" translate="no" data-testid="path">
      {path}
    </span>
  );
}
