import { describe, expect, it } from 'vitest';

import type { CertificateChain } from './bindings/CertificateChain';
import type { CertificateStatus } from './bindings/CertificateStatus';
import type { ChainLink } from './bindings/ChainLink';
import type { PathProblem } from './bindings/PathProblem';
import type { StatusProblem } from './bindings/StatusProblem';
import type { Verification } from './bindings/Verification';
import { formatDateTime } from './format';
import { catalogs, LANGUAGES, translator, type Lang } from './i18n/catalog';
import {
  CARD_VERDICT_WORDS,
  certificateVerdict,
  checkAnnouncement,
  checkedText,
  commonNameOf,
  LINK_SOURCE_WORDS,
  linkName,
  linkStatus,
  linkTime,
  linkTrust,
  OVERALL_WORDS,
  pathProblemText,
  REASON_WORDS,
  revocationOf,
  SOURCE_WORDS,
  checkOf,
  statusProblemDetail,
  statusProblemText,
  verdictText,
  VERDICT_WORDS,
} from './trust';

const time = (lang: Lang) => (rfc3339: string) => formatDateTime(rfc3339, lang, 'Asia/Seoul');
const ko = translator('ko');
const en = translator('en');
const koTime = time('ko');

const CHECKED_AT = '2025-11-25T05:03:00Z';

function link(overrides: Partial<ChainLink> = {}): ChainLink {
  return {
    id: 'aa',
    common_name: '홍길동()0012345678901234',
    subject: 'cn=홍길동()0012345678901234,o=yessign,c=kr',
    issuer: 'cn=yessignCA Class 2,ou=AccreditedCA,o=yessign,c=kr',
    not_before: '2025-01-11T15:00:00Z',
    not_after: '2027-01-12T14:59:59Z',
    verified: true,
    root: false,
    pinned: false,
    anchor: false,
    ca: false,
    source: 'subject',
    ...overrides,
  };
}

const ca = link({
  id: 'ca',
  common_name: 'yessignCA Class 2',
  issuer: 'cn=KISA RootCA 4,ou=KISA,o=Government of Korea,c=kr',
  ca: true,
  source: 'bundled',
});
const root = link({ id: 'root', common_name: 'KISA RootCA 4', root: true, pinned: true, anchor: true, ca: true, source: 'distribution' });

function chain(problem: PathProblem | null, links = [link(), ca, root]): CertificateChain {
  return { links, complete: true, valid: problem === null, problem, checked_at: CHECKED_AT };
}

const unknown: CertificateStatus = {
  verdict: 'unknown',
  source: null,
  url: null,
  this_update: null,
  next_update: null,
  checked_at: CHECKED_AT,
  revoked_at: null,
  reason: null,
  from_cache: false,
  problems: [],
  last_good: null,
};

const goodByOcsp: CertificateStatus = {
  ...unknown,
  verdict: 'good',
  source: 'ocsp',
  url: 'http://ocsp.example.kr/',
  this_update: CHECKED_AT,
  next_update: '2025-11-25T06:03:00Z',
};

function verification(status: CertificateStatus, path: CertificateChain = chain(null), authorities: Verification['status']['authorities'] = []): Verification {
  const revoked = status.verdict === 'revoked' || authorities.some((a) => a.status.verdict === 'revoked');
  const verdict = revoked ? 'revoked' : !path.valid ? 'path-broken' : status.verdict;
  return {
    id: 'aa',
    verdict,
    chain: path,
    status: { verdict: revoked ? 'revoked' : status.verdict, certificate: status, authorities },
  };
}

