import type { JSX } from 'react';

import type { CertificateVerdict } from '../trust';
import type { Standing } from '../validity';
import { BlockedIcon, CheckIcon, ClockIcon, InfoIcon, WarningIcon } from './icons';

export const STANDING_ICONS: Record<Standing, () => JSX.Element> = {
  valid: CheckIcon,
  'expiring-soon': WarningIcon,
  expired: BlockedIcon,
  'not-yet-valid': ClockIcon,
  revoked: BlockedIcon,
};

/** A check under way: a spinner where the verdict's icon will be (still when motion is reduced). */
function CheckingIcon() {
  return <span className="loading__spinner verdict-spinner" aria-hidden="true" />;
}

/** The icon of each verdict, on a card's badge and in the details' banner alike. */
export const VERDICT_ICONS: Record<CertificateVerdict, () => JSX.Element> = {
  ...STANDING_ICONS,
  'path-broken': WarningIcon,
  unknown: InfoIcon,
  checking: CheckingIcon,
};

/** The verdict in words, with an icon and a colour that only repeat it. */
export function ValidityBadge({ status, label }: { status: CertificateVerdict; label: string }) {
  const StatusIcon = VERDICT_ICONS[status];
  return (
    <span className={`badge badge--${status}`} data-testid="validity" data-status={status}>
      <StatusIcon />
      {label}
    </span>
  );
}
