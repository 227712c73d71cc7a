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
import { spreadsheetSafe } from '../web/spreadsheet-safe.js';
import { type Column, type ColumnOf, type Table, tableOf, yearColumns } from './download-table.js';
import type { PublicDataset } from './public-data.js';

export const OUTPUT_TABLE_NAMES = ['indicators', 'directions', 'costs'] as const;
export type OutputTableName = (typeof OUTPUT_TABLE_NAMES)[number];

const KIND_LABELS = { activity: '活動指標', outcome: '成果指標', other: 'その他' } as const;
const DIRECTION_LABELS = { higher: '大きいほど良い', lower: '小さいほど良い' } as const;

/** The columns every outputs table starts with: the item's code and name. */
function itemColumns<R>(data: PublicDataset, column: ColumnOf<R>, itemCode: (row: R) => string): Column<R>[] {
  return [column('item_code', '番号', itemCode), column('item_name', '項目', (row) => data.itemsByCode.get(itemCode(row))?.name ?? '')];
}

export function indicatorsTable(data: PublicDataset): Table {
  const o = data.outputs;
  const notReset = new Set(o.targetsNotReset.map((x) => x.indicatorId));
  const years = o.indicators.flatMap((i) => i.years.map((y) => ({ i, y })));
  return tableOf({ name: 'indicators', titleJa: '指標', titleEn: 'Indicators' }, years, (column) => [
    ...itemColumns(data, column, ({ i }) => i.itemCode),
    column('indicator_id', '指標ID', ({ i }) => i.id),
    column('indicator', '指標', ({ i }) => i.name),
    column('unit', '単位', ({ i }) => i.unit),
    column('kind', '種類', ({ i }) => KIND_LABELS[i.kind]),
    column('direction', '良い方向', ({ i }) => DIRECTION_LABELS[i.direction]),
    column('cumulative', '累計', ({ i }) => i.cumulative),
    column('baseline', '基準値', ({ i }) => i.baseline?.value ?? null),
    column('baseline_fiscal_year', '基準年度（西暦）', ({ i }) => i.baseline?.fiscalYear ?? null),
    ...yearColumns(column, ({ y }) => y.fiscalYear),
    column('target', '目標値', ({ y }) => y.target?.value ?? null),
    column('target_fiscal_year', '目標年度（西暦）', ({ y }) => y.target?.fiscalYear ?? null),
    column('target_kind', '目標の種類', ({ y }) => (y.target ? (y.target.kind === 'final' ? '最終目標' : '年度目標') : null)),
    column('target_revised', '目標値の見直し', ({ y }) => y.target?.revised ?? null),
    column('target_not_reset_after_extension', '延長後に目標値の再設定なし', ({ i }) => notReset.has(i.id)),
    column('actual', '実績', ({ y }) => y.actual),
    column('not_measurable', '測定できず', ({ y }) => y.notMeasurable),
    column('compared_actual', '比較した実績（累計）', ({ i, y }) => (i.cumulative ? y.comparedActual : null)),
    column('achievement_percent', '達成率（%）', ({ y }) => y.achievementPercent),
    column('rule_rating', '規則による評価', ({ y }) => y.rule?.code ?? null),
    column('rule_explanation', '規則の説明', ({ y }) => y.rule?.explanation ?? null),
    column('source_note', '出典・備考', ({ y }) => y.sourceNote),
  ]);
}

export function directionsTable(data: PublicDataset): Table {
  return tableOf({ name: 'directions', titleJa: '今後の方向性', titleEn: 'Future directions' }, data.outputs.directions, (column) => [
    ...itemColumns(data, column, (d) => d.itemCode),
    ...yearColumns(column, (d) => d.fiscalYear),
    column('direction', '今後の方向性', (d) => d.label),
    column('note', '説明', (d) => d.note),
  ]);
}

export function costsTable(data: PublicDataset): Table {
  const order = (code: string) => data.itemsByCode.get(code)?.order ?? 0;
  const costs = [...data.outputs.costs].sort((a, b) => a.fiscalYear - b.fiscalYear || order(a.itemCode) - order(b.itemCode));
  return tableOf({ name: 'costs', titleJa: '事業費', titleEn: 'Costs' }, costs, (column) => [
    ...itemColumns(data, column, (c) => c.itemCode),
    ...yearColumns(column, (c) => c.fiscalYear),
    column('unit', '単位', (c) => c.unit),
    ...COST_FIELDS.map((f) => column(f, COST_FIELD_LABELS[f], (c) => c.figures[f])),
    column('note', '備考', (c) => c.note),
  ]);
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
        cells[c.key] = v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'string' ? spreadsheetSafe(v) : v;
      }
      sheet.addRow(cells);
    }
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
