import type { ReactNode } from 'react';
import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';

import { ChevronIcon } from '../icons';

/** A question a person may have ("메일을 받지 못했나요?"), answered when opened. */
export function Aside({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Disclosure className="disclosure aside" data-testid={testId}>
      <Heading level={4} className="disclosure__heading">
        <Button slot="trigger" className="disclosure__trigger">
          <ChevronIcon className="disclosure__chevron" />
          {title}
        </Button>
      </Heading>
      <DisclosurePanel className="disclosure__panel">{children}</DisclosurePanel>
    </Disclosure>
  );
}
