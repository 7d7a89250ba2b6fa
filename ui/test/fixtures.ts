/**
 * What the mocked backend answers, typed with the generated bindings so a
 * change on the Rust side breaks the fixtures at compile time.
 */
import type { CertificateList } from '../src/bindings/CertificateList';
import type { ErrorInfo } from '../src/bindings/ErrorInfo';
import type { ListedCertificate } from '../src/bindings/ListedCertificate';
import type { NpkiRoot } from '../src/bindings/NpkiRoot';

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
  not_before: '2026-01-11T15:00:00Z',
  not_after: '2027-01-12T14:59:59Z',
  days_left: 412,
  status: 'valid',
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
