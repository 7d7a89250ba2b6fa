import { Suspense, use, type Ref } from 'react';
import { Button } from 'react-aria-components';

import type { Result } from '../../api';
import type { CertificateList } from '../../bindings/CertificateList';
import type { Enrolled } from '../../bindings/Enrolled';
import type { ListedCertificate } from '../../bindings/ListedCertificate';
import { useI18n } from '../../i18n/context';
import { CertificateCard } from '../CertificateCard';
import { BackIcon, CheckIcon, ChevronIcon, InfoIcon } from '../icons';
import { PathText } from '../PlaceLabel';
import { useListVerifications } from '../useListVerifications';

/**
 * The new certificate, as the list now shows it (its verdict too, from the
 * same background check), with the way to its
 * details and back to the list. If the CA never heard the confirmation, that
 * is said calmly: the certificate is saved and works.
 */
export function DoneStep({
  enrolled,
  listing,
  onOpenDetails,
  onBack,
  headingRef,
}: {
  enrolled: Enrolled;
  listing: Promise<Result<CertificateList>>;
  onOpenDetails: (certificate: ListedCertificate) => void;
  onBack: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { t } = useI18n();
  return (
    <section className="card wizard-step wizard-step--done" aria-labelledby="wizard-done" data-testid="step-done">
      <h3 id="wizard-done" ref={headingRef} tabIndex={-1} className="wizard-step__heading">
        {t('issue.done.heading')}
      </h3>
      <div className="notice notice--ok" data-testid="issue-done">
        <CheckIcon />
        <p>{t('issue.done.ready')}</p>
      </div>
      {!enrolled.confirmed && (
        <div className="notice notice--info" data-testid="issue-unconfirmed">
          <InfoIcon />
          <div>
            <p className="notice__title">{t('issue.done.unconfirmedTitle')}</p>
            <p>{t('issue.done.unconfirmed')}</p>
          </div>
        </div>
      )}
      <Suspense fallback={<p className="loading loading--inline">{t('load.inProgress')}</p>}>
        <NewCertificate enrolled={enrolled} listing={listing} onOpenDetails={onOpenDetails} onBack={onBack} />
      </Suspense>
    </section>
  );
}

function NewCertificate({
  enrolled,
  listing,
  onOpenDetails,
  onBack,
}: {
  enrolled: Enrolled;
  listing: Promise<Result<CertificateList>>;
  onOpenDetails: (certificate: ListedCertificate) => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const result = use(listing);
  // The list this card is part of: its check is the list's, and the list shows the same verdict.
  const checkOf = useListVerifications(result.ok ? result.value : null);
  const copies = result.ok ? result.value.certificates.filter((certificate) => certificate.id === enrolled.id) : [];
  const found = copies.find((copy) => copy.path === enrolled.path) ?? copies[0];
  return (
    <>
      {found === undefined ? (
        <div className="notice notice--info" data-testid="issue-not-listed">
          <InfoIcon />
          <div>
            <p>{t('issue.done.notListed')}</p>
            {enrolled.path !== null && <PathText path={enrolled.path} />}
          </div>
        </div>
      ) : (
        <ul className="cards" data-testid="issued-certificate">
          <CertificateCard certificate={found} check={checkOf(found.id)} onOpen={onOpenDetails} />
        </ul>
      )}
      <div className="wizard-step__actions">
        <Button className="button" onPress={onBack} data-testid="done-back">
          <BackIcon />
          {t('action.back')}
        </Button>
        {found !== undefined && (
          <Button className="button button--primary" onPress={() => onOpenDetails(found)} data-testid="done-open-details">
            {t('issue.done.openDetails')}
            <ChevronIcon />
          </Button>
        )}
      </div>
    </>
  );
}
