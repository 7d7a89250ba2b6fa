import { useMemo, useState, type ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

import { useI18n } from '../../i18n/context';
import { CloseIcon } from '../icons';
import { useReportOpen } from './openDialogs';
import { DialogBusyContext, type BusyState } from './useDialogForm';

/**
 * A modal dialog: a dimmed window behind, focus kept inside while open and
 * given back to what opened it on close. Escape and a click outside close it,
 * except while the form inside is busy (a command is running: `useDialogForm`
 * reports it through `DialogBusyContext`).
 *
 * The contents unmount when it closes, so whatever was typed (passwords
 * included) is gone with it. A question the person must answer before going
 * on (a warning) is an `alertdialog`. While open, it is reported to the
 * window (`OpenDialogsContext`), which then leaves dropped files alone.
 */
export function DialogShell({
  title,
  isOpen,
  onClose,
  testId,
  role = 'dialog',
  children,
}: {
  title: string;
  isOpen: boolean;
  onClose: () => void;
  testId: string;
  role?: 'dialog' | 'alertdialog';
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [isBusy, setBusy] = useState(false);
  const busyState = useMemo<BusyState>(() => ({ busy: isBusy, setBusy }), [isBusy]);
  useReportOpen(isOpen);
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
        <Dialog className="dialog" role={role} data-testid={testId}>
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
          <DialogBusyContext value={busyState}>{children}</DialogBusyContext>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
