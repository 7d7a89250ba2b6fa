import { describe, expect, it } from 'vitest';

import type { ErrorInfo } from './bindings/ErrorInfo';
import type { IssuePath } from './bindings/IssuePath';
import codeVectors from './bindings/vectors/code-checks.json';
import { codeErrorRoom } from './components/issue/wizardForm';
import { describeError } from './errors';
import { LANGUAGES, translator } from './i18n/catalog';
import { codeFieldOf } from './issue';

/** How wide a sentence is, roughly, in half-em units: a Hangul or other full-width character counts two. */
function width(text: string): number {
  let units = 0;
  for (const character of text) units += /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/u.test(character) ? 2 : 1;
  return units;
}

describe('the room kept under a code field', () => {
  it.each(LANGUAGES)('%s: is as wide as any mistake the window finds in the backend’s vectors', (lang) => {
    const t = translator(lang);
    const mistakes = (codeVectors as { path: IssuePath; mistakes: ErrorInfo[] }[]).flatMap((vector) => vector.mistakes);
    expect(mistakes.length).toBeGreaterThan(5);
    for (const mistake of mistakes) {
      const field = codeFieldOf(mistake.code);
      if (field === null) continue;
      const widest = Math.max(...codeErrorRoom(t, lang, field).map(width));
      expect(width(describeError(lang, mistake).text), `${mistake.code} ${JSON.stringify(mistake.params)}`).toBeLessThanOrEqual(
        widest,
      );
    }
  });
});
