import { describe, expect, it } from 'vitest';

import type { ListedCertificate } from './bindings/ListedCertificate';
import type { SignCandidate } from './bindings/SignCandidate';
import { describeError } from './errors';
import { catalogs, LANGUAGES } from './i18n/catalog';
import { DELIVERY_FAILURES, FLAG_WORDS, hexGroups, originOfLink, splitCandidates, textRuns, UNFIT_WORDS } from './sign';

describe('a signing link’s origin', () => {
  it('is the request URL’s origin, with its port when not the default', () => {
    expect(originOfLink('dojang://sign?request=https%3A%2F%2Fbank.example%2Frp%2F8f1c')).toBe('https://bank.example');
    expect(originOfLink('dojang://sign?request=https%3A%2F%2Fbank.example%3A8443%2Frp')).toBe('https://bank.example:8443');
    expect(originOfLink('dojang://sign?request=http%3A%2F%2F127.0.0.1%3A9000%2Frp')).toBe('http://127.0.0.1:9000');
  });

  it('is unknown when the link cannot be read that far', () => {
    expect(originOfLink('dojang://sign?other=1')).toBeNull();
    expect(originOfLink('not a link')).toBeNull();
    expect(originOfLink('https://bank.example/?request=https%3A%2F%2Fbank.example')).toBeNull();
    expect(originOfLink('dojang://sign?request=javascript%3Aalert(1)')).toBeNull();
  });
});

describe('the request’s text', () => {
  it('is cut into runs around the names of hidden and reordering characters, and nothing is lost', () => {
    const text = '받는 분: 김도장⟨U+202E⟩000,05 ⟨U+200B⟩\n<b>확인</b>';
    const runs = textRuns(text);
    expect(runs).toEqual([
      { text: '받는 분: 김도장', named: false },
      { text: '⟨U+202E⟩', named: true },
      { text: '000,05 ', named: false },
      { text: '⟨U+200B⟩', named: true },
      { text: '\n<b>확인</b>', named: false },
    ]);
    expect(runs.map((run) => run.text).join('')).toBe(text);
    expect(textRuns('')).toEqual([]);
    expect(textRuns('⟨U+1F600⟩')).toEqual([{ text: '⟨U+1F600⟩', named: true }]);
  });
});

describe('a SHA-256 as shown', () => {
  it('is eight groups of eight digits that join back to the value', () => {
    const hash = 'ab'.repeat(32);
    expect(hexGroups(hash)).toHaveLength(8);
    expect(hexGroups(hash).join('')).toBe(hash);
  });
});

describe('the candidates', () => {
  const listed = (id: string) => ({ id }) as ListedCertificate;
  it('keep the backend’s order, the fit ones apart from those that cannot answer', () => {
    const candidates: SignCandidate[] = [
      { listed: listed('a'), unfit: null },
      { listed: listed('b'), unfit: null },
      { listed: listed('c'), unfit: 'expired' },
    ];
    const { fit, unfit } = splitCandidates(candidates);
    expect(fit.map((candidate) => candidate.listed.id)).toEqual(['a', 'b']);
    expect(unfit.map((candidate) => [candidate.listed.id, candidate.unfit])).toEqual([['c', 'expired']]);
  });
});

describe('the words of signing', () => {
  it.each(LANGUAGES)('%s: every reason and flag has words, and every delivery failure a sentence', (lang) => {
    for (const key of [...Object.values(UNFIT_WORDS), ...Object.values(FLAG_WORDS)]) {
      expect(catalogs[lang][key].trim()).not.toBe('');
    }
    for (const code of DELIVERY_FAILURES) {
      expect(describeError(lang, { code, params: { status: '503' } }).text).not.toContain('{');
    }
  });
});
