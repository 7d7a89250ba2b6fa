import { useI18n } from '../i18n/context';
import { ImportIcon } from './icons';

/**
 * Shown while files are dragged over the window. Only for the eye: the
 * import dialog that a drop opens is what a screen reader meets.
 */
export function DropOverlay() {
  const { t } = useI18n();
  return (
    <div className="drop-overlay" aria-hidden="true" data-testid="drop-overlay">
      <div className="drop-overlay__box">
        <ImportIcon />
        <p>{t('import.dropHere')}</p>
      </div>
    </div>
  );
}
