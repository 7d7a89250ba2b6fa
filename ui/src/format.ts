import { LOCALES, type Lang } from './i18n/catalog';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** How much of an instant is said: the day, the day in short, or the day and the minute. */
type Precision = 'date' | 'short-date' | 'minute';

function format(rfc3339: string, lang: Lang, precision: Precision, timeZone: string | undefined): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) {
    return rfc3339;
  }
  const cacheKey = `${lang}|${precision}|${timeZone ?? ''}`;
  let formatter = formatters.get(cacheKey);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(LOCALES[lang], {
      dateStyle: precision === 'short-date' ? 'medium' : 'long',
      // A 24-hour clock: "14:03" reads the same in both languages, without 오전/오후.
      ...(precision === 'minute' ? { timeStyle: 'short', hourCycle: 'h23' } : {}),
      ...(timeZone === undefined ? {} : { timeZone }),
    });
    formatters.set(cacheKey, formatter);
  }
  return formatter.format(date);
}

/**
 * An RFC 3339 instant as a long, date-only string in the given language
 * ("2027년 3월 15일", "March 15, 2027"), in the computer's time zone unless
 * one is given. An unparsable value is shown as it came.
 */
export function formatDate(rfc3339: string, lang: Lang, timeZone?: string): string {
  return format(rfc3339, lang, 'date', timeZone);
}

/**
 * The same date in short ("2027. 3. 15.", "Mar 15, 2027"): for the list's
 * rows, where a line holds every fact of a certificate.
 */
export function formatShortDate(rfc3339: string, lang: Lang, timeZone?: string): string {
  return format(rfc3339, lang, 'short-date', timeZone);
}

/**
 * An RFC 3339 instant with its time to the minute ("2026년 12월 4일 14:03",
 * "December 4, 2026 at 14:03"): when a status was checked, when a certificate
 * was revoked. An unparsable value is shown as it came.
 */
export function formatDateTime(rfc3339: string, lang: Lang, timeZone?: string): string {
  return format(rfc3339, lang, 'minute', timeZone);
}
