import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { Button } from 'react-aria-components';

import { checkCa, chooseFile, issueCertificate, prepareKey, readInvitation, timelineMark, type Result } from '../../api';
import type { CertificateList } from '../../bindings/CertificateList';
import type { CheckedInvitation } from '../../bindings/CheckedInvitation';
import type { Enrolled } from '../../bindings/Enrolled';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import type { IssueRequest } from '../../bindings/IssueRequest';
import type { KeyType } from '../../bindings/KeyType';
import type { ListedCertificate } from '../../bindings/ListedCertificate';
import type { Step } from '../../bindings/Step';
import { useDistribution } from '../../DistributionProvider';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n/context';
import {
  adviceFor,
  chooseCa,
  consentFor,
  invitationNeedsWarning,
  issuePath,
  needsCaAddress,
  wizardFieldOf,
  type AcceptedCa,
  type IssueKind,
  type WizardFieldName,
  type WizardStep,
} from '../../issue';
import { useReveal } from '../../reveal';
import { storeTarget, type Destination } from '../dialogs/DestinationField';
import { recheckWith, useDialogForm } from '../dialogs/useDialogForm';
import { BackIcon, InfoIcon, WarningIcon } from '../icons';
import type { Progress } from '../ProgressSteps';
import { CodesStep, type CodesLock } from './CodesStep';
import { DoneStep } from './DoneStep';
import { PathStep } from './PathStep';
import { ReviewStep } from './ReviewStep';
import { StepIndicator } from './StepFrame';
import { StorageStep } from './StorageStep';
import { SwitchInvitationDialog } from './SwitchInvitationDialog';
import { UnlistedCaWarning, type UnlistedCaQuestion } from './UnlistedCaWarning';
import {
  EMPTY_VALUES,
  firstCodeField,
  hasTyped,
  TYPED_FIELDS,
  wizardErrors,
  type LoadedInvitation,
  type WizardValues,
} from './wizardForm';

/** An issue.html dropped on the window; `seq` tells two drops of the same file apart. */
export interface InvitationDrop {
  path: string;
  seq: number;
  /** Already read by the native side (a link or a file opened with the app), or refused there. */
  read?: Result<CheckedInvitation>;
}

/** The warning about an unlisted CA, and what "계속" does. */
interface PendingCa extends UnlistedCaQuestion {
  accept: () => void;
}

/** An invitation that arrived while the person had typed codes or a password. */
interface PendingSwitch {
  path: string;
  read: CheckedInvitation;
}

/** Where the cursor goes when a step opens. */
type FocusTarget = WizardFieldName | 'heading' | 'first-code';

/** The finished issuance and the list read after it. */
interface Issued {
  enrolled: Enrolled;
  listing: Promise<Result<CertificateList>>;
}

/**
 * The issuance wizard: how (registration number or e-mail), the codes, where
 * to keep it and its password, then a check of it all and the issuance with
 * its progress. Everything typed stays while the person goes back and forth,
 * and after a failure, so it can be corrected and sent again; it is gone when
 * the screen closes (nothing is stored anywhere).
 *
 * The CA is settled before any code is typed. A distribution with CAs
 * decides alone (an invitation may only select one of them; one naming
 * another CA is refused, and the codes cannot be sent). A build without CAs
 * asks for the address on the first step, or takes an invitation's, and
 * either only after the person accepted a blocking warning showing its host;
 * that consent goes with the request (`allow_unlisted_ca`). An invitation
 * that arrives once codes or a password were typed asks before it replaces
 * them (and the CA).
 */
