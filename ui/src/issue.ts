/**
 * The issuance wizard's decisions that do not need a screen: the request it
 * sends, which field a code mistake belongs to, which CA it talks to, and what
 * a failure lets the person do next. The rules about the codes are
 * dojang-core's, copied in `checks.ts`; the backend checks them again when
 * the request arrives.
 */
import type { CaCheck } from './bindings/CaCheck';
import type { CheckedInvitation } from './bindings/CheckedInvitation';
import type { Distribution } from './bindings/Distribution';
import type { ErrorCode } from './bindings/ErrorCode';
import { ERROR_DOMAINS } from './bindings/errorDomains';
import type { ErrorInfo } from './bindings/ErrorInfo';
import type { IssuePath } from './bindings/IssuePath';
import type { KeyType } from './bindings/KeyType';
import type { Step } from './bindings/Step';
import { codeMistakes, compactCode, isPasswordRuleError } from './checks';

export { REGISTRATION_NUMBER_LENGTH, TEMPORARY_CODE_LENGTH } from './checks';

/** The two paths of docs/cmp-profile.md: a registration number, or the e-mail's temporary
 * code. */
export type IssueKind = IssuePath['kind'];

/** What the person typed on the codes step, as typed. */
export interface CodeValues {
  registration: string;
  application: string;
  tempCode: string;
  idNumber: string;
}

export type CodeFieldName = keyof CodeValues;

/** The wizard's screens, in order; `done` is the last. */
export const WIZARD_STEPS = ['path', 'codes', 'storage', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number] | 'done';

/** The steps an issuance reports, in the order they happen. */
export const ISSUE_STEPS: readonly Step[] = [
  'checking-codes',
  'generating-key',
  'contacting-ca',
  'receiving-certificate',
  'saving',
  'confirming',
];

/** The steps a renewal reports: its codes are the certificate itself. */
export const RENEW_STEPS: readonly Step[] = ISSUE_STEPS.filter((step) => step !== 'checking-codes');

/** The key types offered; the first is the default (the NPKI norm). */
export const KEY_TYPES: readonly KeyType[] = ['rsa2048', 'rsa3072', 'rsa4096', 'p256'];

/** The codes as the backend takes them, exactly as typed on the chosen path. */
export function issuePath(kind: IssueKind, values: CodeValues): IssuePath {
  return kind === 'registration'
    ? { kind: 'registration', registration_number: values.registration }
    : { kind: 'temporary', application: values.application, temp_code: values.tempCode, id_number: values.idNumber };
}

/**
 * How many characters count so far: what the backend keeps after dropping
 * the spaces and hyphens a paste brings (for the "n of 27" hint only).
 */
export function typedLength(value: string): number {
  return compactCode(value).length;
}

const FIELD_OF_CODE: Partial<Record<ErrorCode, CodeFieldName>> = {
  'registration-number-length': 'registration',
  'registration-number-character': 'registration',
  'reference-number-not-digits': 'registration',
  'application-number-malformed': 'application',
  'temporary-code-length': 'tempCode',
  'temporary-code-character': 'tempCode',
  'id-number-malformed': 'idNumber',
  'business-number-check-digit': 'idNumber',
};

/** The field a code mistake (found as it is typed, or by the issuance) belongs to. */
export function codeFieldOf(code: ErrorCode): CodeFieldName | null {
  return FIELD_OF_CODE[code] ?? null;
}

/** The codes' mistakes by field, the first of each (`IssuePath::mistakes`, checked here). */
export type CodeMistakes = Partial<Record<CodeFieldName, ErrorInfo>>;

/** The mistakes in the codes typed so far on the chosen path, by field. */
export function codeMistakesByField(kind: IssueKind, values: CodeValues): CodeMistakes {
  const byField: CodeMistakes = {};
  for (const mistake of codeMistakes(issuePath(kind, values))) {
    const field = codeFieldOf(mistake.code);
    if (field !== null) byField[field] ??= mistake;
  }
  return byField;
}

/** The code mistakes no further typing can mend: a foreign character, a letter in the reference number. */
const NEVER_RIGHT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'registration-number-character',
  'temporary-code-character',
  'reference-number-not-digits',
]);

/**
 * Whether a mistake is worth showing while the person is still typing in
 * the field: a character that can never be right is; a number that is merely
 * not finished yet is not (it is shown once they leave the field or go on).
 */
export function showsWhileTyping(code: ErrorCode): boolean {
  return NEVER_RIGHT.has(code);
}


/** Where the request goes, and how to show it. */
export interface CaChoice {
  /** The CMP URL the request names. */
  url: string;
  /** The CA's name, or its host when it has none (a CA the build does not list). */
  name: string;
  /** Its host (and port), in full. */
  host: string;
  /** The distribution lists it; when not, the person accepted the warning about it. */
  listed: boolean;
}

/** The host of a URL, for showing a CA that has no name. */
function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function fromCheck(check: CaCheck): CaChoice {
  return { url: check.url, name: check.name ?? check.host, host: check.host, listed: check.listed };
}

/**
 * The CA to ask. A distribution with CAs decides alone: an invitation may
 * only select one of them (on the e-mail path, a CA it lists), otherwise the
 * first is asked. A build without CAs asks the CA the person accepted after
 * the warning (`accepted`: typed, or named by an invitation); null when there
 * is none yet, and no code may be typed.
 */
