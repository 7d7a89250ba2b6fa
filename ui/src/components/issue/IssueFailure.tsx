import { useId } from 'react';
import { Button } from 'react-aria-components';

import type { ErrorInfo } from '../../bindings/ErrorInfo';
import { describeError, errorReport } from '../../errors';
import { useI18n } from '../../i18n/context';
import type { FailureAdvice } from '../../issue';
import { CopyButton } from '../CopyButton';
import { ErrorDetails } from '../ErrorDetails';
import { BackIcon, WarningIcon } from '../icons';
import { useReveal } from '../../reveal';
import { SupportContact } from '../SupportContact';

/**
 * A failed issuance: the code's sentence (which already says what to do),
 * the technical details to copy when there are any, the way to correct what
 * the person typed, the certificate list when one was already issued, and
 * the support contact when only a person can help.
 */
export function IssueFailure({
  error,
  advice,
  onFix,
  onShowList,
}: {
  error: ErrorInfo;
  advice: FailureAdvice;
  onFix: () => void;
  onShowList: () => void;
}) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const described = describeError(lang, error);
  const report = errorReport(error);
  // The failure comes below the progress: brought into view and focused, never left below the fold.
  const ref = useReveal<HTMLDivElement>(error, { focus: true });
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="form-alert issue-failure"
      role="alert"
      aria-labelledby={headingId}
      data-testid="issue-failure"
      data-code={error.code}
    >
      <div className="form-alert__title">
        <WarningIcon />
        <p id={headingId} className="issue-failure__heading">
          {t('issue.failedHeading')}
        </p>
      </div>
      <p className="issue-failure__text" data-testid="issue-failure-text">
        {described.text}
      </p>
      <ErrorDetails error={described} showPath />
      {described.detail !== null && (
        <CopyButton text={report} what={t('error.detail')} testId="copy-failure" />
      )}
      {advice.fix !== null && <p>{t('issue.keptTyped')}</p>}
      <div className="actions">
        {advice.fix !== null && (
          <Button className="button" onPress={onFix} data-testid="fix">
            <BackIcon />
            {advice.fix === 'path' ? t('issue.fixCa') : advice.fix === 'codes' ? t('issue.fixCodes') : t('issue.fixStorage')}
          </Button>
        )}
        {advice.openList && (
          <Button className="button" onPress={onShowList} data-testid="show-list">
            {t('issue.showList')}
          </Button>
        )}
      </div>
      {advice.support && <SupportContact />}
    </div>
  );
}
