import type { JSX } from 'react';

import type { ValidityStatus } from '../bindings/ValidityStatus';
import { BlockedIcon, CheckIcon, ClockIcon, WarningIcon } from './icons';

const ICONS: Record<ValidityStatus, () => JSX.Element> = {
  valid: CheckIcon,
  'expiring-soon': WarningIcon,
  expired: BlockedIcon,
  'not-yet-valid': ClockIcon,
};

/** The status in words, with an icon and a colour that only repeat it. */
export function ValidityBadge({ status, label }: { status: ValidityStatus; label: string }) {
  const StatusIcon = ICONS[status];
  return (
    <span className={`badge badge--${status}`} data-testid="validity">
      <StatusIcon />
      {label}
    </span>
  );
}
