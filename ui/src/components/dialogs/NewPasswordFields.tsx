import { useId } from 'react';

import { brokenPasswordRules } from '../../checks';
import type { Translate } from '../../i18n/catalog';
import { SecretField } from './fields';
import { PasswordRules, usePasswordCheck } from './PasswordRules';
import type { FieldProps } from './useDialogForm';

/**
 * A new password (a certificate's, or a PFX file's) and its confirmation. The
 * rules are checked as it is typed and shown as a checklist between the two
 * fields.
 */
export function NewPasswordFields({
  password,
  confirm,
  label,
  confirmLabel,
  hint,
  testIds = { password: 'new-password', confirm: 'confirm-password' },
  errorRooms,
}: {
  password: FieldProps;
  confirm: FieldProps;
  label: string;
  confirmLabel: string;
  hint?: string;
  testIds?: { password: string; confirm: string };
  /** What each field can say is wrong, to keep room for the longest (`ErrorSlot`). */
  errorRooms?: { password: readonly string[]; confirm: readonly string[] };
}) {
  const broken = usePasswordCheck(password.value);
  const summaryId = useId();
  return (
    <>
      <SecretField
        label={label}
        description={hint}
        {...password}
        describedBy={summaryId}
        errorRoom={errorRooms?.password}
        testId={testIds.password}
      />
      <PasswordRules broken={broken} summaryId={summaryId} />
      <SecretField label={confirmLabel} {...confirm} errorRoom={errorRooms?.confirm} testId={testIds.confirm} />
    </>
  );
}

/**
 * What is wrong with a new password and its confirmation, before anything is
 * sent: nothing typed, a rule broken (the backend checks the same rules
 * again when the request arrives), a confirmation not typed yet (said as
 * such, never as a difference), or two different entries.
 */
export function newPasswordErrors(
  t: Translate,
  password: string,
  confirm: string,
): { password?: string; confirm?: string } {
  const found: { password?: string; confirm?: string } = {};
  if (password === '') {
    found.password = t('form.required');
  } else if (brokenPasswordRules(password).length > 0) {
    found.password = t('form.rulesUnmet');
  }
  if (confirm === '') found.confirm = t('form.confirmEmpty');
  else if (confirm !== password) found.confirm = t('form.passwordsDiffer');
  return found;
}


/** What `newPasswordErrors` can say of each field: room is kept for the longest. */
export function newPasswordErrorRooms(t: Translate): { password: string[]; confirm: string[] } {
  return {
    password: [t('form.required'), t('form.rulesUnmet')],
    confirm: [t('form.confirmEmpty'), t('form.passwordsDiffer')],
  };
}
