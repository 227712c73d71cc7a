/**
 * Downloads of the outputs part: indicators (one row per indicator × fiscal year),
 * 今後の方向性 and costs, as tables of downloads.ts (CSV, JSON, the zip) and together as one
 * workbook (outputs.xlsx). A table is offered only when the plan has rows for it. Numbers
 * are the stored decimal text, never floats; in the workbook they are text cells for the
 * same reason.
 */
import { pt } from './messages.js';
import { COST_FIELD_LABELS, COST_FIELDS } from '../indicators/cost-rollup.js';
import type { Lang } from '../web/preferences.js';
import { looksLikeFormula, spreadsheetSafe } from '../web/spreadsheet-safe.js';
import { type Table, YEAR_COLUMNS, yearCells } from './download-table.js';
import type { PublicDataset } from './public-data.js';

export const OUTPUT_TABLE_NAMES = ['indicators', 'directions', 'costs'] as const;
export type OutputTableName = (typeof OUTPUT_TABLE_NAMES)[number];

const KIND_LABELS = { activity: '活動指標', outcome: '成果指標', other: 'その他' } as const;
const DIRECTION_LABELS = { higher: '大きいほど良い', lower: '小さいほど良い' } as const;

/** The columns every outputs table starts with: the item's code and name. */
const ITEM_COLUMNS: readonly { key: string; ja: string }[] = [
  { key: 'item_code', ja: '番号' },
  { key: 'item_name', ja: '項目' },
];

/** The cells of ITEM_COLUMNS for one item. */
const itemCells = (data: PublicDataset, code: string) => ({ item_code: code, item_name: data.itemsByCode.get(code)?.name ?? '' });

export function indicatorsTable(data: PublicDataset): Table {
  const o = data.outputs;
  const notReset = new Set(o.targetsNotReset.map((x) => x.indicatorId));
  return {
    name: 'indicators',
    titleJa: '指標',
    titleEn: 'Indicators',
    // Columns and row mapping as data, alike in shape to the other download tables (downloads.ts) on purpose.
    columns: [
      ...ITEM_COLUMNS,
      { key: 'indicator_id', ja: '指標ID' },
      { key: 'indicator', ja: '指標' },
      { key: 'unit', ja: '単位' },
      { key: 'kind', ja: '種類' },
      { key: 'direction', ja: '良い方向' },
      { key: 'cumulative', ja: '累計' },
      { key: 'baseline', ja: '基準値' },
      { key: 'baseline_fiscal_year', ja: '基準年度（西暦）' },
      ...YEAR_COLUMNS,
      { key: 'target', ja: '目標値' },
      { key: 'target_fiscal_year', ja: '目標年度（西暦）' },
      { key: 'target_kind', ja: '目標の種類' },
      { key: 'target_revised', ja: '目標値の見直し' },
      { key: 'target_not_reset_after_extension', ja: '延長後に目標値の再設定なし' },
      { key: 'actual', ja: '実績' },
      { key: 'not_measurable', ja: '測定できず' },
      { key: 'compared_actual', ja: '比較した実績（累計）' },
      { key: 'achievement_percent', ja: '達成率（%）' },
      { key: 'rule_rating', ja: '規則による評価' },
      { key: 'rule_explanation', ja: '規則の説明' },
      { key: 'source_note', ja: '出典・備考' },
    ],
    rows: o.indicators.flatMap((i) =>
      i.years.map((y) => ({
        ...itemCells(data, i.itemCode),
        indicator_id: i.id,
        indicator: i.name,
        unit: i.unit,
        kind: KIND_LABELS[i.kind],
        direction: DIRECTION_LABELS[i.direction],
        cumulative: i.cumulative,
        baseline: i.baseline?.value ?? null,
        baseline_fiscal_year: i.baseline?.fiscalYear ?? null,
        ...yearCells(y.fiscalYear),
        target: y.target?.value ?? null,
        target_fiscal_year: y.target?.fiscalYear ?? null,
        target_kind: y.target ? (y.target.kind === 'final' ? '最終目標' : '年度目標') : null,
        target_revised: y.target?.revised ?? null,
        target_not_reset_after_extension: notReset.has(i.id),
        actual: y.actual,
        not_measurable: y.notMeasurable,
        compared_actual: i.cumulative ? y.comparedActual : null,
        achievement_percent: y.achievementPercent,
        rule_rating: y.rule?.code ?? null,
        rule_explanation: y.rule?.explanation ?? null,
        source_note: y.sourceNote,
      })),
    ),
  };
}

