/**
 * The checks a form makes as the person types, in the window itself, so that
 * no password or code crosses to the native side on every keystroke. They
 * copy dojang-core's rules exactly (`password::broken_rules`,
 * `IssuePath::mistakes` and the parsers in `codes.rs`): the same codes, with
 * the same parameters, in the same order. Rust generates test vectors of both
 * (`bindings/vectors/`), which `checks.test.ts` replays. The backend still
 * checks everything when the request is sent, and its answer is the one that
 * counts.
 *
 * Rust counts characters as code points and has its own idea of whitespace
 * (`char::is_whitespace`, not JavaScript's `\s`); everything here works on
 * code points for that reason.
 */
import type { ErrorCode } from './bindings/ErrorCode';
import type { ErrorInfo } from './bindings/ErrorInfo';
import type { IssuePath } from './bindings/IssuePath';
import type { PasswordRule } from './bindings/PasswordRule';

/** Minimum length of a new certificate password (`password::MIN_LENGTH`). */
export const PASSWORD_MIN_LENGTH = 10;

/** Characters a certificate password may not contain (`password::FORBIDDEN`). */
const FORBIDDEN = new Set(["'", '"', '\\', '|']);

const isAsciiDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAsciiLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isAsciiAlphanumeric = (c: string): boolean => isAsciiDigit(c) || isAsciiLetter(c);

