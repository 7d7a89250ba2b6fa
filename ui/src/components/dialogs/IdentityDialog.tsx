import { useRef, useState, type SubmitEvent } from 'react';
import { Button } from 'react-aria-components';

import { verifyIdentity } from '../../api';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n/context';
import { submitOnEnter } from '../../ime';
import { CheckIcon, CrossIcon, InfoIcon } from '../icons';
import { DialogShell } from './DialogShell';
import { DialogActions, FormAlert, SecretField } from './fields';

interface Props {
  isOpen: boolean;
  onClose: () => void;
  id: string;
  /** False when the certificate carries no identity data: nothing to check against. */
  hasIdentityData: boolean;
}

/** The certificate password and an ID number; the answer in plain words. */
export function IdentityDialog({ isOpen, onClose, id, hasIdentityData }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <DialogShell title={t('identity.title')} isOpen={isOpen} onClose={onClose} isBusy={busy} testId="identity-dialog">
      {hasIdentityData ? (
        <IdentityForm id={id} onClose={onClose} busy={busy} setBusy={setBusy} />
      ) : (
        <div className="dialog__form">
          <p className="notice notice--info">
            <InfoIcon />
            <span>{t('error.identity-data-missing')}</span>
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

function IdentityForm({
  id,
  onClose,
  busy,
  setBusy,
}: Pick<Props, 'id' | 'onClose'> & { busy: boolean; setBusy: (busy: boolean) => void }) {
  const { t, lang } = useI18n();
  const [password, setPassword] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [errors, setErrors] = useState<{ password?: string; idNumber?: string }>({});
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [matches, setMatches] = useState<boolean | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const idRef = useRef<HTMLInputElement>(null);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    setMatches(null);
    const found: typeof errors = {};
    if (password === '') found.password = t('form.required');
    if (idNumber.trim() === '') found.idNumber = t('form.required');
    setErrors(found);
    if (found.password !== undefined) {
      passwordRef.current?.focus();
      return;
    }
    if (found.idNumber !== undefined) {
      idRef.current?.focus();
      return;
    }
    setBusy(true);
    const result = await verifyIdentity({ id, password, id_number: idNumber.trim() });
    setBusy(false);
    if (result.ok) {
      setMatches(result.value);
      return;
    }
    const { code } = result.error;
    const text = describeError(lang, result.error).text;
    if (code === 'identity-mismatch') {
      setMatches(false);
    } else if (code === 'wrong-password') {
      setErrors({ password: text });
      passwordRef.current?.select();
      passwordRef.current?.focus();
    } else if (code === 'id-number-malformed' || code === 'business-number-check-digit') {
      setErrors({ idNumber: text });
      idRef.current?.focus();
    } else {
      setFailure(result.error);
    }
  };

  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Enter in its fields submits it, IME-safely
    <form className="dialog__form" noValidate onSubmit={(event) => void submit(event)} onKeyDown={submitOnEnter}>
      <p className="dialog__intro">{t('identity.intro')}</p>
      <SecretField
        label={t('identity.password')}
        value={password}
        onChange={(value) => {
          setPassword(value);
          setMatches(null);
          setErrors((old) => ({ ...old, password: undefined }));
        }}
        error={errors.password ?? null}
        focusOnOpen
        inputRef={passwordRef}
        testId="certificate-password"
      />
      <SecretField
        label={t('identity.idNumber')}
        description={t('identity.idNumberHint')}
        value={idNumber}
        onChange={(value) => {
          setIdNumber(value);
          setMatches(null);
          setErrors((old) => ({ ...old, idNumber: undefined }));
        }}
        error={errors.idNumber ?? null}
        inputRef={idRef}
        showLabel={t('identity.show')}
        inputMode="numeric"
        testId="id-number"
      />
      <div role="status" data-testid="identity-result">
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
      <FormAlert error={failure} />
      <DialogActions>
        <Button className="button" onPress={onClose} isDisabled={busy}>
          {t('action.close')}
        </Button>
        <Button type="submit" className="button button--primary" isPending={busy} data-testid="submit">
          {busy ? t('action.working') : t('identity.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}
