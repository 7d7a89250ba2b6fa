import type { Ref } from 'react';
import { Label, RadioGroup } from 'react-aria-components';

import type { ErrorInfo } from '../../bindings/ErrorInfo';
import { useI18n } from '../../i18n/context';
import type { IssueKind } from '../../issue';
import { Choice, FormAlert, PlainField } from '../dialogs/fields';
import type { FieldProps } from '../dialogs/useDialogForm';
import { SupportContact } from '../SupportContact';
import { Unbroken } from '../Unbroken';
import { Aside } from './Aside';
import { StepFrame } from './StepFrame';
import { caAddressErrorRoom } from './wizardForm';

/**
 * Step 1: a registration number or the issuance e-mail, each explained. In a
 * build without CAs of its own, also the CA's address, before any code is
 * typed (on the e-mail path it may be left to the issue.html file).
 */
export function PathStep({
  kind,
  onKind,
  caAddress,
  busy,
  failure,
  onNext,
  headingRef,
}: {
  kind: IssueKind;
  onKind: (kind: IssueKind) => void;
  /** The CA address field, in a build without CAs; null otherwise. */
  caAddress: FieldProps | null;
  busy: boolean;
  failure: ErrorInfo | null;
  onNext: () => void | Promise<void>;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { t, lang } = useI18n();
  return (
    <StepFrame step="path" headingRef={headingRef} busy={busy} onSubmit={onNext}>
      <RadioGroup
        className="field choices"
        value={kind}
        onChange={(value) => onKind(value === 'temporary' ? 'temporary' : 'registration')}
        data-testid="issue-kind"
      >
        <Label className="field__label">{t('issue.pathLabel')}</Label>
        <Choice
          value="registration"
          label={<Unbroken text={t('issue.path.registration')} />}
          hint={t('issue.path.registrationHint')}
          testId="issue-kind-registration"
        />
        <Choice
          value="temporary"
          label={<Unbroken text={t('issue.path.temporary')} />}
          hint={t('issue.path.temporaryHint')}
          testId="issue-kind-temporary"
        />
      </RadioGroup>
      {caAddress !== null && (
        <PlainField
          label={t('issue.caAddress')}
          description={kind === 'registration' ? t('issue.caAddressHint') : t('issue.caAddressHintMail')}
          inputMode="url"
          {...caAddress}
          errorRoom={caAddressErrorRoom(t, lang)}
          testId="ca-address"
        />
      )}
      <Aside title={t('issue.noMailHeading')} testId="no-mail">
        <p>{t('issue.noMail')}</p>
        <SupportContact />
      </Aside>
      <FormAlert error={failure} />
    </StepFrame>
  );
}
