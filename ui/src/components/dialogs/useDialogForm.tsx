import {
  createContext,
  useContext,
  useRef,
  useState,
  type ReactNode,
  type Ref,
  type SubmitEvent,
} from 'react';

import type { Result } from '../../api';
import type { ErrorInfo } from '../../bindings/ErrorInfo';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n/context';
import { submitOnEnter } from '../../ime';

/** Whether a command of the dialog is running: the dialog cannot be closed meanwhile. */
export interface BusyState {
  busy: boolean;
  setBusy: (busy: boolean) => void;
}

/** Provided by `DialogShell`, so the form inside can mark the whole dialog busy. */
export const DialogBusyContext = createContext<BusyState | null>(null);

/** One sentence per field that is wrong. */
export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** What a text field of the form needs: spread into `SecretField` or `PlainField`. */
export interface FieldProps {
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  inputRef: Ref<HTMLInputElement>;
}

/**
 * The state every form of a dialog (and each step of the wizard) keeps: the
 * text typed in each field, a sentence per wrong field, the error that
 * belongs to no field, and whether a command is running.
 *
 * `V` names the text fields with their initial values; `X` names other
 * things that can be wrong (a path, a destination). Fields are focused in
 * the order `initial` lists them, so the first wrong one gets the cursor.
 */
export interface DialogForm<V extends Record<string, string>, X extends string = never> {
  values: V;
  busy: boolean;
  errors: FieldErrors<(keyof V & string) | X>;
  failure: ErrorInfo | null;
  setFailure: (error: ErrorInfo | null) => void;
  /** Sets a field's text without touching its error. */
  setValue: (name: keyof V & string, value: string) => void;
  /**
   * The props of a text field. Typing checks it again (`recheck`): its
   * error stays while its cause does and goes once it is fixed; without a
   * `recheck`, typing clears it.
   */
  field: (name: keyof V & string) => FieldProps;
  /** Forgets one field's error. */
  clear: (name: (keyof V & string) | X) => void;
  /**
   * Shows these errors (replacing the old ones) and puts the cursor in the
   * first wrong field; true when there was anything wrong.
   */
  reject: (found: FieldErrors<(keyof V & string) | X>) => boolean;
  /** Puts the cursor in a field, selecting what it holds. */
  focus: (name: keyof V & string) => void;
  /**
   * Runs a command with the form busy. An error that `fieldOf` assigns to a
   * field marks that field (and selects it); any other is the form's failure.
   */
  run: <T>(
    job: () => Promise<Result<T>>,
    fieldOf?: (error: ErrorInfo) => ((keyof V & string) | X) | null,
  ) => Promise<Result<T>>;
}

/**
 * What is wrong with the form's text as typed, checked again on each
 * keystroke for the fields that show an error: the field typed in (an
 * absent key clears its error), and any other field the result names (a
 * confirmation, when its password changed). No new error appears while the
 * person types.
 */
export type Recheck<V extends Record<string, string>> = (
  values: V,
  changed: keyof V & string,
) => FieldErrors<keyof V & string>;

/**
 * A `Recheck` from a form's whole check of its text: the field typed in, and
 * the fields tied to it (a new password's confirmation).
 */
export function recheckWith<V extends Record<string, string>>(
  check: (values: V) => FieldErrors<keyof V & string>,
  ties: Partial<Record<keyof V & string, (keyof V & string)[]>> = {},
): Recheck<V> {
  return (values, changed) => {
    const all = check(values);
    const result: FieldErrors<keyof V & string> = {};
    for (const name of [changed, ...(ties[changed] ?? [])]) result[name] = all[name];
    return result;
  };
}

export function useDialogForm<V extends Record<string, string>, X extends string = never>(
  initial: V,
  recheck?: Recheck<V>,
): DialogForm<V, X> {
  type Key = (keyof V & string) | X;
  const { lang } = useI18n();
  const shared = useContext(DialogBusyContext);
  const [ownBusy, setOwnBusy] = useState(false);
  const busy = shared?.busy ?? ownBusy;
  const setBusy = shared?.setBusy ?? setOwnBusy;
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors<Key>>({});
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const order = Object.keys(initial);

  const focus = (name: keyof V & string) => {
    const input = inputs.current.get(name);
    input?.focus();
    input?.select();
  };

  const clear = (name: Key) => {
    setErrors((old) => (old[name] === undefined ? old : { ...old, [name]: undefined }));
  };

  const setValue = (name: keyof V & string, value: string) => {
    setValues((old) => ({ ...old, [name]: value }));
  };

  return {
    values,
    busy,
    errors,
    failure,
    setFailure,
    setValue,
    clear,
    focus,
    field: (name) => ({
      value: values[name] ?? '',
      onChange: (value) => {
        setValue(name, value);
        if (recheck === undefined) {
          clear(name);
          return;
        }
        const found = recheck({ ...values, [name]: value }, name);
        setErrors((old) => {
          const next: FieldErrors<Key> = { ...old };
          if (old[name] !== undefined) next[name] = found[name];
          for (const [other, text] of Object.entries(found) as [Key, string | undefined][]) {
            if (old[other] !== undefined) next[other] = text;
          }
          return next;
        });
      },
      error: errors[name] ?? null,
      inputRef: (input: HTMLInputElement | null) => {
        if (input === null) inputs.current.delete(name);
        else inputs.current.set(name, input);
      },
    }),
    reject: (found) => {
      setErrors(found);
      const first = order.find((name) => found[name as Key] !== undefined && inputs.current.has(name));
      if (first !== undefined) inputs.current.get(first)?.focus();
      return Object.values(found).some((text) => text !== undefined);
    },
    run: async (job, fieldOf) => {
      setFailure(null);
      setBusy(true);
      const result = await job();
      setBusy(false);
      if (!result.ok) {
        const name = fieldOf?.(result.error) ?? null;
        if (name === null) {
          setFailure(result.error);
        } else {
          setErrors({ [name]: describeError(lang, result.error).text } as FieldErrors<Key>);
          if (order.includes(name)) focus(name);
        }
      }
      return result;
    },
  };
}

/**
 * The `<form>` of a dialog: no browser validation (the form says what is
 * wrong in words), Enter in a text field submits it except while Hangul is
 * being composed, and a second submit while busy is ignored.
 */
export function DialogFormElement({
  busy,
  onSubmit,
  className = 'dialog__form',
  testId,
  children,
}: {
  busy: boolean;
  onSubmit: () => void | Promise<void>;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    void onSubmit();
  };
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- Enter in its fields submits it, IME-safely
    <form className={className} noValidate onSubmit={submit} onKeyDown={submitOnEnter} data-testid={testId}>
      {children}
    </form>
  );
}

/** The field a wrong certificate password belongs to, for `run`. */
export function wrongPasswordIn<K extends string>(field: K): (error: ErrorInfo) => K | null {
  return (error) => (error.code === 'wrong-password' ? field : null);
}
