import { createContext, useCallback, useContext, useEffect, useState } from 'react';

/** Says that a dialog opened; the function it returns says that it closed. */
export type DialogOpened = () => () => void;

/**
 * Provided by the window (`App`), which keeps a file dropped while a dialog
 * is open from starting anything: the dialog keeps the window to itself.
 * Without a provider, dialogs report to no one.
 */
export const OpenDialogsContext = createContext<DialogOpened | null>(null);

/** Reports a dialog (`DialogShell`) to the window while it is open. */
export function useReportOpen(isOpen: boolean): void {
  const opened = useContext(OpenDialogsContext);
  useEffect(() => {
    if (!isOpen || opened === null) return undefined;
    return opened();
  }, [isOpen, opened]);
}

/**
 * For the window: whether any dialog under it is open, and the function to
 * provide through `OpenDialogsContext`, by which they report.
 */
export function useOpenDialogs(): { anyOpen: boolean; opened: DialogOpened } {
  const [count, setCount] = useState(0);
  const opened = useCallback<DialogOpened>(() => {
    setCount((open) => open + 1);
    return () => {
      setCount((open) => open - 1);
    };
  }, []);
  return { anyOpen: count > 0, opened };
}