describe('every variant the backend sends has words in both languages', () => {
  const tables = { OVERALL_WORDS, VERDICT_WORDS, SOURCE_WORDS, REASON_WORDS, LINK_SOURCE_WORDS, CARD_VERDICT_WORDS };

  it.each(LANGUAGES)('%s: the overall verdicts, statuses, sources, reasons, link sources and badges', (lang) => {
    for (const [table, words] of Object.entries(tables)) {
      for (const key of Object.values(words)) {
        expect(catalogs[lang][key].trim(), `${table} ${key}`).not.toBe('');
      }
    }
  });

  const pathProblems: PathProblem[] = [
    { kind: 'issuer-not-found', link: 0 },
    { kind: 'bad-signature', link: 1 },
    { kind: 'expired', link: 1 },
    { kind: 'not-yet-valid', link: 0 },
    { kind: 'not-a-ca', link: 1 },
    { kind: 'no-cert-sign', link: 1 },
    { kind: 'path-too-long', link: 1 },
    { kind: 'unsupported-critical', link: 1, oid: '2.5.29.30' },
    { kind: 'no-policy', link: 0 },
    { kind: 'untrusted-root', link: 2 },
  ];

  it.each(LANGUAGES)('%s: each path problem, filled completely and distinct', (lang) => {
    const t = translator(lang);
    const texts = pathProblems.map((problem) => pathProblemText(t, problem));
    for (const text of texts) expect(text).not.toMatch(/[{}]/);
    expect(new Set(texts).size).toBe(pathProblems.length);
    expect(pathProblemText(t, { kind: 'unsupported-critical', link: 1, oid: '2.5.29.30' })).toContain('2.5.29.30');
  });

  const statusProblems: StatusProblem[] = [
    { url: null, kind: 'offline' },
    { url: null, kind: 'no-pointer' },
    { url: null, kind: 'issuer-not-found' },
    { url: 'http://ocsp/', kind: 'unreachable', detail: 'connection refused' },
    { url: 'http://ocsp/', kind: 'http-status', status: 503 },
    { url: 'http://crl/', kind: 'too-large', limit: 16777216 },
    { url: 'ftp://crl/', kind: 'unsupported', what: 'ftp' },
    { url: 'http://ocsp/', kind: 'missing', what: 'nextUpdate' },
    { url: 'http://ocsp/', kind: 'malformed', detail: 'DER error' },
    { url: 'http://ocsp/', kind: 'responder-refused', status: 'tryLater' },
    { url: 'http://ocsp/', kind: 'responder-unknown' },
    { url: 'http://ocsp/', kind: 'bad-signature', detail: 'RSA' },
    { url: 'http://crl/', kind: 'stale', next_update: '2025-11-24T00:00:00Z' },
    { url: 'http://ocsp/', kind: 'not-yet-valid', this_update: '2025-11-26T00:00:00Z' },
    { url: 'http://ocsp/', kind: 'wrong-certificate' },
    { url: 'http://ocsp/', kind: 'nonce-mismatch' },
  ];

  it.each(LANGUAGES)('%s: each reason a status could not be had, filled completely and distinct', (lang) => {
    const t = translator(lang);
    const texts = statusProblems.map((problem) => statusProblemText(t, time(lang), problem));
    for (const text of texts) expect(text).not.toMatch(/[{}]/);
    expect(new Set(texts).size).toBe(statusProblems.length);
  });

  it('puts the parameters a person can use in the sentence, and the system’s words apart', () => {
    expect(statusProblemText(ko, koTime, { url: null, kind: 'http-status', status: 503 })).toContain('HTTP 503');
    expect(statusProblemText(ko, koTime, { url: null, kind: 'stale', next_update: '2025-11-24T00:00:00Z' })).toContain(
      '2025년 11월 24일 09:00',
    );
    expect(statusProblemDetail({ url: null, kind: 'unreachable', detail: 'connection refused' })).toBe('connection refused');
    expect(statusProblemDetail({ url: null, kind: 'responder-refused', status: 'tryLater' })).toBeNull();
  });
});

