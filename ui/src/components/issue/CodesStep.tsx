import type { Ref } from 'react';

import { describeError } from '../../errors';
import { useI18n } from '../../i18n/context';
import {
  adviceFor,
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
import { InfoIcon } from '../icons';
import { SupportContact } from '../SupportContact';
import { Aside } from './Aside';
import { StepFrame } from './StepFrame';
import { codeErrorRoom, codeErrors, invitationErrorRoom, type LoadedInvitation, type WizardForm } from './wizardForm';

/**
 * Why no code can be typed yet: a build without CAs whose CA is not settled
 * (no invitation or address accepted), or an invitation the distribution
 * refused (its CA is not one of the distribution's).
 */
export type CodesLock = 'no-ca' | 'refused' | null;

/**
 * Step 2: the codes, checked as they are typed (dojang-core's rules, copied in
 * `checks.ts`: nothing crosses to the native side on a keystroke). A wrong
 * character shows at once, with a count of what was typed; a number that is
 * merely unfinished only when the person goes on. While the CA is not settled
 * (`lock`), the fields are not there at all: only the way to an invitation.
 */
export function CodesStep({
  kind,
  form,
  invitation,
  lock,
  onOpenInvitation,
  onNext,
  onPrevious,
  headingRef,
  invitationButtonRef,
}: {
  kind: IssueKind;
  form: WizardForm;
  invitation: LoadedInvitation | null;
  lock: CodesLock;
  onOpenInvitation: () => void;
  onNext: () => void;
  onPrevious: () => void;
  headingRef: Ref<HTMLHeadingElement>;
  /** The button that opens an issue.html, for the cursor when it is what the step needs. */
  invitationButtonRef: Ref<HTMLButtonElement>;
}) {
  const { t, lang } = useI18n();
  const values = form.values;
  const mistakes = codeMistakesByField(kind, values);

  // Mistakes found while typing are shown only when they can never become right;
  // the rest when the person goes on (showing them on leaving a field would move the button
  // they are about to press). A refusal of the codes as a whole (the CA's "wrong code") goes
  // once a code is typed again.
  const codeField = (name: CodeFieldName): FieldProps => {
    const props = form.field(name);
    const mistake = mistakes[name];
    const live = mistake !== undefined && showsWhileTyping(mistake.code) ? describeError(lang, mistake).text : null;
    const failure = form.failure;
    const aboutCodes = failure !== null && adviceFor(failure.code, { caTyped: false }).fix === 'codes';
    return {
      ...props,
      onChange: (value) => {
        props.onChange(value);
        if (aboutCodes) form.setFailure(null);
      },
      error: props.error ?? live,
    };
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
    if (lock !== null) {
      form.reject({ invitation: form.errors.invitation ?? t('issue.openInvitationFirst') });
      return;
    }
    if (!form.reject(codeErrors(t, lang, kind, values))) onNext();
  };

  return (
    <StepFrame step="codes" headingRef={headingRef} busy={false} onSubmit={submit} onPrevious={onPrevious}>
      {kind === 'registration' && lock !== null ? (
        <CodesLocked lock={lock} />
      ) : kind === 'registration' ? (
        <PlainField
          label={t('issue.registration')}
          description={counted(t('issue.registrationHint'), values.registration, REGISTRATION_NUMBER_LENGTH)}
          {...codeField('registration')}
          errorRoom={codeErrorRoom(t, lang, 'registration')}
          code
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
            errorRoom={invitationErrorRoom(t, lang)}
            testId="invitation"
            buttonRef={invitationButtonRef}
          />
          <p className="field__hint wizard-step__note">
            {invitation === null ? t('issue.invitationHint') : t('issue.invitationLoaded')}
          </p>
          {lock === null ? (
            <>
              <PlainField
                label={t('issue.application')}
                description={t('issue.applicationHint')}
                inputMode="numeric"
                {...codeField('application')}
                errorRoom={codeErrorRoom(t, lang, 'application')}
                testId="application-number"
              />
              <SecretField
                label={t('issue.tempCode')}
                description={counted(t('issue.tempCodeHint'), values.tempCode, TEMPORARY_CODE_LENGTH)}
                showLabel={t('issue.showNumber')}
                {...codeField('tempCode')}
                errorRoom={codeErrorRoom(t, lang, 'tempCode')}
                code
                testId="temp-code"
              />
              <SecretField
                label={t('issue.idNumber')}
                description={t('issue.idNumberHint')}
                showLabel={t('issue.showNumber')}
                inputMode="numeric"
                {...codeField('idNumber')}
                errorRoom={codeErrorRoom(t, lang, 'idNumber')}
                testId="id-number"
              />
              <Aside title={t('issue.forgotCodeHeading')} testId="forgot-code">
                <p>{t('issue.forgotCode')}</p>
                <SupportContact />
              </Aside>
            </>
          ) : (
            <CodesLocked lock={lock} />
          )}
        </>
      )}
      {/* The CA's refusal of the codes goes as they are typed again: its room stays, the buttons with it. */}
      <FormAlert error={form.failure} keepRoom />
    </StepFrame>
  );
}

/** Why the codes cannot be typed yet, and what to do about it. */
function CodesLocked({ lock }: { lock: Exclude<CodesLock, null> }) {
  const { t } = useI18n();
  return (
    <div className="notice notice--info" data-testid="codes-locked" data-lock={lock}>
      <InfoIcon />
      <p>{lock === 'no-ca' ? t('issue.codesLocked') : t('issue.codesRefused')}</p>
    </div>
  );
}
