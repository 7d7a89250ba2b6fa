/**
 * Where a short label may not be broken at a line's end: a number with its
 * unit ("19-character", "27 characters", the bracket before them kept with
 * them), a word after a one-letter prefix ("e-mail"), and a short note in
 * brackets ("(인가코드 19자리 입력함)", "(27 characters)"), which reads as one
 * thing. Korean words already keep
 * together (`word-break: keep-all`); a hyphen or a space after a number does
 * not, so "(19-" could end one line and "character …" begin the next.
 */

/** A run of the text, and whether it must stay on one line. */
export interface TextPart {
  text: string;
  whole: boolean;
}

/** A note in brackets: kept whole when it is this narrow (see `width`), so it fits the narrowest column. */
const SHORT_NOTE = 30;

const NOTE = /\([^()]*\)/gu;
/** A number and its unit ("(19-character", "27 characters"), or a word after a one-letter prefix ("e-mail"). */
const NUMBER_WITH_UNIT = /\(?\d[\d,.]*[-\u2011 ]\p{L}+\)?|(?<!\p{L})\p{L}-\p{L}+/gu;

/** How wide a run is, roughly, in half-em units: a Hangul or other full-width character counts two. */
function width(text: string): number {
  let units = 0;
  for (const character of text) units += /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/u.test(character) ? 2 : 1;
  return units;
}

/** Splits `text` around the runs `pattern` finds; `keep` says which of them stay whole, `rest` splits the others. */
function split(
  text: string,
  pattern: RegExp,
  keep: (run: string) => boolean,
  rest: (run: string) => TextPart[],
): TextPart[] {
  const parts: TextPart[] = [];
  let from = 0;
  for (const match of text.matchAll(pattern)) {
    const run = match[0];
    if (match.index > from) parts.push(...rest(text.slice(from, match.index)));
    parts.push(...(keep(run) ? [{ text: run, whole: true }] : rest(run)));
    from = match.index + run.length;
  }
  if (from < text.length) parts.push(...rest(text.slice(from)));
  return parts;
}

function numbersWithUnits(text: string): TextPart[] {
  return split(text, NUMBER_WITH_UNIT, () => true, (run) => [{ text: run, whole: false }]);
}

/** The text in runs, those that must not be broken marked `whole`; joined, they are the text. */
export function unbrokenParts(text: string): TextPart[] {
  return split(text, NOTE, (note) => width(note) <= SHORT_NOTE, numbersWithUnits);
}
