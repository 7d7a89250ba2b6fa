import { useEffect, useState, useTransition } from 'react';

import { verifyCertificate, type Result } from '../../api';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import type { Verification } from '../../bindings/Verification';
import { noteVerification } from '../useListVerifications';

/** A certificate's verification as the details screen shows it, and the way to ask again. */
export interface ShownVerification {
  /** The answer on screen: the one the screen opened with, or the last check's. */
  request: Promise<Result<Verification>>;
  /** Why the last "check now" failed, while the earlier answer stays on screen. */
  failure: ErrorInfo | null;
  /** A "check now" is under way. */
  isChecking: boolean;
  /** Asks the CA now (`verify_certificate` with `refresh`). */
  checkNow: () => void;
}

interface State {
  /** The request the screen was given when this state began. */
  basis: Promise<Result<Verification>>;
  request: Promise<Result<Verification>>;
  failure: ErrorInfo | null;
}

const begin = (basis: Promise<Result<Verification>>): State => ({ basis, request: basis, failure: null });

/**
 * The details screen's verification. It starts with the one the screen was
 * opened with (asked in the background: the screen never waits for it); a
 * new one given by the app (after a revocation, say) takes over. "Check now"
 * keeps the current answer on screen until the new one arrives; a check that
 * fails leaves the earlier answer and says why beside it. `onChecked` hears
 * each check's result (to say it aloud); every answer is passed on to the
 * list, so both say the same of the certificate.
 */
export function useVerification(
  id: string,
  opened: Promise<Result<Verification>>,
  onChecked: (result: Result<Verification>) => void,
): ShownVerification {
  const [state, setState] = useState<State>(() => begin(opened));
  const [isChecking, startTransition] = useTransition();
  const current = state.basis === opened ? state : begin(opened);

  // What the screen opened with, the list hears too.
  useEffect(() => {
    void opened.then((result) => {
      if (result.ok) noteVerification(result.value);
    });
  }, [opened]);

  const checkNow = () => {
    const next = verifyCertificate(id, true);
    startTransition(async () => {
      const result = await next;
      if (result.ok) noteVerification(result.value);
      onChecked(result);
      startTransition(() => {
        setState((previous) => {
          const base = previous.basis === opened ? previous : begin(opened);
          return result.ok ? { ...base, request: next, failure: null } : { ...base, failure: result.error };
        });
      });
    });
  };

  return { request: current.request, failure: current.failure, isChecking, checkNow };
}

/**
 * The answer of a verification request once it has come, for what must not
 * wait for it (the buttons of the details); the previous answer stays until
 * the next one comes, as the trust section keeps it on screen.
 */
export function useAnswer(request: Promise<Result<Verification>>): Result<Verification> | undefined {
  const [answer, setAnswer] = useState<{ request: Promise<Result<Verification>>; result: Result<Verification> }>();
  useEffect(() => {
    let current = true;
    void request.then((result) => {
      if (current) setAnswer({ request, result });
    });
    return () => {
      current = false;
    };
  }, [request]);
  return answer?.result;
}