/** Rust's `char::is_ascii_punctuation`: the printable ASCII that is neither letter, digit nor space. */
function isAsciiPunctuation(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return (
    (code >= 0x21 && code <= 0x2f) ||
    (code >= 0x3a && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  );
}

/** Rust's `char::to_ascii_lowercase`, as a code point. */
function asciiLowerCode(c: string): number {
  const code = c.codePointAt(0) ?? 0;
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

/**
 * Every KICA rule a new certificate password breaks, in the order the
 * checklist shows them (`password::broken_rules`).
 */
export function brokenPasswordRules(password: string): PasswordRule[] {
  const chars = Array.from(password);
  const broken: PasswordRule[] = [];
  if (chars.length < PASSWORD_MIN_LENGTH) broken.push('too-short');
  if (!chars.some(isAsciiLetter)) broken.push('needs-letter');
  if (!chars.some(isAsciiDigit)) broken.push('needs-digit');
  if (!chars.some((c) => isAsciiPunctuation(c) && !FORBIDDEN.has(c))) broken.push('needs-special');
  if (chars.some((c) => FORBIDDEN.has(c))) broken.push('forbidden-character');
  const windows = chars.slice(2).map((c, i) => [chars[i] ?? '', chars[i + 1] ?? '', c] as const);
  const sequential = windows.some(([a, b, c]) => {
    if (![a, b, c].every(isAsciiAlphanumeric) || isAsciiDigit(a) !== isAsciiDigit(c)) return false;
    const first = asciiLowerCode(b) - asciiLowerCode(a);
    const second = asciiLowerCode(c) - asciiLowerCode(b);
    return first === second && Math.abs(first) === 1;
  });
  if (sequential) broken.push('sequential');
  if (windows.some(([a, b, c]) => a === b && b === c)) broken.push('repeated');
  return broken;
}

/** The error the backend answers a broken rule of a new password with (`Error::PasswordRule`). */
export const PASSWORD_RULE_CODES = {
  'too-short': 'password-too-short',
  'needs-letter': 'password-needs-letter',
  'needs-digit': 'password-needs-digit',
  'needs-special': 'password-needs-special',
  'forbidden-character': 'password-forbidden-character',
  sequential: 'password-sequential',
  repeated: 'password-repeated',
} as const satisfies Record<PasswordRule, ErrorCode>;

const RULE_CODES: ReadonlySet<ErrorCode> = new Set(Object.values(PASSWORD_RULE_CODES));

/** Whether the backend refused a new password for one of its rules (it belongs to that field). */
export function isPasswordRuleError(code: ErrorCode): boolean {
  return RULE_CODES.has(code);
}

/** Rust's `char::is_whitespace` (Unicode White_Space), which JavaScript's `\s` is not. */
function isRustWhitespace(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** A hyphen a paste may bring: `-`, the Unicode hyphens and dashes U+2010–U+2015. */
function isHyphen(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return c === '-' || (code >= 0x2010 && code <= 0x2015);
}

/**
 * What the backend keeps of a typed code: the spaces and hyphens a paste
 * brings dropped (and the minus sign), nothing else changed (`codes::compact`).
 * As code points.
 */
export function compactCode(input: string): string[] {
  return Array.from(input).filter((c) => !isRustWhitespace(c) && !isHyphen(c) && c !== '\u2212');
}

type CodeName = 'registration-number' | 'temporary-code';

/** A code of `expected` ASCII letters and digits: its first mistake, if any. */
function codeMistake(field: CodeName, input: string, expected: number): ErrorInfo | null {
  const code = compactCode(input);
  const foreign = code.find((c) => !isAsciiAlphanumeric(c));
  if (foreign !== undefined) return { code: `${field}-character`, params: { character: foreign } };
  if (code.length !== expected) {
    // Parameters in the order Rust's BTreeMap gives them.
    return { code: `${field}-length`, params: { actual: String(code.length), expected: String(expected) } };
  }
  return null;
}

/** Length of a registration number, and of its reference number (`codes.rs`). */
export const REGISTRATION_NUMBER_LENGTH = 27;
const REFERENCE_NUMBER_LENGTH = 8;
/** Length of a temporary issuance code. */
export const TEMPORARY_CODE_LENGTH = 10;
/** The longest application number. */
const APPLICATION_NUMBER_MAX = 20;

function registrationMistake(input: string): ErrorInfo | null {
  const mistake = codeMistake('registration-number', input, REGISTRATION_NUMBER_LENGTH);
  if (mistake !== null) return mistake;
  const reference = compactCode(input).slice(0, REFERENCE_NUMBER_LENGTH);
  return reference.every(isAsciiDigit) ? null : { code: 'reference-number-not-digits', params: {} };
}

function applicationMistake(input: string): ErrorInfo | null {
  const digits = compactCode(input);
  const ok = digits.length > 0 && digits.length <= APPLICATION_NUMBER_MAX && digits.every(isAsciiDigit);
  return ok ? null : { code: 'application-number-malformed', params: {} };
}

/** The business registration number's check digit (National Tax Service rule). */
function businessCheckDigitOk(d: readonly number[]): boolean {
  const weights = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = weights.reduce((total, weight, i) => total + (d[i] ?? 0) * weight, 0);
  sum += Math.floor(((d[8] ?? 0) * 5) / 10);
  return (10 - (sum % 10)) % 10 === d[9];
}

/**
 * A resident (13 digits, a plausible month and day) or business (10 digits,
 * its check digit) registration number. Only the ASCII space and hyphens are
 * dropped here, as `IdNumber::parse` does: not a tab, not the minus sign.
 */
function idNumberMistake(input: string): ErrorInfo | null {
  const malformed: ErrorInfo = { code: 'id-number-malformed', params: {} };
  const digits = Array.from(input).filter((c) => c !== ' ' && !isHyphen(c));
  if (!digits.every(isAsciiDigit)) return malformed;
  const d = digits.map(Number);
  if (d.length === 13) {
    const month = (d[2] ?? 0) * 10 + (d[3] ?? 0);
    const day = (d[4] ?? 0) * 10 + (d[5] ?? 0);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? null : malformed;
  }
  if (d.length === 10) return businessCheckDigitOk(d) ? null : { code: 'business-number-check-digit', params: {} };
  return malformed;
}

/** Every mistake in the codes, field by field, in the backend's order (`IssuePath::mistakes`). */
export function codeMistakes(path: IssuePath): ErrorInfo[] {
  const found =
    path.kind === 'registration'
      ? [registrationMistake(path.registration_number)]
      : [applicationMistake(path.application), codeMistake('temporary-code', path.temp_code, TEMPORARY_CODE_LENGTH), idNumberMistake(path.id_number)];
  return found.filter((mistake) => mistake !== null);
}
