import { useState } from 'react';
import { Label, RadioGroup } from 'react-aria-components';

import { chooseFile, chooseFolder, importNpkiFolder, importPfx } from '../../api';
import type { Stored } from '../../bindings/Stored';
import { isPasswordRuleError } from '../../checks';
import { useI18n } from '../../i18n/context';
import { DestinationField, storeTarget, type Destination } from './DestinationField';
import { DialogShell } from './DialogShell';
import { Choice, FormAlert, PathChooser, SecretField, SubmitActions } from './fields';
import { newPasswordErrors, NewPasswordFields } from './NewPasswordFields';
import { DialogFormElement, recheckWith, useDialogForm } from './useDialogForm';

/** What the import starts with: a kind, and a file already known (a drop). */
export interface ImportStart {
  kind: 'pfx' | 'folder';
  path: string | null;
}

interface Props {
  start: ImportStart | null;
  onClose: () => void;
  onDone: (stored: Stored) => void;
}

/**
 * Import a PFX file (with its password, and a new certificate password kept
 * to the rules) or an NPKI certificate folder, into a place of the person's
 * choosing. Open while `start` is set.
 */
export function ImportDialog({ start, onClose, onDone }: Props) {
  const { t } = useI18n();
  return (
    <DialogShell title={t('import.title')} isOpen={start !== null} onClose={onClose} testId="import-dialog">
      {start !== null && <ImportForm start={start} onClose={onClose} onDone={onDone} />}
    </DialogShell>
  );
}

function ImportForm({ start, onClose, onDone }: Omit<Props, 'start'> & { start: ImportStart }) {
  const { t } = useI18n();
  const [kind, setKind] = useState(start.kind);
  const [file, setFile] = useState<string | null>(start.kind === 'pfx' ? start.path : null);
  const [folder, setFolder] = useState<string | null>(start.kind === 'folder' ? start.path : null);
  const [destination, setDestination] = useState<Destination>({ kind: 'keychain' });
  type Values = { pfxPassword: string; password: string; confirm: string };
  // A PFX file's password and the certificate's new one (a folder needs neither).
  const check = (values: Values) => {
    if (kind !== 'pfx') return {};
    const pair = newPasswordErrors(t, values.password, values.confirm);
    return {
      pfxPassword: values.pfxPassword === '' ? t('form.required') : undefined,
      password: pair.password,
      confirm: pair.confirm,
    };
  };
  // An error goes once its field is right; the confirmation follows the new password.
  const form = useDialogForm<Values, 'path' | 'destination'>(
    { pfxPassword: '', password: '', confirm: '' },
    recheckWith(check, { password: ['confirm'] }),
  );

  const pick = async () => {
    const result =
      kind === 'pfx'
        ? await chooseFile(t('import.fileDialogTitle'), [
            { name: t('import.fileFilter'), extensions: ['pfx', 'p12'] },
          ])
        : await chooseFolder(t('import.folderDialogTitle'));
    if (!result.ok) {
      form.setFailure(result.error);
    } else if (result.value !== null) {
      if (kind === 'pfx') setFile(result.value);
      else setFolder(result.value);
      form.clear('path');
    }
  };

  const submit = async () => {
    const { pfxPassword, password } = form.values;
    form.setFailure(null);
    const path = kind === 'pfx' ? file : folder;
    const to = storeTarget(destination);
    const wrong = form.reject({
      path: path === null ? (kind === 'pfx' ? t('import.noFile') : t('import.noFolder')) : undefined,
      ...check(form.values),
      destination: to === null ? t('destination.noFolder') : undefined,
    });
    if (wrong || path === null || to === null) return;
    const result = await form.run<Stored>(
      () =>
        kind === 'pfx'
          ? importPfx({ path, pfx_password: pfxPassword, password, to })
          : importNpkiFolder({ path, to }),
      (error) =>
        error.code === 'pfx-wrong-password' ? 'pfxPassword' : isPasswordRuleError(error.code) ? 'password' : null,
    );
    if (result.ok) onDone(result.value);
  };

  return (
    <DialogFormElement busy={form.busy} onSubmit={submit}>
      <RadioGroup
        className="field choices choices--row"
        value={kind}
        onChange={(value) => {
          setKind(value === 'folder' ? 'folder' : 'pfx');
          form.reject({});
          form.setFailure(null);
        }}
        data-testid="import-kind"
      >
        <Label className="field__label">{t('import.kind')}</Label>
        <Choice value="pfx" label={t('import.kindPfx')} hint={t('import.kindPfxHint')} testId="import-kind-pfx" />
        <Choice
          value="folder"
          label={t('import.kindFolder')}
          hint={t('import.kindFolderHint')}
          testId="import-kind-folder"
        />
      </RadioGroup>

      {kind === 'pfx' ? (
        <>
          <PathChooser
            label={t('import.file')}
            path={file}
            chooseLabel={t('import.chooseFile')}
            chooseAgainLabel={t('import.chooseFileAgain')}
            notChosenLabel={t('import.notChosen')}
            onChoose={() => void pick()}
            error={form.errors.path ?? null}
            testId="import-path"
          />
          <SecretField
            label={t('import.pfxPassword')}
            {...form.field('pfxPassword')}
            focusOnOpen={file !== null}
            testId="pfx-password"
          />
          <NewPasswordFields
            password={form.field('password')}
            confirm={form.field('confirm')}
            label={t('import.newPassword')}
            hint={t('import.newPasswordHint')}
            confirmLabel={t('import.confirm')}
          />
        </>
      ) : (
        <PathChooser
          label={t('import.folder')}
          path={folder}
          chooseLabel={t('import.chooseFolder')}
          chooseAgainLabel={t('import.chooseFolderAgain')}
          notChosenLabel={t('import.notChosen')}
          onChoose={() => void pick()}
          error={form.errors.path ?? null}
          testId="import-path"
        />
      )}

      <DestinationField
        value={destination}
        onChange={(next) => {
          setDestination(next);
          form.clear('destination');
        }}
        error={form.errors.destination ?? null}
        onFailure={form.setFailure}
      />
      <FormAlert error={form.failure} />
      <SubmitActions busy={form.busy} onCancel={onClose} submitLabel={t('import.submit')} />
    </DialogFormElement>
  );
}
