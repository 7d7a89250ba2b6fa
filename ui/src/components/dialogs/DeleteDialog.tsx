import { Button } from 'react-aria-components';

import { deleteCertificate } from '../../api';
import { confirmsCertificate } from '../../confirm';
import { useI18n } from '../../i18n/context';
import { ExportIcon, TrashIcon, WarningIcon } from '../icons';
import { DialogShell } from './DialogShell';
import { FormAlert, PlainField, SubmitActions } from './fields';
import { DialogFormElement, useDialogForm } from './useDialogForm';
import type { CertificateCopy } from '../../bindings/CertificateCopy';

interface Props {
  isOpen: boolean;
  onClose: () => void;
  onDone: () => void;
  /** Closes this dialog and opens the PFX export instead. */
  onBackup: () => void;
  /** The copy acted on. */
  copy: CertificateCopy;
  owner: string;
  /** How many places hold this same certificate. */
  copies: number;
  /** Where the copy deleted is, in words. */
  place: string;
}

/** Deletion, after a clear warning and a typed confirmation. */
export function DeleteDialog({ isOpen, onClose, onDone, onBackup, copy, owner, copies, place }: Props) {
  const { t } = useI18n();
  return (
    <DialogShell title={t('delete.title')} isOpen={isOpen} onClose={onClose} testId="delete-dialog">
      <DeleteForm copy={copy} owner={owner} copies={copies} place={place} onClose={onClose} onDone={onDone} onBackup={onBackup} />
    </DialogShell>
  );
}

function DeleteForm({ copy, owner, copies, place, onClose, onDone, onBackup }: Omit<Props, 'isOpen'>) {
  const { t } = useI18n();
  const form = useDialogForm({ typed: '' });

  const submit = async () => {
    form.setFailure(null);
    if (form.reject({ typed: confirmsCertificate(form.values.typed, owner, copy.id) ? undefined : t('delete.confirmMismatch') })) {
      return;
    }
    const result = await form.run(() => deleteCertificate(copy));
    if (result.ok) onDone();
  };

  return (
    <DialogFormElement busy={form.busy} onSubmit={submit}>
      <div className="notice notice--danger">
        <WarningIcon />
        <div>
          <p className="notice__title">{t('delete.warning')}</p>
          <p>{t('delete.backupHint')}</p>
          {copies > 1 && <p data-testid="other-copies">{t('delete.otherCopies', { count: copies, place })}</p>}
        </div>
      </div>
      <Button className="button button--small" onPress={onBackup} isDisabled={form.busy} data-testid="backup-first">
        <ExportIcon />
        {t('delete.backup')}
      </Button>
      <PlainField
        label={t('delete.confirmLabel', { owner, id: copy.id.slice(0, 8) })}
        {...form.field('typed')}
        focusOnOpen
        testId="delete-confirm"
      />
      <FormAlert error={form.failure} />
      <SubmitActions busy={form.busy} onCancel={onClose} submitLabel={t('delete.submit')} danger icon={<TrashIcon />} />
    </DialogFormElement>
  );
}
