/**
 * The year-over-year changes of the published data as a download table: one row per
 * rated item and compared fiscal year (each year against the latest earlier year with
 * item ratings), with the change's kind, recovery, fall-back and stagnation.
 */
import { publicInsightInput } from '../insights/insights-queries.js';
import { it } from '../insights/messages.js';
import { comparableYears, yearChanges } from '../insights/year-changes.js';
import { type Table, tableOf, yearColumns } from './download-table.js';
import { DEFAULT_STAGNANT_YEARS } from '../analysis/stagnation.js';
import type { PublicDataset } from './public-data.js';

/** Every comparable year's changes, memoised per snapshot (the page, the CSV and the API share them). */
const memo = new WeakMap<PublicDataset, Map<number, ReturnType<typeof yearChanges>>>();
export function publicYearChanges(data: PublicDataset, fiscalYear: number, stagnantYears = DEFAULT_STAGNANT_YEARS) {
  if (stagnantYears !== DEFAULT_STAGNANT_YEARS) return yearChanges(publicInsightInput(data), fiscalYear, { stagnantYears });
  let byYear = memo.get(data);
  if (!byYear) {
    byYear = new Map();
    memo.set(data, byYear);
  }
  let changes = byYear.get(fiscalYear);
  if (!changes) {
    changes = yearChanges(publicInsightInput(data), fiscalYear, { stagnantYears });
    byYear.set(fiscalYear, changes);
  }
  return changes;
}

export function publicComparableYears(data: PublicDataset): number[] {
  return comparableYears(publicInsightInput(data));
}

export function changesTable(data: PublicDataset): Table {
  const rows = publicComparableYears(data).flatMap((fy) =>
    publicYearChanges(data, fy).tiers.flatMap((tier) => {
      if (tier.itemsComparedWith === null) return [];
      const stagnant = new Set(tier.stagnant.map((s) => s.itemId));
      return tier.items.map((c) => ({ fy, tier, c, stagnant }));
    }),
  );
  const head = { name: 'changes', titleJa: '年度ごとの評価の変化（前年度との比較）', titleEn: 'Rating changes per fiscal year (against the year before)' };
  return tableOf(head, rows, (column) => [
    ...yearColumns(column, ({ fy }) => fy),
    column('compared_with', '比較した年度（西暦）', ({ tier }) => tier.itemsComparedWith),
    column('level', '階層', ({ c }) => c.level),
    column('tier_name', '階層名', ({ tier }) => tier.tierName),
    column('code', '番号', ({ c }) => c.code),
    column('name', '名称', ({ c }) => c.name),
    column('previous_code', '前年度の評価', ({ c }) => c.from?.code ?? ''),
    column('current_code', '今年度の評価', ({ c }) => c.to?.code ?? ''),
    column('change', '変化（コード）', ({ c }) => c.kind),
    column('change_label', '変化', ({ c }) => it('ja', `kind_${c.kind}`)),
    column('added_marks', '新たな注記', ({ c }) => c.addedMarks.join('')),
    column('recovered', '回復', ({ c }) => c.recovered),
    column('fell_back', '後退', ({ c }) => c.fellBack),
    column('stagnant', `停滞（${DEFAULT_STAGNANT_YEARS}年度以上続けて未達成）`, ({ c, stagnant }) => stagnant.has(c.itemId)),
  ]);
}
