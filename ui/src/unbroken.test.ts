import { describe, expect, it } from 'vitest';

import { translator } from './i18n/catalog';
import { unbrokenParts } from './unbroken';

const whole = (text: string) => unbrokenParts(text).filter((part) => part.whole).map((part) => part.text);

describe('unbrokenParts', () => {
  it('keeps a number with its unit, and its bracket, together', () => {
    expect(whole('Reference number 12345678 (19-character authorization code entered)')).toEqual(['(19-character']);
    expect(whole('the 10-character temporary issuance code and at least 10 characters')).toEqual([
      '10-character',
      '10 characters',
    ]);
    expect(whole('The issuance e-mail, a one-time code')).toEqual(['e-mail']);
  });

  it('keeps a short note in brackets on one line, a long one only around its number', () => {
    expect(whole('참조번호 12345678 (인가코드 19자리 입력함)')).toEqual(['(인가코드 19자리 입력함)']);
    expect(whole('A registration number (27 characters)')).toEqual(['(27 characters)']);
    expect(whole('신청번호 20261125001 (임시번호와 주민·사업자등록번호 입력함)')).toEqual([]);
  });

  it('loses nothing: the runs joined are the text', () => {
    for (const lang of ['ko', 'en'] as const) {
      const t = translator(lang);
      for (const text of [
        t('issue.summary.registration', { reference: '12345678' }),
        t('issue.summary.temporary', { application: '20261125001' }),
        t('issue.path.registration'),
        t('issue.keyType.rsa2048'),
      ]) {
        expect(unbrokenParts(text).map((part) => part.text).join('')).toBe(text);
      }
    }
  });
});
