import type { JSX } from 'react';

import type { Standing } from '../validity';
import { BlockedIcon, CheckIcon, ClockIcon, WarningIcon } from './icons';

export const STANDING_ICONS: Record<Standing, () => JSX.Element> = {
  valid: CheckIcon,
  'expiring-soon': WarningIcon,
  expired: BlockedIcon,
  'not-yet-valid': ClockIcon,
  revoked: BlockedIcon,
};

/** The status in words, with an icon and a colour that only repeat it. */
export function ValidityBadge({ status, label }: { status: Standing; label: string }) {
  const StatusIcon = STANDING_ICONS[status];
  return (
    <span className={`badge badge--${status}`} data-testid="validity">
      <StatusIcon />
      {label}
    </span>
  );
}