export function directionsTable(data: PublicDataset): Table {
  return {
    name: 'directions',
    titleJa: '今後の方向性',
    titleEn: 'Future directions',
    columns: [...ITEM_COLUMNS, ...YEAR_COLUMNS, { key: 'direction', ja: '今後の方向性' }, { key: 'note', ja: '説明' }],
    rows: data.outputs.directions.map((d) => ({
      ...itemCells(data, d.itemCode),
      ...yearCells(d.fiscalYear),
      direction: d.label,
      note: d.note,
    })),
  };
}

export function costsTable(data: PublicDataset): Table {
  const order = (code: string) => data.itemsByCode.get(code)?.order ?? 0;
  return {
    name: 'costs',
    titleJa: '事業費',
    titleEn: 'Costs',
    columns: [
      ...ITEM_COLUMNS,
      ...YEAR_COLUMNS,
      { key: 'unit', ja: '単位' },
      ...COST_FIELDS.map((f) => ({ key: f, ja: COST_FIELD_LABELS[f] })),
      { key: 'note', ja: '備考' },
    ],
    rows: [...data.outputs.costs]
      .sort((a, b) => a.fiscalYear - b.fiscalYear || order(a.itemCode) - order(b.itemCode))
      .map((c) => ({
        ...itemCells(data, c.itemCode),
        ...yearCells(c.fiscalYear),
        unit: c.unit,
        ...c.figures,
        note: c.note,
      })),
  };
}

/** The outputs tables the plan has rows for, in a fixed order. */
export function outputTables(data: PublicDataset): Table[] {
  return [indicatorsTable(data), directionsTable(data), costsTable(data)].filter((t) => t.rows.length > 0);
}

export function isOutputTableName(name: string): name is OutputTableName {
  return (OUTPUT_TABLE_NAMES as readonly string[]).includes(name);
}

const DESCRIPTIONS = { indicators: 'tableIndicators', directions: 'tableDirections', costs: 'tableCosts' } as const;

export function outputTableDescription(lang: Lang, name: OutputTableName): string {
  return pt(lang, DESCRIPTIONS[name]);
}

/** Every outputs table as a sheet of one workbook; null when the plan has none. */
export async function outputsWorkbook(data: PublicDataset): Promise<Buffer | null> {
  const tables = outputTables(data);
  if (tables.length === 0) return null;
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hyoka';
  // A fixed date keeps the file identical for identical data (stable ETag, reproducible export).
  wb.created = wb.modified = new Date(Date.UTC(2000, 0, 1));
  wb.title = `${data.plan.name} 指標・今後の方向性・事業費`;
  for (const table of tables) {
    const sheet = wb.addWorksheet(table.titleJa);
    sheet.columns = table.columns.map((c) => ({ header: c.ja, key: c.key, width: Math.min(40, Math.max(8, c.ja.length * 2 + 2)) }));
    for (const row of table.rows) {
      const cells: Record<string, string | number> = {};
      for (const c of table.columns) {
        const v = row[c.key];
        // Decimal text stays text; booleans read as 1 / 0 as in the CSV.
        cells[c.key] =
          v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'string' && looksLikeFormula(v) ? spreadsheetSafe(v) : v;
      }
      sheet.addRow(cells);
    }
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
