import { useState } from 'react';
import { Button } from 'react-aria-components';

import { checkUpdate, installUpdate } from '../api';
import type { ErrorInfo } from '../bindings/ErrorInfo';
import type { UpdateInfo } from '../bindings/UpdateInfo';
import { describeError } from '../errors';
import { useI18n } from '../i18n/context';

type State =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'latest' }
  | { kind: 'available'; update: UpdateInfo }
  | { kind: 'installing'; update: UpdateInfo }
  | { kind: 'unavailable' }
  | { kind: 'failed'; error: ErrorInfo };

/**
 * Settings › updates: asks the distribution's update server on request (never
 * in the background), and installs a newer version only when the person says
 * so; the app checks its signature and restarts.
 */
export function UpdateCheck() {
  const { t, lang } = useI18n();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const check = async () => {
    setState({ kind: 'checking' });
    const result = await checkUpdate();
    if (result.ok) setState(result.value === null ? { kind: 'latest' } : { kind: 'available', update: result.value });
    else if (result.error.code === 'updates-not-configured') setState({ kind: 'unavailable' });
    else setState({ kind: 'failed', error: result.error });
  };

  const install = async (update: UpdateInfo) => {
    setState({ kind: 'installing', update });
    const result = await installUpdate();
    // On success the app restarts; an answer means it did not.
    if (!result.ok) setState({ kind: 'failed', error: result.error });
  };

  const busy = state.kind === 'checking' || state.kind === 'installing';
  return (
    <div className="update-check" data-testid="update-check">
      <p className="section__note" role="status" data-testid="update-status">
        {state.kind === 'checking' && t('update.checking')}
        {state.kind === 'latest' && t('update.latest')}
        {state.kind === 'available' && t('update.available', { version: state.update.version })}
        {state.kind === 'installing' && t('update.installing', { version: state.update.version })}
        {state.kind === 'unavailable' && t('update.unavailable')}
        {state.kind === 'failed' && `${t('update.failed')} ${describeError(lang, state.error).text}`}
      </p>
      {state.kind === 'available' && state.update.notes !== null && (
        <p className="section__note" data-testid="update-notes">
          {state.update.notes}
        </p>
      )}
      <div className="actions">
        <Button className="button" onPress={() => void check()} isDisabled={busy} data-testid="update-check-button">
          {t('update.check')}
        </Button>
        {state.kind === 'available' && (
          <Button
            className="button button--primary"
            onPress={() => void install(state.update)}
            data-testid="update-install-button"
          >
            {t('update.install')}
          </Button>
        )}
      </div>
    </div>
  );
}
