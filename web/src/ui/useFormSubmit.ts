// The submission of a form: required fields left blank are named (and the
// first one focused) before asking the server; while it is sent the form is
// busy; a refusal is kept as the form's error, its field messages shown next
// to the fields, and focus goes to the first field it marks.
import type { RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Dispatch, StateUpdater } from 'preact/hooks';
import { ApiError } from '../api/client';
import { focusFirstInvalid } from './fields';
import { blankFields, stillBlank } from './required';

export interface FormSubmitOptions {
  /**
   * The required fields: their current values and the message for each one
   * left blank. The messages show at submission and each goes away as soon
   * as its field is filled in.
   */
  required?: () => { values: Record<string, unknown>; messages: Record<string, string> };
  /** The messages of other fields that stop the form being sent (kept until the next submission). */
  check?: () => Record<string, string>;
  /**
   * Sends the form; a throw is the form's error. Resolving `false` means it
   * held the form back to ask the user something first: the form stays and
   * stops being busy.
   */
  send: () => Promise<unknown>;
  /** The form stays once sent, so it stops being busy (else it stays busy until it goes away). */
  stays?: boolean;
}

export interface FormSubmit {
  /** For the form's ref; a form without it keeps focus where it is. */
  formRef: RefObject<HTMLFormElement | null>;
  busy: boolean;
  error: unknown;
  setError: (error: unknown) => void;
  /** The blank required fields found at the last submission and still blank, with their messages. */
  blank: Record<string, string>;
  setBlank: Dispatch<StateUpdater<Record<string, string>>>;
  /** The form's onSubmit. */
  submit: (e: Event) => Promise<void>;
  /** The message to show next to field `f`: its blank message (from `blank` unless given), else the server's. */
  errorFor: (f: string, missing?: Record<string, string>) => string | undefined;
}

export function useFormSubmit(options: FormSubmitOptions): FormSubmit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [blank, setBlank] = useState<Record<string, string>>({});
  // The fields `check` found wrong at the last submission: their messages
  // stay when the field is filled in (a blank message goes).
  const [checked, setChecked] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const required = options.required?.();
    const wrong = options.check ? options.check() : {};
    setChecked(wrong);
    const missing = { ...(required ? blankFields(required.values, required.messages) : {}), ...wrong };
    setBlank(missing);
    setError(null);
    if (Object.keys(missing).length) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    try {
      const sent = await options.send();
      if (options.stays || sent === false) setBusy(false);
    } catch (err) {
      setError(err);
      setBusy(false);
      focusFirstInvalid(formRef.current);
    }
  };
  const shown = options.required
    ? { ...stillBlank(blank, options.required().values), ...Object.fromEntries(Object.entries(blank).filter(([f]) => f in checked)) }
    : blank;
  const errorFor = (f: string, missing: Record<string, string> = shown) =>
    missing[f] || (error instanceof ApiError ? error.fieldMessage(f) : undefined);

  return { formRef, busy, error, setError, blank: shown, setBlank, submit, errorFor };
}

/**
 * A second thought before sending (a patient who may be registered already,
 * a value far from the baseline): `send` holds the form back once with a
 * question about its current `key` (the values it is about); `question` is
 * shown until those values change or `sendAnyway` answers it and sends the
 * same form again. A changed value asks again.
 */
export function useAnyway<Q>(key: string, formRef: RefObject<HTMLFormElement | null>) {
  const [answered, setAnswered] = useState('');
  const [asked, setAsked] = useState<{ key: string; question: Q } | null>(null);
  const ask = answered !== key;
  return {
    /** Whether to ask before sending these values. */
    ask,
    /** Holds the form back with `question` (send's `false`). */
    hold: (question: Q) => {
      setAsked({ key, question });
      return false as const;
    },
    /** The question put about the current values, while unanswered. */
    question: ask && asked?.key === key ? asked.question : null,
    sendAnyway: () => {
      setAnswered(key);
      setTimeout(() => formRef.current?.requestSubmit(), 0);
    },
  };
}
