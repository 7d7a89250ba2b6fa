/**
 * Paths as the native side gives them: Windows (`E:\NPKI`) or POSIX
 * (`/Volumes/USB/NPKI`). The UI only looks at their last part and joins one
 * name on; it never resolves them.
 */

/** The separator a path uses: a backslash for Windows paths, else a slash. */
function separatorOf(path: string): '\\' | '/' {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}

function withoutTrailingSeparators(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  // A drive or file-system root keeps its separator: `E:\`, `/`.
  if (trimmed === '' || /^[A-Za-z]:$/.test(trimmed)) {
    return path.slice(0, trimmed.length + 1);
  }
  return trimmed;
}

/** The last part of a path: a file or folder name. */
export function baseName(path: string): string {
  const trimmed = withoutTrailingSeparators(path);
  const parts = trimmed.split(/[\\/]/);
  return parts[parts.length - 1] ?? trimmed;
}

/**
 * The NPKI root for a folder the person chose: the folder itself if it is
 * already called NPKI, else the NPKI folder inside it. Banking sites and
 * the certificate list look for `<drive>\NPKI`, so a certificate saved
 * straight onto `E:\` would be found by neither.
 */
export function npkiRootFor(chosen: string): string {
  if (baseName(chosen).toUpperCase() === 'NPKI') {
    return withoutTrailingSeparators(chosen);
  }
  const base = withoutTrailingSeparators(chosen);
  const separator = separatorOf(chosen);
  return base.endsWith(separator) ? `${base}NPKI` : `${base}${separator}NPKI`;
}

/** Whether a file looks like a PKCS#12 file by its name. */
export function isPfxPath(path: string): boolean {
  return /\.(pfx|p12)$/i.test(path);
}

/** A file name for an export: the owner's name without characters that file systems refuse. */
export function pfxFileName(owner: string): string {
  const safe = owner.replace(/[\\/:*?"<>|]/g, '').trim();
  return `${safe === '' ? 'certificate' : safe}.pfx`;
}

/** Whether a file looks like an issuance invitation (issue.html) by its name. */
export function isInvitationPath(path: string): boolean {
  return /\.html?$/i.test(path);
}
