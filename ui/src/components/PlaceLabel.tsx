import { Fragment } from 'react';

import type { NpkiRoot } from '../bindings/NpkiRoot';
import type { StoreKind } from '../bindings/StoreKind';
import { useI18n } from '../i18n/context';
import { placeWords } from '../places';
import { ComputerIcon, FolderIcon, UsbIcon } from './icons';

/**
 * Where a certificate is kept, in plain words with a matching icon: "이 컴퓨터의
 * 키체인", "이 컴퓨터", "USB 메모리 (E:)", "‘인증서 백업’ 폴더".
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
      {placeWords(root, store, message)}
    </span>
  );
}

/**
 * A file-system path: muted, selectable, never translated. A long one breaks
 * after a separator (`\`, `/`, `,`) rather than in the middle of a name.
 */
export function PathText({ path }: { path: string }) {
  const parts = path.split(/(?<=[\\/,])/);
  return (
    <span className="path" translate="no" data-testid="path">
      {parts.map((part, index) => (
        // The parts of one path never move: the index is their identity.
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </span>
  );
}
