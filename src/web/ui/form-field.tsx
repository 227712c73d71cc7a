/**
 * One labelled form control with its hint and its error message, wired for screen
 * readers: the control is marked invalid and described by the hint and the error.
 * The control itself is the caller's (input, select, textarea), given the attributes.
 */
import type { ComponentChildren } from 'preact';

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
