import { useId } from 'react';

import { hasSupport } from '../distribution';
import { useDistribution } from '../DistributionProvider';
import { useI18n } from '../i18n/context';
import { ClockIcon, LinkIcon, PhoneIcon } from './icons';

/**
 * The distribution's support desk: phone, website and hours, each labelled
 * in words. Without a number or a website, says in words whom to ask: the
 * bank or CA that gave the person the program. Drawn as a note, never as a
 * box that could be taken for a field to type in.
 */
export function SupportContact({ heading = true }: { heading?: boolean }) {
  const { t } = useI18n();
  const { distribution } = useDistribution();
  const headingId = useId();
  const { phone, url, hours } = distribution.support;
  const reachable = [phone, url].some((value) => value !== null && value.trim() !== '');

  if (!hasSupport(distribution.support)) {
    return (
      <p className="support support--none" data-testid="support-contact">
        {t('support.none')}
      </p>
    );
  }
  return (
    <div className="support" data-testid="support-contact" role="group" aria-labelledby={heading ? headingId : undefined}>
      {heading && (
        <p id={headingId} className="support__heading">
          {t('support.heading')}
        </p>
      )}
      {!reachable && (
        <p className="support__none" data-testid="support-none">
          {t('support.none')}
        </p>
      )}
      <dl className="support__list">
        {phone !== null && phone.trim() !== '' && (
          <div className="support__item">
            <dt>
              <PhoneIcon />
              {t('support.phone')}
            </dt>
            <dd className="support__phone" data-testid="support-phone">
              {phone}
            </dd>
          </div>
        )}
        {url !== null && url.trim() !== '' && (
          <div className="support__item">
            <dt>
              <LinkIcon />
              {t('support.url')}
            </dt>
            <dd className="url" translate="no" data-testid="support-url">
              {url}
            </dd>
          </div>
        )}
        {hours !== null && hours.trim() !== '' && (
          <div className="support__item">
            <dt>
              <ClockIcon />
              {t('support.hours')}
            </dt>
            <dd data-testid="support-hours">{hours}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
