/**
 * The body of a 「この年度の変化」 page, over plain data: per rated tier the counts
 * against the year before, the achievement rate in points, items by kind of change,
 * the items whose rating changed and the stagnant ones. Knows no HTTP; the portal and
 * the staff pages wrap it in their own layouts and give it their own links.
 */
import type { ComponentChildren } from 'preact';
import { fiscalYearLabel } from '../fiscal/fiscal-year.js';
import type { Preferences } from '../web/preferences.js';
import { DataTable } from '../web/ui/data-table.js';
import { formatRate } from '../web/ui/format.js';
import { RatingText } from '../web/ui/rating-text.js';
import { it } from './messages.js';
import { ITEM_CHANGE_KINDS, type CountChange, type ItemChange, type ItemChangeKind, type TierChange, type YearChanges } from './year-changes.js';

/** Above this many changed items a tier's list shows the first ones only (the CSV has all). */
export const CHANGED_ITEMS_SHOWN = 300;

export interface ChangesViewProps {
  /** None when the plan has no rated year yet: `none` is said instead. */
  changes: YearChanges | undefined;
  none: ComponentChildren;
  /** The years a reader can choose. */
  years: readonly number[];
  prefs: Preferences;
  itemHref: (code: string) => string;
  yearHref: (fiscalYear: number) => string;
}

const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));
const signedPoints = (n: number | null) => (n === null ? '—' : `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(2)}`);

