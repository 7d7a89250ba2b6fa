import { useI18n } from '../i18n/context';
import { ImportIcon, MailIcon } from './icons';

/**
 * Shown while files are dragged over the window. Only for the eye: the
 * import dialog or the issuance wizard that a drop opens is what a screen
 * reader meets.
 */
export function DropOverlay({ kind }: { kind: 'pfx' | 'invitation' }) {
  const { t } = useI18n();
  return (
    <div className="drop-overlay" aria-hidden="true" data-testid="drop-overlay">
      <div className="drop-overlay__box">
        {kind === 'invitation' ? <MailIcon /> : <ImportIcon />}
        <p>{kind === 'invitation' ? t('issue.dropHere') : t('import.dropHere')}</p>
      </div>
    </div>
  );
}
