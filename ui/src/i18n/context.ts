import { createContext, useContext } from 'react';

import type { Lang, MessageKey, ParamValues, Translate } from './catalog';

export interface I18n {
  /** The current language. */
  lang: Lang;
  /** Switches the language; the choice is remembered. */
  setLang: (lang: Lang) => void;
  /** The typed message lookup for the current language. */
  t: Translate;
  /** Lookup for keys computed at run time (error codes, purposes). */
  message: (key: MessageKey, params?: ParamValues) => string;
  /** A date (RFC 3339) as a long, date-only string in the current language. */
  formatDate: (rfc3339: string) => string;
  /** The same date in short ("2027. 3. 15.", "Mar 15, 2027"). */
  formatShortDate: (rfc3339: string) => string;
  /** A date and time to the minute (RFC 3339), in the current language. */
  formatDateTime: (rfc3339: string) => string;
}

export const I18nContext = createContext<I18n | null>(null);

/** The current language and its helpers. Must be used under `<I18nProvider>`. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === null) {
    throw new Error('useI18n() needs an <I18nProvider> above it');
  }
  return i18n;
}
