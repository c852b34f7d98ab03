// Labelled form controls. Each control is tied to its label, its hint and
// its error message (aria-describedby), and carries data-field=NAME so the
// API's `errors[].field` lands next to the right control.
import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';

interface FieldProps {
  label: ComponentChildren;
  name: string;
  error?: string;
  hint?: ComponentChildren;
  optional?: boolean;
  class?: string;
}

interface Ids {
  id: string;
  hintId: string;
  errorId: string;
  describedBy: string | undefined;
}

function useFieldIds(name: string, hint: unknown, error: unknown): Ids {
  const id = `${name.replace(/[^a-zA-Z0-9_-]/g, '-')}-${useId()}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

function Shell(props: FieldProps & { ids: Ids; children: ComponentChildren }) {
  const { label, name, error, hint, optional, ids } = props;
  return (
    <div class={`field${error ? ' field--invalid' : ''}${props.class ? ` ${props.class}` : ''}`} data-field={name}>
      <label class="field-label" for={ids.id}>
        {label}
        {optional && <span class="field-optional"> (optional)</span>}
      </label>
      {props.children}
      {hint && <p class="field-hint" id={ids.hintId}>{hint}</p>}
      {error && <p class="field-error" id={ids.errorId}>{error}</p>}
    </div>
  );
}

type InputType = 'text' | 'email' | 'tel' | 'date' | 'time' | 'password' | 'number' | 'search';

export function TextField(
  props: FieldProps & {
    value: string;
    onValue: (v: string) => void;
    type?: InputType;
    autoComplete?: string;
    inputMode?: 'numeric' | 'decimal' | 'text' | 'email' | 'tel' | 'search';
    placeholder?: string;
    min?: string | number;
    max?: string | number;
    autoFocus?: boolean;
    disabled?: boolean;
    size?: 'short' | 'medium';
    /** The id of a <datalist> of suggestions. */
    list?: string;
  },
) {
  const ids = useFieldIds(props.name, props.hint, props.error);
  return (
    <Shell {...props} ids={ids}>
      <input
        id={ids.id}
        name={props.name}
        class={`input${props.size ? ` input--${props.size}` : ''}`}
        type={(props.type || 'text') as 'text'}
        value={props.value}
        onInput={(e) => props.onValue((e.currentTarget as HTMLInputElement).value)}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        min={props.min}
        max={props.max}
        autoFocus={props.autoFocus}
        disabled={props.disabled}
        list={props.list}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
    </Shell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(
  props: FieldProps & {
    value: string;
    onValue: (v: string) => void;
    options: Option[];
    placeholder?: string;
    disabled?: boolean;
  },
) {
  const ids = useFieldIds(props.name, props.hint, props.error);
  return (
    <Shell {...props} ids={ids}>
      <select
        id={ids.id}
        name={props.name}
        class="input select"
        value={props.value}
        onChange={(e) => props.onValue((e.currentTarget as HTMLSelectElement).value)}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={ids.describedBy}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </Shell>
  );
}

export function TextAreaField(
  props: FieldProps & { value: string; onValue: (v: string) => void; rows?: number; placeholder?: string },
) {
  const ids = useFieldIds(props.name, props.hint, props.error);
  return (
    <Shell {...props} ids={ids}>
      <textarea
        id={ids.id}
        name={props.name}
        class="input textarea"
        rows={props.rows || 3}
        value={props.value}
        placeholder={props.placeholder}
        onInput={(e) => props.onValue((e.currentTarget as HTMLTextAreaElement).value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
    </Shell>
  );
}

export interface Choice {
  value: string;
  label: ComponentChildren;
  /** A second line under the label (e.g. a grade's severity). */
  note?: ComponentChildren;
  tone?: string;
}

/**
 * A group of radio buttons in a fieldset whose legend is `label`. `variant`
 * "inline" lays short choices in a row; "tiles" shows them as a grid of
 * buttons (a grade picker).
 */
export function RadioGroup(
  props: FieldProps & {
    value: string;
    onValue: (v: string) => void;
    choices: Choice[];
    variant?: 'inline' | 'tiles' | 'stacked';
  },
) {
  return <ChoiceGroup {...props} type="radio" variant={props.variant || 'inline'} isChecked={(v) => props.value === v} onCheck={(v) => props.onValue(v)} />;
}

/**
 * The fieldset of a RadioGroup or CheckboxGroup: its legend, one input per
 * choice (radios share a name of their own; a radio shows its choice's
 * tone), hint and error.
 */
function ChoiceGroup(
  props: FieldProps & {
    type: 'radio' | 'checkbox';
    variant: string;
    choices: Choice[];
    isChecked: (v: string) => boolean;
    onCheck: (v: string, on: boolean) => void;
  },
) {
  const ids = useFieldIds(props.name, props.hint, props.error);
  const radio = props.type === 'radio';
  return (
    <fieldset
      class={`field radio-group radio-group--${props.variant}${props.error ? ' field--invalid' : ''}${props.class ? ` ${props.class}` : ''}`}
      data-field={props.name}
      aria-describedby={ids.describedBy}
    >
      <legend class="field-label">
        {props.label}
        {props.optional && <span class="field-optional"> (optional)</span>}
      </legend>
      <div class="radio-options">
        {props.choices.map((c, i) => {
          const id = `${ids.id}-${i}`;
          const checked = props.isChecked(c.value);
          return (
            <label key={c.value} class={`radio-option${checked ? ' is-checked' : ''}${radio && c.tone ? ` tone-${c.tone}` : ''}`} for={id}>
              <input
                id={id}
                type={props.type}
                name={radio ? `${props.name}-${ids.id}` : props.name}
                value={c.value}
                checked={checked}
                onChange={(e) => props.onCheck(c.value, (e.currentTarget as HTMLInputElement).checked)}
                aria-invalid={props.error ? true : undefined}
              />
              <span class="radio-text">
                <span class="radio-label">{c.label}</span>
                {c.note && <span class="radio-note">{c.note}</span>}
              </span>
            </label>
          );
        })}
      </div>
      {props.hint && <p class="field-hint" id={ids.hintId}>{props.hint}</p>}
      {props.error && <p class="field-error" id={ids.errorId}>{props.error}</p>}
    </fieldset>
  );
}

/** Moves keyboard focus to the first control marked invalid inside `form`. */
export function focusFirstInvalid(form: HTMLElement | null): void {
  if (!form) return;
  requestAnimationFrame(() => {
    const el = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
  });
}

export function CheckboxField(props: {
  label: ComponentChildren;
  name: string;
  checked: boolean;
  onValue: (v: boolean) => void;
  hint?: ComponentChildren;
  error?: string;
}) {
  const ids = useFieldIds(props.name, props.hint, props.error);
  return (
    <div class={`field field--check${props.error ? ' field--invalid' : ''}`} data-field={props.name}>
      <label class="check" for={ids.id}>
        <input
          id={ids.id}
          type="checkbox"
          name={props.name}
          checked={props.checked}
          onChange={(e) => props.onValue((e.currentTarget as HTMLInputElement).checked)}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={ids.describedBy}
        />
        <span>{props.label}</span>
      </label>
      {props.hint && <p class="field-hint" id={ids.hintId}>{props.hint}</p>}
      {props.error && <p class="field-error" id={ids.errorId}>{props.error}</p>}
    </div>
  );
}

/** Several checkboxes in a fieldset whose legend is `label`; the value is the list checked. */
export function CheckboxGroup(
  props: FieldProps & {
    value: string[];
    onValue: (v: string[]) => void;
    choices: Choice[];
    variant?: 'inline' | 'stacked';
  },
) {
  const toggle = (v: string, on: boolean) => {
    const next = on ? [...props.value.filter((x) => x !== v), v] : props.value.filter((x) => x !== v);
    // Keep the order of the choices.
    props.onValue(props.choices.map((c) => c.value).filter((c) => next.includes(c)));
  };
  return <ChoiceGroup {...props} type="checkbox" variant={props.variant || 'inline'} isChecked={(v) => props.value.includes(v)} onCheck={toggle} />;
}

/** The largest image body the server takes (25 MiB). */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

/**
 * A labelled file picker; `onFile` gets the chosen file (or null). A file
 * over `maxBytes` is refused here, before minutes of upload, and named.
 */
export function FileField(props: FieldProps & { accept: string; onFile: (f: File | null) => void; disabled?: boolean; fileKey?: number; maxBytes?: number }) {
  const [tooBig, setTooBig] = useState<string | undefined>(undefined);
  const error = tooBig || props.error;
  const ids = useFieldIds(props.name, props.hint, error);
  const choose = (f: File | null) => {
    const over = f && props.maxBytes && f.size > props.maxBytes;
    setTooBig(over ? `${f.name} is ${(f.size / 1048576).toFixed(1)} MB: files up to ${Math.round(props.maxBytes! / 1048576)} MB are taken.` : undefined);
    props.onFile(over ? null : f);
  };
  return (
    <Shell {...props} error={error} ids={ids}>
      <input
        key={props.fileKey}
        id={ids.id}
        name={props.name}
        type="file"
        class="input input--file"
        accept={props.accept}
        disabled={props.disabled}
        onChange={(e) => choose((e.currentTarget as HTMLInputElement).files?.[0] || null)}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
    </Shell>
  );
}
