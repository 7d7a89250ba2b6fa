/**
 * What the mocked backend answers, typed with the generated bindings so a
 * change on the Rust side breaks the fixtures at compile time.
 */
import type { CertificateChain } from '../src/bindings/CertificateChain';
import type { CertificateStatus } from '../src/bindings/CertificateStatus';
import type { CertificateDetails } from '../src/bindings/CertificateDetails';
import type { CertificateList } from '../src/bindings/CertificateList';
import type { ChainLink } from '../src/bindings/ChainLink';
import type { PathProblem } from '../src/bindings/PathProblem';
import type { Distribution } from '../src/bindings/Distribution';
import type { ErrorInfo } from '../src/bindings/ErrorInfo';
import type { ListedCertificate } from '../src/bindings/ListedCertificate';
import type { NpkiRoot } from '../src/bindings/NpkiRoot';
import type { Overall } from '../src/bindings/Overall';
import type { Revocation } from '../src/bindings/Revocation';
import type { StoreTarget } from '../src/bindings/StoreTarget';
import type { Verification } from '../src/bindings/Verification';
import { corporateStructure, hongStructure, kimStructure } from './structures';

/** A SHA-256 fingerprint in the backend's format: 32 upper-case hex pairs. */
function fingerprint(byte: string): string {
  return Array.from({ length: 32 }, () => byte).join(':');
}

const diskRoot: NpkiRoot = { path: 'C:\\Users\\user\\AppData\\LocalLow\\NPKI', kind: 'disk' };
const usbRoot: NpkiRoot = { path: 'E:\\NPKI', kind: 'removable' };
const extraRoot: NpkiRoot = { path: 'D:\\인증서 백업\\NPKI', kind: 'extra' };

const corporate: ListedCertificate = {
  store: 'npki',
  path: 'D:\\인증서 백업\\NPKI\\CrossCert\\USER\\cn=(주)도장 테스트()0098765432101234,ou=CrossCert,ou=CORP,o=CrossCert,c=kr',
  location: extraRoot,
  id: 'c0ffee00'.repeat(8),
  subject: 'cn=(주)도장 테스트()0098765432101234,ou=CrossCert,ou=CORP,o=CrossCert,c=kr',
  common_name: '(주)도장 테스트()0098765432101234',
  owner: '(주)도장 테스트',
  issuer: 'cn=CrossCertCA4,ou=AccreditedCA,o=CrossCert,c=kr',
  issuer_common_name: 'CrossCertCA4',
  ca: 'CrossCert',
  purpose: 'corporate-general',
  policy_oid: '1.2.410.200004.5.4.1.2',
  serial: '0a1b2c3d',
  not_before: '2024-10-10T15:00:00Z',
  not_after: '2025-10-11T14:59:59Z',
  days_left: -45,
  status: 'expired',
  revoked: null,
  key_algorithm: 'RSA 2048',
  fingerprint_sha256: fingerprint('C0'),
};

const kim: ListedCertificate = {
  store: 'npki',
  path: 'E:\\NPKI\\KICA\\USER\\cn=김철수()0011223344556677,ou=KMB,ou=personal4IB,o=KICA,c=kr',
  location: usbRoot,
  id: 'beef0000'.repeat(8),
  subject: 'cn=김철수()0011223344556677,ou=KMB,ou=personal4IB,o=KICA,c=kr',
  common_name: '김철수()0011223344556677',
  owner: '김철수',
  issuer: 'cn=signGATE CA5,ou=AccreditedCA,o=KICA,c=kr',
  issuer_common_name: 'signGATE CA5',
  ca: 'KICA',
  purpose: 'personal-banking',
  policy_oid: '1.2.410.200004.5.2.1.7.1',
  serial: '1f2e3d4c',
  not_before: '2024-12-06T15:00:00Z',
  not_after: '2025-12-07T14:59:59Z',
  days_left: 12,
  status: 'expiring-soon',
  revoked: null,
  key_algorithm: 'RSA 2048',
  fingerprint_sha256: fingerprint('BE'),
};

