import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from 'react-aria-components';

import { useI18n } from '../../i18n/context';
import { CloseIcon, InfoIcon } from '../icons';

/** What the signing screen shows: the request being read, refused, open for consent, or answered. */
export type SignState = 'loading' | 'refused' | 'consent' | 'done';

/**
 * Every state of the signing screen in one frame: a row on top (the way out
 * while the request is read, then what kind of request it is), then who asks,
 * always in the same place, so nothing jumps as the request arrives. A click
 * meant for the early “취소” lands on that row's words, never on a control.
 */
export function SignFrame({ state, top, children }: { state: SignState; top: ReactNode; children: ReactNode }) {
  return (
    <div className="sign" data-testid="sign-screen" data-state={state}>
      <div className="sign__top">{top}</div>
      {children}
    </div>
  );
}

/** Another site's request came meanwhile: said below the buttons, so nothing above them moves. */
export function WaitingNote() {
  const { t } = useI18n();
  return (
    <p className="notice notice--info sign__waiting" data-testid="sign-waiting">
      <InfoIcon />
      <span>{t('sign.waiting')}</span>
    </p>
  );
}

/**
 * The request being fetched and checked: where the site's name will be, the
 * words and a spinner; and “취소”, which tells the site once its request is
 * open. The heading takes the focus, so a screen reader starts here.
 */
export function SignLoading({ onCancel, waiting }: { onCancel: () => void; waiting: boolean }) {
  const { t } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <SignFrame
      state="loading"
      top={
        <Button className="button button--quiet sign__early-cancel" onPress={onCancel} data-testid="sign-cancel">
          <CloseIcon />
          {t('action.cancel')}
        </Button>
      }
    >
      <div className="card sign-site sign-site--loading" role="status">
        <span className="loading__spinner" aria-hidden="true" />
        <h2 ref={headingRef} tabIndex={-1} className="sign-site__loading">
          {t('sign.loading')}
        </h2>
      </div>
      {waiting && <WaitingNote />}
    </SignFrame>
  );
}
