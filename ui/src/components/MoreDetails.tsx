import type { ReactNode } from 'react';
import { Button, Disclosure, DisclosurePanel } from 'react-aria-components';

import { ChevronIcon } from './icons';

/**
 * Technical text a person rarely needs (an address, an error's details),
 * closed at first behind a small "자세히" button, so the plain words come
 * first and nothing is hidden from whoever wants it.
 */
export function MoreDetails({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <Disclosure className="disclosure disclosure--more" data-testid={testId}>
      <Button slot="trigger" className="disclosure__trigger disclosure__trigger--more">
        <ChevronIcon className="disclosure__chevron" />
        {label}
      </Button>
      <DisclosurePanel className="disclosure__panel">{children}</DisclosurePanel>
    </Disclosure>
  );
}
