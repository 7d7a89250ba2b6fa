import { Suspense, use } from 'react';

import type { Result } from '../../api';
import type { CertificateSummary } from '../../bindings/CertificateSummary';
import type { Verification } from '../../bindings/Verification';
import { useI18n } from '../../i18n/context';
import { revocationOf, type RevocationFound } from '../../trust';
import { standingOf, validityText } from '../../validity';
import { STANDING_ICONS } from '../ValidityBadge';

/**
 * The banner once the certificate's status is known: revoked when its CA
 * says so, even if the list did not know. Until the answer comes (or when it
 * could not be had), the banner says what the certificate itself says.
 */
export function CheckedStatusBanner({
  summary,
  verification,
}: {
  summary: CertificateSummary;
  verification: Promise<Result<Verification>>;
}) {
  return (
    <Suspense fallback={<StatusBanner summary={summary} />}>
      <AnsweredStatusBanner summary={summary} verification={verification} />
    </Suspense>
  );
}

function AnsweredStatusBanner({
  summary,
  verification,
}: {
  summary: CertificateSummary;
  verification: Promise<Result<Verification>>;
}) {
  const result = use(verification);
  return <StatusBanner summary={summary} revocation={result.ok ? revocationOf(result.value) : null} />;
}

/**
 * Can this certificate be used today, in one sentence, with what to do next.
 * `revocation` is what the certificate's status says beyond the summary: a
 * revocation its CA answered.
 */
export function StatusBanner({
  summary,
  revocation = null,
}: {
  summary: CertificateSummary;
  revocation?: RevocationFound | null;
}) {
  const { t, formatDate } = useI18n();
  const standing = revocation === null ? standingOf(summary) : 'revoked';
  const StatusIcon = STANDING_ICONS[standing];
  const until = formatDate(summary.not_after);
  const from = formatDate(summary.not_before);
  const { remaining } = validityText(t, standing, summary.days_left, from);
  const { revoked } = summary;
  const revokedDetail = () => {
    if (revoked !== null) {
      return revoked.reason === null
        ? t('details.banner.revokedByCaDetail', { date: formatDate(revoked.known_since) })
        : t('details.banner.revokedDetail', {
            date: formatDate(revoked.known_since),
            reason: t(`revoke.reason.${revoked.reason}`),
          });
    }
    return revocation?.authority == null
      ? t('details.banner.revokedStatusDetail')
      : t('details.banner.revokedCaDetail', { name: revocation.authority });
  };
  const detail = {
    valid: () => t('details.banner.validDetail', { date: until, remaining: remaining ?? '' }),
    'expiring-soon': () => t('details.banner.expiringDetail', { date: until, remaining: remaining ?? '' }),
    expired: () => t('details.banner.expiredDetail', { date: until }),
    'not-yet-valid': () => t('details.banner.notYetDetail', { date: from }),
    revoked: revokedDetail,
  }[standing]();

  return (
    <div className={`banner banner--${standing}`} data-testid="status-banner" data-status={standing}>
      <StatusIcon />
      <div>
        <p className="banner__title">{t(`details.banner.${standing}`)}</p>
        <p className="banner__detail">{detail}</p>
      </div>
    </div>
  );
}
