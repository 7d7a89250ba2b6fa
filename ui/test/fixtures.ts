/**
 * What the mocked backend answers, typed with the generated bindings so a
 * change on the Rust side breaks the fixtures at compile time.
 */
import type { Accept } from '../src/bindings/Accept';
import type { CertificateChain } from '../src/bindings/CertificateChain';
import type { CertificateCopy } from '../src/bindings/CertificateCopy';
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
import type { SignatureRecord } from '../src/bindings/SignatureRecord';
import type { SignedView } from '../src/bindings/SignedView';
import type { SignPurpose } from '../src/bindings/SignPurpose';
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

/** Hong's certificate alone, on this computer: one place, so no place to choose. */
export const onePlace: CertificateList = {
  certificates: [hong],
  unreadable: [],
  searched_roots: [diskRoot],
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
/** Where the thousand certificates below are kept, in turn. */
const THOUSAND_PLACES: { store: ListedCertificate['store']; root: NpkiRoot | null }[] = [
  { store: 'npki', root: diskRoot },
  { store: 'npki', root: usbRoot },
  { store: 'npki', root: extraRoot },
  { store: 'keychain', root: null },
];

/** The CAs the thousand are issued by, in turn: the three samples' and two more. */
const THOUSAND_CAS: { ca: string; issuerCn: string; template: ListedCertificate }[] = [
  { ca: 'yessign', issuerCn: 'yessignCA Class 2', template: hong },
  { ca: 'KICA', issuerCn: 'signGATE CA5', template: kim },
  { ca: 'CrossCert', issuerCn: 'CrossCertCA4', template: corporate },
  { ca: 'SignKorea', issuerCn: 'SignKorea CA5', template: hong },
  { ca: 'TradeSign', issuerCn: 'TradeSignCA4', template: hong },
];

const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안', '송'];
const GIVEN = ['민준', '서연', '도윤', '하은', '시우', '지우', '주원', '서윤', '예준', '지민', '현우', '수아', '건우', '채원'];

/** Today in the fixtures' world (Kim's 12 days left end on 2025-12-07). */
const FIXTURE_TODAY = Date.parse('2025-11-25T15:00:00Z');
const DAY_MS = 86_400_000;

/**
 * Certificate `n` of a tax accountant's thousand: an owner of its own (a
 * person, or now and then a company), one of five CAs, an expiry from two
 * months ago to two years ahead, one of four places. Made from the samples,
 * so everything the window reads is there; its details are not (none opens).
 */
function oneOfThousand(n: number): ListedCertificate {
  const place = THOUSAND_PLACES[n % THOUSAND_PLACES.length] ?? THOUSAND_PLACES[0];
  const issuer = THOUSAND_CAS[Math.floor(n / 4) % THOUSAND_CAS.length] ?? THOUSAND_CAS[0];
  if (place === undefined || issuer === undefined) throw new Error('no places or CAs');
  const person = `${SURNAMES[n % SURNAMES.length] ?? ''}${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length] ?? ''}`;
  const owner = n % 10 === 9 ? `(주)${person}세무회계 ${String(n).padStart(4, '0')}` : `${person} ${String(n).padStart(4, '0')}`;
  const daysLeft = ((n * 37) % 860) - 60;
  const notAfter = new Date(FIXTURE_TODAY + daysLeft * DAY_MS);
  notAfter.setUTCHours(14, 59, 59, 0);
  const notBefore = new Date(notAfter.getTime() - 365 * DAY_MS);
  const serial = (0x10000000 + n).toString(16);
  const common = `${owner}()00${String(1_000_000_000_000 + n)}`;
  const subject = `cn=${common},ou=KMB,ou=personal4IB,o=${issuer.ca},c=kr`;
  return {
    ...issuer.template,
    store: place.store,
    location: place.root,
    path: place.root === null ? null : `${place.root.path}\\${issuer.ca}\\USER\\${subject}`,
    id: serial.padStart(8, '0').repeat(8),
    subject,
    common_name: common,
    owner,
    issuer: `cn=${issuer.issuerCn},ou=AccreditedCA,o=${issuer.ca},c=kr`,
    issuer_common_name: issuer.issuerCn,
    ca: issuer.ca,
    serial,
    not_before: notBefore.toISOString().replace('.000Z', 'Z'),
    not_after: notAfter.toISOString().replace('.000Z', 'Z'),
    days_left: daysLeft,
    status: daysLeft < 0 ? 'expired' : daysLeft <= 30 ? 'expiring-soon' : 'valid',
    revoked: null,
  };
}

/** How many certificates the `thousand` scenario lists. */
export const THOUSAND = 1000;

/** A tax office's thousand certificates, with the three samples among them (Hong's first). */
export const thousand: CertificateList = {
  certificates: [hong, kim, corporate, ...Array.from({ length: THOUSAND - 3 }, (_, n) => oneOfThousand(n))],
  unreadable: [],
  searched_roots: [diskRoot, usbRoot, extraRoot],
};

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
  relying_parties: [{ name: '도장은행', origin: 'https://bank.dojang.test' }],
  unlisted_sites: 'warn',
};

