import { useId, useRef, useState, type SubmitEvent } from 'react';
import { Button, Label, RadioButton, RadioField, RadioGroup, Text } from 'react-aria-components';

import { checkPassword, chooseFile, chooseFolder, importNpkiFolder, importPfx } from '../../api';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import type { Stored } from '../../bindings/Stored';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n/context';
import { submitOnEnter } from '../../ime';
import { DestinationField, storeTarget, type Destination } from './DestinationField';
import { DialogShell } from './DialogShell';
import { DialogActions, FormAlert, PathChooser, SecretField } from './fields';
import { PasswordRules, usePasswordCheck } from './PasswordRules';

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
  const [busy, setBusy] = useState(false);
  return (
    <DialogShell title={t('import.title')} isOpen={start !== null} onClose={onClose} isBusy={busy} testId="import-dialog">
      {start !== null && <ImportForm start={start} onClose={onClose} onDone={onDone} busy={busy} setBusy={setBusy} />}
    </DialogShell>
  );
}

type FieldErrors = {
  path?: string;
  pfxPassword?: string;
  password?: string;
  confirm?: string;
  destination?: string;
};

function ImportForm({
  start,
  onClose,
  onDone,
  busy,
  setBusy,
}: Omit<Props, 'start'> & { start: ImportStart; busy: boolean; setBusy: (busy: boolean) => void }) {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState(start.kind);
  const [file, setFile] = useState<string | null>(start.kind === 'pfx' ? start.path : null);
  const [folder, setFolder] = useState<string | null>(start.kind === 'folder' ? start.path : null);
  const [pfxPassword, setPfxPassword] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [destination, setDestination] = useState<Destination>({ kind: 'keychain' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const pfxRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const broken = usePasswordCheck(password);
  const summaryId = useId();

  const clear = (field: keyof FieldErrors) => {
    setErrors((old) => ({ ...old, [field]: undefined }));
  };

  const pick = async () => {
    const result =
      kind === 'pfx'
        ? await chooseFile(t('import.fileDialogTitle'), [
            { name: t('import.fileFilter'), extensions: ['pfx', 'p12'] },
          ])
        : await chooseFolder(t('import.folderDialogTitle'));
    if (!result.ok) {
      setFailure(result.error);
    } else if (result.value !== null) {
      if (kind === 'pfx') setFile(result.value);
      else setFolder(result.value);
      clear('path');
    }
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const found: FieldErrors = {};
    const path = kind === 'pfx' ? file : folder;
    if (path === null) found.path = kind === 'pfx' ? t('import.noFile') : t('import.noFolder');
    if (kind === 'pfx') {
      if (pfxPassword === '') found.pfxPassword = t('form.required');
      if (password === '') found.password = t('form.required');
      else {
        const check = await checkPassword(password);
        if (check.ok && check.value.length > 0) found.password = t('form.rulesUnmet');
      }
      if (confirm !== password) found.confirm = t('form.passwordsDiffer');
    }
    const to = storeTarget(destination);
    if (to === null) found.destination = t('destination.noFolder');
    setErrors(found);
    if (found.pfxPassword !== undefined) pfxRef.current?.focus();
    else if (found.password !== undefined) passwordRef.current?.focus();
    else if (found.confirm !== undefined) confirmRef.current?.focus();
    if (path === null || to === null || Object.keys(found).length > 0) return;

    setBusy(true);
    const result =
      kind === 'pfx'
        ? await importPfx({ path, pfx_password: pfxPassword, password, to })
        : await importNpkiFolder({ path, to });
    setBusy(false);
    if (result.ok) {
      onDone(result.value);
      return;
    }
    const { code } = result.error;
    const text = describeError(lang, result.error).text;
    if (code === 'pfx-wrong-password') {
      setErrors({ pfxPassword: text });
      pfxRef.current?.select();
      pfxRef.current?.focus();
    } else if (code.startsWith('password-')) {
      setErrors({ password: text });
      passwordRef.current?.focus();
    } else {
      setFailure(result.error);
    }
  };

  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Enter in its fields submits it, IME-safely
    <form className="dialog__form" noValidate onSubmit={(event) => void submit(event)} onKeyDown={submitOnEnter}>
      <RadioGroup
        className="field choices choices--row"
        value={kind}
        onChange={(value) => {
          setKind(value === 'folder' ? 'folder' : 'pfx');
          setErrors({});
          setFailure(null);
        }}
        data-testid="import-kind"
      >
        <Label className="field__label">{t('import.kind')}</Label>
        <RadioField value="pfx" className="choice" data-testid="import-kind-pfx">
          <RadioButton className="choice__button">
            <span className="choice__mark" aria-hidden="true" />
            <span className="choice__label">{t('import.kindPfx')}</span>
          </RadioButton>
          <Text slot="description" className="choice__hint">
            {t('import.kindPfxHint')}
          </Text>
        </RadioField>
        <RadioField value="folder" className="choice" data-testid="import-kind-folder">
          <RadioButton className="choice__button">
            <span className="choice__mark" aria-hidden="true" />
            <span className="choice__label">{t('import.kindFolder')}</span>
          </RadioButton>
          <Text slot="description" className="choice__hint">
            {t('import.kindFolderHint')}
          </Text>
        </RadioField>
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
            error={errors.path ?? null}
            testId="import-path"
          />
          <SecretField
            label={t('import.pfxPassword')}
            value={pfxPassword}
            onChange={(value) => {
              setPfxPassword(value);
              clear('pfxPassword');
            }}
            error={errors.pfxPassword ?? null}
            focusOnOpen={file !== null}
            inputRef={pfxRef}
            testId="pfx-password"
          />
          <SecretField
            label={t('import.newPassword')}
            description={t('import.newPasswordHint')}
            value={password}
            onChange={(value) => {
              setPassword(value);
              clear('password');
            }}
            error={errors.password ?? null}
            inputRef={passwordRef}
            describedBy={summaryId}
            testId="new-password"
          />
          <PasswordRules broken={broken} summaryId={summaryId} />
          <SecretField
            label={t('import.confirm')}
            value={confirm}
            onChange={(value) => {
              setConfirm(value);
              clear('confirm');
            }}
            error={errors.confirm ?? null}
            inputRef={confirmRef}
            testId="confirm-password"
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
          error={errors.path ?? null}
          testId="import-path"
        />
      )}

      <DestinationField
        value={destination}
        onChange={(next) => {
          setDestination(next);
          clear('destination');
        }}
        error={errors.destination ?? null}
        onFailure={setFailure}
      />
      <FormAlert error={failure} />
      <DialogActions>
        <Button className="button" onPress={onClose} isDisabled={busy}>
          {t('action.cancel')}
        </Button>
        <Button type="submit" className="button button--primary" isPending={busy} data-testid="submit">
          {busy ? t('action.working') : t('import.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}
