import { useDistribution } from '../DistributionProvider';
import { useI18n } from '../i18n/context';
import { FlaskIcon } from './icons';

/** A trial build talks to a test CA: said plainly on every screen, in words. */
export function SandboxBanner() {
  const { t } = useI18n();
  const { distribution } = useDistribution();
  if (!distribution.sandbox) return null;
  return (
    <div className="sandbox-banner" role="note" data-testid="sandbox-banner">
      <div className="sandbox-banner__inner">
        <FlaskIcon />
        <p>
          <strong>{t('sandbox.banner')}</strong> <span>{t('sandbox.detail')}</span>
        </p>
      </div>
    </div>
  );
}
