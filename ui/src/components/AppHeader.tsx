import { Button } from 'react-aria-components';

import { safeLogo } from '../distribution';
import { useDistribution } from '../DistributionProvider';
import { useI18n } from '../i18n/context';
import { GearIcon, IssueIcon } from './icons';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * Product name and logo, issuance, settings and the language switch: one row
 * down to an 800 px window in either language (refreshing the list is the
 * list's own button).
 */
export function AppHeader({
  onIssue,
  isIssueOpen,
  onSettings,
  isSettingsOpen,
}: {
  onIssue: () => void;
  isIssueOpen: boolean;
  onSettings: () => void;
  isSettingsOpen: boolean;
}) {
  const { t } = useI18n();
  const { distribution, name } = useDistribution();
  const logo = safeLogo(distribution.logo);
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <div className="brand">
          {logo === null ? (
            <span className="brand__seal" aria-hidden="true">
              도장
            </span>
          ) : (
            // The name beside it says what the logo says.
            <img className="brand__logo" src={logo} alt="" data-testid="brand-logo" />
          )}
          <div className="brand__text">
            <h1 className="brand__name" data-testid="product-name">
              {name}
            </h1>
            <p className="brand__subtitle">{t('app.subtitle')}</p>
          </div>
        </div>
        <div className="app-header__actions">
          <Button
            className="button"
            onPress={onIssue}
            aria-current={isIssueOpen ? 'page' : undefined}
            data-testid="open-issue"
          >
            <IssueIcon />
            {t('action.issue')}
          </Button>
          <Button
            className="button"
            onPress={onSettings}
            aria-current={isSettingsOpen ? 'page' : undefined}
            data-testid="open-settings"
          >
            <GearIcon />
            {t('action.settings')}
          </Button>
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}
