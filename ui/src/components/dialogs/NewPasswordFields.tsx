import { useId } from 'react';

import { brokenPasswordRules } from '../../checks';
import type { Translate } from '../../i18n/catalog';
import { SecretField } from './fields';
import { PasswordRules, usePasswordCheck } from './PasswordRules';
import type { FieldProps } from './useDialogForm';

/**
 * A new password and its confirmation. With `rules` (a certificate
 * password), the rules are checked as it is typed and shown as a checklist
 * between the two fields; without (a PFX file's password), only the two
 * entries must agree.
 */
export function NewPasswordFields({
  password,
  confirm,
  label,
  confirmLabel,
  hint,
  rules = true,
  testIds = { password: 'new-password', confirm: 'confirm-password' },
}: {
  password: FieldProps;
  confirm: FieldProps;
  label: string;
  confirmLabel: string;
  hint?: string;
  rules?: boolean;
  testIds?: { password: string; confirm: string };
}) {
  const broken = usePasswordCheck(rules ? password.value : '');
  const summaryId = useId();
  return (
    <>
      <SecretField
        label={label}
        description={hint}
        {...password}
        describedBy={rules ? summaryId : undefined}
        testId={testIds.password}
      />
      {rules && <PasswordRules broken={broken} summaryId={summaryId} />}
      <SecretField label={confirmLabel} {...confirm} testId={testIds.confirm} />
    </>
  );
}

/**
 * What is wrong with a new password and its confirmation, before anything is
 * sent: nothing typed, a rule broken (the backend checks the same rules
 * again when the request arrives), or two different entries.
 */
export function newPasswordErrors(
  t: Translate,
  password: string,
  confirm: string,
  { rules = true }: { rules?: boolean } = {},
): { password?: string; confirm?: string } {
  const found: { password?: string; confirm?: string } = {};
  if (password === '') {
    found.password = t('form.required');
  } else if (rules && brokenPasswordRules(password).length > 0) {
    found.password = t('form.rulesUnmet');
  }
  if (confirm !== password) found.confirm = t('form.passwordsDiffer');
  return found;
}

/** Errors the backend reports about a new password's rules start with this. */
export const isPasswordRuleError = (code: string): boolean => code.startsWith('password-');
