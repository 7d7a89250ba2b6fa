import { Button, Label, RadioGroup, Text } from 'react-aria-components';

import { chooseFolder } from '../../api';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import type { StoreTarget } from '../../bindings/StoreTarget';
import { useI18n } from '../../i18n/context';
import { npkiRootFor } from '../../paths';
import { ComputerIcon, FolderIcon } from '../icons';
import { PathText } from '../PlaceLabel';
import { Choice, ErrorSlot } from './fields';

/** Where a copied or imported certificate goes, as the person chose it. */
export type Destination =
  | { kind: 'keychain' }
  | { kind: 'disk' }
  | { kind: 'folder'; chosen: string | null };

export type DestinationKind = Destination['kind'];

/** The store target for a destination; null while a folder is still to be chosen. */
export function storeTarget(destination: Destination): StoreTarget | null {
  switch (destination.kind) {
    case 'keychain':
      return { kind: 'keychain' };
    case 'disk':
      return { kind: 'npki', root: null };
    case 'folder':
      return destination.chosen === null ? null : { kind: 'npki', root: npkiRootFor(destination.chosen) };
  }
}

/**
 * This computer's keychain, this computer's NPKI folder, or a folder the
 * person chooses (a USB drive): three radio buttons, the last with a button
 * that opens the system's folder dialog and shows where the NPKI folder
 * will be.
 */
export function DestinationField({
  value,
  onChange,
  error,
  currentPlaces = [],
  onFailure,
  errorRoom,
}: {
  value: Destination;
  onChange: (destination: Destination) => void;
  error: string | null;
  /** What can be said is wrong with the choice, to keep room for the longest (`ErrorSlot`). */
  errorRoom?: readonly string[];
  /** Where the certificate already is, to say so beside those choices. */
  currentPlaces?: DestinationKind[];
  /** The folder dialog could not be opened. */
  onFailure: (error: ErrorInfo) => void;
}) {
  const { t } = useI18n();
  const chosen = value.kind === 'folder' ? value.chosen : null;

  const choose = async () => {
    const result = await chooseFolder(t('destination.dialogTitle'));
    if (!result.ok) {
      onFailure(result.error);
    } else if (result.value !== null) {
      onChange({ kind: 'folder', chosen: result.value });
    }
  };

  const option = (kind: DestinationKind, label: string, hint: string) => (
    <Choice
      value={kind}
      label={label}
      hint={
        <>
          {hint}
          {currentPlaces.includes(kind) && <span className="choice__hint--note"> {t('destination.alreadyHere')}</span>}
        </>
      }
      testId={`destination-${kind}`}
    />
  );

  return (
    <RadioGroup
      className="field choices"
      value={value.kind}
      onChange={(kind) => {
        onChange(kind === 'folder' ? { kind: 'folder', chosen } : { kind: kind as 'keychain' | 'disk' });
      }}
      isInvalid={error !== null}
      data-testid="destination"
    >
      <Label className="field__label">{t('destination.label')}</Label>
      {option('keychain', t('destination.keychain'), t('destination.keychainHint'))}
      {option('disk', t('destination.disk'), t('destination.diskHint'))}
      {option('folder', t('destination.folder'), t('destination.folderHint'))}
      {value.kind === 'folder' && (
        <div className="choice__extra">
          {chosen !== null && (
            <p className="chosen-path">
              <span className="chosen-path__label">
                <FolderIcon />
                {t('destination.willSaveTo')}
              </span>
              <PathText path={npkiRootFor(chosen)} />
            </p>
          )}
          <Button className="button button--small" onPress={() => void choose()} data-testid="choose-folder">
            <ComputerIcon />
            {chosen === null ? t('destination.choose') : t('destination.chooseAgain')}
          </Button>
        </div>
      )}
      <ErrorSlot room={errorRoom}>
        {error !== null && (
          <Text slot="errorMessage" className="field__error">
            {error}
          </Text>
        )}
      </ErrorSlot>
    </RadioGroup>
  );
}
