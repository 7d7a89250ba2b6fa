import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';

import type { NameAttribute } from '../../bindings/NameAttribute';
import { useI18n } from '../../i18n/context';
import { ChevronIcon } from '../icons';

/** The subject and issuer, attribute by attribute, behind a disclosure. */
export function NameTables({ subject, issuer }: { subject: NameAttribute[]; issuer: NameAttribute[] }) {
  const { t } = useI18n();
  return (
    <Disclosure className="disclosure" data-testid="names-disclosure">
      <Heading level={4} className="disclosure__heading">
        <Button slot="trigger" className="disclosure__trigger">
          <ChevronIcon className="disclosure__chevron" />
          {t('details.names')}
        </Button>
      </Heading>
      <DisclosurePanel className="disclosure__panel">
        <NameTable caption={t('details.subjectDn')} attributes={subject} testId="subject-attributes" />
        <NameTable caption={t('details.issuerDn')} attributes={issuer} testId="issuer-attributes" />
      </DisclosurePanel>
    </Disclosure>
  );
}

function NameTable({ caption, attributes, testId }: { caption: string; attributes: NameAttribute[]; testId: string }) {
  const { t } = useI18n();
  return (
    <table className="name-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('details.attribute')}</th>
          <th scope="col">{t('details.value')}</th>
        </tr>
      </thead>
      <tbody>
        {attributes.map((attribute, index) => (
          <tr key={`${attribute.oid}:${index}`}>
            <th scope="row">
              <span className="name-table__name" translate="no">
                {attribute.name}
              </span>
              <span className="name-table__oid" translate="no">
                {attribute.oid}
              </span>
            </th>
            <td translate="no">{attribute.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
