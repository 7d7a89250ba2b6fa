import type { CheckedInvitation } from '../../bindings/CheckedInvitation';
import type { ErrorCode } from '../../bindings/ErrorCode';
import { describeError } from '../../errors';
import type { Lang, Translate } from '../../i18n/catalog';
import { codeMistakesByField, type CodeFieldName, type IssueKind } from '../../issue';
import { newPasswordErrors } from '../dialogs/NewPasswordFields';
import type { DialogForm, FieldErrors } from '../dialogs/useDialogForm';

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

/** The code fields of each path, in the order they are shown. */
export const CODE_FIELDS: Record<IssueKind, CodeFieldName[]> = {
  registration: ['registration'],
  temporary: ['application', 'tempCode', 'idNumber'],
};

/**
 * What is wrong with the codes of the chosen path as typed: a field left
 * empty, or its first mistake (`checks.ts`).
 */
export function codeErrors(
  t: Translate,
  lang: Lang,
  kind: IssueKind,
  values: WizardValues,
): FieldErrors<CodeFieldName> {
  const mistakes = codeMistakesByField(kind, values);
  const found: FieldErrors<CodeFieldName> = {};
  for (const name of CODE_FIELDS[kind]) {
    const mistake = mistakes[name];
    if (values[name].trim() === '') found[name] = t('form.required');
    else if (mistake !== undefined) found[name] = describeError(lang, mistake).text;
  }
  return found;
}

/** The catalog's sentence for a mistake, as the window says it. */
function sentence(lang: Lang, code: ErrorCode, params: Record<string, string> = {}): string {
  return describeError(lang, { code, params }).text;
}

/**
 * Everything the codes step can say under a code field while the person is
 * on it (`codeErrors`, and the mistakes shown as they are typed), so the
 * field keeps room for the longest and none of them moves the buttons below.
 * A count is said with two digits and a character with a full-width one, as wide
 * as any the person can type there.
 */
export function codeErrorRoom(t: Translate, lang: Lang, name: CodeFieldName): string[] {
  const mistakes: Record<CodeFieldName, string[]> = {
    registration: [
      sentence(lang, 'registration-number-character', { character: '가' }),
      sentence(lang, 'registration-number-length', { actual: '88', expected: '27' }),
      sentence(lang, 'reference-number-not-digits'),
    ],
    application: [sentence(lang, 'application-number-malformed')],
    tempCode: [
      sentence(lang, 'temporary-code-character', { character: '가' }),
      sentence(lang, 'temporary-code-length', { actual: '88', expected: '10' }),
    ],
    idNumber: [sentence(lang, 'id-number-malformed'), sentence(lang, 'business-number-check-digit')],
  };
  return [t('form.required'), ...mistakes[name]];
}

/**
 * What the codes step can say under the issuance file: not opened yet, or
 * not an issuance file. (One naming a CA that is not the distribution's
 * replaces the fields with why.)
 */
export function invitationErrorRoom(t: Translate, lang: Lang): string[] {
  return [t('issue.openInvitationFirst'), sentence(lang, 'invitation-link-missing')];
}

/** What the first step can say under the CA's address (`check_ca` in a build without CAs). */
export function caAddressErrorRoom(t: Translate, lang: Lang): string[] {
  return [t('issue.caRequired'), sentence(lang, 'ca-url-malformed'), sentence(lang, 'ca-url-insecure')];
}

/**
 * Everything the wizard can say is wrong with its text as typed: the codes
 * and the new password with its confirmation. (The CA's address is checked
 * by the backend: typing in it clears its error.)
 */
export function wizardErrors(
  t: Translate,
  lang: Lang,
  kind: IssueKind,
  values: WizardValues,
): FieldErrors<keyof WizardValues> {
  const pair = newPasswordErrors(t, values.password, values.confirm);
  return { ...codeErrors(t, lang, kind, values), password: pair.password, confirm: pair.confirm };
}

/**
 * The code field that should have the cursor when the codes step opens: the
 * first one left empty or wrong; when all look right (the CA refused them),
 * the first one the person typed (not an application number filled in from
 * the invitation).
 */
export function firstCodeField(
  kind: IssueKind,
  values: WizardValues,
  invitation: LoadedInvitation | null,
): CodeFieldName {
  const fields = CODE_FIELDS[kind];
  const mistakes = codeMistakesByField(kind, values);
  const wanting = fields.find((name) => values[name].trim() === '' || mistakes[name] !== undefined);
  if (wanting !== undefined) return wanting;
  const typed = fields.filter(
    (name) => name !== 'application' || values.application !== invitation?.invitation.application,
  );
  return typed[0] ?? fields[0] ?? 'registration';
}
