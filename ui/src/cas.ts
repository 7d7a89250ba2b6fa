/**
 * The Korean CAs by the names people know them by. A certificate is listed
 * under its issuer's `O` (`yessign`, `KICA`: docs/npki.md, "The Korean CAs"),
 * which is a folder name more than a name: "금융결제원" says who issued it.
 */
import { isMessageKey, type MessageKey } from './i18n/catalog';

/** Who issued a certificate, in words: the CA's name when it is a known one, else its short name as given. */
export function caName(ca: string, words: (key: MessageKey) => string): string {
  const key = `caName.${ca.trim().toLowerCase()}`;
  return isMessageKey(key) ? words(key) : ca;
}