export function chooseCa(
  distribution: Distribution,
  kind: IssueKind,
  invitation: CheckedInvitation | null,
  accepted: CaCheck | null,
): CaChoice | null {
  const first = distribution.cas[0];
  if (first === undefined) return accepted === null ? null : fromCheck(accepted);
  if (kind === 'temporary' && invitation?.ca.listed === true) return fromCheck(invitation.ca);
  return { url: first.cmp_url, name: first.name, host: hostOf(first.cmp_url), listed: true };
}

/**
 * Whether the wizard asks for the CA before the codes: a build without CAs of
 * its own (its address on the first step, or the CA of an invitation, each
 * accepted after a warning).
 */
export function needsCaAddress(distribution: Distribution): boolean {
  return distribution.cas.length === 0;
}

/**
 * A CA the person accepted after the warning, in a build without CAs: the
 * address as it stood when they did (typing another one takes the consent
 * back) and the backend's check of it.
 */
export interface AcceptedCa {
  typed: string;
  check: CaCheck;
}

/** The consent that still holds for the address now in the field, if any. */
export function consentFor(accepted: AcceptedCa | null, typed: string): CaCheck | null {
  return accepted !== null && accepted.typed === typed.trim() ? accepted.check : null;
}

/**
 * Whether a newly read invitation's CA needs the warning first: in a build
 * without CAs, unless it is the CA the person already accepted.
 */
export function invitationNeedsWarning(
  distribution: Distribution,
  invitation: CheckedInvitation,
  accepted: CaCheck | null,
): boolean {
  return needsCaAddress(distribution) && !invitation.ca.listed && accepted?.url !== invitation.ca.url;
}

/** What a failed issuance lets the person do, beside reading its sentence. */
export interface FailureAdvice {
  /** The step where the mistake can be corrected, if it is the person's. */
  fix: 'path' | 'codes' | 'storage' | null;
  /** Trying again as it is may work (the CA or the network had trouble). */
  retry: boolean;
  /** A certificate exists already: the list shows it. */
  openList: boolean;
  /** The support contact belongs beside the sentence. */
  support: boolean;
}

const CA_TROUBLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ca-unreachable',
  'ca-unavailable',
  'ca-http-status',
  'ca-response-malformed',
  'ca-response-unverified',
]);
const STORAGE_TROUBLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'disk-full',
  'read-only',
  'write-failed',
  'keychain-unavailable',
  'npki-root-not-found',
  'already-stored',
  'store-unknown',
]);

/**
 * The CA addresses the backend refuses as given (malformed, plain HTTP, not
 * listed): the person can correct them when they typed them. Not `ca-unknown`
 * (a certificate whose CA has no address), which nothing typed mends.
 */
const CA_ADDRESS_REFUSED: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['ca-url-malformed', 'ca-url-insecure', 'ca-not-listed']);

/** Whatever the CA said, or said of the CA's address. */
function isAboutTheCa(code: ErrorCode): boolean {
  const domain = ERROR_DOMAINS[code];
  return domain === 'ca' || domain === 'ca-address';
}

/**
 * The next steps the issuance FAQ gives for each failure: a wrong number is
 * corrected on the codes step (and, if it was right, support asked); an
 * unreachable or troubled CA is tried again later; an application that was
 * already used leads to the list; a locked, cancelled or refused one to the
 * support contact. A CA address the backend refuses can only be corrected
 * when the person gave it (`caTyped`: a build without CAs, where the address
 * is asked on the first step); one from the distribution cannot.
 */
export function adviceFor(code: ErrorCode, { caTyped }: { caTyped: boolean }): FailureAdvice {
  const advice: FailureAdvice = { fix: null, retry: false, openList: false, support: false };
  if (code === 'ca-wrong-code' || codeFieldOf(code) !== null || ERROR_DOMAINS[code] === 'invitation') {
    advice.fix = 'codes';
  } else if (caTyped && CA_ADDRESS_REFUSED.has(code)) {
    advice.fix = 'path';
  } else if (isPasswordRuleError(code) || STORAGE_TROUBLE.has(code)) {
    advice.fix = 'storage';
  }
  if (CA_TROUBLE.has(code)) advice.retry = true;
  if (code === 'ca-already-issued') advice.openList = true;
  // Anything the CA said, or that went wrong inside: a person to ask helps.
  advice.support = isAboutTheCa(code) || code === 'internal' || code === 'key-generation-failed';
  return advice;
}

/** Every field of the wizard a failure can point at. */
export type WizardFieldName = CodeFieldName | 'password' | 'caAddress';

/**
 * The field a failed issuance points at, when it is one field: a code the
 * backend refused, the new password, or the CA's address (in a build
 * without CAs, where the person gave it). A
 * wrong code according to the CA points at none: the CA never says which
 * number was wrong.
 */
export function wizardFieldOf(code: ErrorCode): WizardFieldName | null {
  const field = codeFieldOf(code);
  if (field !== null) return field;
  if (isPasswordRuleError(code)) return 'password';
  if (CA_ADDRESS_REFUSED.has(code)) return 'caAddress';
  return null;
}
