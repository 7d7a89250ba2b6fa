import { memo, useId } from 'react';

import type { ListedCertificate } from '../bindings/ListedCertificate';
import { caName } from '../cas';
import { useI18n } from '../i18n/context';
import { copyKey } from '../places';
import type { ListView } from '../preferences';
import { CARD_VERDICT_WORDS, certificateVerdict, type Check } from '../trust';
import { standingOf, validityText } from '../validity';
import { ChevronIcon } from './icons';
import { PlaceLabel } from './PlaceLabel';
import { ValidityBadge } from './ValidityBadge';

/**
 * One certificate, compact enough that several fit the window: who it
 * belongs to, what it is for, until when, who issued it and where it is
 * kept, all in plain words. The owner's name is the button that opens the
 * details; the whole card answers a click. One badge gives the verdict its
 * details give (`certificateVerdict`): “확인 중” while the list's background
 * check is under way, then “사용 가능”, “곧 만료”, “인증 경로 문제”, “상태
 * 확인 불가” or “폐지됨”; what the dates alone settle (expired, not yet
 * valid) at once.
 *
 * As a row (`layout="rows"`, the list's compact view) it says the same, in
 * the same elements and words, on one line that wraps only in a narrow
 * window: the labels of the facts are left to screen readers there, and the
 * "자세히 보기" arrow is left out.
 * Memoised: a list of a thousand re-renders only the cards whose check or
 * layout changed as a search narrows it.
 */
export const CertificateCard = memo(function CertificateCard({
  certificate,
  check,
  onOpen,
  layout = 'cards',
}: {
  certificate: ListedCertificate;
  /** What the list's background check (or the details since) found of its path and status. */
  check: Check;
  onOpen: (certificate: ListedCertificate) => void;
  layout?: ListView;
}) {
  const { t, message, formatDate, formatShortDate } = useI18n();
  const headingId = useId();
  const dated = standingOf(certificate);
  const verdict = certificateVerdict(dated, check);
  const usableFrom = formatDate(certificate.not_before);
  // The days left are said beside the expiry date whatever the check found; none once revoked.
  const validity = validityText(t, verdict === 'revoked' ? 'revoked' : dated, certificate.days_left, usableFrom);
  const label =
    verdict === 'path-broken' || verdict === 'unknown' || verdict === 'checking'
      ? t(CARD_VERDICT_WORDS[verdict])
      : validityText(t, verdict, certificate.days_left, usableFrom).label;
  const purposeKey = `purpose.${certificate.purpose}` as const;

  return (
    <li
      className={`card certificate certificate--${verdict}${layout === 'rows' ? ' certificate--row' : ''}`}
      data-testid="certificate-row"
      data-status={verdict}
      data-verdict={typeof check === 'object' ? check.verdict : undefined}
    >
      <article aria-labelledby={headingId} className="certificate__body">
        <header className="certificate__head">
          <h3 id={headingId} className="certificate__owner">
            {/* The browser's own button: a list of hundreds builds and drops these as a search
                is typed, and it needs none of a component's hooks to answer a click or a key. */}
            <button
              type="button"
              className="card-link"
              onClick={() => onOpen(certificate)}
              data-testid="open-details"
              data-card-key={copyKey(certificate)}
              aria-label={`${certificate.owner}, ${t('certificate.open')}`}
            >
              <span data-testid="owner">{certificate.owner}</span>
            </button>
          </h3>
          {/* A row may cut a long purpose short: the whole of it shows on hover. */}
          <p
            className="certificate__purpose"
            data-testid="purpose"
            title={layout === 'rows' ? message(purposeKey) : undefined}
          >
            <span className="visually-hidden">{t('certificate.purpose')}: </span>
            {message(purposeKey)}
          </p>
        </header>
        <div className="certificate__badges">
          <ValidityBadge status={verdict} label={label} />
        </div>

        {/* Plain words only: the NPKI folder, the key and the fingerprints are in the details. */}
        <dl className="facts facts--inline">
          <div className="fact">
            <dt>{t('certificate.expiry')}</dt>
            <dd className="expiry" data-testid="expiry">
              <time dateTime={certificate.not_after}>
                {layout === 'rows' ? formatShortDate(certificate.not_after) : formatDate(certificate.not_after)}
              </time>
              {validity.remaining !== null && (
                <>
                  <span className="visually-hidden">, </span>
                  <span
                    className={dated === 'expiring-soon' ? 'remaining remaining--soon' : 'remaining'}
                    data-testid="remaining"
                  >
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
        {/* A row opens its details as a card does (its owner's button covers it): no arrow there. */}
        {layout !== 'rows' && (
          <p className="certificate__more" aria-hidden="true">
            <span className="certificate__more-text">{t('certificate.open')}</span>
            <ChevronIcon />
          </p>
        )}
      </article>
    </li>
  );
});
