import { useState } from 'react';
import { Button } from 'react-aria-components';

import { verifyIdentity } from '../../api';
import type { ErrorCode } from '../../bindings/ErrorCode';
import { errorText } from '../../errors';
import { useI18n } from '../../i18n/context';
import { useReveal } from '../../reveal';
import { CheckIcon, CrossIcon, InfoIcon } from '../icons';
import { DialogShell } from './DialogShell';
import { DialogActions, FormAlert, SecretField, SubmitActions } from './fields';
import { DialogFormElement, useDialogForm } from './useDialogForm';
import type { CertificateCopy } from '../../bindings/CertificateCopy';

interface Props {
  isOpen: boolean;
  onClose: () => void;
  /** The copy acted on. */
  copy: CertificateCopy;
  /** False when the certificate carries no identity data: nothing to check against. */
  hasIdentityData: boolean;
}

/** The certificate password and an ID number; the answer in plain words. */
export function IdentityDialog({ isOpen, onClose, copy, hasIdentityData }: Props) {
  const { t, lang } = useI18n();
  return (
    <DialogShell title={t('identity.title')} isOpen={isOpen} onClose={onClose} testId="identity-dialog">
      {hasIdentityData ? (
        <IdentityForm copy={copy} onClose={onClose} />
      ) : (
        <div className="dialog__form">
          <p className="notice notice--info">
            <InfoIcon />
            <span>{errorText(lang, 'identity-data-missing')}</span>
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

/** The ID number errors that belong to the ID number field. */
export const isIdNumberError = (code: ErrorCode): boolean =>
  code === 'id-number-malformed' || code === 'business-number-check-digit';

function IdentityForm({ copy, onClose }: Pick<Props, 'copy' | 'onClose'>) {
  const { t } = useI18n();
  const form = useDialogForm({ password: '', idNumber: '' });
  const [matches, setMatches] = useState<boolean | null>(null);
  const { password, idNumber } = form.values;
  const resultRef = useReveal<HTMLDivElement>(matches === null ? null : matches ? 'match' : 'mismatch');

  const submit = async () => {
    form.setFailure(null);
    setMatches(null);
    const wrong = form.reject({
      password: password === '' ? t('form.required') : undefined,
      idNumber: idNumber.trim() === '' ? t('form.required') : undefined,
    });
    if (wrong) return;
    const result = await form.run(
      () => verifyIdentity({ ...copy, password, id_number: idNumber.trim() }),
      (error) =>
        error.code === 'wrong-password' ? 'password' : isIdNumberError(error.code) ? 'idNumber' : null,
    );
    if (result.ok) setMatches(result.value);
    else if (result.error.code === 'identity-mismatch') {
      form.setFailure(null);
      setMatches(false);
    }
  };

  // Whatever is typed next makes the last answer stale.
  const field = (name: 'password' | 'idNumber') => {
    const props = form.field(name);
    return {
      ...props,
      onChange: (value: string) => {
        props.onChange(value);
        setMatches(null);
      },
    };
  };

  return (
    <DialogFormElement busy={form.busy} onSubmit={submit}>
      <p className="dialog__intro">{t('identity.intro')}</p>
      <SecretField label={t('identity.password')} {...field('password')} focusOnOpen testId="certificate-password" />
      <SecretField
        label={t('identity.idNumber')}
        description={t('identity.idNumberHint')}
        {...field('idNumber')}
        showLabel={t('identity.show')}
        inputMode="numeric"
        testId="id-number"
      />
      <div ref={resultRef} role="status" data-testid="identity-result">
        {matches !== null && (
          <div className={`result ${matches ? 'result--match' : 'result--mismatch'}`}>
            {matches ? <CheckIcon /> : <CrossIcon />}
            <div>
              <p className="result__title">{matches ? t('identity.match') : t('identity.noMatch')}</p>
              <p>{matches ? t('identity.matchDetail') : t('identity.noMatchDetail')}</p>
            </div>
          </div>
        )}
      </div>
      <FormAlert error={form.failure} />
      <SubmitActions
        busy={form.busy}
        onCancel={onClose}
        cancelLabel={t('action.close')}
        submitLabel={t('identity.submit')}
      />
    </DialogFormElement>
  );
}
