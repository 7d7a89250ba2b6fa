/**
 * "Is this certificate good right now, and why?" in words: the overall
 * verdict of a `Verification`, its status's source and time, each reason a
 * status could not be had, each certification-path problem, and what the
 * list's badge says. Pure functions over the bindings and a `Translate`, so
 * every variant the backend can send has its words in both languages (a new
 * variant fails `tsc` in the switches below).
 */
import type { CertificateChain } from './bindings/CertificateChain';
import type { CertificateStatus } from './bindings/CertificateStatus';
import type { ChainLink } from './bindings/ChainLink';
import type { CrlReason } from './bindings/CrlReason';
import type { LinkSource } from './bindings/LinkSource';
import type { Overall } from './bindings/Overall';
import type { PathProblem } from './bindings/PathProblem';
import type { StatusProblem } from './bindings/StatusProblem';
import type { StatusSource } from './bindings/StatusSource';
import type { Verdict } from './bindings/Verdict';
import type { Verification } from './bindings/Verification';
import type { Result } from './api';
import { describeError } from './errors';
import type { Lang, MessageKey, Translate } from './i18n/catalog';
import type { Standing } from './validity';

/** How instants are said: the current language's date-and-time formatter. */
export type FormatTime = (rfc3339: string) => string;

/** The one word of each overall verdict ("유효", "폐지됨", "확인 불가", "경로 오류"). */
export const OVERALL_WORDS = {
  good: 'trust.overall.good',
  revoked: 'trust.overall.revoked',
  unknown: 'trust.overall.unknown',
  'path-broken': 'trust.overall.path-broken',
} as const satisfies Record<Overall, MessageKey>;

/** A revocation status in a few words, as said of a CA on the path. */
export const VERDICT_WORDS = {
  good: 'trust.verdict.good',
  revoked: 'trust.verdict.revoked',
  unknown: 'trust.verdict.unknown',
} as const satisfies Record<Verdict, MessageKey>;

/** Where a status came from. */
export const SOURCE_WORDS = {
  ocsp: 'trust.source.ocsp',
  crl: 'trust.source.crl',
  local: 'trust.source.local',
} as const satisfies Record<StatusSource, MessageKey>;

/** Why a certificate was revoked, as its CA says it (RFC 5280 §5.3.1). */
export const REASON_WORDS = {
  unspecified: 'crlReason.unspecified',
  keyCompromise: 'crlReason.keyCompromise',
  cACompromise: 'crlReason.cACompromise',
  affiliationChanged: 'crlReason.affiliationChanged',
  superseded: 'crlReason.superseded',
  cessationOfOperation: 'crlReason.cessationOfOperation',
  certificateHold: 'crlReason.certificateHold',
  removeFromCRL: 'crlReason.removeFromCRL',
  privilegeWithdrawn: 'crlReason.privilegeWithdrawn',
  aACompromise: 'crlReason.aACompromise',
} as const satisfies Record<CrlReason, MessageKey>;

/** Where a certificate of a path came from. */
export const LINK_SOURCE_WORDS = {
  subject: 'linkSource.subject',
  bundled: 'linkSource.bundled',
  distribution: 'linkSource.distribution',
  issuance: 'linkSource.issuance',
  'ca-pubs': 'linkSource.ca-pubs',
  aia: 'linkSource.aia',
} as const satisfies Record<LinkSource, MessageKey>;

/** A revocation found on a certificate's path: its own, or that of a CA above it. */
export interface RevocationFound {
  /** The revoked CA's name; null when the certificate itself is revoked. */
  authority: string | null;
  /** What the answer said: when, why, from where. */
  status: CertificateStatus;
}

/**
 * The revocation that makes a verification revoked: the certificate's own
 * first, else the nearest revoked CA on its path; null when nothing is revoked.
 */
export function revocationOf(verification: Verification): RevocationFound | null {
  const own = verification.status.certificate;
  if (own.verdict === 'revoked') return { authority: null, status: own };
  const ca = verification.status.authorities.find((authority) => authority.status.verdict === 'revoked');
  return ca === undefined ? null : { authority: ca.common_name, status: ca.status };
}

/**
 * What is known of a certificate's path and status: the answer, a check
 * still under way, a check that failed, or none made at all (a file opened
 * with the app is not checked).
 */
export type Check = Verification | 'checking' | 'failed' | 'none';

/** A verification request's answer as a `Check`: under way until it comes. */
export function checkOf(answer: Result<Verification> | undefined): Check {
  if (answer === undefined) return 'checking';
  return answer.ok ? answer.value : 'failed';
}

