import { useId } from 'react';
import { Button } from 'react-aria-components';

import type { ErrorInfo } from '../bindings/ErrorInfo';
import { describeError } from '../errors';
import { useI18n } from '../i18n/context';
import { ErrorDetails } from './ErrorDetails';
import { RefreshIcon, WarningIcon } from './icons';

/** The list could not be loaded at all: say why, and offer to try again. */
export function LoadError({
  error,
  onRetry,
  isRetrying,
}: {
  error: ErrorInfo;
  onRetry: () => void;
  isRetrying: boolean;
}) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const described = describeError(lang, error);

  return (
    <section className="card load-error" aria-labelledby={headingId} data-testid="load-error">
      <div className="load-error__title">
        <WarningIcon />
        <h2 id={headingId}>{t('load.failedHeading')}</h2>
      </div>
      <p className="load-error__message" data-testid="load-error-message">
        {described.text}
      </p>
      <ErrorDetails error={described} showPath />
      <p className="section__note">{t('load.failedHint')}</p>
      <Button className="button button--primary" onPress={onRetry} isPending={isRetrying}>
        <RefreshIcon className={isRetrying ? 'spin' : undefined} />
        {t('action.retry')}
      </Button>
    </section>
  );
}