/** The bank the fixture distribution signs for, by its origin and the name it gives it. */
export const BANK_ORIGIN = 'https://bank.dojang.test';
export const BANK_NAME = '도장은행';

/**
 * A site's signing request as the mocked site serves it (docs/signing.md, “The request”):
 * what the window is told of it once checked, and what decides the rest (which certificates
 * it accepts, its callback, its expiry), as the backend reads them.
 */
export interface SiteRequest {
  purpose: SignPurpose;
  /** The text exactly as sent: reordering and hidden characters included, as the backend meets them. */
  text: string;
  /** What is signed (the text, the data in the request, a document by its SHA-256). */
  signs: SignedView;
  /** A login carrying the site's certificate: the identity data is sealed to it. */
  relyingPartyCertificate: boolean;
  accept: Accept;
  /** Where the answer goes; null: the request's own origin. */
  callback: string | null;
  /** Until when the site waits (RFC 3339). */
  expires: string;
}

/** The bank's login: the text, a challenge of 32 bytes to sign, the identity check, any certificate. */
export const bankLogin: SiteRequest = {
  purpose: 'login',
  text: '도장은행 인터넷뱅킹에 로그인합니다.\n접속 번호: 4821',
  signs: { kind: 'data', bytes: 32, sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
  relyingPartyCertificate: true,
  accept: { policies: [], issuers: [] },
  callback: null,
  expires: '2030-01-15T05:30:00Z',
};

/** A transfer to sign, by its text. */
export const bankTransfer: SiteRequest = {
  purpose: 'sign',
  text: '받는 분: 김도장\n받는 계좌: 도장은행 110-123-456789\n보내는 금액: 50,000원',
  signs: { kind: 'text' },
  relyingPartyCertificate: false,
  accept: { policies: [], issuers: [] },
  callback: null,
  expires: '2030-01-15T05:30:00Z',
};

/** What a link to a request at `url` looks like (`SignLink::to_link`). */
export function signLinkTo(url: string): string {
  return `dojang://sign?request=${encodeURIComponent(url)}`;
}

/** An answer a mocked site received at its callback. */
export interface PostedAnswer {
  origin: string;
  status: 'signed' | 'cancelled';
  /** The copy that signed, for a signed answer. */
  certificate: CertificateCopy | null;
}

/** The signatures each certificate made before, newest first, as the app's history keeps them. */
export const signatureHistoryFixture: Record<string, SignatureRecord[]> = {
  [hong.id]: [
    { origin: 'https://bank.dojang.test', name: '도장은행', purpose: 'login', at: '2025-11-24T05:12:00Z' },
    { origin: 'https://shop.example.com:8443', name: null, purpose: 'sign', at: '2025-11-20T01:03:00Z' },
  ],
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

/**
 * The moment the mocked backend checks paths and statuses at: the fixtures'
 * "today" (Kim's certificate has 12 days left), 14:03 in Seoul.
 */
export const CHECKED_AT = '2025-11-25T05:03:00Z';

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

/** A chain validated at `CHECKED_AT`: complete when it reaches its root, valid with no problem. */
function checkedAt(links: ChainLink[], complete: boolean, problem: PathProblem | null): CertificateChain {
  return { links, complete, valid: problem === null, problem, checked_at: CHECKED_AT };
}

/**
 * How a test may break Hong's (or a new certificate's) complete path: a CA
 * whose signature does not verify, a root nobody trusts, a CA that expired.
 */
export type PathCase = 'complete' | 'bad-signature-at-ca' | 'untrusted-root' | 'expired-ca';

function completePath(listed: ListedCertificate, id: string, path: PathCase): CertificateChain {
  const self = linkOf({ ...listed, id }, true);
  switch (path) {
    case 'complete':
      return checkedAt([self, yessignCa, kisaRoot], true, null);
    case 'bad-signature-at-ca':
      return checkedAt([self, { ...yessignCa, verified: false }, kisaRoot], false, { kind: 'bad-signature', link: 1 });
    case 'untrusted-root': {
      const stranger: ChainLink = {
        ...kisaRoot,
        id: 'ca00000f'.repeat(8),
        common_name: 'KISA Test RootCA 7',
        subject: 'cn=KISA Test RootCA 7,ou=KISA,o=KISA,c=kr',
        issuer: 'cn=KISA Test RootCA 7,ou=KISA,o=KISA,c=kr',
        pinned: false,
        anchor: false,
        source: 'ca-pubs',
      };
      return checkedAt([self, { ...yessignCa, source: 'ca-pubs' }, stranger], true, { kind: 'untrusted-root', link: 2 });
    }
    case 'expired-ca':
      return checkedAt(
        [self, { ...yessignCa, not_before: '2015-06-30T15:00:00Z', not_after: '2025-06-30T14:59:59Z' }, kisaRoot],
        true,
        { kind: 'expired', link: 1 },
      );
  }
}

/**
 * Chains by certificate ID: Hong's (and new ones) complete to a pinned root;
 * Kim's stops at the certificate itself (its CA's certificate is not known);
 * the corporate one reaches its CA, whose signature is not checked, and has expired.
 * A path a test asks for (`VerifyCase.path`) is drawn for any of them.
 */
export function chainOf(id: string, listed: ListedCertificate | undefined, path?: PathCase): CertificateChain {
  if (listed === undefined) return checkedAt([], false, { kind: 'issuer-not-found', link: 0 });
  if (listed.ca === 'KICA' && path === undefined) {
    return checkedAt([linkOf(listed, false)], false, { kind: 'issuer-not-found', link: 0 });
  }
  if (listed.ca === 'CrossCert' && path === undefined) {
    return checkedAt(
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
      { kind: 'expired', link: 0 },
    );
  }
  return completePath(listed, id, path ?? 'complete');
}

const OCSP_URL = 'http://ocsp.yessign.org:4612/';
const CRL_URL = 'ldap://ds.yessign.org:389/ou=dp5p12345,ou=AccreditedCA,o=yessign,c=kr?certificateRevocationList;binary';

/** Nothing could be believed: the base every status below starts from. */
const unknownStatus: CertificateStatus = {
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

/** Statuses a test may have the mocked backend answer with. */
export const STATUSES = {
  /** OCSP, asked just now. */
  'good-ocsp': {
    ...unknownStatus,
    verdict: 'good',
    source: 'ocsp',
    url: OCSP_URL,
    this_update: CHECKED_AT,
    next_update: '2025-11-25T06:03:00Z',
  },
  /** OCSP, an answer made at 12:00 and kept in the cache. */
  'good-ocsp-saved': {
    ...unknownStatus,
    verdict: 'good',
    source: 'ocsp',
    url: OCSP_URL,
    this_update: '2025-11-25T03:00:00Z',
    next_update: '2025-11-25T09:00:00Z',
    from_cache: true,
  },
  /** The responder said "try later"; the CRL answered. */
  'good-crl-after-ocsp': {
    ...unknownStatus,
    verdict: 'good',
    source: 'crl',
    url: CRL_URL,
    this_update: '2025-11-25T00:00:00Z',
    next_update: '2025-11-26T00:00:00Z',
    problems: [{ url: OCSP_URL, kind: 'responder-refused', status: 'tryLater' }],
  },
  /** OCSP says revoked: on 20 November at 10:30 in Seoul, its key compromised. */
  'revoked-ocsp': {
    ...unknownStatus,
    verdict: 'revoked',
    source: 'ocsp',
    url: OCSP_URL,
    this_update: CHECKED_AT,
    next_update: '2025-11-25T06:03:00Z',
    revoked_at: '2025-11-20T01:30:00Z',
    reason: 'keyCompromise',
  },
  /** Offline, nothing fresh saved; a good answer was had on 24 November at 12:00. */
  'unknown-offline': {
    ...unknownStatus,
    problems: [{ url: null, kind: 'offline' }],
    last_good: '2025-11-24T03:00:00Z',
  },
  /** The responder refused and the CRL's server failed; nothing was ever had. */
  'unknown-responder': {
    ...unknownStatus,
    problems: [
      { url: OCSP_URL, kind: 'responder-refused', status: 'tryLater' },
      { url: CRL_URL, kind: 'unreachable', detail: 'connection refused (os error 111)' },
    ],
  },
  /** No CA certificate to check an answer with. */
  'unknown-no-issuer': { ...unknownStatus, problems: [{ url: null, kind: 'issuer-not-found' }] },
} satisfies Record<string, CertificateStatus>;

export type StatusCase = keyof typeof STATUSES;

/**
 * What a test has the mocked backend say of one certificate: its path, and
 * its status when read from the cache (`saved`, `verify_certificate` without
 * refresh and `verify_certificates`) and when asked now (`fresh`, "check now").
 */
export interface VerifyCase {
  path?: PathCase;
  saved?: StatusCase;
  fresh?: StatusCase;
}

/** The CA's own status on a good path: its ARL, kept in the cache. */
const yessignCaStatus: CertificateStatus = {
  ...unknownStatus,
  verdict: 'good',
  source: 'crl',
  url: 'ldap://ds.yessign.org:389/ou=arl,ou=AccreditedCA,o=yessign,c=kr?authorityRevocationList;binary',
  this_update: '2025-11-24T15:00:00Z',
  next_update: '2025-11-25T15:00:00Z',
  from_cache: true,
};

/**
 * What the backend's verification answers for a certificate: its chain as
 * above and a status like the CA's own. A valid chain is good by OCSP (saved
 * earlier today, or asked just now when `refresh`); a chain without its CA has
 * nobody to ask; one revoked here says so. A test may say otherwise (`VerifyCase`).
 */
export function verificationOf(
  id: string,
  listed: ListedCertificate | undefined,
  revoked: Revocation | undefined,
  refresh: boolean,
  asked: VerifyCase = {},
): Verification {
  const chain = chainOf(id, listed, asked.path);
  const chosen = refresh ? asked.fresh : asked.saved;
  const certificate: CertificateStatus =
    revoked !== undefined
      ? {
          ...unknownStatus,
          verdict: 'revoked',
          source: 'local',
          this_update: revoked.known_since,
          revoked_at: revoked.known_since,
          reason: revoked.reason,
        }
      : chosen !== undefined
        ? STATUSES[chosen]
        : chain.links.length >= 2 && chain.links[1]?.verified === true
          ? STATUSES[refresh ? 'good-ocsp' : 'good-ocsp-saved']
          : STATUSES['unknown-no-issuer'];
  const onPath = chain.links.some((link) => link.id === yessignCa.id);
  const authorities = onPath ? [{ id: yessignCa.id, common_name: yessignCa.common_name, status: yessignCaStatus }] : [];
  const verdict: Overall =
    certificate.verdict === 'revoked' ? 'revoked' : !chain.valid ? 'path-broken' : certificate.verdict;
  return { id, verdict, chain, status: { verdict: certificate.verdict, certificate, authorities } };
}

/**
 * A CA's certificate, as a file opened with the app: yessignCA Class 2 under
 * KISA RootCA 4, with anyPolicy, its CPS and the notice the CA wrote in Korean.
 * Its extensions, PEM and ASN.1 are Kim's sample's (test/structures.ts has no CA).
 */
export const caCertificateDetails: CertificateDetails = {
  summary: {
    id: yessignCa.id,
    subject: yessignCa.subject,
    common_name: yessignCa.common_name,
    owner: yessignCa.common_name,
    issuer: yessignCa.issuer,
    issuer_common_name: 'KISA RootCA 4',
    ca: 'yessign',
    purpose: 'authority',
    policy_oid: '2.5.29.32.0',
    serial: '0102',
    not_before: yessignCa.not_before,
    not_after: yessignCa.not_after,
    days_left: 1312,
    status: 'valid',
    revoked: null,
    key_algorithm: 'RSA 2048',
    fingerprint_sha256: fingerprint('CA'),
  },
  subject_attributes: yessignIssuer,
  issuer_attributes: [
    { name: 'C', oid: '2.5.4.6', value: 'kr' },
    { name: 'O', oid: '2.5.4.10', value: 'Government of Korea' },
    { name: 'OU', oid: '2.5.4.11', value: 'KISA' },
    { name: 'CN', oid: '2.5.4.3', value: 'KISA RootCA 4' },
  ],
  version: 3,
  signature_algorithm: 'sha256WithRSAEncryption',
  signature_algorithm_oid: '1.2.840.113549.1.1.11',
  key_usage: ['key-cert-sign', 'crl-sign'],
  extended_key_usage: [],
  policies: [
    {
      oid: '2.5.29.32.0',
      purpose: 'unknown',
      ca: null,
      cps_uri: 'http://www.rootca.or.kr/rca/cps.html',
      notice: '이 인증서는 공인인증기관이 발급한 인증서입니다(This certificate was issued by a licensed CA)',
    },
  ],
  crl_urls: ['ldap://dir.signkorea.com:389/ou=dp1p1,ou=AccreditedCA,o=Government of Korea,c=kr?authorityRevocationList'],
  ocsp_urls: [],
  identity_real_name: null,
  is_ca: true,
  ...kimStructure,
  serial_decimal: '258',
};

/** The certificate in a file opened with the app: the CA's for a `yessignCA…` file, else Hong's. */
export function fileDetails(path: string): CertificateDetails | undefined {
  return /yessignCA/i.test(path) ? caCertificateDetails : Object.values(detailsById)[0];
}
