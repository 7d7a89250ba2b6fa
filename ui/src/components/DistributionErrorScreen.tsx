import { useEffect, useId, useRef } from 'react';

import type { ErrorInfo } from '../bindings/ErrorInfo';
import { describeError, errorReport } from '../errors';
import { useI18n } from '../i18n/context';
import { CopyButton } from './CopyButton';
import { ErrorDetails } from './ErrorDetails';
import { WarningIcon } from './icons';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * The distribution file that came with this installation cannot be used: the
 * whole window says so, with the details a support person needs, because
 * issuing with a half-read configuration could send codes to the wrong place.
 */
export function DistributionErrorScreen({ error }: { error: ErrorInfo }) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const described = describeError(lang, error);
  const report = errorReport(error);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <main className="app-main fatal" data-testid="distribution-error">
      <div className="fatal__language">
        <LanguageSwitch />
      </div>
      <section className="card load-error" aria-labelledby={headingId}>
        <div className="load-error__title">
          <WarningIcon />
          <h1 id={headingId} ref={headingRef} tabIndex={-1}>
            {t('distribution.failedHeading')}
          </h1>
        </div>
        <p className="load-error__message" data-testid="distribution-error-message">
          {described.text}
        </p>
        <ErrorDetails error={described} showPath />
        <p className="section__note">{t('distribution.failedHint')}</p>
        <CopyButton
          text={report}
          what={t('error.detail')}
          label={t('distribution.copyDetails')}
          className="button"
          testId="copy-distribution-error"
        />
      </section>
    </main>
  );
}
