import type { Ref } from 'react';

import { describeError } from '../../errors';
import { useI18n } from '../../i18n/context';
import {
  codeMistakesByField,
  REGISTRATION_NUMBER_LENGTH,
  showsWhileTyping,
  TEMPORARY_CODE_LENGTH,
  typedLength,
  type CodeFieldName,
  type IssueKind,
} from '../../issue';
import { FormAlert, PathChooser, PlainField, SecretField } from '../dialogs/fields';
import type { FieldProps } from '../dialogs/useDialogForm';
import { SupportContact } from '../SupportContact';
import { Aside } from './Aside';
import { StepFrame } from './StepFrame';
import type { LoadedInvitation, WizardForm } from './wizardForm';

const FIELDS: Record<IssueKind, CodeFieldName[]> = {
  registration: ['registration'],
  temporary: ['application', 'tempCode', 'idNumber'],
};

/**
 * Step 2: the codes, checked as they are typed (dojang-core's rules, copied in
 * `checks.ts`: nothing crosses to the native side on a keystroke). A wrong
 * character shows at once, with a count of what was typed; a number that is
 * merely unfinished only when the person goes on.
 */
export function CodesStep({
  kind,
  form,
  invitation,
  onOpenInvitation,
  onNext,
  onPrevious,
  headingRef,
}: {
  kind: IssueKind;
  form: WizardForm;
  invitation: LoadedInvitation | null;
  onOpenInvitation: () => void;
  onNext: () => void;
  onPrevious: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { t, lang } = useI18n();
  const values = form.values;
  const mistakes = codeMistakesByField(kind, values);

  // Mistakes found while typing are shown only when they can never become right;
  // the rest when the person goes on (showing them on leaving a field would move the button
  // they are about to press).
  const codeField = (name: CodeFieldName): FieldProps => {
    const props = form.field(name);
    const mistake = mistakes[name];
    const live = mistake !== undefined && showsWhileTyping(mistake.code) ? describeError(lang, mistake).text : null;
    return { ...props, error: props.error ?? live };
  };

  const counted = (hint: string, value: string, expected: number) => (
    <>
      {hint}{' '}
      <span className="field__count" data-testid="typed-count">
        {t('issue.typedCount', { count: typedLength(value), expected })}
      </span>
    </>
  );

  const submit = () => {
    form.setFailure(null);
    const found: Partial<Record<CodeFieldName, string>> = {};
    for (const name of FIELDS[kind]) {
      const mistake = mistakes[name];
      if (values[name].trim() === '') found[name] = t('form.required');
      else if (mistake !== undefined) found[name] = describeError(lang, mistake).text;
    }
    if (!form.reject(found)) onNext();
  };

  return (
    <StepFrame step="codes" headingRef={headingRef} busy={false} onSubmit={submit} onPrevious={onPrevious}>
      {kind === 'registration' ? (
        <PlainField
          label={t('issue.registration')}
          description={counted(t('issue.registrationHint'), values.registration, REGISTRATION_NUMBER_LENGTH)}
          {...codeField('registration')}
          testId="registration-number"
        />
      ) : (
        <>
          <PathChooser
            label={t('issue.invitation')}
            path={invitation?.path ?? null}
            chooseLabel={t('issue.openInvitation')}
            chooseAgainLabel={t('issue.openInvitationAgain')}
            notChosenLabel={t('issue.invitationNone')}
            onChoose={onOpenInvitation}
            error={form.errors.invitation ?? null}
            testId="invitation"
          />
          <p className="field__hint wizard-step__note">
            {invitation === null ? t('issue.invitationHint') : t('issue.invitationLoaded')}
          </p>
          <PlainField
            label={t('issue.application')}
            description={t('issue.applicationHint')}
            inputMode="numeric"
            {...codeField('application')}
            testId="application-number"
          />
          <SecretField
            label={t('issue.tempCode')}
            description={counted(t('issue.tempCodeHint'), values.tempCode, TEMPORARY_CODE_LENGTH)}
            showLabel={t('issue.showNumber')}
            {...codeField('tempCode')}
            testId="temp-code"
          />
          <SecretField
            label={t('issue.idNumber')}
            description={t('issue.idNumberHint')}
            showLabel={t('issue.showNumber')}
            inputMode="numeric"
            {...codeField('idNumber')}
            testId="id-number"
          />
          <Aside title={t('issue.forgotCodeHeading')} testId="forgot-code">
            <p>{t('issue.forgotCode')}</p>
            <SupportContact />
          </Aside>
        </>
      )}
      <FormAlert error={form.failure} />
    </StepFrame>
  );
}
