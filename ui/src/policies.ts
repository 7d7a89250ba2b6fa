/**
 * Certificate policies and purposes in words: a CA's certificate is called
 * one (never "용도 미확인"), anyPolicy is named, and the user notice a CA wrote
 * keeps its own language.
 */
import type { PolicyView } from './bindings/PolicyView';
import type { Purpose } from './bindings/Purpose';
import type { MessageKey } from './i18n/catalog';

/** anyPolicy (RFC 5280 §4.2.1.4): what CA certificates carry to allow every policy below them. */
export const ANY_POLICY = '2.5.29.32.0';

/** What a certificate is for: a CA's certificate is one, whatever its first policy says. */
export function purposeKey(purpose: Purpose, isCa: boolean): MessageKey {
  return isCa ? 'purpose.authority' : `purpose.${purpose}`;
}

/**
 * What one policy is called: its purpose from the table; anyPolicy by name;
 * a policy the table does not know, on a CA's certificate, as the CA's own.
 */
export function policyKey(policy: PolicyView, isCa: boolean): MessageKey {
  if (policy.oid === ANY_POLICY) return 'policy.anyPolicy';
  if (policy.purpose === 'unknown' && isCa) return 'policy.caPolicy';
  return `purpose.${policy.purpose}`;
}

/**
 * The language a CA's text is written in, when it can be told: Hangul is
 * Korean, so a screen reader in an English window still reads it in Korean.
 */
export function textLang(text: string): 'ko' | undefined {
  return /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/.test(text) ? 'ko' : undefined;
}
