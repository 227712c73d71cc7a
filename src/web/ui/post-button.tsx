/**
 * A button that posts a small form of hidden fields (an action, a CSRF token): state
 * changes are POSTs, never links, and work without script.
 */
export function PostButton({ action, fields, label, danger }: { action: string; fields: Readonly<Record<string, string>>; label: string; danger?: boolean }) {
  return (
    <form method="post" action={action}>
      {Object.entries(fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={danger ? 'danger' : undefined}>
        {label}
      </button>
    </form>
  );
}
