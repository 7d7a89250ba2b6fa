import type { CertificateList } from './bindings/CertificateList';
import { placeOf } from './search';

/** What a support person needs to know about this installation. */
export interface DiagnosticsInput {
  version: string;
  lang: string;
  platform: string;
  listing: CertificateList | null;
}

/**
 * The diagnostics a person pastes into a support request: the app version,
 * the language, the platform and how many certificates each kind of store
 * holds. Never a name, an ID, a path or a password.
 */
export function diagnosticsText({ version, lang, platform, listing }: DiagnosticsInput): string {
  const lines = [`Dojang ${version}`, `language: ${lang}`, `platform: ${platform}`];
  if (listing === null) {
    lines.push('certificates: not loaded');
    return lines.join('\n');
  }
  const counts = { keychain: 0, disk: 0, removable: 0, extra: 0, unknown: 0 };
  for (const certificate of listing.certificates) {
    counts[placeOf(certificate) ?? 'unknown'] += 1;
  }
  lines.push(
    `certificates: ${listing.certificates.length}`,
    `  keychain: ${counts.keychain}`,
    `  npki on this computer: ${counts.disk}`,
    `  npki on removable drives: ${counts.removable}`,
    `  npki in chosen folders: ${counts.extra}`,
  );
  if (counts.unknown > 0) {
    lines.push(`  npki elsewhere: ${counts.unknown}`);
  }
  lines.push(
    `unreadable entries: ${listing.unreadable.length}`,
    `npki folders searched: ${listing.searched_roots.length}`,
  );
  return lines.join('\n');
}
