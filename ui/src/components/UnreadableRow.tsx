import { useId } from 'react';

import type { UnreadableEntry } from '../bindings/UnreadableEntry';
import { describeError } from '../errors';
import { useI18n } from '../i18n/context';
import { ErrorDetails } from './ErrorDetails';
import { InfoIcon } from './icons';
import { PathText, PlaceLabel } from './PlaceLabel';

/** A folder where a certificate should be but could not be read. */
export function UnreadableRow({ entry }: { entry: UnreadableEntry }) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const error = describeError(lang, entry.error);

  return (
    <li className="card unreadable" data-testid="unreadable-row" data-code={entry.error.code}>
      <article aria-labelledby={headingId}>
        <div className="unreadable__title">
          <InfoIcon />
          <h3 id={headingId}>{t('unreadable.title')}</h3>
        </div>
        <p className="unreadable__message" data-testid="unreadable-message">
          {error.text}
        </p>
        <p className="unreadable__where">
          <PlaceLabel root={entry.location} />
          <PathText path={entry.path} />
        </p>
        {/* The folder above already says where; the file inside it would only repeat it. */}
        <ErrorDetails error={error} showPath={false} />
      </article>
    </li>
  );
}