describe('the overall verdict in words', () => {
  it('says valid only when the backend says good', () => {
    const text = verdictText(ko, koTime, verification(goodByOcsp));
    expect(text.title).toBe('유효');
    expect(text.detail).toBe('믿을 수 있는 최상위 인증기관까지 인증 경로를 확인했고, 인증기관이 폐지되지 않았다고 답했습니다.');
  });

  it('never says valid when nothing could be believed: it says why', () => {
    const offline = { ...unknown, problems: [{ url: null, kind: 'offline' } as const], last_good: '2025-11-24T03:00:00Z' };
    for (const lang of LANGUAGES) {
      const t = translator(lang);
      const text = verdictText(t, time(lang), verification(offline));
      expect(text.title).toBe(t('trust.overall.unknown'));
      expect(text.title).not.toBe(t('trust.overall.good'));
      expect(text.detail).toContain(t('statusProblem.offline'));
      expect(text.detail).not.toContain(t('trust.good'));
    }
  });

  it('never says valid for a broken path with a good status: it names the link and the problem', () => {
    const broken = verification(goodByOcsp, chain({ kind: 'bad-signature', link: 1 }));
    expect(broken.verdict).toBe('path-broken');
    expect(verdictText(ko, koTime, broken)).toEqual({
      title: '경로 오류',
      detail: '인증 경로의 ‘yessignCA Class 2’ 단계에 문제가 있습니다. 서명이 발급한 인증기관의 키로 확인되지 않습니다.',
    });
    const atSelf = verification(unknown, chain({ kind: 'issuer-not-found', link: 0 }, [link()]));
    expect(verdictText(en, time('en'), atSelf).detail).toBe(
      'The certification path fails at ‘This certificate’. The certificate of the CA that issued it cannot be found.',
    );
  });

  it('says when and why a certificate was revoked, and leaves out what the answer does not say', () => {
    const revoked: CertificateStatus = {
      ...goodByOcsp,
      verdict: 'revoked',
      revoked_at: '2025-11-20T01:30:00Z',
      reason: 'keyCompromise',
    };
    expect(verdictText(ko, koTime, verification(revoked))).toEqual({
      title: '폐지됨',
      detail: '2025년 11월 20일 10:30에 폐지된 인증서입니다. 까닭: 인증서나 암호가 남에게 알려졌을 수 있음.',
    });
    expect(verdictText(ko, koTime, verification({ ...revoked, revoked_at: null, reason: null })).detail).toBe('폐지된 인증서입니다.');
    expect(verdictText(en, time('en'), verification({ ...revoked, reason: 'certificateHold' })).detail).toBe(
      'It was revoked on November 20, 2025 at 10:30. Reason: On hold (for now).',
    );
  });

  it('names the CA when it is a CA on the path that was revoked', () => {
    const caRevoked: CertificateStatus = { ...goodByOcsp, verdict: 'revoked', revoked_at: '2025-11-01T00:00:00Z', reason: 'cACompromise' };
    const checked = verification(goodByOcsp, chain(null), [{ id: 'ca', common_name: 'yessignCA Class 2', status: caRevoked }]);
    expect(revocationOf(checked)).toEqual({ authority: 'yessignCA Class 2', status: caRevoked });
    expect(verdictText(ko, koTime, checked).detail).toBe(
      '이 인증서를 보증하는 인증기관 인증서(yessignCA Class 2)가 2025년 11월 1일 09:00에 폐지되었습니다. 까닭: 인증기관의 키가 남에게 알려졌을 수 있음.',
    );
  });

  it('says a finished check aloud, or why it failed', () => {
    expect(checkAnnouncement(ko, koTime, 'ko', { ok: true, value: verification(goodByOcsp) })).toBe(
      '유효. 믿을 수 있는 최상위 인증기관까지 인증 경로를 확인했고, 인증기관이 폐지되지 않았다고 답했습니다.',
    );
    expect(checkAnnouncement(ko, koTime, 'ko', { ok: false, error: { code: 'internal', params: {} } })).toBe(
      '지금 확인하지 못했습니다. 아래는 앞서 확인한 결과입니다. 프로그램 안에서 예상하지 못한 문제가 생겼습니다.',
    );
  });
});

describe('when and how the status was had', () => {
  it('says the time of a check made now, and the time a saved answer was made', () => {
    expect(checkedText(ko, koTime, goodByOcsp)).toBe('2025년 11월 25일 14:03에 OCSP로 확인했습니다.');
    const saved = { ...goodByOcsp, this_update: '2025-11-25T03:00:00Z', from_cache: true };
    expect(checkedText(ko, koTime, saved)).toBe('OCSP로 확인했습니다. 저장해 둔 2025년 11월 25일 12:00의 답입니다.');
    expect(checkedText(en, time('en'), { ...goodByOcsp, source: 'crl' })).toBe(
      'Checked with the revocation list (CRL) on November 25, 2025 at 14:03.',
    );
  });

  it('says a revocation made here, and a check that found nothing', () => {
    const local: CertificateStatus = { ...unknown, verdict: 'revoked', source: 'local', this_update: '2025-11-20T01:30:00Z' };
    expect(checkedText(ko, koTime, local)).toBe('2025년 11월 20일 10:30에 이 프로그램에서 폐지했습니다.');
    expect(checkedText(ko, koTime, unknown)).toBe('2025년 11월 25일 14:03에 확인해 보았습니다.');
  });
});

