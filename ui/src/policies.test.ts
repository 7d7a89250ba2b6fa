import { describe, expect, it } from 'vitest';

import type { PolicyView } from './bindings/PolicyView';
import { message, type MessageKey } from './i18n/catalog';
import { ANY_POLICY, policyKey, purposeKey, textLang } from './policies';

const policy = (overrides: Partial<PolicyView>): PolicyView => ({
  oid: '1.2.410.200005.1.1.1',
  purpose: 'personal-general',
  ca: 'yessign',
  cps_uri: null,
  notice: null,
  ...overrides,
});

describe('purposes and policies in words', () => {
  const t = (key: MessageKey) => message('ko', key);

  it('calls a CA’s certificate one, never “용도 미확인”', () => {
    expect(t(purposeKey('authority', true))).toBe('인증기관 인증서');
    expect(t(purposeKey('unknown', true))).toBe('인증기관 인증서');
    expect(t(purposeKey('unknown', false))).toBe('용도 미확인');
    expect(t(purposeKey('personal-general', false))).toBe('개인 범용');
  });

  it('names anyPolicy, and a policy the table does not know on a CA’s certificate as the CA’s own', () => {
    expect(t(policyKey(policy({ oid: ANY_POLICY, purpose: 'unknown', ca: null }), true))).toBe('모든 정책 (anyPolicy)');
    expect(t(policyKey(policy({ oid: '1.2.410.200004.5.1', purpose: 'unknown', ca: null }), true))).toBe('인증기관의 정책');
    expect(t(policyKey(policy({ oid: '1.2.3.4', purpose: 'unknown', ca: null }), false))).toBe('용도 미확인');
    expect(t(policyKey(policy({}), false))).toBe('개인 범용');
  });

  it('tells a Korean notice by its Hangul, so it is read in Korean in an English window', () => {
    expect(textLang('이 인증서는 공인인증서입니다')).toBe('ko');
    expect(textLang('This is a licensed certificate (공인인증서)')).toBe('ko');
    expect(textLang('This is a licensed certificate')).toBeUndefined();
  });
});
