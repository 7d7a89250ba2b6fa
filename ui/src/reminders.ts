/**
 * Expiry reminders: which certificates to remind the person of today, and
 * the record of when each was last reminded. The record holds certificate IDs
 * (public fingerprints) and dates, nothing secret.
 */
import type { ListedCertificate } from './bindings/ListedCertificate';

/** How many days before expiry a reminder may come; the settings offer these. */
export const REMINDER_DAYS = [7, 14, 30, 60] as const;
export type ReminderDays = (typeof REMINDER_DAYS)[number];
export const DEFAULT_REMINDER_DAYS: ReminderDays = 30;

export interface ReminderSettings {
  enabled: boolean;
  days: ReminderDays;
}

/** Certificate ID → the last day (YYYY-MM-DD, local) it was reminded of. */
export type RemindedLog = Record<string, string>;

export function isReminderDays(value: unknown): value is ReminderDays {
  return typeof value === 'number' && (REMINDER_DAYS as readonly number[]).includes(value);
}

/** A day as the log keeps it: the local calendar date. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The certificates to remind of today: reminders on, expiring within the
 * chosen days but not yet expired (0 < days_left ≤ days), not reminded today
 * already; each certificate once, however many places hold it.
 */
export function dueReminders(
  certificates: readonly ListedCertificate[],
  settings: ReminderSettings,
  log: RemindedLog,
  today: string,
): ListedCertificate[] {
  if (!settings.enabled) return [];
  const seen = new Set<string>();
  return certificates.filter((certificate) => {
    if (seen.has(certificate.id)) return false;
    seen.add(certificate.id);
    return (
      certificate.days_left > 0 &&
      certificate.days_left <= settings.days &&
      certificate.status !== 'not-yet-valid' &&
      certificate.revoked === null &&
      log[certificate.id] !== today
    );
  });
}

/**
 * The log after reminding of `reminded` today. Entries of certificates that
 * are no longer listed are dropped, so the log never grows without end.
 */
export function markReminded(
  log: RemindedLog,
  reminded: readonly ListedCertificate[],
  listed: readonly ListedCertificate[],
  today: string,
): RemindedLog {
  const present = new Set(listed.map((certificate) => certificate.id));
  const next: RemindedLog = {};
  for (const [id, day] of Object.entries(log)) {
    if (present.has(id)) next[id] = day;
  }
  for (const certificate of reminded) next[certificate.id] = today;
  return next;
}

/** Reads a stored log, ignoring anything that is not one. */
export function parseLog(stored: string | null): RemindedLog {
  if (stored === null) return {};
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const log: RemindedLog = {};
    for (const [id, day] of Object.entries(value as Record<string, unknown>)) {
      if (/^[0-9a-f]{8,64}$/.test(id) && typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day)) log[id] = day;
    }
    return log;
  } catch {
    return {};
  }
}
