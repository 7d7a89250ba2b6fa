import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';

import { formatAsn1 } from '../../asn1';
import type { CertificateDetails } from '../../bindings/CertificateDetails';
import { useI18n } from '../../i18n/context';
import { CopyButton } from '../CopyButton';
import { ChevronIcon } from '../icons';

/** Every extension, the PEM and the ASN.1 structure: for engineers, closed at first. */
export function AdvancedSection({ details }: { details: CertificateDetails }) {
  const { t } = useI18n();
  const asn1 = formatAsn1(details.asn1);
  return (
    <Disclosure className="disclosure disclosure--section card" data-testid="advanced">
      <Heading level={3} className="disclosure__heading">
        <Button slot="trigger" className="disclosure__trigger disclosure__trigger--section">
          <ChevronIcon className="disclosure__chevron" />
          {t('details.advanced')}
        </Button>
      </Heading>
      <DisclosurePanel className="disclosure__panel">
        <p className="section__note">{t('details.advancedHint')}</p>

        <h4 className="subheading">{t('details.extensions')}</h4>
        <ul className="extensions" data-testid="extensions">
          {details.extensions.map((extension) => (
            <li key={extension.oid} className="extension">
              <p className="extension__name">
                <span translate="no">{extension.name ?? extension.oid}</span>
                {extension.name !== null && (
                  <span className="extension__oid" translate="no">
                    {extension.oid}
                  </span>
                )}
              </p>
              <dl className="extension__facts">
                <div>
                  <dt>{t('details.critical')}</dt>
                  <dd>{extension.critical ? t('details.yes') : t('details.no')}</dd>
                </div>
                <div>
                  <dt>{t('details.value')}</dt>
                  <dd>
                    <code className="mono mono--block" translate="no">
                      {extension.value}
                    </code>
                  </dd>
                </div>
                <div>
                  <dt>{t('details.der')}</dt>
                  <dd className="with-copy">
                    <code className="mono mono--block" translate="no">
                      {extension.der_hex}
                    </code>
                    <CopyButton text={extension.der_hex} what={`${extension.name ?? extension.oid} ${t('details.der')}`} />
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>

        <div className="block-head">
          <h4 className="subheading">{t('details.pem')}</h4>
          <CopyButton text={details.pem} what={t('details.pem')} testId="copy-pem" />
        </div>
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling block must be reachable by keyboard */}
        <pre className="code" translate="no" data-testid="pem" tabIndex={0} role="region" aria-label={t('details.pem')}>
          {details.pem.trim()}
        </pre>

        <div className="block-head">
          <h4 className="subheading">{t('details.asn1')}</h4>
          <CopyButton text={asn1} what={t('details.asn1')} testId="copy-asn1" />
        </div>
        <p className="section__note">{t('details.asn1Hint')}</p>
        <pre
          className="code code--asn1"
          translate="no"
          data-testid="asn1"
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling block must be reachable by keyboard
          tabIndex={0}
          role="region"
          aria-label={t('details.asn1')}
        >
          {asn1}
        </pre>
      </DisclosurePanel>
    </Disclosure>
  );
}
