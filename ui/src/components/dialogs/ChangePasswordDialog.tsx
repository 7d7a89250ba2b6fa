import { useId, useRef, useState, type SubmitEvent } from 'react';
import { Button } from 'react-aria-components';

import { changePassword, checkPassword } from '../../api';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n/context';
import { submitOnEnter } from '../../ime';
import { DialogShell } from './DialogShell';
import { DialogActions, FormAlert, SecretField } from './fields';
import { PasswordRules, usePasswordCheck } from './PasswordRules';

interface Props {
  isOpen: boolean;
  onClose: () => void;
  onDone: () => void;
  id: string;
  owner: string;
}

/** Current password, new password twice, with the rules checked as they are typed. */
export function ChangePasswordDialog({ isOpen, onClose, onDone, id, owner }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <DialogShell title={t('changePassword.title')} isOpen={isOpen} onClose={onClose} isBusy={busy} testId="change-password-dialog">
      <ChangePasswordForm id={id} owner={owner} onClose={onClose} onDone={onDone} busy={busy} setBusy={setBusy} />
    </DialogShell>
  );
}

function ChangePasswordForm({
  id,
  owner,
  onClose,
  onDone,
  busy,
  setBusy,
}: Omit<Props, 'isOpen'> & { busy: boolean; setBusy: (busy: boolean) => void }) {
  const { t, lang } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ current?: string; next?: string; confirm?: string }>({});
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const currentRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const broken = usePasswordCheck(next);
  const summaryId = useId();

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const found: typeof errors = {};
    if (current === '') found.current = t('form.required');
    if (next === '') found.next = t('form.required');
    if (confirm !== next) found.confirm = t('form.passwordsDiffer');
    if (next !== '') {
      const check = await checkPassword(next);
      if (check.ok && check.value.length > 0) found.next = t('form.rulesUnmet');
    }
    setErrors(found);
    if (found.current !== undefined) return currentRef.current?.focus();
    if (found.next !== undefined) return nextRef.current?.focus();
    if (found.confirm !== undefined) return confirmRef.current?.focus();

    setBusy(true);
    const result = await changePassword({ id, old_password: current, new_password: next });
    setBusy(false);
    if (result.ok) {
      onDone();
      return;
    }
    const { code } = result.error;
    if (code === 'wrong-password') {
      setErrors({ current: describeError(lang, result.error).text });
      currentRef.current?.select();
      currentRef.current?.focus();
    } else if (code.startsWith('password-')) {
      setErrors({ next: describeError(lang, result.error).text });
      nextRef.current?.focus();
    } else {
      setFailure(result.error);
    }
  };

  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Enter in its fields submits it, IME-safely
    <form className="dialog__form" noValidate onSubmit={(event) => void submit(event)} onKeyDown={submitOnEnter}>
      <p className="dialog__intro">{t('changePassword.intro', { owner })}</p>
      <SecretField
        label={t('changePassword.current')}
        value={current}
        onChange={(value) => {
          setCurrent(value);
          setErrors((old) => ({ ...old, current: undefined }));
        }}
        error={errors.current ?? null}
        focusOnOpen
        inputRef={currentRef}
        testId="current-password"
      />
      <SecretField
        label={t('changePassword.new')}
        value={next}
        onChange={(value) => {
          setNext(value);
          setErrors((old) => ({ ...old, next: undefined }));
        }}
        error={errors.next ?? null}
        inputRef={nextRef}
        describedBy={summaryId}
        testId="new-password"
      />
      <PasswordRules broken={broken} summaryId={summaryId} />
      <SecretField
        label={t('changePassword.confirm')}
        value={confirm}
        onChange={(value) => {
          setConfirm(value);
          setErrors((old) => ({ ...old, confirm: undefined }));
        }}
        error={errors.confirm ?? null}
        inputRef={confirmRef}
        testId="confirm-password"
      />
      <FormAlert error={failure} />
      <DialogActions>
        <Button className="button" onPress={onClose} isDisabled={busy}>
          {t('action.cancel')}
        </Button>
        <Button type="submit" className="button button--primary" isPending={busy} data-testid="submit">
          {busy ? t('action.working') : t('changePassword.submit')}
        </Button>
      </DialogActions>
    </form>
  );
}
