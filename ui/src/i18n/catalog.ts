import { en } from './en';
import { ko } from './ko';

/** Every message key; Korean is the source of truth. */
export type MessageKey = keyof typeof ko;

/** A complete message catalog for one language. */
export type Catalog = Record<MessageKey, string>;

/** The languages the UI speaks. */
export const LANGUAGES = ['ko', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'ko';

export const catalogs: Record<Lang, Catalog> = { ko, en };

/** The BCP 47 locale used for dates and for react-aria's own strings. */
export const LOCALES: Record<Lang, string> = { ko: 'ko-KR', en: 'en-US' };

/** Each language's name, written in that language (never translated). */
export const LANGUAGE_NAMES: Record<Lang, string> = { ko: '한국어', en: 'English' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(ko, key);
}

/** The `{name}` placeholders of a message string, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The parameters a message needs, derived from its Korean text. */
export type ParamsOf<K extends MessageKey> = Placeholders<(typeof ko)[K]>;

/** Values a message can be given. */
export type ParamValues = Readonly<Record<string, string | number>>;

/**
 * `t(key)` for messages without placeholders, `t(key, { name: value })` for
 * the rest: the compiler checks that every placeholder gets a value.
 */
export type Translate = <K extends MessageKey>(
  key: K,
  ...params: [ParamsOf<K>] extends [never] ? [] : [Record<ParamsOf<K>, string | number>]
) => string;

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/** The placeholder names in a message, in order of appearance. */
export function placeholdersIn(message: string): string[] {
  return Array.from(message.matchAll(PLACEHOLDER), (match) => match[1] ?? '');
}

/**
 * Fills `{name}` placeholders. A placeholder without a value stays as it is,
 * so a missing parameter is visible rather than silently blank.
 */
export function interpolate(message: string, params: ParamValues = {}): string {
  return message.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    return value === undefined ? whole : String(value);
  });
}

/** Looks a key up in a language, for callers whose key is only known at run time. */
export function message(lang: Lang, key: MessageKey, params?: ParamValues): string {
  return interpolate(catalogs[lang][key], params);
}

/** A typed `t` bound to one language. */
export function translator(lang: Lang): Translate {
  return (key, ...params) => message(lang, key, params[0]);
}
