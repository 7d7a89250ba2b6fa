import type { ReactNode, Ref } from 'react';

import type { KeyType } from '../../bindings/KeyType';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import { caName } from '../../cas';
import { compactCode } from '../../checks';
import { useI18n } from '../../i18n/context';
import { ISSUE_STEPS, type CaChoice, type FailureAdvice, type IssueKind } from '../../issue';
import { npkiRootFor } from '../../paths';
import type { Destination } from '../dialogs/DestinationField';
import { IssueIcon } from '../icons';
import { MoreDetails } from '../MoreDetails';
import { PathText } from '../PlaceLabel';
import { ProgressSteps, type Progress } from '../ProgressSteps';
import { Unbroken } from '../Unbroken';
import { IssueFailure } from './IssueFailure';
import { StepFrame } from './StepFrame';
import type { WizardValues } from './wizardForm';

/**
 * Step 4: what will be sent, in words (the secrets only as "entered"), the
 * button that issues, the progress as it happens, and a failure explained
 * with what to do next.
 */
export function ReviewStep({
  kind,
  values,
  ca,
  destination,
  keyType,
  busy,
  progress,
  failure,
  advice,
  onIssue,
  onPrevious,
  onFix,
  onShowList,
  headingRef,
}: {
  kind: IssueKind;
  values: WizardValues;
  ca: CaChoice | null;
  destination: Destination;
  keyType: KeyType;
  busy: boolean;
  progress: Progress | null;
  failure: ErrorInfo | null;
  advice: FailureAdvice | null;
  onIssue: () => void;
  onPrevious: () => void;
  onFix: () => void;
  onShowList: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { t } = useI18n();
  const reference = compactCode(values.registration).slice(0, 8).join('');
  const application = compactCode(values.application).join('');
  return (
    <StepFrame
      step="review"
      headingRef={headingRef}
      busy={busy}
      onSubmit={onIssue}
      onPrevious={onPrevious}
      submitLabel={failure !== null && advice?.retry === true ? t('issue.retry') : t('issue.submit')}
      submitIcon={<IssueIcon />}
    >
      <p className="dialog__intro">{t('issue.reviewIntro')}</p>
      <dl className="facts facts--two summary" data-testid="issue-summary">
        <Fact label={t('issue.summary.path')}>
          <Unbroken text={kind === 'registration' ? t('issue.path.registration') : t('issue.path.temporary')} />
        </Fact>
        <Fact label={t('issue.summary.codes')}>
          <Unbroken
            text={
              kind === 'registration'
                ? t('issue.summary.registration', { reference })
                : t('issue.summary.temporary', { application })
            }
          />
        </Fact>
        <Fact label={t('issue.summary.ca')}>
          {/* The CA by the name people know; an unlisted one by its host, which the person accepted. */}
          <span data-testid="summary-ca">{ca === null ? null : caName(ca.name, t)}</span>
          {ca !== null && !ca.listed && (
            <span className="fact__aside" data-testid="summary-ca-unlisted">
              {t('issue.summary.caUnlisted')}
            </span>
          )}
          {ca !== null && (
            <MoreDetails label={t('issue.summary.caDetails')} testId="summary-ca-details">
              <span className="fact__aside">{t('issue.summary.caAddress')}</span>
              <span className="fact__aside url" translate="no" data-testid="summary-ca-url">
                {ca.url}
              </span>
            </MoreDetails>
          )}
        </Fact>
        <Fact label={t('issue.summary.storage')}>
          <DestinationText destination={destination} />
        </Fact>
        <Fact label={t('issue.summary.keyType')}>
          <Unbroken text={t(`issue.keyType.${keyType}`)} />
        </Fact>
      </dl>
      {progress !== null && <ProgressSteps steps={ISSUE_STEPS} progress={progress} />}
      {failure !== null && advice !== null && (
        <IssueFailure error={failure} advice={advice} onFix={onFix} onShowList={onShowList} />
      )}
    </StepFrame>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Where the certificate will be kept, as the destination choice says it. */
export function DestinationText({ destination }: { destination: Destination }) {
  const { t } = useI18n();
  switch (destination.kind) {
    case 'keychain':
      return <>{t('destination.keychain')}</>;
    case 'disk':
      return <>{t('destination.disk')}</>;
    case 'folder':
      return (
        <>
          {t('destination.folder')}
          {destination.chosen !== null && (
            <span className="fact__aside">
              <PathText path={npkiRootFor(destination.chosen)} />
            </span>
          )}
        </>
      );
  }
}
