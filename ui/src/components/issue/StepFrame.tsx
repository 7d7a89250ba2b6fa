import type { ReactNode, Ref } from 'react';
import { Button } from 'react-aria-components';

import { useI18n } from '../../i18n/context';
import { WIZARD_STEPS, type WizardStep } from '../../issue';
import { BackIcon, CheckIcon } from '../icons';
import { DialogFormElement } from '../dialogs/useDialogForm';

/** The wizard's steps as an ordered list: the done ones ticked, the current one marked. */
export function StepIndicator({ current }: { current: WizardStep }) {
  const { t } = useI18n();
  const here = current === 'done' ? WIZARD_STEPS.length : WIZARD_STEPS.indexOf(current);
  return (
    <ol className="wizard-steps" aria-label={t('issue.stepsLabel')} data-testid="wizard-steps">
      {WIZARD_STEPS.map((step, index) => {
        const state = index < here ? 'done' : index === here ? 'current' : 'pending';
        return (
          <li
            key={step}
            className={`wizard-steps__item wizard-steps__item--${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
            data-state={state}
          >
            <span className="wizard-steps__number" aria-hidden="true">
              {state === 'done' ? <CheckIcon /> : index + 1}
            </span>
            <span className="wizard-steps__label">
              <span className="visually-hidden">{t('issue.stepNumber', { number: index + 1 })}: </span>
              {t(`issue.step.${step}`)}
              {state === 'done' && <span className="visually-hidden"> ({t('issue.stepDone')})</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * One step of the wizard: its numbered heading (focused when the step
 * opens), a form whose Enter goes on (never while Hangul is composed), and
 * the row with "이전" and the step's own button.
 */
export function StepFrame({
  step,
  headingRef,
  busy,
  onSubmit,
  onPrevious,
  submitLabel,
  submitIcon,
  children,
}: {
  step: Exclude<WizardStep, 'done'>;
  headingRef: Ref<HTMLHeadingElement>;
  busy: boolean;
  onSubmit: () => void | Promise<void>;
  /** Absent on the first step. */
  onPrevious?: () => void;
  submitLabel?: string;
  submitIcon?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const number = WIZARD_STEPS.indexOf(step) + 1;
  return (
    <section className="card wizard-step" aria-labelledby={`wizard-step-${step}`} data-testid={`step-${step}`}>
      <h3 id={`wizard-step-${step}`} ref={headingRef} tabIndex={-1} className="wizard-step__heading">
        <span className="wizard-step__number">{t('issue.stepNumber', { number })}</span> {t(`issue.step.${step}`)}
      </h3>
      <DialogFormElement busy={busy} onSubmit={onSubmit} className="wizard-step__form">
        {children}
        <div className="wizard-step__actions">
          {onPrevious !== undefined && (
            <Button className="button" onPress={onPrevious} isDisabled={busy} data-testid="previous">
              <BackIcon />
              {t('action.previous')}
            </Button>
          )}
          <Button type="submit" className="button button--primary" isPending={busy} data-testid="next">
            {submitIcon}
            {busy ? t('action.working') : (submitLabel ?? t('action.next'))}
          </Button>
        </div>
      </DialogFormElement>
    </section>
  );
}