const hong: ListedCertificate = {
  store: 'npki',
  path: 'C:\\Users\\user\\AppData\\LocalLow\\NPKI\\yessign\\USER\\cn=홍길동()0012345678901234,ou=KMB,ou=personal4IB,o=yessign,c=kr',
  location: diskRoot,
  id: 'abcdef01'.repeat(8),
  subject: 'cn=홍길동()0012345678901234,ou=KMB,ou=personal4IB,o=yessign,c=kr',
  common_name: '홍길동()0012345678901234',
  owner: '홍길동',
  issuer: 'cn=yessignCA Class 2,ou=AccreditedCA,o=yessign,c=kr',
  issuer_common_name: 'yessignCA Class 2',
  ca: 'yessign',
  purpose: 'personal-general',
  policy_oid: '1.2.410.200005.1.1.1',
  serial: '7a6b5c4d',
  not_before: '2025-01-11T15:00:00Z',
  not_after: '2027-01-12T14:59:59Z',
  days_left: 412,
  status: 'valid',
  revoked: null,
  key_algorithm: 'RSA 2048',
  fingerprint_sha256: fingerprint('AB'),
};

/** Three certificates (valid, expiring soon, expired) and one truncated file. */
export const threeCertsOneBroken: CertificateList = {
  certificates: [corporate, kim, hong],
  unreadable: [
    {
      path: 'E:\\NPKI\\yessign\\USER\\cn=홍길동()0012345678901234,ou=KMB,ou=personal4IB,o=yessign,c=kr',
      location: usbRoot,
      error: {
        code: 'certificate-truncated',
        params: {
          path: 'E:\\NPKI\\yessign\\USER\\cn=홍길동()0012345678901234,ou=KMB,ou=personal4IB,o=yessign,c=kr\\signCert.der',
        },
      },
    },
  ],
  searched_roots: [diskRoot, usbRoot, extraRoot],
};

/** Nothing found, in two folders that exist. */
export const empty: CertificateList = {
  certificates: [],
  unreadable: [],
  searched_roots: [diskRoot, usbRoot],
};

/** The error the first call of the ipc-error scenario rejects with. */
export const loadFailure: ErrorInfo = {
  code: 'folder-unreadable',
  params: { path: diskRoot.path, detail: 'Access is denied. (os error 5)' },
};

/** Hong's certificate again, in this computer's keychain: the same ID, a second copy. */
const hongInKeychain: ListedCertificate = { ...hong, store: 'keychain', path: null, location: null };

/** The three certificates and the broken file, plus Hong's copy in the keychain. */
export const fourPlaces: CertificateList = {
  ...threeCertsOneBroken,
  certificates: [hongInKeychain, ...threeCertsOneBroken.certificates],
};

/** The password that opens every sample key. */
export const SAMPLE_PASSWORD = 'sample!2580';
/** The resident registration number Hong's certificate was issued to. */
export const SAMPLE_ID_NUMBER = '9001011234567';

function summaryOf(listed: ListedCertificate): CertificateDetails['summary'] {
  // Dropping where this copy is leaves the summary of the certificate.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { store, path, location, ...summary } = listed;
  return summary;
}

const yessignIssuer = [
  { name: 'C', oid: '2.5.4.6', value: 'kr' },
  { name: 'O', oid: '2.5.4.10', value: 'yessign' },
  { name: 'OU', oid: '2.5.4.11', value: 'AccreditedCA' },
  { name: 'CN', oid: '2.5.4.3', value: 'yessignCA Class 2' },
];

