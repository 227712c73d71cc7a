/**
 * A state shown as a small bordered word ("提出済み", "入力受付中"). The tone names a
 * colour of the stylesheet (`.status-<tone>`); without one the badge takes the text colour.
 */
export function StatusBadge({ label, tone }: { label: string; tone?: string }) {
  return <span class={tone ? `status status-${tone}` : 'status'}>{label}</span>;
}
