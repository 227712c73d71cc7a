/**
 * 審査待ち: the submitted sub-items the division has to accept or return. Several can be
 * accepted at once (ticked rows, one POST); each is still checked against the version
 * shown here, and those that changed meanwhile are listed rather than accepted.
 */
import { DataTable, type Column } from '../../web/ui/data-table.js';
import { changedByText } from './changed-by.js';
import { Alert } from '../../web/ui/notices.js';
import { CsrfField } from '../../auth/shell.js';
import type { EntryListRow, Round } from '../round-queries.js';
import { roleTitle, tierName, type PlanVocabulary } from '../plan-settings-queries.js';
import { t } from '../messages.js';
import { link, RoundShell, type PageBase } from './round-shell.js';

export interface ReviewQueuePageProps extends PageBase {
  round: Round;
  vocabulary: PlanVocabulary;
  rows: EntryListRow[];
  notice?: string | undefined;
  /** Items a bulk acceptance left alone because they changed meanwhile. */
  changed?: { itemId: number; code: string; name: string; reason: string }[];
}

function proposalNote(lang: PageBase['prefs']['lang'], r: EntryListRow): string {
  if (r.proposedRatingCode === null || r.proposedRatingCode === undefined || r.ratingCode === null) return '';
  return r.ratingCode === r.proposedRatingCode
    ? t(lang, 'markProposed')
    : `${t(lang, 'markOverridden')}（${t(lang, 'proposedIs', { code: r.proposedRatingCode })}）`;
}

export function ReviewQueuePage(p: ReviewQueuePageProps) {
  const { prefs, auth, round, rows, changed = [] } = p;
  const lang = prefs.lang;
  const itemLink = (itemId: number) => link(prefs, `/rounds/${round.id}/items/${itemId}`);
  const columns: Column<EntryListRow>[] = [
    {
      header: t(lang, 'pick'),
      cell: (r) => (
        <input
          type="checkbox"
          name="pick"
          value={`${r.itemId}:${r.version}`}
          id={`pick-${r.itemId}`}
          aria-label={t(lang, 'pickToAccept', { code: r.code, name: r.name })}
        />
      ),
    },
    { header: t(lang, 'number'), cell: (r) => r.code },
    {
      header: tierName(p.vocabulary, p.vocabulary.ratedLevel),
      rowHeader: true,
      cell: (r) => <a href={itemLink(r.itemId)}>{r.name}</a>,
    },
    { header: roleTitle(p.vocabulary, 'department', lang), cell: (r) => `${r.departmentName ?? ''}${r.departmentDemo ? t(lang, 'demoMark') : ''}` },
    { header: t(lang, 'rating'), class: 'rating', cell: (r) => r.ratingCode ?? '' },
    // Whether the rating is the rule's proposal (plans with a rule): an override is visible before a bulk acceptance.
    ...(rows.some((r) => r.proposedRatingCode) ? [{ header: t(lang, 'ruleHeading'), cell: (r: EntryListRow) => proposalNote(lang, r) }] : []),
    { header: t(lang, 'updated'), cell: (r) => changedByText(r, prefs) },
  ];
  return (
    <RoundShell {...p} heading={t(lang, 'reviewQueue')}>
      {changed.length > 0 && (
        <Alert>
          <p>{t(lang, 'bulkChanged', { count: changed.length })}</p>
          <ul>
            {changed.map((c) => (
              <li>
                <a href={itemLink(c.itemId)}>
                  {c.code} {c.name}
                </a>
                : {c.reason}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {rows.length === 0 ? (
        <p>{t(lang, 'noneToReview')}</p>
      ) : (
        <form method="post" action={`/rounds/${round.id}/review/accept`}>
          <CsrfField auth={auth} />
          <p>{t(lang, 'bulkAcceptHelp')}</p>
          <DataTable caption={t(lang, 'submittedCount', { count: rows.length })} columns={columns} rows={rows} />
          <div class="actions">
            <button type="submit">{t(lang, 'acceptPicked')}</button>
          </div>
        </form>
      )}
    </RoundShell>
  );
}