/**
 * The one verdict on a certificate, the same on its card in the list and in
 * its details' banner, and the trust section's. Revoked (by the app's own
 * record or its CA's answer) first; then expired or not yet valid, which no
 * check changes; then what the check found: a broken path or a status nobody
 * could give is never "usable". While the check is under way, "checking":
 * never a verdict the answer could take back.
 */
export type CertificateVerdict = Standing | 'path-broken' | 'unknown' | 'checking';

export function certificateVerdict(standing: Standing, check: Check): CertificateVerdict {
  if (standing === 'revoked') return 'revoked';
  if (typeof check === 'object' && check.verdict === 'revoked') return 'revoked';
  if (standing === 'expired' || standing === 'not-yet-valid') return standing;
  switch (check) {
    case 'none':
      return standing;
    case 'checking':
      return 'checking';
    case 'failed':
      return 'unknown';
    default:
      return check.verdict === 'good' ? standing : check.verdict;
  }
}

/** How a verdict the dates alone do not give is said on a card, in a few words. */
export const CARD_VERDICT_WORDS = {
  'path-broken': 'trust.badge.path-broken',
  unknown: 'trust.badge.unknown',
  checking: 'trust.badge.checking',
} as const satisfies Record<Exclude<CertificateVerdict, Standing>, MessageKey>;

/** The name a path's link is called by: "이 인증서" for the certificate itself, else its CA's name. */
export function linkName(t: Translate, chain: CertificateChain, index: number): string {
  const link = chain.links[index];
  return index === 0 || link === undefined ? t('chain.self') : link.common_name;
}

/** A path problem in words, said of the link it concerns. */
export function pathProblemText(t: Translate, problem: PathProblem): string {
  switch (problem.kind) {
    case 'issuer-not-found':
      return t('pathProblem.issuer-not-found');
    case 'bad-signature':
      return t('pathProblem.bad-signature');
    case 'expired':
      return t('pathProblem.expired');
    case 'not-yet-valid':
      return t('pathProblem.not-yet-valid');
    case 'not-a-ca':
      return t('pathProblem.not-a-ca');
    case 'no-cert-sign':
      return t('pathProblem.no-cert-sign');
    case 'path-too-long':
      return t('pathProblem.path-too-long');
    case 'unsupported-critical':
      return t('pathProblem.unsupported-critical', { oid: problem.oid });
    case 'no-policy':
      return t('pathProblem.no-policy');
    case 'untrusted-root':
      return t('pathProblem.untrusted-root');
  }
}

/** Why one source gave no answer it could believe, in words (its address and detail apart). */
export function statusProblemText(t: Translate, time: FormatTime, problem: StatusProblem): string {
  switch (problem.kind) {
    case 'offline':
      return t('statusProblem.offline');
    case 'no-pointer':
      return t('statusProblem.no-pointer');
    case 'issuer-not-found':
      return t('statusProblem.issuer-not-found');
    case 'unreachable':
      return t('statusProblem.unreachable');
    case 'http-status':
      return t('statusProblem.http-status', { status: problem.status });
    case 'too-large':
      return t('statusProblem.too-large', { limit: problem.limit });
    case 'unsupported':
      return t('statusProblem.unsupported', { what: problem.what });
    case 'missing':
      return t('statusProblem.missing', { what: problem.what });
    case 'malformed':
      return t('statusProblem.malformed');
    case 'responder-refused':
      return t('statusProblem.responder-refused', { status: problem.status });
    case 'responder-unknown':
      return t('statusProblem.responder-unknown');
    case 'bad-signature':
      return t('statusProblem.bad-signature');
    case 'stale':
      return t('statusProblem.stale', { time: time(problem.next_update) });
    case 'not-yet-valid':
      return t('statusProblem.not-yet-valid', { time: time(problem.this_update) });
    case 'wrong-certificate':
      return t('statusProblem.wrong-certificate');
    case 'nonce-mismatch':
      return t('statusProblem.nonce-mismatch');
  }
}

/** The system's own words about a problem, for support; null when it has none. */
export function statusProblemDetail(problem: StatusProblem): string | null {
  return problem.kind === 'unreachable' || problem.kind === 'malformed' || problem.kind === 'bad-signature'
    ? problem.detail
    : null;
}

/** The overall verdict as a person reads it: a word, and a sentence saying why. */
export interface VerdictText {
  /** "유효", "폐지됨", "확인 불가", "경로 오류". */
  title: string;
  /** The reason: the revocation's date and reason, why nothing could be had, the path's problem. */
  detail: string;
}

/**
 * What the trust section says first. Never "valid" unless the backend's
 * overall verdict is good: an unknown status or a broken path says so.
 */
