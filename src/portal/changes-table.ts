/**
 * The year-over-year changes of the published data as a download table: one row per
 * rated item and compared fiscal year (each year against the latest earlier year with
 * item ratings), with the change's kind, recovery, fall-back and stagnation.
 */
import { publicInsightInput } from '../insights/insights-queries.js';
import { it } from '../insights/messages.js';
import { comparableYears, yearChanges } from '../insights/year-changes.js';
import { type Table, YEAR_COLUMNS, yearCells } from './download-table.js';
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
  const rows: Table['rows'] = [];
  for (const fy of publicComparableYears(data)) {
    for (const tier of publicYearChanges(data, fy).tiers) {
      if (tier.itemsComparedWith === null) continue;
      const stagnant = new Set(tier.stagnant.map((s) => s.itemId));
      for (const c of tier.items) {
        rows.push({
          ...yearCells(fy),
          compared_with: tier.itemsComparedWith,
          level: c.level,
          tier_name: tier.tierName,
          code: c.code,
          name: c.name,
          previous_code: c.from?.code ?? '',
          current_code: c.to?.code ?? '',
          change: c.kind,
          change_label: it('ja', `kind_${c.kind}`),
          added_marks: c.addedMarks.join(''),
          recovered: c.recovered,
          fell_back: c.fellBack,
          stagnant: stagnant.has(c.itemId),
        });
      }
    }
  }
  return {
    name: 'changes',
    titleJa: '年度ごとの評価の変化（前年度との比較）',
    titleEn: 'Rating changes per fiscal year (against the year before)',
    // Columns and row mapping as data, alike in shape to the other download tables (downloads.ts) on purpose.
    columns: [
      ...YEAR_COLUMNS,
      { key: 'compared_with', ja: '比較した年度（西暦）' },
      { key: 'level', ja: '階層' },
      { key: 'tier_name', ja: '階層名' },
      { key: 'code', ja: '番号' },
      { key: 'name', ja: '名称' },
      { key: 'previous_code', ja: '前年度の評価' },
      { key: 'current_code', ja: '今年度の評価' },
      { key: 'change', ja: '変化（コード）' },
      { key: 'change_label', ja: '変化' },
      { key: 'added_marks', ja: '新たな注記' },
      { key: 'recovered', ja: '回復' },
      { key: 'fell_back', ja: '後退' },
      { key: 'stagnant', ja: `停滞（${DEFAULT_STAGNANT_YEARS}年度以上続けて未達成）` },
    ],
    rows,
  };
}
