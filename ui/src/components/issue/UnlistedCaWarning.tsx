import { Button } from 'react-aria-components';

import type { CaCheck } from '../../bindings/CaCheck';
import { useI18n } from '../../i18n/context';
import { DialogActions } from '../dialogs/fields';
import { DialogShell } from '../dialogs/DialogShell';
import { WarningIcon } from '../icons';

/** A CA the build does not list, waiting for the person's answer, and where its address came from. */
export interface UnlistedCaQuestion {
  check: CaCheck;
  source: 'typed' | 'invitation';
}

/**
 * The blocking warning of a build without CAs of its own, before any code is
 * typed: the CA's host in full and in large type, what it means in plain
 * words, and "계속" or "취소". The cursor starts on "취소"; Escape and the
 * close button cancel too. Only "계속" lets the codes go to that CA.
 */
export function UnlistedCaWarning({
  question,
  onContinue,
  onCancel,
}: {
  question: UnlistedCaQuestion | null;
  onContinue: (check: CaCheck) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <DialogShell
      title={t('caWarning.title')}
      isOpen={question !== null}
      onClose={onCancel}
      testId="ca-warning"
      role="alertdialog"
    >
      {question !== null && (
        <div className="dialog__form">
          <div className="notice notice--danger">
            <WarningIcon />
            <div>
              <p className="notice__title">{t('caWarning.notKnown')}</p>
              <p>{t('caWarning.onlyIfTold')}</p>
            </div>
          </div>
          <div className="ca-warning__address">
            <p className="field__label">
              {question.source === 'typed' ? t('caWarning.typedSource') : t('caWarning.invitationSource')}
            </p>
            <p className="ca-warning__host" translate="no" data-testid="ca-warning-host">
              {question.check.host}
            </p>
            <p className="ca-warning__url url" translate="no" data-testid="ca-warning-url">
              {question.check.url}
            </p>
          </div>
          <p>{t('caWarning.unsure')}</p>
          <DialogActions>
            {/* eslint-disable-next-line jsx-a11y/no-autofocus -- a warning starts on its safe answer */}
            <Button className="button" onPress={onCancel} autoFocus data-testid="ca-warning-cancel">
              {t('action.cancel')}
            </Button>
            <Button
              className="button button--danger"
              onPress={() => onContinue(question.check)}
              data-testid="ca-warning-continue"
            >
              {t('caWarning.continue')}
            </Button>
          </DialogActions>
        </div>
      )}
    </DialogShell>
  );
}
