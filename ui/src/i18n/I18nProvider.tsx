import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nProvider as AriaI18nProvider } from 'react-aria-components';

import { formatDate, formatDateTime, formatShortDate } from '../format';
import { LOCALES, message, translator, type Lang } from './catalog';
import { I18nContext, type I18n } from './context';
import { loadLang, saveLang } from './storage';

/**
 * Holds the current language, remembers it, and keeps `<html lang>` in step.
 * The window's title names the product, so `DistributionProvider` sets it.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(loadLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang: (next) => {
        saveLang(next);
        setLangState(next);
      },
      t: translator(lang),
      message: (key, params) => message(lang, key, params),
      formatDate: (rfc3339) => formatDate(rfc3339, lang),
      formatShortDate: (rfc3339) => formatShortDate(rfc3339, lang),
      formatDateTime: (rfc3339) => formatDateTime(rfc3339, lang),
    }),
    [lang],
  );

  return (
    <I18nContext value={value}>
      <AriaI18nProvider locale={LOCALES[lang]}>{children}</AriaI18nProvider>
    </I18nContext>
  );
}
