import type { KeyboardEvent } from 'react';

/** Input types where Enter submits a form. */
const SUBMITTING_INPUTS = new Set(['text', 'password', 'search', 'tel', 'email', 'url', 'number']);

/**
 * Whether a key event belongs to an IME composition. While Hangul is being
 * composed, the Enter that commits the syllable must not submit anything.
 * WebKit reports that Enter as keyCode 229 and sometimes without
 * `isComposing`, so both are checked.
 */
export function isComposing(event: KeyboardEvent): boolean {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- keyCode 229 is how WebKit marks composition
  return event.nativeEvent.isComposing || event.keyCode === 229;
}

/**
 * A form's `onKeyDown`: Enter in a text field submits the form, except while
 * an IME is composing. The browser's own implicit submission is replaced,
 * because it knows nothing of composition.
 */
export function submitOnEnter(event: KeyboardEvent<HTMLFormElement>): void {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- keyCode 229 is how WebKit marks composition
  if (event.key !== 'Enter' && event.keyCode !== 229) return;
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || !SUBMITTING_INPUTS.has(target.type)) return;
  event.preventDefault();
  if (isComposing(event) || event.key !== 'Enter') return;
  event.currentTarget.requestSubmit();
}
