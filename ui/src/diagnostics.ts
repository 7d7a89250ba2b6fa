import type { CertificateList } from './bindings/CertificateList';
import { placeOf } from './search';

/** What a support person needs to know about this installation. */
export interface DiagnosticsInput {
  version: string;
  lang: string;
  platform: string;
  listing: CertificateList | null;
  /** The distribution this build came with: its name, whether it is a sandbox, how many CAs it names. */
  distribution?: { name: string; sandbox: boolean; cas: number };
}

/**
 * The diagnostics a person pastes into a support request: the app version,
 * the language, the platform, the distribution and how many certificates
 * each kind of store holds. Never a name, an ID, a path or a password.
 */
export function diagnosticsText({ version, lang, platform, listing, distribution }: DiagnosticsInput): string {
  const lines = [`Dojang ${version}`, `language: ${lang}`, `platform: ${platform}`];
  if (distribution !== undefined) {
    lines.push(
      `distribution: ${distribution.name}, sandbox: ${distribution.sandbox ? 'yes' : 'no'}, CAs: ${distribution.cas}`,
    );
  }
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
