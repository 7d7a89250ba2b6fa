/**
 * Small line icons. Decorative only: the text next to them carries the meaning. Each is one
 * element whose outline icons.css draws (`icon--<name>`) in the colour of the text.
 */
import './icons.css';

function Icon({ name, className }: { name: string; className?: string | undefined }) {
  const classes = className === undefined ? `icon icon--${name}` : `icon icon--${name} ${className}`;
  return <span className={classes} aria-hidden="true" />;
}

export function RefreshIcon({ className }: { className?: string } = {}) {
  return <Icon name="refresh" className={className} />;
}

export function CheckIcon({ className }: { className?: string } = {}) {
  return <Icon name="check" className={className} />;
}

export function ClockIcon() {
  return <Icon name="clock" />;
}

export function WarningIcon() {
  return <Icon name="warning" />;
}

export function BlockedIcon() {
  return <Icon name="blocked" />;
}

export function InfoIcon() {
  return <Icon name="info" />;
}

export function FolderIcon() {
  return <Icon name="folder" />;
}

export function ComputerIcon() {
  return <Icon name="computer" />;
}

export function UsbIcon() {
  return <Icon name="usb" />;
}

export function CrossIcon({ className }: { className?: string } = {}) {
  return <Icon name="cross" className={className} />;
}

export function DotIcon({ className }: { className?: string } = {}) {
  return <Icon name="dot" className={className} />;
}

export function BackIcon() {
  return <Icon name="back" />;
}

export function ChevronIcon({ className }: { className?: string } = {}) {
  return <Icon name="chevron" className={className} />;
}

export function CloseIcon() {
  return <Icon name="close" />;
}

export function GearIcon() {
  return <Icon name="gear" />;
}

export function CopyIcon() {
  return <Icon name="copy" />;
}

export function EyeIcon() {
  return <Icon name="eye" />;
}

export function EyeOffIcon() {
  return <Icon name="eye-off" />;
}

export function ImportIcon() {
  return <Icon name="import" />;
}

export function ExportIcon() {
  return <Icon name="export" />;
}

export function KeyIcon() {
  return <Icon name="key" />;
}

export function PersonCheckIcon() {
  return <Icon name="person-check" />;
}

export function TrashIcon() {
  return <Icon name="trash" />;
}

export function SearchIcon() {
  return <Icon name="search" />;
}

/** A new certificate: a page with a plus. */
export function IssueIcon() {
  return <Icon name="issue" />;
}

export function PhoneIcon() {
  return <Icon name="phone" />;
}

export function LinkIcon() {
  return <Icon name="link" />;
}

/** A mail attachment: the issue.html from the CA's e-mail. */
export function MailIcon() {
  return <Icon name="mail" />;
}

/** A link of the certification path: a shield. */
export function ShieldIcon() {
  return <Icon name="shield" />;
}

/** A trial: a flask. */
export function FlaskIcon() {
  return <Icon name="flask" />;
}
