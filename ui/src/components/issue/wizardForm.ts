import type { Invitation } from '../../bindings/Invitation';
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

/** An issue.html that was read, and the file it came from. */
export interface LoadedInvitation {
  path: string;
  invitation: Invitation;
}
