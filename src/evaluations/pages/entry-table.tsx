/** The list of sub-items of a round (my tasks, the board's drill-down, the review queue). */
import type { Preferences } from '../../web/preferences.js';
import { DataTable, type Column } from '../../web/ui/data-table.js';
import { changedByText } from './changed-by.js';
import type { EntryListRow, Round } from '../round-queries.js';
import { t } from '../messages.js';
import { EntryStatusBadge, link } from './round-shell.js';

/** `itemHead` and `departmentHead` name the rated tier and the departments as the plan does ("KPI", "所管課"). */
export function EntryTable({
  rows,
  round,
  prefs,
  caption,
  itemHead,
  departmentHead,
}: {
  rows: EntryListRow[];
  round: Round;
  prefs: Preferences;
  caption: string;
  itemHead?: string;
  departmentHead?: string;
}) {
  const columns: Column<EntryListRow>[] = [
    { header: t(prefs.lang, 'number'), cell: (r) => r.code },
    {
      header: itemHead ?? t(prefs.lang, 'subItem'),
      rowHeader: true,
      cell: (r) => (
        <>
          <a href={link(prefs, `/rounds/${round.id}/items/${r.itemId}`)}>{r.name}</a>
          {r.programName && r.programName !== r.name && <div class="note">{r.programName}</div>}
        </>
      ),
    },
    { header: departmentHead ?? t(prefs.lang, 'department'), cell: (r) => `${r.departmentName ?? ''}${r.departmentDemo ? t(prefs.lang, 'demoMark') : ''}` },
    { header: t(prefs.lang, 'status'), cell: (r) => <EntryStatusBadge status={r.status} prefs={prefs} /> },
    { header: t(prefs.lang, 'rating'), class: 'rating', cell: (r) => r.ratingCode ?? '' },
    { header: t(prefs.lang, 'updated'), cell: (r) => changedByText(r, prefs) },
  ];
  return <DataTable caption={caption} columns={columns} rows={rows} />;
}
