import { Button } from 'react-aria-components';

import { useI18n } from '../i18n/context';
import { RefreshIcon } from './icons';

/** Reads the certificates again (after plugging in a USB stick, say); busy while it does. */
export function RefreshButton({ onRefresh, isRefreshing }: { onRefresh: () => void; isRefreshing: boolean }) {
  const { t } = useI18n();
  return (
    <Button className="button" onPress={onRefresh} isPending={isRefreshing} data-testid="refresh">
      <RefreshIcon className={isRefreshing ? 'spin' : undefined} />
      {isRefreshing ? t('action.refreshing') : t('action.refresh')}
    </Button>
  );
}
