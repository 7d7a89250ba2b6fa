import type { JSX } from 'react';

import type { CertificateSummary } from '../../bindings/CertificateSummary';
import type { ValidityStatus } from '../../bindings/ValidityStatus';
import { useI18n } from '../../i18n/context';
import { validityText } from '../../validity';
import { BlockedIcon, CheckIcon, ClockIcon, WarningIcon } from '../icons';

const ICONS: Record<ValidityStatus, () => JSX.Element> = {
  valid: CheckIcon,
  'expiring-soon': WarningIcon,
  expired: BlockedIcon,
  'not-yet-valid': ClockIcon,
};

/** Can this certificate be used today, in one sentence, with what to do next. */
export function StatusBanner({ summary }: { summary: CertificateSummary }) {
  const { t, formatDate } = useI18n();
  const StatusIcon = ICONS[summary.status];
  const until = formatDate(summary.not_after);
  const from = formatDate(summary.not_before);
  const { remaining } = validityText(t, summary.status, summary.days_left, from);
  const detail = {
    valid: () => t('details.banner.validDetail', { date: until, remaining: remaining ?? '' }),
    'expiring-soon': () => t('details.banner.expiringDetail', { date: until, remaining: remaining ?? '' }),
    expired: () => t('details.banner.expiredDetail', { date: until }),
    'not-yet-valid': () => t('details.banner.notYetDetail', { date: from }),
  }[summary.status]();

  return (
    <div className={`banner banner--${summary.status}`} data-testid="status-banner" data-status={summary.status}>
      <StatusIcon />
      <div>
        <p className="banner__title">{t(`details.banner.${summary.status}`)}</p>
        <p className="banner__detail">{detail}</p>
      </div>
    </div>
  );
}
