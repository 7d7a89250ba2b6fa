import { useRef, useState, type SubmitEvent } from 'react';
import { Button } from 'react-aria-components';

import { deleteCertificate } from '../../api';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import { useI18n } from '../../i18n/context';
import { submitOnEnter } from '../../ime';
import { ExportIcon, TrashIcon, WarningIcon } from '../icons';
import { DialogShell } from './DialogShell';
import { DialogActions, FormAlert, PlainField } from './fields';

interface Props {
  isOpen: boolean;
  onClose: () => void;
  onDone: () => void;
  /** Closes this dialog and opens the PFX export instead. */
  onBackup: () => void;
  id: string;
  owner: string;
  /** How many places hold this same certificate. */
  copies: number;
}

/**
 * Whether the typed confirmation names the certificate: the owner's name as
 * issued (spaces and Unicode composition aside) or the first 8 characters of
 * its ID (case aside).
 */
export function confirmsDeletion(typed: string, owner: string, id: string): boolean {
  const fold = (text: string) => text.normalize('NFC').replace(/\s+/g, '').toLowerCase();
  const entered = fold(typed);
  return entered !== '' && (entered === fold(owner) || entered === id.slice(0, 8).toLowerCase());
}

/** Deletion, after a clear warning and a typed confirmation. */
export function DeleteDialog({ isOpen, onClose, onDone, onBackup, id, owner, copies }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <DialogShell title={t('delete.title')} isOpen={isOpen} onClose={onClose} isBusy={busy} testId="delete-dialog">
      <DeleteForm
        id={id}
        owner={owner}
        copies={copies}
        onClose={onClose}
        onDone={onDone}
        onBackup={onBackup}
        busy={busy}
        setBusy={setBusy}
      />
    </DialogShell>
  );
}

function DeleteForm({
  id,
  owner,
  copies,
  onClose,
  onDone,
  onBackup,
  busy,
  setBusy,
}: Omit<Props, 'isOpen'> & { busy: boolean; setBusy: (busy: boolean) => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    if (!confirmsDeletion(typed, owner, id)) {
      setError(t('delete.confirmMismatch'));
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    const result = await deleteCertificate(id);
    setBusy(false);
    if (result.ok) {
      onDone();
    } else {
      setFailure(result.error);
    }
  };

  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Enter in its fields submits it, IME-safely
    <form className="dialog__form" noValidate onSubmit={(event) => void submit(event)} onKeyDown={submitOnEnter}>
      <div className="notice notice--danger">
        <WarningIcon />
        <div>
          <p className="notice__title">{t('delete.warning')}</p>
          <p>{t('delete.backupHint')}</p>
          {copies > 1 && <p>{t('delete.otherCopies', { count: copies })}</p>}
        </div>
      </div>
      <Button className="button button--small" onPress={onBackup} isDisabled={busy} data-testid="backup-first">
        <ExportIcon />
        {t('delete.backup')}
      </Button>
      <PlainField
        label={t('delete.confirmLabel', { owner, id: id.slice(0, 8) })}
        value={typed}
        onChange={(value) => {
          setTyped(value);
          setError(null);
        }}
        error={error}
        focusOnOpen
        inputRef={inputRef}
        testId="delete-confirm"
      />
      <FormAlert error={failure} />
      <DialogActions>
        <Button className="button" onPress={onClose} isDisabled={busy}>
          {t('action.cancel')}
        </Button>
        <Button type="submit" className="button button--danger" isPending={busy} data-testid="submit">
          <TrashIcon />
          {busy ? t('action.working') : t('delete.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}
