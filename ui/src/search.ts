import type { ListedCertificate } from './bindings/ListedCertificate';

/** The places the list can be narrowed to. */
export const PLACE_FILTERS = ['all', 'keychain', 'disk', 'removable', 'extra'] as const;
export type PlaceFilter = (typeof PLACE_FILTERS)[number];

export function isPlaceFilter(value: unknown): value is PlaceFilter {
  return typeof value === 'string' && (PLACE_FILTERS as readonly string[]).includes(value);
}

/** Which place filter a certificate belongs to (null: an NPKI folder of unknown kind). */
export function placeOf(certificate: ListedCertificate): Exclude<PlaceFilter, 'all'> | null {
  if (certificate.store === 'keychain') return 'keychain';
  return certificate.location?.kind ?? null;
}

/** Text compared case- and composition-insensitively (NFC, lower case, trimmed). */
function fold(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase().trim();
}

/**
 * What a search is compared with, folded once per list and language rather
 * than on every keystroke: its owner, its CA (short name, issuer common
 * name, or the name shown for it, `caLabel`), and its purpose in words
 * (`purposeLabel`). A line break separates the fields, so that no query
 * (a search is one line) matches across two of them.
 */
export function searchKey(certificate: ListedCertificate, purposeLabel: string, caLabel = ''): string {
  return [certificate.owner, certificate.ca, certificate.issuer_common_name, purposeLabel, caLabel]
    .map(fold)
    .join('\n');
}

/** A query folded as the keys are: fold it once per keystroke, then test each key with `keyMatches`. */
export const foldQuery = fold;

/** Whether a key from `searchKey` matches a query folded by `foldQuery` (empty matches everything). */
export function keyMatches(key: string, needle: string): boolean {
  return needle === '' || key.includes(needle);
}

/**
 * Whether a certificate matches the search (see `searchKey`), both in the
 * current language. An empty query matches everything.
 */
export function matchesQuery(
  certificate: ListedCertificate,
  query: string,
  purposeLabel: string,
  caLabel = '',
): boolean {
  return keyMatches(searchKey(certificate, purposeLabel, caLabel), fold(query));
}

export function matchesPlace(certificate: ListedCertificate, place: PlaceFilter): boolean {
  return place === 'all' || placeOf(certificate) === place;
}
