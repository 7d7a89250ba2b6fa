import { useI18n } from '../i18n/context';

/** Shown while the first list is on its way. */
export function Loading() {
  const { t } = useI18n();
  return (
    <div className="loading" role="status" data-testid="loading">
      <span className="loading__spinner" aria-hidden="true" />
      <p>{t('load.inProgress')}</p>
    </div>
  );
}
