/** What just happened (a polite status) and what went wrong (an alert), the same on every screen. */
import type { ComponentChildren } from 'preact';

export function Notice({ message }: { message: string | undefined }) {
  return message ? (
    <p class="notice" role="status">
      {message}
    </p>
  ) : null;
}

export function Alert({ children }: { children: ComponentChildren }) {
  return (
    <div class="alert" role="alert">
      {children}
    </div>
  );
}
