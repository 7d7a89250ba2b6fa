import { useState } from 'react';
import { Label, RadioGroup } from 'react-aria-components';

import { revokeCertificate } from '../../api';
import type { RevocationReason } from '../../bindings/RevocationReason';
import { confirmsCertificate } from '../../confirm';
import { useI18n } from '../../i18n/context';
import { adviceFor } from '../../issue';
import { BlockedIcon, WarningIcon } from '../icons';
import { SupportContact } from '../SupportContact';
import { DialogShell } from './DialogShell';
import { Choice, FormAlert, PlainField, SecretField, SubmitActions } from './fields';
import { DialogFormElement, useDialogForm, wrongPasswordIn } from './useDialogForm';
import type { CertificateCopy } from '../../bindings/CertificateCopy';

/** The reasons a holder may give, in the order offered; the first is the default. */
export const REVOCATION_REASONS: readonly RevocationReason[] = [
  'unspecified',
  'keyCompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
];

interface Props {
  isOpen: boolean;
  onClose: () => void;
  onDone: () => void;
  /** The copy acted on. */
  copy: CertificateCopy;
  owner: string;
}

/** Revocation: a reason, a clear warning, the name typed out and the certificate password. */
export function RevokeDialog({ isOpen, onClose, onDone, copy, owner }: Props) {
  const { t } = useI18n();
  return (
    <DialogShell title={t('revoke.title')} isOpen={isOpen} onClose={onClose} testId="revoke-dialog">
      <RevokeForm copy={copy} owner={owner} onClose={onClose} onDone={onDone} />
    </DialogShell>
  );
}

function RevokeForm({ copy, owner, onClose, onDone }: Omit<Props, 'isOpen'>) {
  const { t } = useI18n();
  const form = useDialogForm({ typed: '', password: '' });
  const [reason, setReason] = useState<RevocationReason>('unspecified');

  const submit = async () => {
    const { typed, password } = form.values;
    form.setFailure(null);
    const wrong = form.reject({
      typed: confirmsCertificate(typed, owner, copy.id) ? undefined : t('revoke.confirmMismatch'),
      password: password === '' ? t('form.required') : undefined,
    });
    if (wrong) return;
    const result = await form.run(() => revokeCertificate({ ...copy, password, reason }), wrongPasswordIn('password'));
    if (result.ok) onDone();
  };

  return (
    <DialogFormElement busy={form.busy} onSubmit={submit}>
      <div className="notice notice--danger">
        <WarningIcon />
        <div>
          <p className="notice__title">{t('revoke.warning')}</p>
          <p>{t('revoke.warningDetail')}</p>
        </div>
      </div>
      <RadioGroup
        className="field choices"
        value={reason}
        onChange={(value) => setReason(REVOCATION_REASONS.find((known) => known === value) ?? 'unspecified')}
        data-testid="revoke-reason"
      >
        <Label className="field__label">{t('revoke.reason')}</Label>
        {REVOCATION_REASONS.map((known) => (
          <Choice key={known} value={known} label={t(`revoke.reason.${known}`)} testId={`reason-${known}`} />
        ))}
      </RadioGroup>
      <PlainField
        label={t('revoke.confirmLabel', { owner, id: copy.id.slice(0, 8) })}
        {...form.field('typed')}
        testId="revoke-confirm"
      />
      <SecretField label={t('revoke.password')} {...form.field('password')} testId="certificate-password" />
      <FormAlert error={form.failure}>
        {form.failure !== null && adviceFor(form.failure.code, { caTyped: false }).support && <SupportContact />}
      </FormAlert>
      <SubmitActions busy={form.busy} onCancel={onClose} submitLabel={t('revoke.submit')} danger icon={<BlockedIcon />} />
    </DialogFormElement>
  );
}
