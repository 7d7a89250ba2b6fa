import type { CertificateSummary } from '../../bindings/CertificateSummary';
import { useI18n } from '../../i18n/context';
import { standingOf, validityText } from '../../validity';
import { STANDING_ICONS } from '../ValidityBadge';

/** Can this certificate be used today, in one sentence, with what to do next. */
export function StatusBanner({ summary }: { summary: CertificateSummary }) {
  const { t, formatDate } = useI18n();
  const standing = standingOf(summary);
  const StatusIcon = STANDING_ICONS[standing];
  const until = formatDate(summary.not_after);
  const from = formatDate(summary.not_before);
  const { remaining } = validityText(t, standing, summary.days_left, from);
  const { revoked } = summary;
  const detail = {
    valid: () => t('details.banner.validDetail', { date: until, remaining: remaining ?? '' }),
    'expiring-soon': () => t('details.banner.expiringDetail', { date: until, remaining: remaining ?? '' }),
    expired: () => t('details.banner.expiredDetail', { date: until }),
    'not-yet-valid': () => t('details.banner.notYetDetail', { date: from }),
    revoked: () =>
      revoked?.reason == null
        ? t('details.banner.revokedByCaDetail', { date: formatDate(revoked?.known_since ?? '') })
        : t('details.banner.revokedDetail', {
            date: formatDate(revoked.known_since),
            reason: t(`revoke.reason.${revoked.reason}`),
          }),
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
