import type { ErrorText } from '../errors';
import { useI18n } from '../i18n/context';
import { PathText } from './PlaceLabel';

/** The path and technical detail of an error, small and below its sentence. */
export function ErrorDetails({ error, showPath }: { error: ErrorText; showPath: boolean }) {
  const { t } = useI18n();
  const path = showPath ? error.path : null;
  if (path === null && error.detail === null) {
    return null;
  }
  return (
    <dl className="error-details">
      {path !== null && (
        <div>
          <dt>{t('error.where')}</dt>
          <dd>
            <PathText path={path} />
          </dd>
        </div>
      )}
      {error.detail !== null && (
        <div>
          <dt>{t('error.detail')}</dt>
          <dd className="error-details__detail" translate="no">
            {error.detail} <span className="error-code">({error.code})</span>
          </dd>
        </div>
      )}
    </dl>
  );
}
