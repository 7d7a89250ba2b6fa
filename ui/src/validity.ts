import type { Revocation } from './bindings/Revocation';
import type { ValidityStatus } from './bindings/ValidityStatus';
import type { Translate } from './i18n/catalog';

/**
 * Where a certificate stands: revoked (as far as the app knows) before
 * anything else, else where it stands in time.
 */
export type Standing = ValidityStatus | 'revoked';

export function standingOf(summary: { status: ValidityStatus; revoked: Revocation | null }): Standing {
  return summary.revoked !== null ? 'revoked' : summary.status;
}

/** How a certificate's standing in time reads to a person. */
export interface ValidityText {
  /** The status, never by colour alone: "사용 가능", "곧 만료", "만료됨 (45일 지남)". */
  label: string;
  /** What is left, shown next to the expiry date: "12일 남음"; none once expired. */
  remaining: string | null;
}

/**
 * The words for a certificate's validity.
 *
 * @param daysLeft whole days until expiry as the backend counted them (negative once expired)
 * @param usableFrom the start of validity, already formatted, for not-yet-valid ones
 */
export function validityText(t: Translate, status: Standing, daysLeft: number, usableFrom: string): ValidityText {
  switch (status) {
    case 'revoked':
      return { label: t('validity.revoked'), remaining: null };
    case 'valid':
      return { label: t('validity.valid'), remaining: daysLeftText(t, daysLeft) };
    case 'expiring-soon':
      return { label: t('validity.expiring-soon'), remaining: daysLeftText(t, daysLeft) };
    case 'expired': {
      const ago = Math.max(0, -daysLeft);
      const label =
        ago === 0
          ? t('validity.expiredToday')
          : ago === 1
            ? t('validity.expiredOneDay')
            : t('validity.expired', { days: ago });
      return { label, remaining: null };
    }
    case 'not-yet-valid':
      return {
        label: t('validity.not-yet-valid'),
        remaining: t('validity.usableFrom', { date: usableFrom }),
      };
  }
}

function daysLeftText(t: Translate, daysLeft: number): string {
  if (daysLeft <= 0) {
    return t('validity.lastDay');
  }
  if (daysLeft === 1) {
    return t('validity.oneDayLeft');
  }
  return t('validity.daysLeft', { days: daysLeft });
}

/** Renewal opens this many days before expiry (docs/cmp-profile.md). */
export const RENEWAL_WINDOW_DAYS = 30;

/** Where a certificate stands for renewal. */
export type RenewalState =
  /** In its last 30 days and still valid: renew now. */
  | { kind: 'due'; daysLeft: number }
  /** Too early: renewal opens on `opensOn` (RFC 3339). */
  | { kind: 'early'; opensOn: string }
  /** Expired: only a reissue helps. */
  | { kind: 'expired' }
  /** Revoked: only a reissue helps. */
  | { kind: 'revoked' }
  | { kind: 'not-yet-valid' };

/** Whether and when a certificate can be renewed, from what the list says of it. */
export function renewalState(summary: {
  status: ValidityStatus;
  revoked: Revocation | null;
  days_left: number;
  not_after: string;
}): RenewalState {
  if (summary.revoked !== null) return { kind: 'revoked' };
  if (summary.status === 'expired' || summary.days_left < 0) return { kind: 'expired' };
  if (summary.status === 'not-yet-valid') return { kind: 'not-yet-valid' };
  if (summary.days_left <= RENEWAL_WINDOW_DAYS) return { kind: 'due', daysLeft: summary.days_left };
  const end = new Date(summary.not_after);
  const opensOn = Number.isNaN(end.getTime())
    ? summary.not_after
    : new Date(end.getTime() - RENEWAL_WINDOW_DAYS * 86_400_000).toISOString();
  return { kind: 'early', opensOn };
}
