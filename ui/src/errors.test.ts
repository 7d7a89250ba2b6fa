import { describe, expect, it } from 'vitest';

import { toErrorInfo } from './api';
import type { ErrorInfo } from './bindings/ErrorInfo';
import { describeError, errorReport, errorText } from './errors';

describe('describeError', () => {
  it('turns a known code into its sentence and keeps its parameters', () => {
    const error: ErrorInfo = {
      code: 'certificate-file-unreadable',
      params: { path: 'E:\\NPKI\\yessign\\USER\\signCert.der', detail: 'Access is denied. (os error 5)' },
    };
    expect(describeError('ko', error)).toEqual({
      text: '인증서 파일을 열 수 없습니다. 다른 프로그램이 사용 중이거나 읽기 권한이 없을 수 있습니다.',
      path: 'E:\\NPKI\\yessign\\USER\\signCert.der',
      detail: 'Access is denied. (os error 5)',
      code: 'certificate-file-unreadable',
    });
    expect(describeError('en', error).text).toBe(
      'The certificate file could not be opened. Another program may be using it, or you may not have permission to read it.',
    );
  });

  it('gives the Korean sentence for a truncated certificate', () => {
    const described = describeError('ko', { code: 'certificate-truncated', params: { path: '/x' } });
    expect(described.text).toBe('인증서 파일이 잘려 있습니다. 복사가 끝까지 되지 않았을 수 있습니다.');
    expect(described.path).toBe('/x');
    expect(described.detail).toBeNull();
  });

  it('tells a full disk from a write-protected drive, with a next step', () => {
    expect(describeError('ko', { code: 'disk-full', params: { path: 'E:\\' } }).text).toBe(
      '저장 공간이 부족합니다. 필요 없는 파일을 지우거나 다른 곳을 골라 주세요.',
    );
    expect(describeError('ko', { code: 'read-only', params: { path: 'E:\\' } }).text).toContain(
      '쓰기 보호된 USB 메모리',
    );
    expect(describeError('en', { code: 'read-only', params: {} }).text).toContain('write-protected USB drive');
  });

  it('fills in how many keys a PFX file holds', () => {
    expect(describeError('ko', { code: 'pfx-several-keys', params: { count: '2' } }).text).toContain(
      '개인키가 2개',
    );
  });

  it('still says something, with the code, for a code a newer backend might send', () => {
    const error = toErrorInfo({ code: 'pin-locked', params: { detail: 'too many tries' } });
    expect(describeError('ko', error).text).toBe('알 수 없는 문제가 생겼습니다. (오류 코드: pin-locked)');
    expect(describeError('en', error).text).toBe('An unknown problem occurred. (Error code: pin-locked)');
    expect(describeError('en', error).detail).toBe('too many tries');
    expect(describeError('en', error).code).toBe('pin-locked');
  });

  it('does not mistake a label or an inherited property for a code', () => {
    for (const code of ['where', 'unknown', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(describeError('en', toErrorInfo({ code, params: {} })).text).toBe(
        `An unknown problem occurred. (Error code: ${code})`,
      );
    }
  });

  it('says a code outside a failure by its sentence alone', () => {
    expect(errorText('ko', 'renewal-expired')).toBe('만료된 인증서는 갱신할 수 없습니다. 재발급을 받아 주세요.');
    expect(errorText('en', 'identity-data-missing')).toBe(
      'This certificate carries no identity data, so the identity check cannot be done.',
    );
  });
});

describe('toErrorInfo', () => {
  it('keeps a backend error as it is', () => {
    expect(toErrorInfo({ code: 'internal', params: { detail: 'x' } })).toEqual({
      code: 'internal',
      params: { detail: 'x' },
    });
  });

  it('accepts a backend error without params', () => {
    expect(toErrorInfo({ code: 'folder-unreadable' })).toEqual({ code: 'folder-unreadable', params: {} });
  });

  it('turns anything else into an internal error carrying its text', () => {
    expect(toErrorInfo(new TypeError('bridge gone'))).toEqual({
      code: 'internal',
      params: { detail: 'bridge gone' },
    });
    expect(toErrorInfo('command list_certificates not found')).toEqual({
      code: 'internal',
      params: { detail: 'command list_certificates not found' },
    });
    expect(toErrorInfo(undefined)).toEqual({ code: 'internal', params: { detail: 'undefined' } });
  });
});

describe('errorReport', () => {
  it('lists the code and the parameters by name, whatever order they came in', () => {
    expect(errorReport({ code: 'distribution-invalid', params: { path: 'C:\\d.json', detail: 'bad' } })).toBe(
      'code: distribution-invalid\ndetail: bad\npath: C:\\d.json',
    );
  });
});
