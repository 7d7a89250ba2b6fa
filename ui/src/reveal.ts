import { useEffect, useRef, type RefObject } from 'react';

/**
 * Brings an outcome into view when it appears or changes: a failure, a job
 * done, progress starting. It is scrolled to the nearest edge of whatever
 * scrolls around it (the window, or a dialog's body), after the frame in
 * which a closing dialog gives the focus back, so that scroll does not undo
 * this one; with `focus`, it also takes the focus (it needs `tabIndex={-1}`),
 * so a keyboard or screen-reader user starts there. `key` names the outcome:
 * null or false while there is none.
 */
export function useReveal<T extends HTMLElement>(
  key: unknown,
  { focus = false }: { focus?: boolean } = {},
): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (key === null || key === undefined || key === false) return undefined;
    const frame = requestAnimationFrame(() => {
      const element = ref.current;
      if (element === null) return;
      element.scrollIntoView({ block: 'nearest' });
      if (focus) element.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [key, focus]);
  return ref;
}
