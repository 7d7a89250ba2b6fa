import type { ErrorText } from '../errors';
import { useI18n } from '../i18n/context';
import { MoreDetails } from './MoreDetails';
import { PathText } from './PlaceLabel';

/**
 * Below an error's sentence: where it happened (a file or a folder, in
 * plain view), and its technical detail and code, closed behind “기술
 * 정보” for whoever needs them (support, a copy to send).
 */
export function ErrorDetails({ error, showPath }: { error: ErrorText; showPath: boolean }) {
  const { t } = useI18n();
  const path = showPath ? error.path : null;
  if (path === null && error.detail === null) {
    return null;
  }
  return (
    <div className="error-details">
      {path !== null && (
        <dl>
          <div>
            <dt>{t('error.where')}</dt>
            <dd>
              <PathText path={path} />
            </dd>
          </div>
        </dl>
      )}
      {error.detail !== null && (
        <MoreDetails label={t('error.detail')} testId="error-detail">
          <p className="error-details__detail" translate="no">
            {error.detail} <span className="error-code">({error.code})</span>
          </p>
        </MoreDetails>
      )}
    </div>
  );
}
