import { Label, Meter } from 'react-aria-components';

import type { CertificateSummary } from '../../bindings/CertificateSummary';
import { useI18n } from '../../i18n/context';

const DAY_MS = 86_400_000;

/**
 * How much of the validity period is used, from the backend's own day count
 * (so the bar and the "days left" never disagree): 0 before it starts, 100
 * once expired.
 */
export function elapsedPercent(summary: CertificateSummary): { percent: number; totalDays: number } {
  const span = Date.parse(summary.not_after) - Date.parse(summary.not_before);
  const totalDays = Number.isFinite(span) ? Math.max(1, Math.round(span / DAY_MS)) : 1;
  if (summary.status === 'not-yet-valid') return { percent: 0, totalDays };
  if (summary.status === 'expired') return { percent: 100, totalDays };
  const used = (totalDays - summary.days_left) / totalDays;
  return { percent: Math.min(100, Math.max(0, Math.round(used * 100))), totalDays };
}

/** The validity period as a bar with its meaning in words. */
export function ValidityMeter({ summary }: { summary: CertificateSummary }) {
  const { t } = useI18n();
  const { percent, totalDays } = elapsedPercent(summary);
  return (
    <Meter
      className={`meter meter--${summary.status}`}
      value={percent}
      valueLabel={t('details.elapsed', { percent, total: totalDays })}
      data-testid="validity-meter"
    >
      {({ percentage, valueText }) => (
        <>
          <div className="meter__labels">
            <Label className="meter__label">{t('details.elapsedLabel')}</Label>
            <span className="meter__value">{valueText}</span>
          </div>
          <div className="meter__track" aria-hidden="true">
            <div className="meter__fill" style={{ width: `${percentage}%` }} />
          </div>
        </>
      )}
    </Meter>
  );
}
