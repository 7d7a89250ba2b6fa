import { useEffect } from 'react';

import { notifyExpiry, type Result } from './api';
import type { CertificateList } from './bindings/CertificateList';
import { useI18n } from './i18n/context';
import { loadRemindedLog, saveRemindedLog } from './preferences';
import { usePreferences } from './PreferencesProvider';
import { dayOf, dueReminders, markReminded } from './reminders';

/**
 * Once the first list has loaded, a system notification for each certificate
 * close to expiry, at most once a day each (the day is recorded before the
 * notification goes out, so a second window or a quick restart stays quiet).
 */
export function useExpiryReminders(request: Promise<Result<CertificateList>>): void {
  const { t, message, formatDate } = useI18n();
  const { reminders } = usePreferences();

  useEffect(() => {
    let active = true;
    void request.then(async (result) => {
      if (!active || !result.ok) return;
      const today = dayOf(new Date());
      const listed = result.value.certificates;
      const log = loadRemindedLog();
      const due = dueReminders(listed, reminders, log, today);
      saveRemindedLog(markReminded(log, due, listed, today));
      for (const certificate of due) {
        const body = t('reminder.body', {
          owner: certificate.owner,
          purpose: message(`purpose.${certificate.purpose}`),
          days: certificate.days_left,
          date: formatDate(certificate.not_after),
        });
        if (!(await notifyExpiry(t('reminder.title'), body))) return;
      }
    });
    return () => {
      active = false;
    };
    // Only the first list: a refresh or a change of language is not a new day.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);
}
