import type { ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

import { useI18n } from '../../i18n/context';
import { CloseIcon } from '../icons';

/**
 * A modal dialog: a dimmed window behind, focus kept inside while open and
 * given back to what opened it on close. Escape and a click outside close it,
 * except while `isBusy` (a command is running).
 *
 * The contents unmount when it closes, so whatever was typed (passwords
 * included) is gone with it.
 */
export function DialogShell({
  title,
  isOpen,
  onClose,
  isBusy = false,
  testId,
  children,
}: {
  title: string;
  isOpen: boolean;
  onClose: () => void;
  isBusy?: boolean;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      isDismissable={!isBusy}
      isKeyboardDismissDisabled={isBusy}
    >
      <Modal className="modal">
        <Dialog className="dialog" data-testid={testId}>
          <div className="dialog__head">
            <Heading slot="title" className="dialog__title">
              {title}
            </Heading>
            <Button
              className="icon-button"
              onPress={onClose}
              isDisabled={isBusy}
              aria-label={t('action.close')}
            >
              <CloseIcon />
            </Button>
          </div>
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