export function verdictText(t: Translate, time: FormatTime, verification: Verification): VerdictText {
  const title = t(OVERALL_WORDS[verification.verdict]);
  switch (verification.verdict) {
    case 'good':
      return { title, detail: t('trust.good') };
    case 'revoked':
      return { title, detail: revocationText(t, time, revocationOf(verification)) };
    case 'unknown': {
      const [first] = verification.status.certificate.problems;
      const why = first === undefined ? '' : ` ${statusProblemText(t, time, first)}`;
      return { title, detail: `${t('trust.unknown')}${why}` };
    }
    case 'path-broken': {
      const { chain } = verification;
      const problem = chain.problem;
      if (problem === null) return { title, detail: t('chain.broken') };
      return {
        title,
        detail: t('trust.pathBroken', { where: linkName(t, chain, problem.link), problem: pathProblemText(t, problem) }),
      };
    }
  }
}

/** When, and why, a certificate (or a CA above it) was revoked. */
export function revocationText(t: Translate, time: FormatTime, found: RevocationFound | null): string {
  if (found === null) return t('trust.revokedUndated');
  const { authority, status } = found;
  const when =
    authority === null
      ? status.revoked_at === null
        ? t('trust.revokedUndated')
        : t('trust.revokedOn', { time: time(status.revoked_at) })
      : status.revoked_at === null
        ? t('trust.revokedCaUndated', { name: authority })
        : t('trust.revokedCaOn', { name: authority, time: time(status.revoked_at) });
  return status.reason === null ? when : `${when} ${t('trust.reason', { reason: t(REASON_WORDS[status.reason]) })}`;
}

/**
 * When and how the status was had: "2026년 12월 4일 14:03에 OCSP로
 * 확인했습니다", a saved answer with the time it was made, a revocation made
 * here, or when an answer was tried for and none came.
 */
export function checkedText(t: Translate, time: FormatTime, status: CertificateStatus): string {
  if (status.source === null) return t('trust.tried', { time: time(status.checked_at) });
  if (status.source === 'local') {
    return t('trust.checkedLocal', { time: time(status.this_update ?? status.checked_at) });
  }
  const source = t(SOURCE_WORDS[status.source]);
  if (status.from_cache) {
    return t('trust.checkedCached', { source, time: time(status.this_update ?? status.checked_at) });
  }
  return t('trust.checkedNow', { source, time: time(status.checked_at) });
}

/** How a link stands in time at the moment the path was checked. */
export type LinkTime = 'in-time' | 'expired' | 'not-yet-valid';

export function linkTime(link: ChainLink, checkedAt: string): LinkTime {
  const at = Date.parse(checkedAt);
  if (Number.isNaN(at)) return 'in-time';
  if (Date.parse(link.not_after) < at) return 'expired';
  if (Date.parse(link.not_before) > at) return 'not-yet-valid';
  return 'in-time';
}

/** How a link is vouched for at the top: a trusted root, one pinned by the distribution, or neither. */
export type LinkTrust = 'pinned' | 'anchor' | 'untrusted-root' | null;

export function linkTrust(link: ChainLink): LinkTrust {
  if (link.pinned) return 'pinned';
  if (link.anchor) return 'anchor';
  return link.root ? 'untrusted-root' : null;
}

/**
 * The revocation status known for a link: the certificate's own for the
 * first, each CA's from its ARL for the others; null when none was asked
 * (a root, or a CA off the checked path).
 */
export function linkStatus(verification: Verification, index: number): CertificateStatus | null {
  if (index === 0) return verification.status.certificate;
  const link = verification.chain.links[index];
  if (link === undefined) return null;
  return verification.status.authorities.find((authority) => authority.id === link.id)?.status ?? null;
}

/**
 * The common name in an RFC 4514 name ("cn=yessignCA Class 2,ou=…"), for a
 * CA that is named but not found; the whole name when it has none.
 */
export function commonNameOf(dn: string): string {
  const match = /(?:^|,)\s*cn=((?:\\.|[^,\\])*)/i.exec(dn);
  const value = match?.[1];
  return value === undefined || value.trim() === '' ? dn : value.replace(/\\(.)/g, '$1').trim();
}

/** What a finished "check now" says aloud: the verdict and its reason, or why the check failed. */
export function checkAnnouncement(t: Translate, time: FormatTime, lang: Lang, result: Result<Verification>): string {
  if (!result.ok) return `${t('trust.checkFailed')} ${describeError(lang, result.error).text}`;
  const text = verdictText(t, time, result.value);
  return `${text.title}. ${text.detail}`;
}
