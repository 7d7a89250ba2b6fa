import { useCallback, useState, type ReactNode, type Ref } from 'react';
import {
  Button,
  FieldError,
  Input,
  Label,
  RadioButton,
  RadioField,
  Text,
  TextField,
  ToggleButton,
} from 'react-aria-components';

import type { ErrorInfo } from '../../bindings/ErrorInfo';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n/context';
import { ErrorDetails } from '../ErrorDetails';
import { EyeIcon, EyeOffIcon, WarningIcon } from '../icons';
import { PathText } from '../PlaceLabel';
import { useReveal } from '../../reveal';

/**
 * A secret field (a password, an ID number): masked until the person asks to
 * see it, never autocompleted or spell-checked. An error marks it invalid
 * (aria-invalid) and is read with it.
 */
export function SecretField({
  label,
  value,
  onChange,
  error,
  description,
  focusOnOpen = false,
  inputRef,
  showLabel,
  inputMode,
  describedBy,
  code = false,
  errorRoom,
  testId,
  inputTestId,
  errorTestId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  description?: ReactNode;
  /** Takes focus when the dialog opens (its first field). */
  focusOnOpen?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  /** The reveal button's name; "암호 보기" unless told. */
  showLabel?: string;
  inputMode?: 'numeric' | 'text';
  /** Another element that describes the field (a rules summary). */
  describedBy?: string;
  /** A case-sensitive code: shown in a font where l, I and 1 differ. */
  code?: boolean;
  /** What the field can say is wrong, to keep room for the longest (`ErrorSlot`). */
  errorRoom?: readonly string[];
  testId: string;
  /** A name for the input itself, for a test that types into it. */
  inputTestId?: string;
  /** A name for the error line, for a test that reads it. */
  errorTestId?: string;
}) {
  const { t } = useI18n();
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      className="field"
      value={value}
      onChange={onChange}
      isInvalid={error !== null}
      validationBehavior="aria"
      type={visible ? 'text' : 'password'}
      // eslint-disable-next-line jsx-a11y/no-autofocus -- the first field of a dialog that was just opened
      autoFocus={focusOnOpen}
      autoComplete="off"
      spellCheck="false"
      inputMode={inputMode}
      aria-describedby={describedBy}
      data-testid={testId}
    >
      <Label className="field__label">{label}</Label>
      <div className="field__row">
        <Input
          ref={inputRef}
          className={code ? 'field__input field__input--code' : 'field__input'}
          autoCapitalize="off"
          autoCorrect="off"
          data-testid={inputTestId}
        />
        <ToggleButton
          className="button field__reveal"
          isSelected={visible}
          onChange={setVisible}
          aria-label={`${showLabel ?? t('password.show')}: ${label}`}
        >
          {visible ? <EyeOffIcon /> : <EyeIcon />}
          <span aria-hidden="true">{showLabel ?? t('password.show')}</span>
        </ToggleButton>
      </div>
      {description !== undefined && (
        <Text slot="description" className="field__hint">
          {description}
        </Text>
      )}
      <ErrorSlot room={errorRoom}>
        <FieldError className="field__error" data-testid={errorTestId}>
          {error}
        </FieldError>
      </ErrorSlot>
    </TextField>
  );
}

/**
 * Where a field's error line goes, its line kept while there is none: an
 * error that comes or goes never moves the buttons below (a click meant for
 * one would land on empty space). With `room`, the sentences the field can
 * say while the person is on it, it is as tall as the longest of them at the
 * window's width and in its language, so one of two lines moves nothing
 * either; they are laid out unseen (drawn by CSS from an attribute: no
 * screen reader, search or copy meets them).
 */
export function ErrorSlot({ children, room = [] }: { children: ReactNode; room?: readonly string[] }) {
  return (
    <div className="field__error-slot">
      {room.map((sentence) => (
        <div key={sentence} className="field__error-room" data-room={sentence} aria-hidden="true" />
      ))}
      {children}
    </div>
  );
}

/** A plain text field, with the same look and error handling as `SecretField`. */
export function PlainField({
  label,
  value,
  onChange,
  error,
  description,
  focusOnOpen = false,
  inputRef,
  inputMode,
  code = false,
  errorRoom,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  description?: ReactNode;
  /** Takes focus when the dialog opens (its first field). */
  focusOnOpen?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  inputMode?: 'numeric' | 'text' | 'url';
  /** A case-sensitive code: shown in a font where l, I and 1 differ. */
  code?: boolean;
  /** What the field can say is wrong, to keep room for the longest (`ErrorSlot`). */
  errorRoom?: readonly string[];
  testId: string;
}) {
  return (
    <TextField
      className="field"
      value={value}
      onChange={onChange}
      inputMode={inputMode}
      isInvalid={error !== null}
      validationBehavior="aria"
      // eslint-disable-next-line jsx-a11y/no-autofocus -- the first field of a dialog that was just opened
      autoFocus={focusOnOpen}
      autoComplete="off"
      spellCheck="false"
      data-testid={testId}
    >
      <Label className="field__label">{label}</Label>
      <Input
        ref={inputRef}
        className={code ? 'field__input field__input--code' : 'field__input'}
        autoCapitalize="off"
        autoCorrect="off"
      />
      {description !== undefined && (
        <Text slot="description" className="field__hint">
          {description}
        </Text>
      )}
      <ErrorSlot room={errorRoom}>
        <FieldError className="field__error">{error}</FieldError>
      </ErrorSlot>
    </TextField>
  );
}