export function YearNav({
  years,
  current,
  prefs,
  yearHref,
}: {
  years: readonly number[];
  current: number;
  prefs: Preferences;
  yearHref: (fy: number) => string;
}) {
  return (
    <nav aria-label={it(prefs.lang, 'yearNav')}>
      <ul>
        {years.map((fy) => (
          <li>
            {fy === current ? (
              <strong aria-current="page">{fiscalYearLabel(fy, prefs.era)}</strong>
            ) : (
              <a href={yearHref(fy)}>{fiscalYearLabel(fy, prefs.era)}</a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function CountsTable({ tier, prefs }: { tier: TierChange; prefs: Preferences }) {
  const lang = prefs.lang;
  const prev = tier.previousFiscalYear === null ? '—' : fiscalYearLabel(tier.previousFiscalYear, prefs.era);
  type Row = { label: string; previous: string; current: string; delta: string };
  const rows: Row[] = [
    ...tier.counts.map((c: CountChange) => ({
      label: c.code,
      previous: c.previous === null ? '—' : String(c.previous),
      current: String(c.current),
      delta: signed(c.delta),
    })),
    {
      label: it(lang, 'total'),
      previous: tier.total.previous === null ? '—' : String(tier.total.previous),
      current: String(tier.total.current),
      delta: signed(tier.total.previous === null ? null : tier.total.current - tier.total.previous),
    },
    {
      label: it(lang, 'rate'),
      previous: formatRate(tier.rate.previous),
      current: formatRate(tier.rate.current),
      delta: tier.rate.deltaPoints === null ? '—' : it(lang, 'ratePoints', { points: signedPoints(tier.rate.deltaPoints) }),
    },
  ];
  return (
    <DataTable<Row>
      caption={it(lang, 'tierChangeCaption', { tier: tier.tierName, prev, year: fiscalYearLabel(tier.fiscalYear, prefs.era) })}
      rows={rows}
      columns={[
        { header: it(lang, 'code'), rowHeader: true, cell: (r) => r.label },
        { header: it(lang, 'previous'), numeric: true, cell: (r) => r.previous },
        { header: it(lang, 'current'), numeric: true, cell: (r) => r.current },
        { header: it(lang, 'delta'), numeric: true, cell: (r) => r.delta },
      ]}
    />
  );
}

function KindsTable({ tier, prefs, stagnantYears }: { tier: TierChange; prefs: Preferences; stagnantYears: number }) {
  const lang = prefs.lang;
  const rows: { label: string; count: number }[] = [
    ...ITEM_CHANGE_KINDS.map((k) => ({ label: it(lang, `kind_${k}`), count: tier.kinds[k] })),
    { label: it(lang, 'newlyAnnotated'), count: tier.newlyAnnotated },
    { label: it(lang, 'recovered'), count: tier.recovered },
    { label: it(lang, 'fellBack'), count: tier.fellBack },
    { label: it(lang, 'stagnant', { years: stagnantYears }), count: tier.stagnant.length },
  ];
  return (
    <DataTable
      caption={it(lang, 'kindsCaption', { tier: tier.tierName, prev: fiscalYearLabel(tier.itemsComparedWith!, prefs.era) })}
      rows={rows}
      columns={[
        { header: it(lang, 'kind'), rowHeader: true, cell: (r) => r.label },
        { header: it(lang, 'count'), numeric: true, cell: (r) => r.count },
      ]}
    />
  );
}

const kindLabel = (lang: Preferences['lang'], k: ItemChangeKind) => it(lang, `kind_${k}`);

function changeText(c: ItemChange, lang: Preferences['lang']): string {
  const parts = [kindLabel(lang, c.kind)];
  if (c.recovered) parts.push(it(lang, 'recovered'));
  if (c.fellBack) parts.push(it(lang, 'fellBack'));
  if (c.addedMarks.length) parts.push(`${it(lang, 'newlyAnnotated')}（${c.addedMarks.join('')}）`);
  return parts.join(' / ');
}

function ChangedItems({ tier, prefs, itemHref }: { tier: TierChange; prefs: Preferences; itemHref: (code: string) => string }) {
  const lang = prefs.lang;
  const changed = tier.items.filter((c) => (c.kind !== 'same' && c.kind !== 'unrated') || c.addedMarks.length > 0);
  return (
    <>
      <DataTable<ItemChange>
        caption={it(lang, 'itemsCaption', { tier: tier.tierName })}
        rows={changed.slice(0, CHANGED_ITEMS_SHOWN)}
        empty={it(lang, 'noChangedItems')}
        columns={[
          { header: it(lang, 'item'), rowHeader: true, cell: (c) => <a href={itemHref(c.code)}>{c.name}</a> },
          { header: it(lang, 'from'), cell: (c) => <RatingText cell={c.from ?? undefined} /> },
          { header: it(lang, 'to'), cell: (c) => <RatingText cell={c.to ?? undefined} /> },
          { header: it(lang, 'kind'), cell: (c) => changeText(c, lang) },
        ]}
      />
      {changed.length > CHANGED_ITEMS_SHOWN && <p class="note">{it(lang, 'firstShown', { shown: CHANGED_ITEMS_SHOWN, count: changed.length })}</p>}
    </>
  );
}

function TierSection({
  tier,
  prefs,
  itemHref,
  stagnantYears,
  index,
}: {
  tier: TierChange;
  prefs: Preferences;
  itemHref: (code: string) => string;
  stagnantYears: number;
  index: number;
}) {
  const lang = prefs.lang;
  return (
    <section aria-labelledby={`tier-${index}`}>
      <h2 id={`tier-${index}`}>{tier.tierName}</h2>
      <CountsTable tier={tier} prefs={prefs} />
      {tier.itemsComparedWith === null ? (
        <p class="note">{it(lang, 'noItemsCompared')}</p>
      ) : (
        <>
          <KindsTable tier={tier} prefs={prefs} stagnantYears={stagnantYears} />
          <ChangedItems tier={tier} prefs={prefs} itemHref={itemHref} />
        </>
      )}
      <h3>{it(lang, 'stagnant', { years: stagnantYears })}</h3>
      {tier.stagnant.length === 0 ? (
        <p>{it(lang, 'none')}</p>
      ) : (
        <ul>
          {tier.stagnant.map((s) => (
            <li>
              <a href={itemHref(s.itemCode)}>{s.name}</a>（{s.runs[s.runs.length - 1]!.codes.join(' → ')}）
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ChangesView({ changes, none, years, prefs, itemHref, yearHref }: ChangesViewProps) {
  if (!changes) return <p>{none}</p>;
  // The plan's own tier first, then the others top down.
  const tiers = [...changes.tiers].sort((a, b) => Number(b.primary) - Number(a.primary) || a.level - b.level);
  return (
    <>
      <p>{it(prefs.lang, 'changesIntro')}</p>
      <YearNav years={years} current={changes.fiscalYear} prefs={prefs} yearHref={yearHref} />
      {tiers.map((tier, i) => (
        <TierSection tier={tier} prefs={prefs} itemHref={itemHref} stagnantYears={changes.stagnantYears} index={i} />
      ))}
    </>
  );
}
