/** 審査待ち: the submitted sub-items the division has to accept or return. */
import type { EntryListRow, Round } from '../round-queries.js';
import { t } from '../messages.js';
import { EntryTable } from './entry-table.js';
import { RoundShell, type PageBase } from './round-shell.js';

export function ReviewQueuePage(p: PageBase & { round: Round; rows: EntryListRow[] }) {
  const { prefs, round, rows } = p;
  return (
    <RoundShell {...p} heading={t(prefs.lang, 'reviewQueue')}>
      {rows.length === 0 ? <p>{t(prefs.lang, 'noneToReview')}</p> : <EntryTable rows={rows} round={round} prefs={prefs} caption={t(prefs.lang, 'submittedCount', { count: rows.length })} />}
    </RoundShell>
  );
}
