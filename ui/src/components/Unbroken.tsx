import { unbrokenParts } from '../unbroken';

/**
 * A short label as text whose units never part at a line's end: a number
 * stays with its unit and a short note in brackets stays on one line
 * (`unbroken.ts`). Screen readers hear the same text.
 */
export function Unbroken({ text }: { text: string }) {
  return (
    <>
      {unbrokenParts(text).map((part, index) =>
        part.whole ? (
          // The parts of one text never move: their place is their identity.
          <span key={index} className="unbroken">
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
