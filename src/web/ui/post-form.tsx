/**
 * The form every screen posts with: the form's class, its CSRF token first, the hidden
 * fields it carries, its fields, and a row of buttons at its end. Knows no session: the
 * caller gives the token.
 */
import type { ComponentChildren } from 'preact';

export interface PostFormProps {
  action: string;
  /** The session's CSRF token; no field when there is none. */
  csrf: string | undefined;
  /** The id of the heading that names the form. */
  labelledBy?: string;
  /** Hidden fields after the token, in this order. */
  hidden?: Readonly<Record<string, string>>;
  enctype?: 'multipart/form-data';
  /** The browser leaves checking to the server, which keeps what was typed beside its messages. */
  novalidate?: boolean;
  class?: string;
  /** The one submit button's words; left out when the form gives its own `Actions`. */
  submit?: ComponentChildren;
  children?: ComponentChildren;
}

export function PostForm({ action, csrf, labelledBy, hidden = {}, enctype, novalidate, class: className = 'wf-form', submit, children }: PostFormProps) {
  return (
    <form class={className} method="post" action={action} enctype={enctype} novalidate={novalidate} aria-labelledby={labelledBy}>
      {csrf !== undefined && <input type="hidden" name="_csrf" value={csrf} />}
      {Object.entries(hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {children}
      {submit !== undefined && <SubmitRow label={submit} />}
    </form>
  );
}

/** The row of a form's buttons. */
export function Actions({ children }: { children: ComponentChildren }) {
  return <div class="actions">{children}</div>;
}

export interface SubmitButtonProps {
  label: ComponentChildren;
  /** `secondary` or `danger` (a step that cannot be taken back). */
  class?: string | undefined;
  /** Which of a form's buttons was pressed, posted as `name=value`. */
  name?: string;
  value?: string;
}

export function SubmitButton({ label, class: className, name, value }: SubmitButtonProps) {
  return (
    <button type="submit" name={name} value={value} class={className}>
      {label}
    </button>
  );
}

/** A row with one submit button. */
export function SubmitRow(props: SubmitButtonProps) {
  return (
    <Actions>
      <SubmitButton {...props} />
    </Actions>
  );
}
