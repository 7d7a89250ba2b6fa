import { Suspense, use, useId } from 'react';

import type { Result } from '../../api';
import type { CertificateChain } from '../../bindings/CertificateChain';
import type { ChainLink } from '../../bindings/ChainLink';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n/context';
import { CheckIcon, CrossIcon, InfoIcon, ShieldIcon, WarningIcon } from '../icons';

/**
 * The certification path ("인증 경로"): the top-level CA first, this
 * certificate last, each link saying in words whether its signature was
 * checked. Honest when the path stops short of a root.
 */
export function ChainSection({ request }: { request: Promise<Result<CertificateChain>> }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="card section-card" aria-labelledby={headingId} data-testid="chain-section">
      <h3 id={headingId} className="card__heading">
        {t('chain.heading')}
      </h3>
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
    </section>
  );
}

function Chain({ request }: { request: Promise<Result<CertificateChain>> }) {
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
  const { links, complete } = result.value;
  const last = links[links.length - 1];
  const endsAtRoot = last?.root === true;
  // The chain as it is read aloud and drawn: from the top-level CA down to this certificate.
  const fromRoot = links.map((link, index) => ({ link, index })).reverse();

  return (
    <>
      <ol className="chain" data-testid="chain">
        {fromRoot.map(({ link, index }) => (
          <ChainItem key={`${link.id}:${index}`} link={link} isSelf={index === 0} />
        ))}
      </ol>
      {complete ? (
        <p className="chain__summary chain__summary--ok" data-testid="chain-summary">
          <CheckIcon />
          {t('chain.complete')}
        </p>
      ) : (
        <div className="notice notice--info" data-testid="chain-summary">
          <WarningIcon />
          <p>{endsAtRoot ? t('chain.unverifiedLink') : t('chain.missingIssuer')}</p>
        </div>
      )}
    </>
  );
}

function ChainItem({ link, isSelf }: { link: ChainLink; isSelf: boolean }) {
  const { t, formatDate } = useI18n();
  const role = isSelf ? t('chain.self') : link.root ? t('chain.root') : t('chain.issuer');
  return (
    <li className={`chain__link${isSelf ? ' chain__link--self' : ''}`} data-testid="chain-link" data-verified={link.verified}>
      <ShieldIcon />
      <div className="chain__body">
        <p className="chain__role">{role}</p>
        <p className="chain__name" translate="no">
          {link.common_name}
        </p>
        <p className="chain__facts">
          <span className={`chain__check chain__check--${link.verified ? 'ok' : 'no'}`}>
            {link.verified ? <CheckIcon /> : <CrossIcon />}
            {link.verified ? t('chain.verified') : t('chain.unverified')}
          </span>
          <span className="fact__aside">{t('chain.validUntil', { date: formatDate(link.not_after) })}</span>
        </p>
        {link.pinned && <p className="chain__pinned">{t('chain.pinned')}</p>}
      </div>
    </li>
  );
}
