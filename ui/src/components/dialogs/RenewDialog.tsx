import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';

import { renewCertificate } from '../../api';
import type { CertificateCopy } from '../../bindings/CertificateCopy';
import type { CertificateSummary } from '../../bindings/CertificateSummary';
import type { Enrolled } from '../../bindings/Enrolled';
import type { Step } from '../../bindings/Step';
import { useI18n } from '../../i18n/context';
import { adviceFor, RENEW_STEPS } from '../../issue';
import { renewalState } from '../../validity';
import { CheckIcon, InfoIcon } from '../icons';
import { ProgressSteps, type Progress } from '../ProgressSteps';
import { SupportContact } from '../SupportContact';
import { DialogShell } from './DialogShell';
import { DialogActions, FormAlert, SecretField, SubmitActions } from './fields';
import { DialogFormElement, useDialogForm, wrongPasswordIn } from './useDialogForm';

interface Props {
  isOpen: boolean;
  onClose: () => void;
  /** The new certificate is saved: show it. */
  onRenewed: (enrolled: Enrolled) => void;
  summary: CertificateSummary;
  /** The copy renewed: the new certificate takes its place. */
  copy: CertificateCopy;
}

/**
 * Renewal: in the last 30 days, the certificate password and the progress;
 * otherwise, when it opens (or why it cannot) in words. It is never offered
 * for an expired or revoked certificate (only a reissue helps there), so it
 * has no words for those.
 */
export function RenewDialog({ isOpen, onClose, onRenewed, summary, copy }: Props) {
  const { t, formatDate } = useI18n();
  const state = renewalState(summary);
  return (
    <DialogShell title={t('renew.title')} isOpen={isOpen} onClose={onClose} testId="renew-dialog">
      {state.kind === 'due' ? (
        <RenewForm summary={summary} copy={copy} onClose={onClose} onRenewed={onRenewed} />
      ) : (
        <div className="dialog__form">
          <p className="notice notice--info" data-testid="renew-unavailable">
            <InfoIcon />
            <span>
              {state.kind === 'early' ? t('renew.tooEarly', { date: formatDate(state.opensOn) }) : t('renew.notYetValid')}
            </span>
          </p>
          <DialogActions>
            <Button className="button button--primary" onPress={onClose}>
              {t('action.close')}
            </Button>
          </DialogActions>
        </div>
      )}
    </DialogShell>
  );
}

function RenewForm({ summary, copy, onClose, onRenewed }: Pick<Props, 'summary' | 'copy' | 'onClose' | 'onRenewed'>) {
  const { t } = useI18n();
  const form = useDialogForm({ password: '' });
  const [progress, setProgress] = useState<Progress | null>(null);
  const [renewed, setRenewed] = useState<Enrolled | null>(null);

  const submit = async () => {
    form.setFailure(null);
    if (form.reject({ password: form.values.password === '' ? t('form.required') : undefined })) return;
    let reached: Step | null = null;
    setProgress({ state: 'running', current: null });
    const result = await form.run(
      () =>
        renewCertificate({ ...copy, password: form.values.password }, (step) => {
          reached = step;
          setProgress({ state: 'running', current: step });
        }),
      wrongPasswordIn('password'),
    );
    if (result.ok) {
      setProgress({ state: 'finished' });
      setRenewed(result.value);
    } else {
      setProgress(result.error.code === 'wrong-password' ? null : { state: 'stopped', at: reached });
    }
  };

  if (renewed !== null) {
    return <Renewed enrolled={renewed} onOpen={() => onRenewed(renewed)} />;
  }

  return (
    <DialogFormElement busy={form.busy} onSubmit={submit}>
      <p className="dialog__intro">{t('renew.intro', { owner: summary.owner })}</p>
      <SecretField label={t('renew.password')} {...form.field('password')} focusOnOpen testId="certificate-password" />
      {progress !== null && <ProgressSteps steps={RENEW_STEPS} progress={progress} />}
      <FormAlert error={form.failure}>
        {form.failure !== null && adviceFor(form.failure.code, { caTyped: false }).support && <SupportContact />}
      </FormAlert>
      <SubmitActions busy={form.busy} onCancel={onClose} submitLabel={t('renew.submit')} />
    </DialogFormElement>
  );
}

/** The renewal is done: said, with the way to the new certificate (which takes the focus). */
function Renewed({ enrolled, onOpen }: { enrolled: Enrolled; onOpen: () => void }) {
  const { t } = useI18n();
  const openRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    openRef.current?.focus();
  }, []);
  return (
    <div className="dialog__form">
      <div className="notice notice--ok" role="status" data-testid="renew-done">
        <CheckIcon />
        <div>
          <p className="notice__title">{t('renew.done')}</p>
          <p>{t('renew.doneDetail')}</p>
        </div>
      </div>
      {!enrolled.confirmed && (
        <div className="notice notice--info" data-testid="renew-unconfirmed">
          <InfoIcon />
          <div>
            <p className="notice__title">{t('issue.done.unconfirmedTitle')}</p>
            <p>{t('issue.done.unconfirmed')}</p>
          </div>
        </div>
      )}
      <DialogActions>
        <Button ref={openRef} className="button button--primary" onPress={onOpen} data-testid="open-renewed">
          {t('renew.openNew')}
        </Button>
      </DialogActions>
    </div>
  );
}
