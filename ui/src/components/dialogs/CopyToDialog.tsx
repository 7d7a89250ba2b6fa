import { useState, type SubmitEvent } from 'react';
import { Button } from 'react-aria-components';

import { copyCertificate } from '../../api';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import type { Stored } from '../../bindings/Stored';
import { useI18n } from '../../i18n/context';
import { DestinationField, storeTarget, type Destination, type DestinationKind } from './DestinationField';
import { DialogShell } from './DialogShell';
import { DialogActions, FormAlert } from './fields';

interface Props {
  isOpen: boolean;
  onClose: () => void;
  onDone: (stored: Stored) => void;
  id: string;
  currentPlaces: DestinationKind[];
}

/** One more copy of the certificate and its key, in another place. */
export function CopyToDialog({ isOpen, onClose, onDone, id, currentPlaces }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <DialogShell title={t('copyTo.title')} isOpen={isOpen} onClose={onClose} isBusy={busy} testId="copy-dialog">
      <CopyForm id={id} currentPlaces={currentPlaces} onClose={onClose} onDone={onDone} busy={busy} setBusy={setBusy} />
    </DialogShell>
  );
}

function CopyForm({
  id,
  currentPlaces,
  onClose,
  onDone,
  busy,
  setBusy,
}: Omit<Props, 'isOpen'> & { busy: boolean; setBusy: (busy: boolean) => void }) {
  const { t } = useI18n();
  const firstFree: DestinationKind = currentPlaces.includes('keychain')
    ? currentPlaces.includes('disk')
      ? 'folder'
      : 'disk'
    : 'keychain';
  const [destination, setDestination] = useState<Destination>(
    firstFree === 'folder' ? { kind: 'folder', chosen: null } : { kind: firstFree },
  );
  const [destinationError, setDestinationError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const to = storeTarget(destination);
    if (to === null) {
      setDestinationError(t('destination.noFolder'));
      return;
    }
    setBusy(true);
    const result = await copyCertificate({ id, to });
    setBusy(false);
    if (result.ok) {
      onDone(result.value);
    } else {
      setFailure(result.error);
    }
  };

  return (
    <form className="dialog__form" noValidate onSubmit={(event) => void submit(event)}>
      <p className="dialog__intro">{t('copyTo.intro')}</p>
      <DestinationField
        value={destination}
        onChange={(next) => {
          setDestination(next);
          setDestinationError(null);
          setFailure(null);
        }}
        error={destinationError}
        currentPlaces={currentPlaces}
        onFailure={setFailure}
      />
      <FormAlert error={failure} />
      <DialogActions>
        <Button className="button" onPress={onClose} isDisabled={busy}>
          {t('action.cancel')}
        </Button>
        <Button type="submit" className="button button--primary" isPending={busy} data-testid="submit">
          {busy ? t('action.working') : t('copyTo.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}
