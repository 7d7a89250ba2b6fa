import { Suspense, use } from 'react';

import type { Result } from '../../api';
import type { SignatureRecord } from '../../bindings/SignatureRecord';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n/context';
import { PURPOSE_WORDS } from '../../sign';
import { SectionCard } from './SectionCard';

/**
 * “최근 서명”: the sites this certificate signed for, newest first, each by
 * its name (or its origin), with the purpose and the time; a short line when
 * there are none. Its own loading line, so the rest of the details never
 * waits for it.
 */
export function SignatureHistorySection({ request }: { request: Promise<Result<SignatureRecord[]>> }) {
  const { t } = useI18n();
  return (
    <SectionCard title={t('history.heading')} testId="signature-history">
      <Suspense
        fallback={
          <p className="muted" role="status">
            {t('history.loading')}
          </p>
        }
      >
        <SignatureList request={request} />
      </Suspense>
    </SectionCard>
  );
}

function SignatureList({ request }: { request: Promise<Result<SignatureRecord[]>> }) {
  const { t, lang, message, formatDateTime } = useI18n();
  const result = use(request);
  if (!result.ok) {
    return (
      <p className="muted" data-testid="history-error">
        {describeError(lang, result.error).text}
      </p>
    );
  }
  if (result.value.length === 0) {
    return (
      <p className="muted" data-testid="history-empty">
        {t('history.empty')}
      </p>
    );
  }
  return (
    <>
      <ul className="history">
        {result.value.map((record, index) => (
          // Records have no identity of their own; their order is the history's.
          <li key={`${record.at}|${index}`} className="history__item" data-testid="history-record">
            <span className="history__site">
              <span className="history__name" translate="no">
                {record.name ?? record.origin}
              </span>
              {record.name !== null && (
                <span className="history__origin" translate="no">
                  {record.origin}
                </span>
              )}
            </span>
            <span className="history__when">
              <span className="chip" data-testid="history-purpose">
                {message(PURPOSE_WORDS[record.purpose])}
              </span>
              <time dateTime={record.at}>{formatDateTime(record.at)}</time>
            </span>
          </li>
        ))}
      </ul>
      <p className="field__hint history__hint">{t('history.hint')}</p>
    </>
  );
}
