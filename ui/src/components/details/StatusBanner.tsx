import { useEffect, useRef } from 'react';

import { useAnnounce } from '../../Announcer';
import type { CertificateSummary } from '../../bindings/CertificateSummary';
import { useI18n } from '../../i18n/context';
import { certificateVerdict, revocationOf, verdictText, type Check } from '../../trust';
import { standingOf, validityText } from '../../validity';
import { VERDICT_ICONS } from '../ValidityBadge';

/**
 * Can this certificate be used today, in one sentence, with what to do next:
 * the verdict its card in the list gives too (`certificateVerdict`). `check` is what its path and status were found to be: while the check is
 * under way the banner says so, in neutral colours, and gives its verdict
 * (said aloud too) when the answer comes; a file opened with the app is not
 * checked (`none`).
 */
export function StatusBanner({ summary, check = 'none' }: { summary: CertificateSummary; check?: Check }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const announce = useAnnounce();
  const standing = certificateVerdict(standingOf(summary), check);
  const checked = typeof check === 'object' ? check : null;
  const revocation = checked === null ? null : revocationOf(checked);
  const StatusIcon = VERDICT_ICONS[standing];
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
  const details: Record<typeof standing, () => string> = {
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
    checking: () => t('details.banner.checkingDetail', { date: until, remaining: remaining ?? '' }),
  };
  const detail = details[standing]();
  // While the check runs, the banner keeps the room of the verdict it most often gives (the
  // certificate's standing in time), drawn unseen, so the buttons under it stay put when the
  // answer comes (its own words are shorter); a problem found may still need more.
  const likely = standing === 'checking' ? standingOf(summary) : null;

  // The verdict that replaces "checking" is said aloud once: the person may be reading elsewhere.
  const title = t(`details.banner.${standing}`);
  const wasChecking = useRef(false);
  useEffect(() => {
    if (standing === 'checking') {
      wasChecking.current = true;
    } else if (wasChecking.current) {
      wasChecking.current = false;
      announce(title);
    }
  }, [standing, title, announce]);

  return (
    <div className={`banner banner--${standing}`} data-testid="status-banner" data-status={standing}>
      <StatusIcon />
      <div className="banner__text">
        <div>
          <p className="banner__title">{title}</p>
          <p className="banner__detail">{detail}</p>
        </div>
        {likely !== null && (
          // Drawn by CSS from its attributes: no screen reader, search or copy meets it.
          <div
            className="banner__room"
            aria-hidden="true"
            data-title={t(`details.banner.${likely}`)}
            data-detail={details[likely]()}
          />
        )}
      </div>
    </div>
  );
}