/** The details the mocked backend answers, by certificate ID. */
export const detailsById: Record<string, CertificateDetails> = {
  [hong.id]: {
    summary: summaryOf(hong),
    subject_attributes: [
      { name: 'C', oid: '2.5.4.6', value: 'kr' },
      { name: 'O', oid: '2.5.4.10', value: 'yessign' },
      { name: 'OU', oid: '2.5.4.11', value: 'personal4IB' },
      { name: 'OU', oid: '2.5.4.11', value: 'KMB' },
      { name: 'CN', oid: '2.5.4.3', value: '홍길동()0012345678901234' },
    ],
    issuer_attributes: yessignIssuer,
    version: 3,
    signature_algorithm: 'sha256WithRSAEncryption',
    signature_algorithm_oid: '1.2.840.113549.1.1.11',
    key_usage: ['digital-signature', 'non-repudiation'],
    extended_key_usage: [],
    policies: [
      {
        oid: '1.2.410.200005.1.1.1',
        purpose: 'personal-general',
        ca: 'yessign',
        cps_uri: 'http://cps.dojang.test/cps.htm',
        notice: '이 인증서는 공인인증서입니다',
      },
    ],
    crl_urls: ['http://crl.dojang.test/ca2/dp1.crl'],
    ocsp_urls: ['http://ocsp.dojang.test:4612'],
    identity_real_name: '홍길동',
    is_ca: false,
    ...hongStructure,
    serial_decimal: BigInt(`0x${hong.serial}`).toString(),
  },
  [kim.id]: {
    summary: summaryOf(kim),
    subject_attributes: [
      { name: 'C', oid: '2.5.4.6', value: 'kr' },
      { name: 'O', oid: '2.5.4.10', value: 'KICA' },
      { name: 'OU', oid: '2.5.4.11', value: 'personal4IB' },
      { name: 'OU', oid: '2.5.4.11', value: 'KMB' },
      { name: 'CN', oid: '2.5.4.3', value: '김철수()0011223344556677' },
    ],
    issuer_attributes: [
      { name: 'C', oid: '2.5.4.6', value: 'kr' },
      { name: 'O', oid: '2.5.4.10', value: 'KICA' },
      { name: 'OU', oid: '2.5.4.11', value: 'AccreditedCA' },
      { name: 'CN', oid: '2.5.4.3', value: 'signGATE CA5' },
    ],
    version: 3,
    signature_algorithm: 'sha256WithRSAEncryption',
    signature_algorithm_oid: '1.2.840.113549.1.1.11',
    key_usage: ['digital-signature', 'non-repudiation'],
    extended_key_usage: ['1.3.6.1.5.5.7.3.2'],
    policies: [{ oid: '1.2.410.200004.5.2.1.7.1', purpose: 'personal-banking', ca: 'KICA', cps_uri: null, notice: null }],
    crl_urls: [],
    ocsp_urls: [],
    identity_real_name: null,
    is_ca: false,
    ...kimStructure,
    serial_decimal: BigInt(`0x${kim.serial}`).toString(),
  },
  [corporate.id]: {
    summary: summaryOf(corporate),
    subject_attributes: [
      { name: 'C', oid: '2.5.4.6', value: 'kr' },
      { name: 'O', oid: '2.5.4.10', value: 'CrossCert' },
      { name: 'OU', oid: '2.5.4.11', value: 'CORP' },
      { name: 'OU', oid: '2.5.4.11', value: 'CrossCert' },
      { name: 'CN', oid: '2.5.4.3', value: '(주)도장 테스트()0098765432101234' },
    ],
    issuer_attributes: [
      { name: 'C', oid: '2.5.4.6', value: 'kr' },
      { name: 'O', oid: '2.5.4.10', value: 'CrossCert' },
      { name: 'OU', oid: '2.5.4.11', value: 'AccreditedCA' },
      { name: 'CN', oid: '2.5.4.3', value: 'CrossCertCA4' },
    ],
    version: 3,
    signature_algorithm: 'sha256WithRSAEncryption',
    signature_algorithm_oid: '1.2.840.113549.1.1.11',
    key_usage: ['digital-signature', 'non-repudiation'],
    extended_key_usage: [],
    policies: [{ oid: '1.2.410.200004.5.4.1.2', purpose: 'corporate-general', ca: 'CrossCert', cps_uri: null, notice: null }],
    crl_urls: [],
    ocsp_urls: [],
    identity_real_name: null,
    is_ca: false,
    ...corporateStructure,
    serial_decimal: BigInt(`0x${corporate.serial}`).toString(),
  },
};

