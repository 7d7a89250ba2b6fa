import type { CheckedInvitation } from '../../bindings/CheckedInvitation';
import type { DialogForm } from '../dialogs/useDialogForm';

/** Everything typed in the wizard, kept across its steps (and after a failure, for a retry). */
export type WizardValues = {
  registration: string;
  application: string;
  tempCode: string;
  idNumber: string;
  password: string;
  confirm: string;
  caAddress: string;
};

export type WizardForm = DialogForm<WizardValues, 'destination' | 'invitation'>;

export const EMPTY_VALUES: WizardValues = {
  registration: '',
  application: '',
  tempCode: '',
  idNumber: '',
  password: '',
  confirm: '',
  caAddress: '',
};

/** An invitation that was read, with what the distribution says of its CA, and where it came from. */
export interface LoadedInvitation extends CheckedInvitation {
  /** The issue.html file, or the link itself. */
  path: string;
}

/**
 * Whether the person has typed anything secret, or a number by hand: a new
 * invitation must then ask before it replaces what the wizard holds. An
 * application number filled from an invitation does not count.
 */
export function hasTyped(values: WizardValues, invitation: LoadedInvitation | null): boolean {
  const { registration, tempCode, idNumber, password, confirm, application } = values;
  const byHand = application !== '' && application !== invitation?.invitation.application;
  return [registration, tempCode, idNumber, password, confirm].some((value) => value !== '') || byHand;
}

/** What a new invitation wipes when the person lets it replace what they typed. */
export const TYPED_FIELDS = ['registration', 'application', 'tempCode', 'idNumber', 'password', 'confirm'] as const;
