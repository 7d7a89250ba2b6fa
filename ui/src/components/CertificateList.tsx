import { useId } from 'react';

import type { CertificateList as Listing } from '../bindings/CertificateList';
import { useI18n } from '../i18n/context';
import { CertificateCard } from './CertificateCard';
import { UnreadableRow } from './UnreadableRow';

/** The certificates that were found, then the folders that could not be read. */
export function CertificateList({ listing }: { listing: Listing }) {
  const { t } = useI18n();
  const listHeadingId = useId();
  const unreadableHeadingId = useId();
  const { certificates, unreadable } = listing;

  return (
    <>
      <section className="section" aria-labelledby={listHeadingId}>
        <h2 id={listHeadingId} className="section__heading">
          {t('list.heading')}{' '}
          <span className="count">{t('list.count', { count: certificates.length })}</span>
        </h2>
        {certificates.length === 0 ? (
          <p className="section__note">{t('list.noneReadable')}</p>
        ) : (
          <ul className="cards" data-testid="certificate-list">
            {certificates.map((certificate) => (
              <CertificateCard
                key={`${certificate.store}:${certificate.path ?? ''}:${certificate.id}`}
                certificate={certificate}
              />
            ))}
          </ul>
        )}
      </section>

      {unreadable.length > 0 && (
        <section className="section" aria-labelledby={unreadableHeadingId}>
          <h2 id={unreadableHeadingId} className="section__heading">
            {t('unreadable.heading')}{' '}
            <span className="count">{t('list.count', { count: unreadable.length })}</span>
          </h2>
          <p className="section__note">{t('unreadable.hint')}</p>
          <ul className="cards">
            {unreadable.map((entry) => (
              <UnreadableRow key={`${entry.path}:${entry.error.code}`} entry={entry} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
