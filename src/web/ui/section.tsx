import type { ComponentChildren } from 'preact';

/** A section named by its own second-level heading. */
export function Section({ id, title, class: className, children }: { id: string; title: ComponentChildren; class?: string; children?: ComponentChildren }) {
  return (
    <section class={className} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
