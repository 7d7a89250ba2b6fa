import { useRef, useState, type SubmitEvent } from 'react';
import { Button, CheckboxButton, CheckboxField, Text } from 'react-aria-components';

import { chooseSavePath, exportPfx } from '../../api';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n/context';
import { submitOnEnter } from '../../ime';
import { pfxFileName } from '../../paths';
import { DialogShell } from './DialogShell';
import { DialogActions, FormAlert, PathChooser, SecretField } from './fields';

interface Props {
  isOpen: boolean;
  onClose: () => void;
  /** Called with the file written. */
  onDone: (path: string) => void;
  id: string;
  owner: string;
}

/** The certificate password, a password for the file, the format, and where to save it. */
export function ExportPfxDialog({ isOpen, onClose, onDone, id, owner }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <DialogShell title={t('export.title')} isOpen={isOpen} onClose={onClose} isBusy={busy} testId="export-dialog">
      <ExportForm id={id} owner={owner} onClose={onClose} onDone={onDone} busy={busy} setBusy={setBusy} />
    </DialogShell>
  );
}

function ExportForm({
  id,
  owner,
  onClose,
  onDone,
  busy,
  setBusy,
}: Omit<Props, 'isOpen'> & { busy: boolean; setBusy: (busy: boolean) => void }) {
  const { t, lang } = useI18n();
  const [password, setPassword] = useState('');
  const [pfxPassword, setPfxPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [compat, setCompat] = useState(false);
  const [path, setPath] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ password?: string; pfx?: string; confirm?: string; path?: string }>({});
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const pfxRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  const choosePath = async () => {
    const result = await chooseSavePath(t('export.dialogTitle'), pfxFileName(owner), [
      { name: 'PFX', extensions: ['pfx', 'p12'] },
    ]);
    if (result.ok && result.value !== null) {
      setPath(result.value);
      setErrors((old) => ({ ...old, path: undefined }));
    } else if (!result.ok) {
      setFailure(result.error);
    }
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const found: typeof errors = {};
    if (password === '') found.password = t('form.required');
    if (pfxPassword === '') found.pfx = t('form.required');
    if (confirm !== pfxPassword) found.confirm = t('form.passwordsDiffer');
    if (path === null) found.path = t('export.noPath');
    setErrors(found);
    if (found.password !== undefined) {
      passwordRef.current?.focus();
      return;
    }
    if (found.pfx !== undefined) {
      pfxRef.current?.focus();
      return;
    }
    if (found.confirm !== undefined) {
      confirmRef.current?.focus();
      return;
    }
    if (path === null) return;

    setBusy(true);
    const result = await exportPfx({ id, password, pfx_password: pfxPassword, compat, path });
    setBusy(false);
    if (result.ok) {
      onDone(path);
    } else if (result.error.code === 'wrong-password') {
      setErrors({ password: describeError(lang, result.error).text });
      passwordRef.current?.select();
      passwordRef.current?.focus();
    } else {
      setFailure(result.error);
    }
  };

  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Enter in its fields submits it, IME-safely
    <form className="dialog__form" noValidate onSubmit={(event) => void submit(event)} onKeyDown={submitOnEnter}>
      <p className="dialog__intro">{t('export.intro')}</p>
      <SecretField
        label={t('export.password')}
        value={password}
        onChange={(value) => {
          setPassword(value);
          setErrors((old) => ({ ...old, password: undefined }));
        }}
        error={errors.password ?? null}
        focusOnOpen
        inputRef={passwordRef}
        testId="certificate-password"
      />
      <SecretField
        label={t('export.pfxPassword')}
        description={t('export.pfxPasswordHint')}
        value={pfxPassword}
        onChange={(value) => {
          setPfxPassword(value);
          setErrors((old) => ({ ...old, pfx: undefined }));
        }}
        error={errors.pfx ?? null}
        inputRef={pfxRef}
        testId="pfx-password"
      />
      <SecretField
        label={t('export.pfxConfirm')}
        value={confirm}
        onChange={(value) => {
          setConfirm(value);
          setErrors((old) => ({ ...old, confirm: undefined }));
        }}
        error={errors.confirm ?? null}
        inputRef={confirmRef}
        testId="pfx-confirm"
      />
      <CheckboxField className="checkbox" isSelected={compat} onChange={setCompat} data-testid="compat">
        <CheckboxButton className="checkbox__button">
          <span className="checkbox__box" aria-hidden="true">
            <svg viewBox="0 0 18 18" className="checkbox__tick">
              <polyline points="3.5 9.5 7.5 13 14.5 5" />
            </svg>
          </span>
          <span className="checkbox__label">{t('export.compat')}</span>
        </CheckboxButton>
        <Text slot="description" className="checkbox__hint">
          {t('export.compatHint')}
        </Text>
      </CheckboxField>
      <PathChooser
        label={t('export.where')}
        path={path}
        chooseLabel={t('export.choose')}
        chooseAgainLabel={t('export.chooseAgain')}
        notChosenLabel={t('export.notChosen')}
        onChoose={() => void choosePath()}
        error={errors.path ?? null}
        testId="export-path"
      />
      <FormAlert error={failure} />
      <DialogActions>
        <Button className="button" onPress={onClose} isDisabled={busy}>
          {t('action.cancel')}
        </Button>
        <Button type="submit" className="button button--primary" isPending={busy} data-testid="submit">
          {busy ? t('action.working') : t('export.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}
