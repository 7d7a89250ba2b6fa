import { useEffect, useEffectEvent } from 'react';

/**
 * Subscribes to something the native side reports (a Tauri event, through
 * `api.ts`: `onFileDrop`, `onOpenRequests`) while the component is mounted,
 * and unsubscribes when it unmounts.
 *
 * `subscribe` resolves to the function that stops listening; when it resolves
 * only after the component is gone (an unmount, or React's development
 * remount), that function is called at once, so no listener is left behind.
 * What arrives while subscribing is handled all the same: `onOpenRequests`
 * hands over the queue it took then, which would otherwise be lost.
 *
 * The handler always sees the latest render (its language, its state), and a
 * new handler never subscribes again. `subscribe` is meant to be a module
 * function, the same on every render.
 */
export function useTauriEvent<T>(
  subscribe: (handler: (payload: T) => void) => Promise<() => void>,
  handler: (payload: T) => void,
): void {
  const onPayload = useEffectEvent(handler);
  useEffect(() => {
    let stop: (() => void) | null = null;
    let active = true;
    void subscribe((payload) => {
      onPayload(payload);
    }).then((unlisten) => {
      if (active) stop = unlisten;
      else unlisten();
    });
    return () => {
      active = false;
      stop?.();
    };
  }, [subscribe]);
}