/** The distribution the mocked backend answers unless a test says otherwise. */
export const distributionFixture: Distribution = {
  product_name: '도장',
  product_name_en: 'Dojang',
  accent_color: null,
  logo: null,
  support: { phone: '1577-8787', url: 'https://www.dojang.test/support', hours: '평일 9:00–18:00' },
  cas: [{ name: '도장 인증센터', cmp_url: 'https://ca.dojang.test/cmp' }],
  sandbox: false,
};

/** A registration number the mock accepts (docs/cmp-profile.md's example shape). */
export const SAMPLE_REGISTRATION_NUMBER = '12345678AbCdEfGhIjKlMnOpQrS';
/** A temporary code, an application and a business number the mock accepts. */
export const SAMPLE_TEMP_CODE = 'aB3dE6gH9j';
export const SAMPLE_APPLICATION = '20261125001';
export const SAMPLE_BUSINESS_NUMBER = '124-81-00998';
/** What the issue.html files of the mock say. */
export const sampleInvitation = { ca: 'https://ca.dojang.test/cmp', application: SAMPLE_APPLICATION };

/** The ID of a certificate the mocked CA issues, and of Kim's certificate once renewed. */
export const ISSUED_ID = 'feed0001'.repeat(8);
export const RENEWED_ID = 'beef0001'.repeat(8);

/** The certificate the mocked CA issues, where the request asked for it. */
export function issuedCertificate(to: StoreTarget): ListedCertificate {
  const root = to.kind === 'npki' ? (to.root ?? diskRoot.path) : null;
  const folder = 'cn=이도장()0055667788990011,ou=KMB,ou=personal4IB,o=yessign,c=kr';
  return {
    ...hong,
    store: to.kind,
    path: root === null ? null : `${root}\\yessign\\USER\\${folder}`,
    location: root === null ? null : root === diskRoot.path ? diskRoot : { path: root, kind: 'removable' },
    id: ISSUED_ID,
    subject: folder,
    common_name: '이도장()0055667788990011',
    owner: '이도장',
    serial: '0c0ffee1',
    not_before: '2025-11-25T15:00:00Z',
    not_after: '2026-11-26T14:59:59Z',
    days_left: 366,
    status: 'valid',
    fingerprint_sha256: fingerprint('FE'),
  };
}

/** Kim's certificate after renewal: a new one, in the same place. */
export const renewedKim: ListedCertificate = {
  ...kim,
  id: RENEWED_ID,
  serial: '2f3e4d5c',
  not_before: '2025-11-25T15:00:00Z',
  not_after: '2026-12-07T14:59:59Z',
  days_left: 377,
  status: 'valid',
  fingerprint_sha256: fingerprint('BF'),
};

/** Details for a certificate that exists only after an issuance or a renewal. */
export function detailsOfNew(listed: ListedCertificate): CertificateDetails {
  const base = listed.id === RENEWED_ID ? detailsById[kim.id] : detailsById[hong.id];
  if (base === undefined) throw new Error('no base details');
  return { ...base, summary: summaryOf(listed), serial_decimal: BigInt(`0x${listed.serial}`).toString() };
}

const yessignCa: ChainLink = {
  id: 'ca000002'.repeat(8),
  common_name: 'yessignCA Class 2',
  subject: 'cn=yessignCA Class 2,ou=AccreditedCA,o=yessign,c=kr',
  issuer: 'cn=KISA RootCA 4,ou=KISA,o=Government of Korea,c=kr',
  not_before: '2019-06-30T15:00:00Z',
  not_after: '2029-06-30T14:59:59Z',
  verified: true,
  root: false,
  pinned: false,
  anchor: false,
  ca: true,
  source: 'bundled',
};

