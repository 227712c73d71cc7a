/**
 * One labelled form control with its hint and its error message, wired for screen
 * readers: the control is marked invalid and described by the hint and the error.
 * The control itself is the caller's (input, select, textarea), given the attributes.
 */
import type { ComponentChildren, InputHTMLAttributes } from 'preact';

export interface FieldAria {
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

export interface FormFieldProps {
  /** The control's id; the hint and the error are `<id>-hint` and `<id>-error`. */
  id: string;
  label: ComponentChildren;
  error?: string | undefined;
  hint?: ComponentChildren;
  /** When the error's id is not `<id>-error`. */
  errorId?: string;
  /** More elements that describe the control (their ids), after the hint and the error. */
  describedBy?: readonly string[];
  control: (aria: FieldAria) => ComponentChildren;
  /** Shown under the error (e.g. someone else's version of the text). */
  children?: ComponentChildren;
}

export function FormField({ id, label, error, hint, errorId = `${id}-error`, describedBy = [], control, children }: FormFieldProps) {
  const described = [hint !== undefined ? `${id}-hint` : '', error ? errorId : '', ...describedBy].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label for={id}>{label}</label>
      {control({ 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': described })}
      {hint !== undefined && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={errorId} message={error} />
      {children}
    </div>
  );
}

/** What a text field, a text area and a list share: the field's words and what it says of itself. */
interface FieldCommon {
  id: string;
  /** The name it posts under; the id when not given. */
  name?: string;
  label: ComponentChildren;
  error?: string | undefined;
  hint?: ComponentChildren;
  errorId?: string;
  describedBy?: readonly string[];
  required?: boolean;
  children?: ComponentChildren;
}

export interface TextFieldProps extends FieldCommon {
  type?: keyof typeof INPUT_KINDS;
  /** What was typed, shown again; left out for passwords, which are never sent back. */
  value?: string | undefined;
  autocomplete?: string;
  minLength?: number;
  pattern?: string;
}

const fieldProps = ({ id, label, error, hint, errorId, describedBy, children }: FieldCommon) => ({
  id,
  label,
  error,
  hint,
  children,
  ...(errorId !== undefined && { errorId }),
  ...(describedBy !== undefined && { describedBy }),
});

/** Preact types an input by its kind, one kind at a time: each kind a field may have, typed once here. */
const INPUT_KINDS = {
  text: { type: 'text' },
  password: { type: 'password' },
  email: { type: 'email' },
  date: { type: 'date' },
  number: { type: 'number' },
  search: { type: 'search' },
} as const satisfies Record<string, InputHTMLAttributes<HTMLInputElement>>;

/** A one-line input in a FormField. */
export function TextField(p: TextFieldProps) {
  const { id, name = id, type = 'text', value, required, autocomplete, minLength, pattern } = p;
  const attributes = { id, name, value, required, autocomplete, minLength, pattern };
  return <FormField {...fieldProps(p)} control={(aria) => <input {...INPUT_KINDS[type]} {...attributes} {...aria} />} />;
}

/**
 * The id, the value as typed and the error of a form's fields, by the field's name: a
 * form shown again gives back every value typed beside its error.
 */
export function fieldsOf<V extends { readonly [K in keyof V]: string }>(values: V, errors: Readonly<Record<string, string | undefined>>) {
  return (id: keyof V & string) => ({ id, value: values[id], error: errors[id] });
}

/**
 * A text area in a FormField; the text typed is its content, kept when the form comes back
 * with errors. HTML drops one line break right after <textarea>, so the content starts with
 * one: a text that itself starts with a line break keeps it when shown again.
 */
export function TextAreaField(p: FieldCommon & { value: string | undefined; rows: number }) {
  const { id, name = id, value, rows, required } = p;
  return (
    <FormField
      {...fieldProps(p)}
      control={(aria) => (
        <textarea id={id} name={name} rows={rows} required={required} {...aria}>
          {`\n${value ?? ''}`}
        </textarea>
      )}
    />
  );
}

export interface Choice {
  value: string;
  label: ComponentChildren;
}

/** A list to choose one from, in a FormField; `value` is the choice shown selected. */
export function SelectField(p: FieldCommon & { value?: string | undefined; choices: readonly Choice[] }) {
  const { id, name = id, value, choices, required } = p;
  return (
    <FormField
      {...fieldProps(p)}
      control={(aria) => (
        <select id={id} name={name} required={required} {...aria}>
          {choices.map((c) => (
            <option value={c.value} selected={value !== undefined && c.value === value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** Boxes to tick under one legend, posted under one name; the group is described by its error. */
export function CheckboxGroup({
  name,
  legend,
  choices,
  checked,
  error,
}: {
  name: string;
  legend: ComponentChildren;
  choices: readonly Choice[];
  checked: readonly string[];
  error?: string | undefined;
}) {
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      <div class="choices">
        {choices.map((c) => (
          <label>
            <input type="checkbox" name={name} value={c.value} checked={checked.includes(c.value)} />
            <span>{c.label}</span>
          </label>
        ))}
      </div>
      <FieldError id={`${name}-error`} message={error} />
    </fieldset>
  );
}
