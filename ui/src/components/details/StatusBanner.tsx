import { Suspense, use, type JSX } from 'react';

import type { Result } from '../../api';
import type { CertificateSummary } from '../../bindings/CertificateSummary';
import type { Verification } from '../../bindings/Verification';
import { useI18n } from '../../i18n/context';
import { bannerStanding, revocationOf, verdictText, type BannerStanding } from '../../trust';
import { standingOf, validityText } from '../../validity';
import { InfoIcon, WarningIcon } from '../icons';
import { STANDING_ICONS } from '../ValidityBadge';

const BANNER_ICONS: Record<BannerStanding, () => JSX.Element> = {
  ...STANDING_ICONS,
  'path-broken': WarningIcon,
  unknown: InfoIcon,
};

/**
 * The banner once the certificate's path and status are known, saying what
 * the trust section says: revoked when its CA says so, even if the list did
 * not know; a broken path, or a status that could not be had, never "usable".
 * Until the answer comes, the banner says what the certificate itself says.
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
  return <StatusBanner summary={summary} verification={result} />;
}

/**
 * Can this certificate be used today, in one sentence, with what to do next.
 * `verification` is what its path and status were found to be (none yet, or
 * none for a file opened with the app).
 */
export function StatusBanner({
  summary,
  verification,
}: {
  summary: CertificateSummary;
  verification?: Result<Verification>;
}) {
  const { t, formatDate, formatDateTime } = useI18n();
  const standing = bannerStanding(standingOf(summary), verification);
  const checked = verification?.ok === true ? verification.value : null;
  const revocation = checked === null ? null : revocationOf(checked);
  const StatusIcon = BANNER_ICONS[standing];
  const until = formatDate(summary.not_after);
  const from = formatDate(summary.not_before);
  const { remaining } = validityText(t, standingOf(summary), summary.days_left, from);
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
    'path-broken': () =>
      t('details.banner.pathBrokenDetail', {
        problem: checked === null ? t('chain.broken') : verdictText(t, formatDateTime, checked).detail,
        date: until,
        remaining: remaining ?? '',
      }),
    unknown: () => t('details.banner.unknownDetail', { date: until, remaining: remaining ?? '' }),
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
