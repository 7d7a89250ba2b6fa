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
 * Whether a certificate matches the search: its owner, its CA (short name,
 * issuer common name, or the name shown for it, `caLabel`), or its purpose
 * in words (`purposeLabel`), both in the current language. An empty query
 * matches everything.
 */
export function matchesQuery(
  certificate: ListedCertificate,
  query: string,
  purposeLabel: string,
  caLabel = '',
): boolean {
  const needle = fold(query);
  if (needle === '') return true;
  return [certificate.owner, certificate.ca, certificate.issuer_common_name, purposeLabel, caLabel].some(
    (field) => fold(field).includes(needle),
  );
}

export function matchesPlace(certificate: ListedCertificate, place: PlaceFilter): boolean {
  return place === 'all' || placeOf(certificate) === place;
}