const kisaRoot: ChainLink = {
  id: 'ca000001'.repeat(8),
  common_name: 'KISA RootCA 4',
  subject: 'cn=KISA RootCA 4,ou=KISA,o=Government of Korea,c=kr',
  issuer: 'cn=KISA RootCA 4,ou=KISA,o=Government of Korea,c=kr',
  not_before: '2016-07-06T15:00:00Z',
  not_after: '2036-07-06T14:59:59Z',
  verified: true,
  root: true,
  pinned: true,
  anchor: true,
  ca: true,
  source: 'distribution',
};

function linkOf(listed: ListedCertificate, verified: boolean): ChainLink {
  return {
    id: listed.id,
    common_name: listed.common_name,
    subject: listed.subject,
    issuer: listed.issuer,
    not_before: listed.not_before,
    not_after: listed.not_after,
    verified,
    root: false,
    pinned: false,
    anchor: false,
    ca: false,
    source: 'subject',
  };
}

/** A chain validated now: complete when it reaches its root, valid with no problem. */
function checkedNow(links: ChainLink[], complete: boolean, problem: PathProblem | null): CertificateChain {
  return { links, complete, valid: problem === null, problem, checked_at: new Date().toISOString() };
}

/**
 * Chains by certificate ID: Hong's (and new ones) complete to a pinned root;
 * Kim's stops at the certificate itself (its CA's certificate is not known);
 * the corporate one reaches its CA but no root.
 */
export function chainOf(id: string, listed: ListedCertificate | undefined): CertificateChain {
  if (listed === undefined) return checkedNow([], false, { kind: 'issuer-not-found', link: 0 });
  if (listed.ca === 'KICA') {
    return checkedNow([linkOf(listed, false)], false, { kind: 'issuer-not-found', link: 0 });
  }
  if (listed.ca === 'CrossCert') {
    return checkedNow(
      [
        linkOf(listed, true),
        {
          id: 'ca000003'.repeat(8),
          common_name: 'CrossCertCA4',
          subject: 'cn=CrossCertCA4,ou=AccreditedCA,o=CrossCert,c=kr',
          issuer: 'cn=KISA RootCA 4,ou=KISA,o=Government of Korea,c=kr',
          not_before: '2019-06-30T15:00:00Z',
          not_after: '2029-06-30T14:59:59Z',
          verified: false,
          root: false,
          pinned: false,
          anchor: false,
          ca: true,
          source: 'issuance',
        },
      ],
      false,
      { kind: 'issuer-not-found', link: 1 },
    );
  }
  return checkedNow([linkOf({ ...listed, id }, true), yessignCa, kisaRoot], true, null);
}

/**
 * What the backend's verification answers for a certificate: its chain as
 * above and a status like the CA's own. A complete chain is good by OCSP (just
 * now); a chain that stops short has nobody to ask (its CA's certificate is
 * unknown); one revoked here says so.
 */
export function verificationOf(
  id: string,
  listed: ListedCertificate | undefined,
  revoked: Revocation | undefined,
): Verification {
  const chain = chainOf(id, listed);
  const now = new Date().toISOString();
  const unknown: CertificateStatus = {
    verdict: 'unknown',
    source: null,
    url: null,
    this_update: null,
    next_update: null,
    checked_at: now,
    revoked_at: null,
    reason: null,
    from_cache: false,
    problems: [{ url: null, kind: 'issuer-not-found' }],
    last_good: null,
  };
  const certificate: CertificateStatus =
    revoked !== undefined
      ? {
          ...unknown,
          verdict: 'revoked',
          source: 'local',
          this_update: revoked.known_since,
          revoked_at: revoked.known_since,
          reason: revoked.reason,
          problems: [],
        }
      : chain.valid
        ? {
            ...unknown,
            verdict: 'good',
            source: 'ocsp',
            url: 'http://ocsp.example.kr:4612/',
            this_update: now,
            next_update: new Date(Date.now() + 3_600_000).toISOString(),
            problems: [],
          }
        : unknown;
  const verdict: Overall =
    certificate.verdict === 'revoked' ? 'revoked' : !chain.valid ? 'path-broken' : certificate.verdict;
  return { id, verdict, chain, status: { verdict: certificate.verdict, certificate, authorities: [] } };
}
