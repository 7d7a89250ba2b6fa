import { useId } from 'react';
import { Button } from 'react-aria-components';

import type { ListedCertificate } from '../bindings/ListedCertificate';
import type { Verification } from '../bindings/Verification';
import { caName } from '../cas';
import { useI18n } from '../i18n/context';
import { copyKey } from '../places';
import { BADGE_WORDS, listBadge, standingWithStatus, type TrustBadge } from '../trust';
import { standingOf, validityText } from '../validity';
import { CheckIcon, ChevronIcon, InfoIcon, WarningIcon } from './icons';
import { PlaceLabel } from './PlaceLabel';
import { ValidityBadge } from './ValidityBadge';

const BADGE_ICONS = { good: CheckIcon, unknown: InfoIcon, 'path-broken': WarningIcon } as const satisfies Record<
  TrustBadge,
  unknown
>;

/**
 * One certificate, compact enough that several fit the window: who it
 * belongs to, what it is for, until when, who issued it and where it is
 * kept, all in plain words. The owner's name is the button that opens the
 * details; the whole card answers a click. Once its status is known, a revocation its CA
 * answered shows as the card's own status, and otherwise a small badge says
 * what the check found.
 */
export function CertificateCard({
  certificate,
  verification,
  onOpen,
}: {
  certificate: ListedCertificate;
  /** Its path and status, when the list's background check has answered. */
  verification?: Verification | undefined;
  onOpen: (certificate: ListedCertificate) => void;
}) {
  const { t, message, formatDate } = useI18n();
  const headingId = useId();
  const standing = standingWithStatus(standingOf(certificate), verification);
  const badge = listBadge(standing, verification);
  const validity = validityText(t, standing, certificate.days_left, formatDate(certificate.not_before));
  const purposeKey = `purpose.${certificate.purpose}` as const;

  return (
    <li
      className={`card certificate certificate--${standing}`}
      data-testid="certificate-row"
      data-status={standing}
      data-verdict={verification?.verdict}
    >
      <article aria-labelledby={headingId} className="certificate__body">
        <header className="certificate__head">
          <h3 id={headingId} className="certificate__owner">
            <Button
              className="card-link"
              onPress={() => onOpen(certificate)}
              data-testid="open-details"
              data-card-key={copyKey(certificate)}
              aria-label={`${certificate.owner}, ${t('certificate.open')}`}
            >
              <span data-testid="owner">{certificate.owner}</span>
            </Button>
          </h3>
          <p className="certificate__purpose" data-testid="purpose">
            <span className="visually-hidden">{t('certificate.purpose')}: </span>
            {message(purposeKey)}
          </p>
        </header>
        <div className="certificate__badges">
          <ValidityBadge status={standing} label={validity.label} />
          {badge !== null && <StatusBadge badge={badge} />}
        </div>

        {/* Plain words only: the NPKI folder, the key and the fingerprints are in the details. */}
        <dl className="facts facts--inline">
          <div className="fact">
            <dt>{t('certificate.expiry')}</dt>
            <dd className="expiry" data-testid="expiry">
              <time dateTime={certificate.not_after}>{formatDate(certificate.not_after)}</time>
              {validity.remaining !== null && (
                <>
                  <span className="visually-hidden">, </span>
                  <span className="remaining" data-testid="remaining">
                    {validity.remaining}
                  </span>
                </>
              )}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('certificate.ca')}</dt>
            <dd data-testid="ca">{caName(certificate.ca, message)}</dd>
          </div>
          <div className="fact">
            <dt>{t('certificate.location')}</dt>
            <dd>
              <PlaceLabel root={certificate.location} store={certificate.store} />
            </dd>
          </div>
        </dl>
        <p className="certificate__more" aria-hidden="true">
          <span className="certificate__more-text">{t('certificate.open')}</span>
          <ChevronIcon />
        </p>
      </article>
    </li>
  );
}

/** What the background check found, in words; its colour and icon only repeat them. */
function StatusBadge({ badge }: { badge: TrustBadge }) {
  const { t } = useI18n();
  const Icon = BADGE_ICONS[badge];
  return (
    <span className={`badge badge--trust-${badge}`} data-testid="trust-badge" data-verdict={badge}>
      <Icon />
      {t(BADGE_WORDS[badge])}
    </span>
  );
}