/**
 * A file or folder picked through the system's dialog: a button that opens
 * it, and the path chosen so far (or "not chosen yet").
 */
export function PathChooser({
  label,
  path,
  chooseLabel,
  chooseAgainLabel,
  notChosenLabel,
  onChoose,
  error,
  errorRoom,
  testId,
  buttonRef,
}: {
  label: string;
  path: string | null;
  chooseLabel: string;
  chooseAgainLabel: string;
  notChosenLabel: string;
  onChoose: () => void;
  error: string | null;
  /** What can be said is wrong with the choice, to keep room for the longest (`ErrorSlot`). */
  errorRoom?: readonly string[];
  testId: string;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  return (
    <div className="field" data-testid={testId} role="group" aria-label={label}>
      <span className="field__label" aria-hidden="true">
        {label}
      </span>
      <div className="chosen-path">
        {path === null ? (
          <span className="chosen-path__none">{notChosenLabel}</span>
        ) : (
          <PathText path={path} />
        )}
        <Button ref={buttonRef} className="button button--small" onPress={onChoose}>
          {path === null ? chooseLabel : chooseAgainLabel}
        </Button>
      </div>
      <ErrorSlot room={errorRoom}>
        {error !== null && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
      </ErrorSlot>
    </div>
  );
}

/**
 * An error from a command that belongs to no one field: its sentence and
 * details, and whom to ask when there is someone (`children`), announced and
 * scrolled into view together when it comes. With `keepRoom`, one that goes
 * (its cause corrected) leaves its room empty, so the buttons below stay where
 * the person is about to press them.
 */
export function FormAlert({
  error,
  children,
  testId = 'form-alert',
  keepRoom = false,
}: {
  error: ErrorInfo | null;
  children?: ReactNode;
  testId?: string;
  keepRoom?: boolean;
}) {
  const { t, lang } = useI18n();
  const ref = useReveal<HTMLDivElement>(error);
  const [room, setRoom] = useState(0);
  const measure = useCallback(
    (element: HTMLDivElement | null) => {
      ref.current = element;
      if (element !== null && keepRoom) setRoom((old) => Math.max(old, element.getBoundingClientRect().height));
    },
    [ref, keepRoom],
  );
  if (error === null) {
    return room > 0 ? <div className="form-alert-room" style={{ minHeight: room }} aria-hidden="true" /> : null;
  }
  const described = describeError(lang, error);
  return (
    <div ref={measure} className="form-alert" role="alert" data-testid={testId} data-code={error.code}>
      <div className="form-alert__title">
        <WarningIcon />
        <span className="visually-hidden">{t('form.problem')}: </span>
        <p>{described.text}</p>
      </div>
      <ErrorDetails error={described} showPath />
      {children}
    </div>
  );
}

/** The row of buttons at the bottom of a dialog. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="dialog__actions">{children}</div>;
}

/**
 * Cancel (or close) and the dialog's submit button, which says it is working
 * while the command runs; nothing can be pressed twice.
 */
export function SubmitActions({
  busy,
  onCancel,
  submitLabel,
  cancelLabel,
  danger = false,
  icon,
}: {
  busy: boolean;
  onCancel: () => void;
  submitLabel: string;
  /** "취소" unless told ("닫기" once there is nothing to lose). */
  cancelLabel?: string;
  danger?: boolean;
  icon?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <DialogActions>
      <Button className="button" onPress={onCancel} isDisabled={busy}>
        {cancelLabel ?? t('action.cancel')}
      </Button>
      <Button
        type="submit"
        className={danger ? 'button button--danger' : 'button button--primary'}
        isPending={busy}
        data-testid="submit"
      >
        {icon}
        {busy ? t('action.working') : submitLabel}
      </Button>
    </DialogActions>
  );
}

/** One radio choice of a `RadioGroup`: its label, and a hint below it. */
export function Choice({
  value,
  label,
  hint,
  testId,
}: {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  testId: string;
}) {
  return (
    <RadioField value={value} className="choice" data-testid={testId}>
      <RadioButton className="choice__button">
        <span className="choice__mark" aria-hidden="true" />
        <span className="choice__label">{label}</span>
      </RadioButton>
      {hint !== undefined && (
        <Text slot="description" className="choice__hint">
          {hint}
        </Text>
      )}
    </RadioField>
  );
}
