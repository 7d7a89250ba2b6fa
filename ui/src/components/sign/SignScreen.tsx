import { useEffect, useId, useRef, useState } from 'react';
import { Button } from 'react-aria-components';

import { useAnnounce } from '../../Announcer';
import { retrySignAnswer, signForSite, type Result } from '../../api';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import type { ListedCertificate } from '../../bindings/ListedCertificate';
import type { SignSession } from '../../bindings/SignSession';
import { describeError, errorText } from '../../errors';
import { useI18n } from '../../i18n/context';
import { copyKey, copyOf } from '../../places';
import { DELIVERY_FAILURES, originOfLink, splitCandidates } from '../../sign';
import { markAfterPaint } from '../../timeline';
import { ErrorDetails } from '../ErrorDetails';
import { FormAlert, SecretField } from '../dialogs/fields';
import { DialogFormElement, useDialogForm, wrongPasswordIn } from '../dialogs/useDialogForm';
import { BackIcon, CheckIcon, InfoIcon, WarningIcon } from '../icons';
import { CandidateChoice, UnfitList } from './Candidates';
import { RequestSection } from './RequestSection';
import { SignFrame, WaitingNote } from './SignFrame';
import { WhoAsks } from './WhoAsks';

export interface SignScreenProps {
  /** The link the site opened. */
  link: string;
  /** What `open_sign_request` of that link gave (the window shows its own loading state until then). */
  result: Result<SignSession>;
  /** Another site's request waits for this one to end. */
  waiting: boolean;
  /**
   * The person cancels: nothing was signed, or a signature was made but never
   * reached the site (`undelivered`). The window tells the site.
   */
  onCancel: (undelivered: boolean) => void;
  /** The request is answered, or gone: nothing is left to tell the site. */
  onSettled: () => void;
  /** Away from a refusal or a signature sent: to the request waiting, or the list. */
  onBack: () => void;
}

/**
 * A site's signing request (a `dojang://sign?` link opened with the app),
 * from the moment it arrives: read from the site, then refused in words, or
 * shown for consent (who asks, what, with which certificate and its
 * password), then signed and sent, or cancelled. The root says which
 * (`data-state`: loading, refused, consent, done).
 */
export function SignScreen({ link, result, waiting, onCancel, onSettled, onBack }: SignScreenProps) {
  if (!result.ok) {
    return <SignRefused error={result.error} origin={originOfLink(link)} nothingSent waiting={waiting} onBack={onBack} />;
  }
  return <SignConsent session={result.value} waiting={waiting} onCancel={onCancel} onSettled={onSettled} onBack={onBack} />;
}

/** The way back from a request that is over: to the next one when one waits, else the list. */
function BackButton({ waiting, onBack, focusOnShow }: { waiting: boolean; onBack: () => void; focusOnShow: boolean }) {
  const { t } = useI18n();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusOnShow) ref.current?.focus();
  }, [focusOnShow]);
  return (
    <div className="sign__actions sign__actions--start">
      <Button ref={ref} className="button button--primary" onPress={onBack} data-testid="sign-back">
        {!waiting && <BackIcon />}
        {waiting ? t('sign.next') : t('action.back')}
      </Button>
    </div>
  );
}

/**
 * A request that cannot be answered: the app refused it (its link, its site,
 * its content), or it was closed meanwhile. The catalog's sentence, plainly,
 * with where it came from when that is known.
 */
function SignRefused({
  error,
  origin,
  nothingSent,
  waiting,
  onBack,
}: {
  error: ErrorInfo;
  origin: string | null;
  /** Refused before anything was made: said so. */
  nothingSent: boolean;
  waiting: boolean;
  onBack: () => void;
}) {
  const { t, lang } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const described = describeError(lang, error);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <SignFrame state="refused" top={<p className="sign__kicker">{t('sign.request')}</p>}>
      <div className="card sign-site sign-refused" data-code={error.code}>
        <div className="load-error__title">
          <WarningIcon />
          <h2 ref={headingRef} tabIndex={-1} className="sign-site__title">
            {nothingSent ? t('sign.refused.heading') : t('sign.gone.heading')}
          </h2>
        </div>
        <p className="load-error__message" role="alert" data-testid="sign-error">
          {described.text}
        </p>
        {origin !== null && (
          <p className="sign-refused__origin">
            <span className="fact__aside">{t('sign.refused.site')}</span>{' '}
            <span className="url" translate="no" data-testid="sign-refused-origin">
              {origin}
            </span>
          </p>
        )}
        <ErrorDetails error={described} showPath={false} />
        {nothingSent && <p>{t('sign.refused.nothing')}</p>}
      </div>
      <BackButton waiting={waiting} onBack={onBack} focusOnShow={false} />
    </SignFrame>
  );
}

