import { useId } from 'react';

import type { PasswordRule } from '../../bindings/PasswordRule';
import { brokenPasswordRules } from '../../checks';
import { useI18n } from '../../i18n/context';
import { CheckIcon, CrossIcon, DotIcon } from '../icons';

/** Every rule, in the order the checklist shows them. */
export const PASSWORD_RULES: readonly PasswordRule[] = [
  'too-short',
  'needs-letter',
  'needs-digit',
  'needs-special',
  'forbidden-character',
  'sequential',
  'repeated',
];

/**
 * The rules a new password breaks, checked here as it is typed (the same
 * rules as dojang-core's, so the password never crosses to the native side
 * on a keystroke); null while nothing is typed.
 */
export function usePasswordCheck(password: string): PasswordRule[] | null {
  return password === '' ? null : brokenPasswordRules(password);
}

/**
 * The checklist under a new-password field: each rule with an icon and a
 * word (met / not met yet; 지킴 / 안 지킴), never colour alone. The one-line summary is what a
 * screen reader hears, when it changes, and with the field.
 */
export function PasswordRules({ broken, summaryId }: { broken: PasswordRule[] | null; summaryId: string }) {
  const { t } = useI18n();
  const headingId = useId();
  const unmet = broken === null ? PASSWORD_RULES.length : broken.length;
  const summary = broken === null ? null : unmet === 0 ? t('rules.allMet') : t('rules.someUnmet', { count: unmet });

  return (
    <div className="rules" data-testid="password-rules">
      <p id={headingId} className="rules__heading">
        {t('rules.heading')}
      </p>
      <ul className="rules__list" aria-labelledby={headingId}>
        {PASSWORD_RULES.map((rule) => {
          const state = broken === null ? 'pending' : broken.includes(rule) ? 'unmet' : 'met';
          const Icon = state === 'met' ? CheckIcon : state === 'unmet' ? CrossIcon : DotIcon;
          return (
            <li key={rule} className={`rule rule--${state}`} data-testid={`rule-${rule}`} data-state={state}>
              <Icon className="rule__icon" />
              <span className="rule__text">{t(`rule.${rule}`)}</span>
              <span className="rule__state">{t(`rules.${state}`)}</span>
            </li>
          );
        })}
      </ul>
      <p id={summaryId} className="visually-hidden" aria-live="polite">
        {summary}
      </p>
    </div>
  );
}
