import { useState } from 'react';
import { CheckboxButton, CheckboxField, Text } from 'react-aria-components';

import { chooseSavePath, exportPfx } from '../../api';
import { isPasswordRuleError } from '../../checks';
import { useI18n } from '../../i18n/context';
import { pfxFileName } from '../../paths';
import { DialogShell } from './DialogShell';
import { FormAlert, PathChooser, SecretField, SubmitActions } from './fields';
import { newPasswordErrors, NewPasswordFields } from './NewPasswordFields';
import { DialogFormElement, recheckWith, useDialogForm } from './useDialogForm';
import type { CertificateCopy } from '../../bindings/CertificateCopy';

interface Props {
  isOpen: boolean;
  onClose: () => void;
  /** Called with the file written. */
  onDone: (path: string) => void;
  /** The copy acted on. */
  copy: CertificateCopy;
  owner: string;
}

/**
 * The certificate password, a password for the file (kept to the same rules
 * as a new certificate password: the file carries the key), the format, and
 * where to save it.
 */
export function ExportPfxDialog({ isOpen, onClose, onDone, copy, owner }: Props) {
  const { t } = useI18n();
  return (
    <DialogShell title={t('export.title')} isOpen={isOpen} onClose={onClose} testId="export-dialog">
      <ExportForm copy={copy} owner={owner} onClose={onClose} onDone={onDone} />
    </DialogShell>
  );
}

function ExportForm({ copy, owner, onClose, onDone }: Omit<Props, 'isOpen'>) {
  const { t } = useI18n();
  type Values = { password: string; pfx: string; confirm: string };
  const check = (values: Values) => {
    const pair = newPasswordErrors(t, values.pfx, values.confirm);
    return { password: values.password === '' ? t('form.required') : undefined, pfx: pair.password, confirm: pair.confirm };
  };
  // An error goes once its field is right; the confirmation follows the file's password.
  const form = useDialogForm<Values, 'path'>(
    { password: '', pfx: '', confirm: '' },
    recheckWith(check, { pfx: ['confirm'] }),
  );
  const [compat, setCompat] = useState(false);
  const [path, setPath] = useState<string | null>(null);

  const choosePath = async () => {
    const result = await chooseSavePath(t('export.dialogTitle'), pfxFileName(owner), [
      { name: 'PFX', extensions: ['pfx', 'p12'] },
    ]);
    if (result.ok && result.value !== null) {
      setPath(result.value);
      form.clear('path');
    } else if (!result.ok) {
      form.setFailure(result.error);
    }
  };

  const submit = async () => {
    const { password, pfx } = form.values;
    form.setFailure(null);
    const wrong = form.reject({ ...check(form.values), path: path === null ? t('export.noPath') : undefined });
    if (wrong || path === null) return;
    const result = await form.run(
      () => exportPfx({ ...copy, password, pfx_password: pfx, compat, path }),
      (error) => (error.code === 'wrong-password' ? 'password' : isPasswordRuleError(error.code) ? 'pfx' : null),
    );
    if (result.ok) onDone(path);
  };

  return (
    <DialogFormElement busy={form.busy} onSubmit={submit}>
      <p className="dialog__intro">{t('export.intro')}</p>
      <SecretField label={t('export.password')} {...form.field('password')} focusOnOpen testId="certificate-password" />
      <NewPasswordFields
        password={form.field('pfx')}
        confirm={form.field('confirm')}
        label={t('export.pfxPassword')}
        hint={t('export.pfxPasswordHint')}
        confirmLabel={t('export.pfxConfirm')}
        testIds={{ password: 'pfx-password', confirm: 'pfx-confirm' }}
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
        error={form.errors.path ?? null}
        testId="export-path"
      />
      <FormAlert error={form.failure} />
      <SubmitActions busy={form.busy} onCancel={onClose} submitLabel={t('export.submit')} />
    </DialogFormElement>
  );
}
