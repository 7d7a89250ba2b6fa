import { LOCALES, type Lang } from './i18n/catalog';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An RFC 3339 instant as a long, date-only string in the given language
 * ("2027년 3월 15일", "March 15, 2027"), in the computer's time zone unless
 * one is given. An unparsable value is shown as it came.
 */
export function formatDate(rfc3339: string, lang: Lang, timeZone?: string): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) {
    return rfc3339;
  }
  const cacheKey = `${lang}|${timeZone ?? ''}`;
  let formatter = formatters.get(cacheKey);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(LOCALES[lang], {
      dateStyle: 'long',
      ...(timeZone === undefined ? {} : { timeZone }),
    });
    formatters.set(cacheKey, formatter);
  }
  return formatter.format(date);
}
