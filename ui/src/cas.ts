/**
 * The Korean CAs by the names people know them by. A certificate is listed
 * under its issuer's `O` (`yessign`, `KICA`: docs/npki.md, "The Korean CAs"),
 * which is a folder name more than a name: "금융결제원" says who issued it.
 * A distribution names its CAs as people know them, in Korean ("금융결제원")
 * or in English ("KFTC (yessign)"): a known one is said in the window's
 * language either way ("KFTC (yessign)" in English, "금융결제원" in Korean).
 */
import { catalogs, isMessageKey, LANGUAGES, type MessageKey } from './i18n/catalog';

/** A name as compared: without spaces, case or a company mark ("(주)", "㈜", "주식회사"). */
function normalised(name: string): string {
  return name
    .replace(/\(주\)|㈜|주식회사/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** Every known CA's names, in every language, to its catalog key. */
const KNOWN_NAMES: ReadonlyMap<string, MessageKey> = new Map(
  LANGUAGES.flatMap((lang) =>
    Object.entries(catalogs[lang])
      .filter(([key]) => key.startsWith('caName.'))
      .flatMap(([key, name]): [string, MessageKey][] => (isMessageKey(key) ? [[normalised(name), key]] : [])),
  ),
);

/** Who issued a certificate, in words: the CA's name when it is a known one, else its short name as given. */
export function caName(ca: string, words: (key: MessageKey) => string): string {
  const key = `caName.${ca.trim().toLowerCase()}`;
  if (isMessageKey(key)) return words(key);
  const known = KNOWN_NAMES.get(normalised(ca));
  return known === undefined ? ca : words(known);
}
