import { Button } from 'react-aria-components';

import { useI18n } from '../../i18n/context';
import { DialogActions } from '../dialogs/fields';
import { DialogShell } from '../dialogs/DialogShell';

/**
 * A new invitation (a drop, a file or a `dojang:` link opened with the app)
 * that arrived while the person had typed codes or a password: it never
 * replaces them, or the CA, without asking. "그대로 두기" (where the cursor
 * starts, and what Escape does) ignores it; "바꾸기" wipes what was typed and
 * takes it.
 */
export function SwitchInvitationDialog({
  host,
  onSwitch,
  onKeep,
}: {
  /** The new invitation's CA, or null when none is waiting. */
  host: string | null;
  onSwitch: () => void;
  onKeep: () => void;
}) {
  const { t } = useI18n();
  return (
    <DialogShell
      title={t('switchInvitation.title')}
      isOpen={host !== null}
      onClose={onKeep}
      testId="switch-invitation"
      role="alertdialog"
    >
      {host !== null && (
        <div className="dialog__form">
          <p data-testid="switch-invitation-question">{t('switchInvitation.question', { host })}</p>
          <DialogActions>
            {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the question starts on what keeps the person's work */}
            <Button className="button" onPress={onKeep} autoFocus data-testid="switch-invitation-keep">
              {t('switchInvitation.keep')}
            </Button>
            <Button className="button button--primary" onPress={onSwitch} data-testid="switch-invitation-switch">
              {t('switchInvitation.switch')}
            </Button>
          </DialogActions>
        </div>
      )}
    </DialogShell>
  );
}