/** Where a consent stands once the person pressed “서명”. */
type Outcome =
  | { kind: 'open' }
  /** Signed, but the site was not reached: the same answer can be sent again. */
  | { kind: 'undelivered'; error: ErrorInfo; signer: ListedCertificate }
  | { kind: 'done'; signer: ListedCertificate }
  /** The session was closed meanwhile (`sign-request-gone`). */
  | { kind: 'gone'; error: ErrorInfo };

function SignConsent({
  session,
  waiting,
  onCancel,
  onSettled,
  onBack,
}: {
  session: SignSession;
  waiting: boolean;
  onCancel: SignScreenProps['onCancel'];
  onSettled: () => void;
  onBack: () => void;
}) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const { fit, unfit } = splitCandidates(session.candidates);
  const [chosen, setChosen] = useState<string | null>(fit[0] === undefined ? null : copyKey(fit[0].listed));
  const [confirmed, setConfirmed] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'open' });
  const [retrying, setRetrying] = useState(false);
  const form = useDialogForm({ password: '' });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const answerHeadingId = useId();
  const unlisted = !session.site.listed;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  // From the link's arrival to this, on the benchmark's timeline (`DOJANG_TIMELINE`).
  useEffect(() => markAfterPaint('sign-consent'), []);

  const finish = (signer: ListedCertificate) => {
    onSettled();
    setOutcome({ kind: 'done', signer });
    announce(t(`sign.done.${session.purpose}`));
  };

  const closed = (error: ErrorInfo) => {
    onSettled();
    setOutcome({ kind: 'gone', error });
  };

  const submit = async () => {
    form.setFailure(null);
    if (unlisted && !confirmed) {
      setConfirmError(t('sign.unlisted.confirmFirst'));
      confirmRef.current?.focus();
      return;
    }
    const candidate = fit.find((one) => copyKey(one.listed) === chosen);
    if (candidate === undefined) return;
    if (form.reject({ password: form.values.password === '' ? t('form.required') : undefined })) return;
    const result = await form.run(
      () => signForSite({ session: session.session, ...copyOf(candidate.listed), password: form.values.password }),
      wrongPasswordIn('password'),
    );
    if (result.ok) {
      finish(candidate.listed);
      return;
    }
    const { code } = result.error;
    if (code === 'wrong-password') {
      announce(describeError(lang, result.error).text);
    } else if (DELIVERY_FAILURES.has(code)) {
      // Signed: the password has done its work and is not kept.
      form.setFailure(null);
      form.setValue('password', '');
      setOutcome({ kind: 'undelivered', error: result.error, signer: candidate.listed });
    } else if (code === 'sign-request-gone') {
      form.setFailure(null);
      closed(result.error);
    }
    // Anything else stays on the form (its sentence above the buttons): nothing was signed, it may be tried again.
  };

  const retry = async (signer: ListedCertificate) => {
    setRetrying(true);
    const result = await retrySignAnswer(session.session);
    setRetrying(false);
    if (result.ok) finish(signer);
    else if (result.error.code === 'sign-request-gone') closed(result.error);
    else {
      setOutcome({ kind: 'undelivered', error: result.error, signer });
      announce(describeError(lang, result.error).text);
    }
  };

  if (outcome.kind === 'gone') {
    return <SignRefused error={outcome.error} origin={session.site.origin} nothingSent={false} waiting={waiting} onBack={onBack} />;
  }

  const top = <p className="sign__kicker">{t(`sign.request.${session.purpose}`)}</p>;

  if (outcome.kind === 'done') {
    return (
      <SignFrame state="done" top={top}>
        <WhoAsks site={session.site} purpose={session.purpose} />
        <div className="notice notice--ok sign-done" data-testid="sign-done">
          <CheckIcon />
          <div>
            <p className="notice__title">{t(`sign.done.${session.purpose}`)}</p>
            <p>{t('sign.done.detail', { owner: outcome.signer.owner })}</p>
          </div>
        </div>
        <BackButton waiting={waiting} onBack={onBack} focusOnShow />
        {waiting && <WaitingNote />}
      </SignFrame>
    );
  }

  return (
    <SignFrame state="consent" top={top}>
      <WhoAsks
        site={session.site}
        purpose={session.purpose}
        headingRef={headingRef}
        confirm={{
          confirmed,
          onChange: (next) => {
            setConfirmed(next);
            if (next) setConfirmError(null);
          },
          error: confirmError,
          inputRef: confirmRef,
        }}
      />
      <RequestSection session={session} />
      <section className="card section-card sign-answer" aria-labelledby={answerHeadingId}>
        <h3 id={answerHeadingId} className="card__heading">
          {t('sign.certificates')}
        </h3>
        {outcome.kind === 'undelivered' ? (
          <Undelivered
            error={outcome.error}
            busy={retrying}
            onRetry={() => void retry(outcome.signer)}
            onClose={() => onCancel(true)}
          />
        ) : fit.length === 0 ? (
          <div className="sign__form">
            <div className="notice notice--danger" data-testid="sign-error" data-code="sign-no-certificate">
              <WarningIcon />
              <div>
                <p className="notice__title">{errorText(lang, 'sign-no-certificate')}</p>
                <p>{t('sign.noCertificateHint')}</p>
              </div>
            </div>
            {unfit.length > 0 && <UnfitList unfit={unfit} />}
            <div className="sign__actions">
              <Button className="button button--primary" onPress={() => onCancel(false)} data-testid="sign-cancel">
                {t('action.cancel')}
              </Button>
            </div>
          </div>
        ) : (
          <DialogFormElement busy={form.busy} onSubmit={submit} className="sign__form" testId="sign-form">
            <CandidateChoice
              fit={fit}
              value={chosen}
              onChange={(key) => {
                setChosen(key);
                // Another certificate has its own password: the last one's mistake no longer applies.
                form.clear('password');
              }}
              isDisabled={form.busy}
              labelledBy={answerHeadingId}
            />
            {unfit.length > 0 && <UnfitList unfit={unfit} />}
            <SecretField
              label={t('sign.password')}
              {...form.field('password')}
              errorRoom={[t('form.required'), errorText(lang, 'wrong-password')]}
              testId="sign-password-field"
              inputTestId="sign-password"
              errorTestId="sign-error"
            />
            <FormAlert error={form.failure} testId="sign-error" />
            <div className="sign__actions">
              <Button className="button" onPress={() => onCancel(false)} isDisabled={form.busy} data-testid="sign-cancel">
                {t('action.cancel')}
              </Button>
              <Button
                type="submit"
                className="button button--primary"
                isPending={form.busy}
                isDisabled={unlisted && !confirmed}
                data-testid="sign-submit"
              >
                {form.busy ? t('sign.signing') : t('sign.submit')}
              </Button>
            </div>
          </DialogFormElement>
        )}
      </section>
      {waiting && <WaitingNote />}
    </SignFrame>
  );
}

/**
 * The signature was made but did not reach the site: why, that sending it
 * again signs nothing anew, and “다시 보내기” or “닫기” (which drops it and
 * tells the site).
 */
function Undelivered({
  error,
  busy,
  onRetry,
  onClose,
}: {
  error: ErrorInfo;
  busy: boolean;
  onRetry: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const retryRef = useRef<HTMLButtonElement>(null);
  // “서명”, which had the focus, is gone: the way on takes it.
  useEffect(() => {
    retryRef.current?.focus();
  }, []);
  return (
    <div className="sign__form">
      <FormAlert error={error} testId="sign-error">
        <p className="sign-undelivered">
          <InfoIcon />
          <span>{t('sign.undelivered')}</span>
        </p>
      </FormAlert>
      <div className="sign__actions">
        <Button className="button" onPress={onClose} isDisabled={busy} data-testid="sign-cancel">
          {t('action.close')}
        </Button>
        <Button ref={retryRef} className="button button--primary" onPress={onRetry} isPending={busy} data-testid="sign-retry">
          {busy ? t('sign.retrying') : t('sign.retry')}
        </Button>
      </div>
    </div>
  );
}
