/** Counts per status of one grouping (departments or measures), with a totals row and the completion rate. */
import type { Preferences } from '../../web/preferences.js';
import { DataTable, type Column } from '../../web/ui/data-table.js';
import type { BoardRow } from '../round-queries.js';
import { ENTRY_STATUSES, ENTRY_STATUS_LABELS } from '../workflow.js';
import { t } from '../messages.js';

const rate = (r: BoardRow) => (r.total === 0 ? '—' : `${Math.round((r.counts.accepted / r.total) * 100)}%`);

export function BoardTable({
  rows,
  caption,
  head,
  prefs,
  linkOf,
  totals,
}: {
  rows: BoardRow[];
  caption: string;
  head: string;
  prefs: Preferences;
  linkOf: (r: BoardRow) => string | undefined;
  totals: BoardRow;
}) {
  const name = (r: BoardRow) => {
    const href = r === totals ? undefined : linkOf(r);
    if (href) return <a href={href}>{r.code ? `${r.code} ${r.name}` : r.name}</a>;
    return r === totals ? t(prefs.lang, 'total') : r.name;
  };
  const columns: Column<BoardRow>[] = [
    { header: head, rowHeader: true, cell: name },
    ...ENTRY_STATUSES.map((s): Column<BoardRow> => ({ header: ENTRY_STATUS_LABELS[s][prefs.lang], numeric: true, cell: (r) => r.counts[s] })),
    { header: t(prefs.lang, 'totalShort'), numeric: true, cell: (r) => r.total },
    { header: t(prefs.lang, 'done'), numeric: true, cell: rate },
  ];
  return <DataTable caption={caption} columns={columns} rows={[...rows, totals]} />;
}
