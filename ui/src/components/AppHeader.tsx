import { Button } from 'react-aria-components';

import { useI18n } from '../i18n/context';
import { GearIcon, RefreshIcon } from './icons';
import { LanguageSwitch } from './LanguageSwitch';

/** Product name, refresh, settings and the language switch. */
export function AppHeader({
  onRefresh,
  isRefreshing,
  onSettings,
  isSettingsOpen,
}: {
  onRefresh: () => void;
  isRefreshing: boolean;
  onSettings: () => void;
  isSettingsOpen: boolean;
}) {
  const { t } = useI18n();
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <div className="brand">
          <span className="brand__seal" aria-hidden="true">
            도장
          </span>
          <div className="brand__text">
            <h1 className="brand__name">{t('app.name')}</h1>
            <p className="brand__subtitle">{t('app.subtitle')}</p>
          </div>
        </div>
        <div className="app-header__actions">
          <Button
            className="button"
            onPress={onRefresh}
            isPending={isRefreshing}
            data-testid="refresh"
          >
            <RefreshIcon className={isRefreshing ? 'spin' : undefined} />
            {isRefreshing ? t('action.refreshing') : t('action.refresh')}
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
