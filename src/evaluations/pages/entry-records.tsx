/** What an entry page shows of the past: corrections, the review record, and earlier years' ratings and texts. */
import type { Preferences } from '../../web/preferences.js';
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import { DataTable, type Column } from '../../web/ui/data-table.js';
import { formatDateTime } from '../../web/ui/date-time.js';
import { ItemList } from '../../web/ui/item-list.js';
import { Section } from '../../web/ui/section.js';
import type { HistoryYear, ReviewComment, Revision } from '../entry-queries.js';
import { t } from '../messages.js';

export function RevisionList({ prefs, revisions }: { prefs: Preferences; revisions: Revision[] }) {
  if (revisions.length === 0) return null;
  const revision = (r: Revision) => (
    <>
      {t(prefs.lang, 'revision', { revision: r.revision })}（{r.author ?? ''} {formatDateTime(r.createdAt, prefs)}）: {r.reason}
      <div class="note">
        {t(prefs.lang, 'rating')}: {r.before.ratingCode ?? '—'} → {r.after.ratingCode ?? '—'}
      </div>
    </>
  );
  return (
    <Section id="revisions" title={t(prefs.lang, 'corrections')}>
      <ItemList ordered items={revisions} item={revision} />
    </Section>
  );
}

export function ReviewRecord({ prefs, comments }: { prefs: Preferences; comments: ReviewComment[] }) {
  if (comments.length === 0) return null;
  const comment = (c: ReviewComment) => (
    <>
      {c.action === 'return' ? t(prefs.lang, 'returned') : t(prefs.lang, 'acceptedAction')}（{c.author ?? ''} {formatDateTime(c.createdAt, prefs)}）
      {c.body && <div class="pre">{c.body}</div>}
    </>
  );
  return (
    <Section id="comments" title={t(prefs.lang, 'reviewHistory')}>
      <ItemList ordered items={comments} item={comment} />
    </Section>
  );
}

/** `parentTier` names the tier of the item's parent ("事務事業"): a paragraph about the parent is marked "事務事業全体". */
function HistoryTexts({ prefs, year, parentTier }: { prefs: Preferences; year: HistoryYear; parentTier: string }) {
  const lang = prefs.lang;
  return (
    <>
      {year.reason && <p class="pre">{year.reason}</p>}
      {year.narratives.map((n) => (
        <p class="pre">
          {n.aboutProgram && <span class="badge">{t(lang, 'wholeProgram', { tier: parentTier })}</span>}{' '}
          {n.kind === 'issues' ? `【${t(lang, 'issues')}】` : n.kind === 'direction' ? `【${t(lang, 'direction')}】` : ''}
          {n.body}
        </p>
      ))}
    </>
  );
}

export function ItemHistory({ prefs, history, parentTier }: { prefs: Preferences; history: HistoryYear[]; parentTier: string }) {
  const lang = prefs.lang;
  const columns: Column<HistoryYear>[] = [
    { header: t(lang, 'year'), rowHeader: true, cell: (h) => fiscalYearLabel(h.fiscalYear, prefs.era) },
    {
      header: t(lang, 'rating'),
      class: 'rating',
      cell: (h) => (
        <>
          {h.code ?? ''}
          {h.marks.join('')}
        </>
      ),
    },
    { header: t(lang, 'reasonAndText'), cell: (h) => <HistoryTexts prefs={prefs} year={h} parentTier={parentTier} /> },
  ];
  return (
    <Section id="history" title={t(lang, 'historyTitle')}>
      <DataTable caption={t(lang, 'ratingsPerYear')} columns={columns} rows={history} empty={t(lang, 'noEarlierRatings')} />
    </Section>
  );
}
