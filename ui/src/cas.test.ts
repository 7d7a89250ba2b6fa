import { describe, expect, it } from 'vitest';

import { caName } from './cas';
import { message, type MessageKey } from './i18n/catalog';

const ko = (key: MessageKey) => message('ko', key);
const en = (key: MessageKey) => message('en', key);

describe('caName', () => {
  it('names the known CAs in words, whatever the case of their folder', () => {
    expect(caName('yessign', ko)).toBe('금융결제원');
    expect(caName('YESSIGN', ko)).toBe('금융결제원');
    expect(caName('KICA', ko)).toBe('한국정보인증');
    expect(caName('yessign', en)).toBe('KFTC (yessign)');
    expect(caName('TradeSign', en)).toBe('KTNET (TradeSign)');
  });

  it('says a CA named in Korean or in English in the language of the window', () => {
    expect(caName('금융결제원', en)).toBe('KFTC (yessign)');
    expect(caName('한국정보인증', en)).toBe('KICA');
    expect(caName('한국정보인증(주)', en)).toBe('KICA');
    expect(caName('코스콤', en)).toBe('Koscom (SignKorea)');
    expect(caName('한국전자인증', en)).toBe('CrossCert');
    expect(caName('한국무역정보통신', en)).toBe('KTNET (TradeSign)');
    expect(caName('KFTC (yessign)', ko)).toBe('금융결제원');
    expect(caName('금융결제원', ko)).toBe('금융결제원');
  });

  it('keeps the name of a CA it does not know', () => {
    expect(caName('INIPASS', ko)).toBe('INIPASS');
    expect(caName('도장 시험 CA', en)).toBe('도장 시험 CA');
  });
});
