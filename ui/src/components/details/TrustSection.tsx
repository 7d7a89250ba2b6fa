import { Suspense, use, useId, type JSX } from 'react';
import { Button } from 'react-aria-components';

import type { CertificateStatus } from '../../bindings/CertificateStatus';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import type { Overall } from '../../bindings/Overall';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n/context';
import {
  checkedText,
  SOURCE_WORDS,
  statusProblemDetail,
  statusProblemText,
  verdictText,
} from '../../trust';
import { useReveal } from '../../reveal';
import { ErrorDetails } from '../ErrorDetails';
import { BlockedIcon, CheckIcon, InfoIcon, RefreshIcon, WarningIcon } from '../icons';
import type { ShownVerification } from './useVerification';
import { SectionCard } from './SectionCard';

const VERDICT_ICONS: Record<Overall, () => JSX.Element> = {
  good: CheckIcon,
  revoked: BlockedIcon,
  unknown: InfoIcon,
  'path-broken': WarningIcon,
};

/**
 * "지금 믿을 수 있는 인증서인가요": the overall verdict in a word and a
 * sentence, when and how the status was had, why it could not be, and
 * "지금 확인". The verification is asked in the background when the screen
 * opens; this section alone waits for it.
 */
export function TrustSection({ verification }: { verification: ShownVerification }) {
  const { t } = useI18n();
  const { isChecking } = verification;
  return (
    <SectionCard title={t('trust.heading')} testId="trust-section" className="trust">
      <p className="section__note">{t('trust.intro')}</p>
      <Suspense
        fallback={
          <p className="trust__checking" role="status" data-testid="trust-status" data-verdict="checking">
            <span className="loading__spinner" aria-hidden="true" />
            {t('trust.checking')}
          </p>
        }
      >
        <TrustBody verification={verification} />
      </Suspense>
      <div className="actions trust__actions">
        <Button className="button" onPress={verification.checkNow} isPending={isChecking} data-testid="check-now">
          <RefreshIcon className={isChecking ? 'spin' : undefined} />
          {isChecking ? t('trust.checkingNow') : t('trust.checkNow')}
        </Button>
      </div>
    </SectionCard>
  );
}

function TrustBody({ verification }: { verification: ShownVerification }) {
  const { t, formatDateTime } = useI18n();
  const result = use(verification.request);
  const { failure } = verification;
  if (!result.ok) {
    return (
      <div data-testid="trust-status" data-verdict="error">
        <TrustError error={failure ?? result.error} earlier={false} />
      </div>
    );
  }
  const checked = result.value;
  const text = verdictText(t, formatDateTime, checked);
  const status = checked.status.certificate;
  const Icon = VERDICT_ICONS[checked.verdict];
  return (
    <>
      {failure !== null && <TrustError error={failure} earlier />}
      <div
        className={`trust__verdict trust__verdict--${checked.verdict}`}
        data-testid="trust-status"
        data-verdict={checked.verdict}
      >
        <Icon />
        <div>
          <p className="trust__title" data-testid="trust-verdict">
            {text.title}
          </p>
          <p className="trust__detail" data-testid="trust-detail">
            {text.detail}
          </p>
          <p className="trust__checked" data-testid="trust-checked">
            {checkedText(t, formatDateTime, status)}
          </p>
          {status.verdict === 'unknown' && status.last_good !== null && (
            <p className="trust__checked" data-testid="trust-last-good">
              {t('trust.lastGood', { time: formatDateTime(status.last_good) })}
            </p>
          )}
        </div>
      </div>
      <StatusProblems status={status} />
      <AnswerFacts status={status} />
    </>
  );
}

/**
 * Each source that gave no answer, with its address: why nothing could be
 * had, or what was tried before the answer came. For an unknown status with a
 * single reason and no address, the sentence above already says it all.
 */
function StatusProblems({ status }: { status: CertificateStatus }) {
  const { t, formatDateTime } = useI18n();
  const headingId = useId();
  const { problems } = status;
  const [first] = problems;
  if (first === undefined) return null;
  if (status.verdict === 'unknown' && problems.length === 1 && first.url === null && statusProblemDetail(first) === null) {
    return null;
  }
  return (
    <div className="trust__problems" data-testid="trust-problems">
      <h4 id={headingId} className="trust__subheading">
        {status.verdict === 'unknown' ? t('trust.problems') : t('trust.problemsFirst')}
      </h4>
      <ul aria-labelledby={headingId}>
        {problems.map((problem, index) => {
          const detail = statusProblemDetail(problem);
          return (
            <li key={`${problem.kind}:${problem.url ?? ''}:${index}`} data-testid="trust-problem" data-kind={problem.kind}>
              {statusProblemText(t, formatDateTime, problem)}
              {problem.url !== null && (
                <span className="fact__aside url" translate="no">
                  {problem.url}
                </span>
              )}
              {detail !== null && (
                <span className="fact__aside" translate="no">
                  {detail}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Where the answer came from and how long it holds, small, for whoever helps the person. */
function AnswerFacts({ status }: { status: CertificateStatus }) {
  const { t, formatDateTime } = useI18n();
  if (status.source === null || status.source === 'local') return null;
  return (
    <dl className="facts facts--two trust__facts" aria-label={t('trust.facts')} data-testid="trust-facts">
      <div className="fact">
        <dt>{t('trust.factSource')}</dt>
        <dd>{t(SOURCE_WORDS[status.source])}</dd>
      </div>
      {status.url !== null && (
        <div className="fact">
          <dt>{t('trust.factUrl')}</dt>
          <dd className="url" translate="no">
            {status.url}
          </dd>
        </div>
      )}
      {status.this_update !== null && (
        <div className="fact">
          <dt>{t('trust.factThisUpdate')}</dt>
          <dd>
            <time dateTime={status.this_update}>{formatDateTime(status.this_update)}</time>
          </dd>
        </div>
      )}
      {status.next_update !== null && (
        <div className="fact">
          <dt>{t('trust.factNextUpdate')}</dt>
          <dd>
            <time dateTime={status.next_update}>{formatDateTime(status.next_update)}</time>
          </dd>
        </div>
      )}
    </dl>
  );
}

/** A verification that could not be had, in the catalog's sentence, with its details to copy. */
function TrustError({ error, earlier }: { error: ErrorInfo; earlier: boolean }) {
  const { t, lang } = useI18n();
  // A "check now" that failed: said above the earlier answer, and brought into view.
  const ref = useReveal<HTMLDivElement>(earlier ? error : null);
  const described = describeError(lang, error);
  return (
    <div ref={ref} className="notice notice--info trust__error" data-testid="trust-error">
      <InfoIcon />
      <div>
        <p className="notice__title">{earlier ? t('trust.checkFailed') : t('trust.failed')}</p>
        <p>{described.text}</p>
        <ErrorDetails error={described} showPath={false} />
      </div>
    </div>
  );
}
