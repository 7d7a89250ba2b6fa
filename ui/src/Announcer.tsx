import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

type Announce = (text: string) => void;

const AnnouncerContext = createContext<Announce | null>(null);

/**
 * One polite live region for the whole window: "복사했습니다", "인증서를
 * 삭제했습니다". The same sentence twice in a row is announced twice.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const timer = useRef<number | undefined>(undefined);

  const announce = useCallback<Announce>((text) => {
    window.clearTimeout(timer.current);
    setMessage('');
    // A fresh text node after a pause makes screen readers speak it again.
    timer.current = window.setTimeout(() => setMessage(text), 50);
  }, []);

  const value = useMemo(() => announce, [announce]);

  return (
    <AnnouncerContext value={value}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
        {message}
      </div>
    </AnnouncerContext>
  );
}

/** Speaks a short message to screen-reader users without moving focus. */
export function useAnnounce(): Announce {
  const announce = useContext(AnnouncerContext);
  if (announce === null) {
    throw new Error('useAnnounce() needs an <AnnouncerProvider> above it');
  }
  return announce;
}
