import type { Step } from '../bindings/Step';
import { useI18n } from '../i18n/context';
import { useReveal } from '../reveal';
import { CheckIcon, CrossIcon, DotIcon } from './icons';

/** Where a run of steps stands. */
export type Progress =
  | { state: 'running'; current: Step | null }
  | { state: 'finished' }
  /** Stopped by a failure while `at` was running (null: before the first step). */
  | { state: 'stopped'; at: Step | null };

type StepState = 'done' | 'current' | 'pending' | 'stopped';

function stateOf(steps: readonly Step[], step: Step, progress: Progress): StepState {
  if (progress.state === 'finished') return 'done';
  const at = progress.state === 'running' ? progress.current : progress.at;
  const here = at === null ? -1 : steps.indexOf(at);
  const index = steps.indexOf(step);
  if (index < here) return 'done';
  if (index === here) return progress.state === 'running' ? 'current' : 'stopped';
  return 'pending';
}

/**
 * The steps of an issuance or a renewal as a list, each with an icon and a
 * word (done, in progress, waiting), the current one marked; one line below
 * says what is happening now and is what a screen reader hears.
 */
export function ProgressSteps({ steps, progress }: { steps: readonly Step[]; progress: Progress }) {
  const { t } = useI18n();
  const now =
    progress.state === 'finished'
      ? t('progress.finished')
      : progress.state === 'stopped'
        ? t('progress.stopped')
        : progress.current === null
          ? t('progress.starting')
          : t(`progress.now.${progress.current}`);
  // In view when it starts, and again when it finishes or stops.
  const ref = useReveal<HTMLDivElement>(progress.state);

  return (
    <div ref={ref} className="progress" data-testid="progress">
      <ol className="progress__list" aria-label={t('progress.label')}>
        {steps.map((step) => {
          const state = stateOf(steps, step, progress);
          return (
            <li
              key={step}
              className={`progress__step progress__step--${state}`}
              data-testid={`progress-${step}`}
              data-state={state}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              {state === 'done' ? (
                <CheckIcon />
              ) : state === 'current' ? (
                <span className="progress__spinner" aria-hidden="true" />
              ) : state === 'stopped' ? (
                <CrossIcon />
              ) : (
                <DotIcon />
              )}
              <span className="progress__text">{t(`progress.${step}`)}</span>
              <span className="progress__state">{t(`progress.state.${state}`)}</span>
            </li>
          );
        })}
      </ol>
      <p className="progress__now" role="status" aria-live="polite" data-testid="progress-now">
        {now}
      </p>
    </div>
  );
}
