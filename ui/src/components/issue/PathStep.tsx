import type { Ref } from 'react';
import { Label, RadioGroup } from 'react-aria-components';

import { useI18n } from '../../i18n/context';
import type { IssueKind } from '../../issue';
import { Choice } from '../dialogs/fields';
import { SupportContact } from '../SupportContact';
import { Aside } from './Aside';
import { StepFrame } from './StepFrame';

/** Step 1: a registration number or the issuance e-mail, each explained. */
export function PathStep({
  kind,
  onKind,
  onNext,
  headingRef,
}: {
  kind: IssueKind;
  onKind: (kind: IssueKind) => void;
  onNext: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { t } = useI18n();
  return (
    <StepFrame step="path" headingRef={headingRef} busy={false} onSubmit={onNext}>
      <RadioGroup
        className="field choices"
        value={kind}
        onChange={(value) => onKind(value === 'temporary' ? 'temporary' : 'registration')}
        data-testid="issue-kind"
      >
        <Label className="field__label">{t('issue.pathLabel')}</Label>
        <Choice
          value="registration"
          label={t('issue.path.registration')}
          hint={t('issue.path.registrationHint')}
          testId="issue-kind-registration"
        />
        <Choice
          value="temporary"
          label={t('issue.path.temporary')}
          hint={t('issue.path.temporaryHint')}
          testId="issue-kind-temporary"
        />
      </RadioGroup>
      <Aside title={t('issue.noMailHeading')} testId="no-mail">
        <p>{t('issue.noMail')}</p>
        <SupportContact />
      </Aside>
    </StepFrame>
  );
}