describe('the one verdict, on a card and in the details alike', () => {
  it('makes a certificate revoked when its CA says so, whatever the list knew', () => {
    const revoked = verification({ ...goodByOcsp, verdict: 'revoked' });
    expect(certificateVerdict('valid', revoked)).toBe('revoked');
    expect(certificateVerdict('expiring-soon', verification(unknown))).toBe('unknown');
    expect(certificateVerdict('not-yet-valid', verification(goodByOcsp, chain({ kind: 'expired', link: 1 })))).toBe(
      'not-yet-valid',
    );
  });

  it('gives the details banner the trust section’s verdict, never "usable" on a broken path or an unknown status', () => {
    const good = verification(goodByOcsp);
    expect(certificateVerdict('valid', 'none')).toBe('valid');
    expect(certificateVerdict('valid', good)).toBe('valid');
    expect(certificateVerdict('expiring-soon', good)).toBe('expiring-soon');
    expect(certificateVerdict('valid', verification(unknown))).toBe('unknown');
    expect(certificateVerdict('expiring-soon', verification(goodByOcsp, chain({ kind: 'bad-signature', link: 1 })))).toBe(
      'path-broken',
    );
    expect(certificateVerdict('valid', verification({ ...goodByOcsp, verdict: 'revoked' }))).toBe('revoked');
    expect(certificateVerdict('valid', 'failed')).toBe('unknown');
    expect(certificateVerdict('expired', verification(unknown, chain({ kind: 'expired', link: 0 })))).toBe('expired');
    expect(certificateVerdict('revoked', good)).toBe('revoked');
  });

  it('says nothing the answer could take back while the check is under way', () => {
    expect(certificateVerdict('valid', 'checking')).toBe('checking');
    expect(certificateVerdict('expiring-soon', 'checking')).toBe('checking');
    // What no answer changes is said at once.
    expect(certificateVerdict('expired', 'checking')).toBe('expired');
    expect(certificateVerdict('not-yet-valid', 'checking')).toBe('not-yet-valid');
    expect(certificateVerdict('revoked', 'checking')).toBe('revoked');
    expect(checkOf(undefined)).toBe('checking');
    expect(checkOf({ ok: false, error: { code: 'internal', params: {} } })).toBe('failed');
    expect(checkOf({ ok: true, value: verification(goodByOcsp) })).toEqual(verification(goodByOcsp));
  });
});

describe('each link of the path', () => {
  it('stands in time as of the moment the path was checked', () => {
    expect(linkTime(link(), CHECKED_AT)).toBe('in-time');
    expect(linkTime(link({ not_after: '2025-06-30T14:59:59Z' }), CHECKED_AT)).toBe('expired');
    expect(linkTime(link({ not_before: '2025-12-01T00:00:00Z' }), CHECKED_AT)).toBe('not-yet-valid');
  });

  it('says how the top is trusted', () => {
    expect(linkTrust(root)).toBe('pinned');
    expect(linkTrust({ ...root, pinned: false })).toBe('anchor');
    expect(linkTrust({ ...root, pinned: false, anchor: false })).toBe('untrusted-root');
    expect(linkTrust(ca)).toBeNull();
  });

  it('carries its own status: the certificate’s, each CA’s, none for a root', () => {
    const caStatus = { ...goodByOcsp, source: 'crl' as const };
    const checked = verification(goodByOcsp, chain(null), [{ id: 'ca', common_name: 'yessignCA Class 2', status: caStatus }]);
    expect(linkStatus(checked, 0)).toBe(goodByOcsp);
    expect(linkStatus(checked, 1)).toBe(caStatus);
    expect(linkStatus(checked, 2)).toBeNull();
  });

  it('is named by its CA, or as this certificate', () => {
    expect(linkName(ko, chain(null), 0)).toBe('이 인증서');
    expect(linkName(ko, chain(null), 1)).toBe('yessignCA Class 2');
    expect(linkName(en, chain(null, []), 0)).toBe('This certificate');
  });

  it('finds a missing issuer’s name in its distinguished name', () => {
    expect(commonNameOf('cn=signGATE CA5,ou=AccreditedCA,o=KICA,c=kr')).toBe('signGATE CA5');
    expect(commonNameOf('C=KR,O=KICA,CN=signGATE CA5')).toBe('signGATE CA5');
    expect(commonNameOf('cn=Dojang\\, Inc. CA,o=Dojang,c=kr')).toBe('Dojang, Inc. CA');
    expect(commonNameOf('o=Government of Korea,c=kr')).toBe('o=Government of Korea,c=kr');
  });
});

describe('formatDateTime', () => {
  it('says the minute on a 24-hour clock, in both languages', () => {
    expect(formatDateTime('2026-12-04T05:03:00Z', 'ko', 'Asia/Seoul')).toBe('2026년 12월 4일 14:03');
    expect(formatDateTime('2026-12-04T05:03:00Z', 'en', 'Asia/Seoul')).toBe('December 4, 2026 at 14:03');
    expect(formatDateTime('not a time', 'ko')).toBe('not a time');
  });
});
