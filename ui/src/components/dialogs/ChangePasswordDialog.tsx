import { changePassword } from '../../api';
import { isPasswordRuleError } from '../../checks';
import { useI18n } from '../../i18n/context';
import { DialogShell } from './DialogShell';
import { FormAlert, SecretField, SubmitActions } from './fields';
import { newPasswordErrors, NewPasswordFields } from './NewPasswordFields';
import { DialogFormElement, recheckWith, useDialogForm } from './useDialogForm';
import type { CertificateCopy } from '../../bindings/CertificateCopy';

interface Props {
  isOpen: boolean;
  onClose: () => void;
  onDone: () => void;
  /** The copy acted on. */
  copy: CertificateCopy;
  owner: string;
}

/** Current password, new password twice, with the rules checked as they are typed. */
export function ChangePasswordDialog({ isOpen, onClose, onDone, copy, owner }: Props) {
  const { t } = useI18n();
  return (
    <DialogShell title={t('changePassword.title')} isOpen={isOpen} onClose={onClose} testId="change-password-dialog">
      <ChangePasswordForm copy={copy} owner={owner} onClose={onClose} onDone={onDone} />
    </DialogShell>
  );
}

function ChangePasswordForm({ copy, owner, onClose, onDone }: Omit<Props, 'isOpen'>) {
  const { t } = useI18n();
  type Values = { current: string; next: string; confirm: string };
  const check = (values: Values) => {
    const pair = newPasswordErrors(t, values.next, values.confirm);
    return { current: values.current === '' ? t('form.required') : undefined, next: pair.password, confirm: pair.confirm };
  };
  // An error goes once its field is right; the confirmation follows the new password.
  const form = useDialogForm<Values>({ current: '', next: '', confirm: '' }, recheckWith(check, { next: ['confirm'] }));
  const { current, next } = form.values;

  const submit = async () => {
    form.setFailure(null);
    if (form.reject(check(form.values))) return;
    const result = await form.run(
      () => changePassword({ ...copy, old_password: current, new_password: next }),
      (error) => (error.code === 'wrong-password' ? 'current' : isPasswordRuleError(error.code) ? 'next' : null),
    );
    if (result.ok) onDone();
  };

  return (
    <DialogFormElement busy={form.busy} onSubmit={submit}>
      <p className="dialog__intro">{t('changePassword.intro', { owner })}</p>
      <SecretField label={t('changePassword.current')} {...form.field('current')} focusOnOpen testId="current-password" />
      <NewPasswordFields
        password={form.field('next')}
        confirm={form.field('confirm')}
        label={t('changePassword.new')}
        confirmLabel={t('changePassword.confirm')}
      />
      <FormAlert error={form.failure} />
      <SubmitActions busy={form.busy} onCancel={onClose} submitLabel={t('changePassword.submit')} />
    </DialogFormElement>
  );
}
