import { useState } from 'react';

import { copyCertificate } from '../../api';
import type { Stored } from '../../bindings/Stored';
import { useI18n } from '../../i18n/context';
import { DestinationField, storeTarget, type Destination, type DestinationKind } from './DestinationField';
import { DialogShell } from './DialogShell';
import { FormAlert, SubmitActions } from './fields';
import { DialogFormElement, useDialogForm } from './useDialogForm';
import type { CertificateCopy } from '../../bindings/CertificateCopy';

interface Props {
  isOpen: boolean;
  onClose: () => void;
  onDone: (stored: Stored) => void;
  /** The copy acted on. */
  copy: CertificateCopy;
  currentPlaces: DestinationKind[];
}

/** One more copy of the certificate and its key, in another place. */
export function CopyToDialog({ isOpen, onClose, onDone, copy, currentPlaces }: Props) {
  const { t } = useI18n();
  return (
    <DialogShell title={t('copyTo.title')} isOpen={isOpen} onClose={onClose} testId="copy-dialog">
      <CopyForm copy={copy} currentPlaces={currentPlaces} onClose={onClose} onDone={onDone} />
    </DialogShell>
  );
}

function CopyForm({ copy, currentPlaces, onClose, onDone }: Omit<Props, 'isOpen'>) {
  const { t } = useI18n();
  const firstFree: DestinationKind = currentPlaces.includes('keychain')
    ? currentPlaces.includes('disk')
      ? 'folder'
      : 'disk'
    : 'keychain';
  const [destination, setDestination] = useState<Destination>(
    firstFree === 'folder' ? { kind: 'folder', chosen: null } : { kind: firstFree },
  );
  const form = useDialogForm<Record<string, never>, 'destination'>({});

  const submit = async () => {
    form.setFailure(null);
    const to = storeTarget(destination);
    if (form.reject({ destination: to === null ? t('destination.noFolder') : undefined }) || to === null) return;
    const result = await form.run(() => copyCertificate({ ...copy, to }));
    if (result.ok) onDone(result.value);
  };

  return (
    <DialogFormElement busy={form.busy} onSubmit={submit}>
      <p className="dialog__intro">{t('copyTo.intro')}</p>
      <DestinationField
        value={destination}
        onChange={(next) => {
          setDestination(next);
          form.clear('destination');
          form.setFailure(null);
        }}
        error={form.errors.destination ?? null}
        currentPlaces={currentPlaces}
        onFailure={form.setFailure}
      />
      <FormAlert error={form.failure} />
      <SubmitActions busy={form.busy} onCancel={onClose} submitLabel={t('copyTo.submit')} />
    </DialogFormElement>
  );
}
