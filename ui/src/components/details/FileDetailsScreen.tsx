import { Suspense, use, useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';

import type { Result } from '../../api';
import type { CertificateDetails } from '../../bindings/CertificateDetails';
import { useI18n } from '../../i18n/context';
import { BackIcon } from '../icons';
import { AdvancedSection } from './AdvancedSection';
import { DetailsLoadError, TechnicalSection, ValiditySection, WhoSection } from './DetailsScreen';
import { StatusBanner } from './StatusBanner';

/**
 * A certificate file opened with the app (.der, .cer, .crt, .pem): shown in
 * full, read-only. It is in no store, so there is nothing to manage.
 */
export function FileDetailsScreen({
  path,
  request,
  onBack,
}: {
  path: string;
  request: Promise<Result<CertificateDetails>>;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const name = path.split(/[\\/]/).pop() ?? path;

  return (
    <div className="details" data-testid="file-details">
      <Button className="button button--quiet back-button" onPress={onBack} data-testid="back">
        <BackIcon />
        {t('action.back')}
      </Button>
      <header className="details__head">
        <h2 ref={headingRef} tabIndex={-1} className="details__owner" data-testid="details-owner">
          {name}
        </h2>
        <p className="details__subtitle">{t('fileDetails.subtitle')}</p>
      </header>
      <Suspense
        fallback={
          <p className="loading loading--inline" role="status">
            {t('details.loading')}
          </p>
        }
      >
        <FileDetailsBody request={request} onBack={onBack} />
      </Suspense>
    </div>
  );
}

function FileDetailsBody({
  request,
  onBack,
}: {
  request: Promise<Result<CertificateDetails>>;
  onBack: () => void;
}) {
  const result = use(request);
  if (!result.ok) return <DetailsLoadError error={result.error} onBack={onBack} />;
  const details = result.value;
  return (
    <>
      <StatusBanner summary={details.summary} />
      <ValiditySection details={details} />
      <WhoSection details={details} />
      <TechnicalSection details={details} />
      <AdvancedSection details={details} />
    </>
  );
}