export function IssueScreen({
  reissueOf,
  drop,
  onBack,
  onIssued,
  onOpenDetails,
}: {
  reissueOf: string | null;
  drop: InvitationDrop | null;
  onBack: () => void;
  /** The certificate was issued: read the list again and resolve to it. */
  onIssued: () => Promise<Result<CertificateList>>;
  onOpenDetails: (certificate: ListedCertificate) => void;
}) {
  const { t, lang } = useI18n();
  const { distribution } = useDistribution();
  const [kind, setKind] = useState<IssueKind>(drop === null ? 'registration' : 'temporary');
  // An error on a field goes as soon as what is typed there is right (a confirmation with its password).
  const form = useDialogForm<WizardValues, 'destination' | 'invitation'>(
    EMPTY_VALUES,
    recheckWith<WizardValues>((values) => wizardErrors(t, lang, kind, values), { password: ['confirm'] }),
  );
  const [step, setStep] = useState<WizardStep>('path');
  const [invitation, setInvitation] = useState<LoadedInvitation | null>(null);
  // A build without CAs: the CA the person accepted after the warning.
  const [accepted, setAccepted] = useState<AcceptedCa | null>(null);
  // The last invitation, refused because the distribution does not list its CA.
  const [refused, setRefused] = useState<ErrorInfo | null>(null);
  const [pendingCa, setPendingCa] = useState<PendingCa | null>(null);
  const [pendingSwitch, setPendingSwitch] = useState<PendingSwitch | null>(null);
  // An invitation that arrived while the person typed and could not be used: said, nothing changed.
  const [linkProblem, setLinkProblem] = useState<ErrorInfo | null>(null);
  const linkProblemRef = useReveal<HTMLDivElement>(linkProblem);
  const [destination, setDestination] = useState<Destination>({ kind: 'keychain' });
  const [keyType, setKeyType] = useState<KeyType>('rsa2048');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [issued, setIssued] = useState<Issued | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const stepRef = useRef<HTMLHeadingElement>(null);
  const invitationButtonRef = useRef<HTMLButtonElement>(null);
  // Where the cursor goes when a step opens: its heading, a field to correct, or (on the
  // codes step) the first thing that needs the person's input.
  const focusTarget = useRef<FocusTarget | null>(null);

  const askCa = needsCaAddress(distribution);
  const consent = askCa ? consentFor(accepted, form.values.caAddress) : null;
  const ca = chooseCa(distribution, kind, invitation, consent);
  const lock: CodesLock = kind === 'temporary' && refused !== null ? 'refused' : askCa && consent === null ? 'no-ca' : null;
  const advice = form.failure === null ? null : adviceFor(form.failure.code, { caTyped: askCa });

  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  /**
   * The codes step's cursor: on the e-mail path without its file (and no
   * number typed by hand), or while no code can be typed there, the button
   * that opens the file; otherwise the first code field empty or wrong (or,
   * when all look right, the first one typed); with nothing to do here, the
   * heading.
   */
  const focusFirstCode = () => {
    const needsFile = kind === 'temporary' && (lock !== null || (invitation === null && form.values.application === ''));
    if (needsFile && invitationButtonRef.current !== null) invitationButtonRef.current.focus();
    else if (lock === null) form.focus(firstCodeField(kind, form.values, invitation));
    else stepRef.current?.focus();
  };

  useEffect(() => {
    const target = focusTarget.current;
    focusTarget.current = null;
    if (target === 'heading') stepRef.current?.focus();
    else if (target === 'first-code') focusFirstCode();
    else if (target !== null) form.focus(target);
    // Only a change of step moves the cursor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step]);

  // The key is generated in the app while the person chooses where to keep it and its
  // password, so that "발급하기" waits only for the CA; a new type replaces the one under way.
  useEffect(() => {
    if (step === 'storage') void prepareKey(keyType);
  }, [step, keyType]);

  const goTo = (next: WizardStep, focus: FocusTarget = next === 'codes' ? 'first-code' : 'heading') => {
    focusTarget.current = focus;
    setLinkProblem(null);
    setStep(next);
    window.scrollTo(0, 0);
  };

  /**
   * Leaves the first step. In a build without CAs the address typed there is
   * checked by the backend and, unless already accepted, shown in the
   * warning; the codes step opens only after "계속". On the e-mail path the
   * address may stay empty: the issue.html names the CA.
   */
  const leavePath = async () => {
    form.setFailure(null);
    const typed = form.values.caAddress.trim();
    if (!askCa || consent !== null || (typed === '' && kind === 'temporary')) {
      goTo('codes');
      return;
    }
    if (typed === '') {
      form.reject({ caAddress: t('issue.caRequired') });
      return;
    }
    const checked = await form.run(() => checkCa(typed), () => 'caAddress');
    if (!checked.ok) return;
    const check = checked.value;
    const accept = () => {
      setAccepted({ typed, check });
      goTo('codes');
    };
    if (check.listed) accept();
    else setPendingCa({ check, source: 'typed', accept });
  };

  /** An invitation whose CA may be asked: its application number, and in a build without CAs its CA. */
  const loadInvitation = (path: string, read: CheckedInvitation) => {
    setInvitation({ path, ...read });
    setRefused(null);
    form.setValue('application', read.invitation.application);
    form.clear('application');
    form.clear('invitation');
    if (askCa) {
      form.setValue('caAddress', read.ca.url);
      form.clear('caAddress');
      setAccepted({ typed: read.ca.url, check: read.ca });
    }
  };

  const showInvitation = (path: string, result: Result<CheckedInvitation>) => {
    if (!result.ok) {
      form.reject({ invitation: describeError(lang, result.error).text });
      // A CA the distribution does not list: this invitation cannot be used at all.
      if (result.error.code === 'ca-not-listed') {
        setInvitation(null);
        setRefused(result.error);
      }
      return;
    }
    const read = result.value;
    if (invitationNeedsWarning(distribution, read, consent)) {
      setPendingCa({ check: read.ca, source: 'invitation', accept: () => loadInvitation(path, read) });
    } else {
      loadInvitation(path, read);
    }
  };

  const openInvitation = async () => {
    const chosen = await chooseFile(t('issue.invitationDialogTitle'), [
      { name: t('issue.invitationFilter'), extensions: ['html', 'htm'] },
    ]);
    if (!chosen.ok) form.setFailure(chosen.error);
    else if (chosen.value !== null) showInvitation(chosen.value, await readInvitation(chosen.value));
  };

  /** An invitation taken from outside (a drop, a link): the e-mail path with it. */
  const takeInvitation = (path: string, result: Result<CheckedInvitation>) => {
    form.setFailure(null);
    setProgress(null);
    setKind('temporary');
    // Its numbers are entered on the codes step: that is where the file shows.
    if (step !== 'codes') goTo('codes');
    showInvitation(path, result);
  };

  // A file dropped on the window (or opened with the app) starts the e-mail path with it,
  // unless the person has typed something: then it asks first, and never swaps the CA silently.
  const onDropRead = useEffectEvent((path: string, result: Result<CheckedInvitation>) => {
    // One question at a time: a question on screen is never swapped for another.
    if (form.busy || step === 'done' || pendingCa !== null || pendingSwitch !== null) return;
    setLinkProblem(null);
    if (!hasTyped(form.values, invitation)) {
      takeInvitation(path, result);
    } else if (result.ok) {
      setPendingSwitch({ path, read: result.value });
    } else {
      setLinkProblem(result.error);
    }
  });

  /** "바꾸기": what was typed is wiped, and the new invitation taken (with its own CA warning). */
  const switchInvitation = () => {
    if (pendingSwitch === null) return;
    setPendingSwitch(null);
    for (const name of TYPED_FIELDS) form.setValue(name, '');
    form.reject({});
    takeInvitation(pendingSwitch.path, { ok: true, value: pendingSwitch.read });
  };
  useEffect(() => {
    if (drop === null) return undefined;
    let current = true;
    const read = drop.read === undefined ? readInvitation(drop.path) : Promise.resolve(drop.read);
    void read.then((result) => {
      if (current) onDropRead(drop.path, result);
    });
    return () => {
      current = false;
    };
  }, [drop]);

  const issue = async () => {
    const to = storeTarget(destination);
    if (ca === null) {
      goTo('path');
      return;
    }
    if (lock !== null) {
      goTo('codes');
      return;
    }
    if (to === null) {
      goTo('storage');
      return;
    }
    // For the benchmark's timeline: from here to the certificate in its store.
    void timelineMark('issue-click');
    setProgress({ state: 'running', current: null });
    let reached: Step | null = null;
    const request: IssueRequest = {
      ca: ca.url,
      // Only a CA the person accepted after the warning; a listed one needs no consent.
      ...(ca.listed ? {} : { allow_unlisted_ca: true }),
      path: issuePath(kind, form.values),
      password: form.values.password,
      key_type: keyType,
      to,
    };
    const result = await form.run(() =>
      issueCertificate(request, (next) => {
        reached = next;
        setProgress({ state: 'running', current: next });
      }),
    );
    if (!result.ok) {
      setProgress({ state: 'stopped', at: reached });
      return;
    }
    setProgress({ state: 'finished' });
    setIssued({ enrolled: result.value, listing: onIssued() });
    goTo('done');
  };

  /** Back to the step where the failure can be corrected, the field marked when there is one. */
  const fix = () => {
    const target = advice?.fix ?? null;
    if (form.failure === null || target === null) return;
    const field = wizardFieldOf(form.failure.code);
    if (field !== null) {
      form.reject({ [field]: describeError(lang, form.failure).text });
      form.setFailure(null);
    }
    setProgress(null);
    goTo(target, field ?? (target === 'codes' ? 'first-code' : 'heading'));
  };

  return (
    <div className="wizard" data-testid="issue-wizard">
      <Button className="button button--quiet back-button" onPress={onBack} isDisabled={form.busy} data-testid="back">
        <BackIcon />
        {t('action.back')}
      </Button>
      <h2 ref={titleRef} tabIndex={-1} className="details__owner">
        {reissueOf === null ? t('issue.title') : t('issue.reissueTitle')}
      </h2>
      {reissueOf !== null && (
        <div className="notice notice--info" data-testid="reissue-note">
          <InfoIcon />
          <p>{t('issue.reissueNote', { owner: reissueOf })}</p>
        </div>
      )}
      <StepIndicator current={step} />
      {linkProblem !== null && (
        <div ref={linkProblemRef} className="form-alert" role="alert" data-testid="link-problem">
          <div className="form-alert__title">
            <WarningIcon />
            <p>{t('switchInvitation.unusable')}</p>
          </div>
          <p>{describeError(lang, linkProblem).text}</p>
        </div>
      )}
      {step === 'path' && (
        <PathStep
          kind={kind}
          onKind={(next) => {
            setKind(next);
            form.setFailure(null);
          }}
          caAddress={askCa ? form.field('caAddress') : null}
          busy={form.busy}
          failure={form.failure}
          onNext={leavePath}
          headingRef={stepRef}
        />
      )}
      {step === 'codes' && (
        <CodesStep
          kind={kind}
          form={form}
          invitation={invitation}
          lock={lock}
          onOpenInvitation={() => void openInvitation()}
          onNext={() => goTo('storage')}
          onPrevious={() => goTo('path')}
          headingRef={stepRef}
          invitationButtonRef={invitationButtonRef}
        />
      )}
      {step === 'storage' && (
        <StorageStep
          form={form}
          destination={destination}
          onDestination={setDestination}
          keyType={keyType}
          onKeyType={setKeyType}
          onNext={() => {
            setProgress(null);
            goTo('review');
          }}
          onPrevious={() => goTo('codes')}
          headingRef={stepRef}
        />
      )}
      {step === 'review' && (
        <ReviewStep
          kind={kind}
          values={form.values}
          ca={ca}
          destination={destination}
          keyType={keyType}
          busy={form.busy}
          progress={progress}
          failure={form.failure}
          advice={advice}
          onIssue={() => void issue()}
          onPrevious={() => {
            form.setFailure(null);
            goTo('storage');
          }}
          onFix={fix}
          onShowList={onBack}
          headingRef={stepRef}
        />
      )}
      {step === 'done' && issued !== null && (
        <DoneStep
          enrolled={issued.enrolled}
          listing={issued.listing}
          onOpenDetails={onOpenDetails}
          onBack={onBack}
          headingRef={stepRef}
        />
      )}
      <UnlistedCaWarning
        question={pendingCa}
        onContinue={() => {
          pendingCa?.accept();
          setPendingCa(null);
        }}
        onCancel={() => setPendingCa(null)}
      />
      <SwitchInvitationDialog
        host={pendingSwitch?.read.ca.host ?? null}
        onSwitch={switchInvitation}
        onKeep={() => setPendingSwitch(null)}
      />
    </div>
  );
}
