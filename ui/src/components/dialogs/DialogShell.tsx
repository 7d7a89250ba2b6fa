import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
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
 * window (`OpenDialogsContext`), which then leaves dropped files alone. Its
 * buttons stay where they were when it opened (`useSteadyBottom`).
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
  const steadyBottom = useSteadyBottom();
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
      <Modal ref={steadyBottom} className="modal">
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

/**
 * Keeps a dialog's bottom edge, and so its buttons, where it was when the
 * dialog opened (centred in the window): when what it holds grows (an error
 * of two lines, the progress of a renewal) or shrinks, its top moves, not its
 * buttons, so a click meant for one lands on it. Grown to the top of the
 * window, its body scrolls between the title and the buttons. A window of
 * another size centres it again.
 */
function useSteadyBottom(): (modal: HTMLDivElement | null) => void {
  const steady = useRef<{ modal: HTMLDivElement; observer: ResizeObserver } | null>(null);
  return useCallback((modal: HTMLDivElement | null) => {
    // The same dialog handed over again (a render of the modal) keeps where it stands.
    if (modal === null || steady.current?.modal === modal) return;
    steady.current?.observer.disconnect();
    steady.current = null;
    const overlay = modal.parentElement;
    if (overlay === null) return;
    // Where the dialog's bottom stays, measured from the top of the room it has; and that room.
    let bottom: number | null = null;
    let room = -1;
    const place = () => {
      if (!modal.isConnected) {
        observer.disconnect();
        return;
      }
      const style = getComputedStyle(overlay);
      const available = overlay.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      if (bottom === null || available !== room) {
        // Opened, or the window changed: centred, as tall as it needs (up to the window).
        modal.style.maxHeight = '';
        bottom = (available + modal.getBoundingClientRect().height) / 2;
        room = available;
      }
      // Never taller than the room above its bottom: beyond that, its body scrolls.
      modal.style.maxHeight = `${bottom}px`;
      modal.style.marginTop = `${Math.max(0, bottom - modal.getBoundingClientRect().height)}px`;
      modal.style.marginBottom = '0';
    };
    // Told of every change of size before it is painted: the dialog never shows elsewhere first.
    const observer = new ResizeObserver(place);
    observer.observe(modal);
    observer.observe(overlay);
    steady.current = { modal, observer };
  }, []);
}
