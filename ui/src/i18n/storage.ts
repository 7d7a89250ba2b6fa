import { DEFAULT_LANG, isLang, type Lang } from './catalog';

/** Where the chosen language is remembered. */
export const LANG_STORAGE_KEY = 'dojang.lang';

/** The remembered language, or Korean. Storage may be unavailable: never throw. */
export function loadLang(): Lang {
  try {
    const stored = window.localStorage.getItem(LANG_STORAGE_KEY);
    return isLang(stored) ? stored : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

export function saveLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Not remembering the choice is harmless: the UI still switches.
  }
}
