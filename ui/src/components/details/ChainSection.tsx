import { Suspense, use } from 'react';

import type { Result } from '../../api';
import type { ChainLink } from '../../bindings/ChainLink';
import type { PathProblem } from '../../bindings/PathProblem';
import type { Verification } from '../../bindings/Verification';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n/context';
import {
  commonNameOf,
  LINK_SOURCE_WORDS,
  linkStatus,
  linkTime,
  linkTrust,
  pathProblemText,
  VERDICT_WORDS,
} from '../../trust';
import { CheckIcon, CrossIcon, InfoIcon, ShieldIcon, WarningIcon } from '../icons';
import { SectionCard } from './SectionCard';

/**
 * The certification path ("인증 경로") as the verification found it: the
 * top-level CA first, this certificate last, each link with its name, its
 * validity, where it came from and what was checked, and the path's first
 * problem at the link it concerns. Honest about an issuer that is missing.
 */
export function ChainSection({ request }: { request: Promise<Result<Verification>> }) {
  const { t } = useI18n();
  return (
    <SectionCard title={t('chain.heading')} testId="chain-section">
      <p className="section__note">{t('chain.intro')}</p>
      <Suspense
        fallback={
          <p className="loading loading--inline" role="status">
            {t('chain.loading')}
          </p>
        }
      >
        <Chain request={request} />
      </Suspense>
    </SectionCard>
  );
}

function Chain({ request }: { request: Promise<Result<Verification>> }) {
  const { t, lang } = useI18n();
  const result = use(request);
  if (!result.ok) {
    return (
      <div className="notice notice--info" data-testid="chain-error">
        <InfoIcon />
        <div>
          <p className="notice__title">{t('chain.failed')}</p>
          <p>{describeError(lang, result.error).text}</p>
        </div>
      </div>
    );
  }
  const verification = result.value;
  const { links, valid, problem } = verification.chain;
  const top = links[links.length - 1];
  // The CA above the top link is named by it but nowhere to be found: drawn as a gap.
  const missing = problem?.kind === 'issuer-not-found' && problem.link === links.length - 1 && top !== undefined ? top : null;
  // The chain as it is read aloud and drawn: from the top-level CA down to this certificate.
  const fromRoot = links.map((link, index) => ({ link, index })).reverse();

  return (
    <>
      <ol className="chain" data-testid="chain">
        {missing !== null && (
          <li className="chain__link chain__link--missing" data-testid="chain-missing">
            <CrossIcon />
            <div className="chain__body">
              <p className="chain__role">{t('chain.missing')}</p>
              <p className="chain__name" translate="no">
                {commonNameOf(missing.issuer)}
              </p>
            </div>
          </li>
        )}
        {fromRoot.map(({ link, index }) => (
          <ChainItem
            key={`${link.id}:${index}`}
            link={link}
            index={index}
            verification={verification}
            problem={problem?.link === index ? problem : null}
          />
        ))}
      </ol>
      {valid ? (
        <p className="chain__summary chain__summary--ok" data-testid="chain-summary">
          <CheckIcon />
          {t('chain.complete')}
        </p>
      ) : (
        <div className="notice notice--info" data-testid="chain-summary">
          <WarningIcon />
          <p>{problem?.kind === 'issuer-not-found' ? t('chain.missingIssuer') : t('chain.broken')}</p>
        </div>
      )}
    </>
  );
}

function ChainItem({
  link,
  index,
  verification,
  problem,
}: {
  link: ChainLink;
  index: number;
  verification: Verification;
  problem: PathProblem | null;
}) {
  const { t, formatDate } = useI18n();
  const isSelf = index === 0;
  const role = isSelf ? t('chain.self') : link.root ? t('chain.root') : t('chain.issuer');
  const time = linkTime(link, verification.chain.checked_at);
  const trust = linkTrust(link);
  const status = linkStatus(verification, index);
  return (
    <li
      className={`chain__link${isSelf ? ' chain__link--self' : ''}${problem === null ? '' : ' chain__link--problem'}`}
      data-testid="chain-link"
      data-verified={link.verified}
      data-problem={problem?.kind}
    >
      <ShieldIcon />
      <div className="chain__body">
        <p className="chain__role">{role}</p>
        <p className="chain__name" translate="no">
          {link.common_name}
        </p>
        <p className="chain__validity" data-testid="chain-validity">
          {t('chain.validity', { from: formatDate(link.not_before), to: formatDate(link.not_after) })}
        </p>
        <ul className="chain__checks" aria-label={t('chain.checks')}>
          <Check ok={link.verified} testId="chain-signature">
            {link.verified ? t('chain.verified') : t('chain.unverified')}
          </Check>
          <Check ok={time === 'in-time'} testId="chain-time">
            {time === 'expired' ? t('chain.expired') : time === 'not-yet-valid' ? t('chain.notYetValid') : t('chain.inTime')}
          </Check>
          {trust !== null && (
            <Check ok={trust !== 'untrusted-root'} testId="chain-trust">
              {trust === 'pinned' ? t('chain.pinned') : trust === 'anchor' ? t('chain.anchor') : t('chain.untrustedRoot')}
            </Check>
          )}
          {status !== null && (
            <Check ok={status.verdict === 'good'} unsure={status.verdict === 'unknown'} testId="chain-status">
              {t('chain.status', { verdict: t(VERDICT_WORDS[status.verdict]) })}
            </Check>
          )}
        </ul>
        <p className="fact__aside" data-testid="chain-source">
          {t('chain.source', { source: t(LINK_SOURCE_WORDS[link.source]) })}
        </p>
        {problem !== null && (
          <p className="chain__problem" data-testid="chain-problem">
            <WarningIcon />
            <span>
              <span className="visually-hidden">{t('chain.problem')}: </span>
              {pathProblemText(t, problem)}
            </span>
          </p>
        )}
      </div>
    </li>
  );
}

/** One thing checked about a link, with an icon that only repeats its words. */
function Check({
  ok,
  unsure = false,
  testId,
  children,
}: {
  ok: boolean;
  unsure?: boolean;
  testId: string;
  children: string;
}) {
  const state = ok ? 'ok' : unsure ? 'unsure' : 'no';
  return (
    <li className={`chain__check chain__check--${state}`} data-testid={testId} data-state={state}>
      {ok ? <CheckIcon /> : unsure ? <InfoIcon /> : <CrossIcon />}
      {children}
    </li>
  );
}
