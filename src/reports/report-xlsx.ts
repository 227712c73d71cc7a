/**
 * The report as an Excel workbook for people who re-sort and filter: a cover sheet
 * (the title and the plan's summary as the city prints it), one sheet of every rating
 * (a row per item of the rated tier, a column per tier above it and per fiscal year), one of narratives, one summary.
 * Data sheets have one header row, frozen, with a filter, and no merged cells, so
 * they sort and pivot cleanly; every sheet prints A4 landscape, fitted to the width.
 * A plan with indicators, 今後の方向性 or costs gets a sheet of each (values kept as the stored text).
 */
import ExcelJS from 'exceljs';
import type { EraStyle } from '../fiscal/fiscal-year.js';
import { spreadsheetSafe } from '../web/spreadsheet-safe.js';
import { hexOf, styleOfCode } from '../web/ui/palette.js';
import { longYear, shortYear, summaryCaption, summaryYearLabel } from './labels.js';
import { NARRATIVE_KIND_LABELS, ROLE_LABELS, t } from './messages.js';
import { OFFICE_FONT } from './office-font.js';
import { allNodes, divisionNameOf, reportNarratives, rowsWithPath, type ReportModel } from './report-model.js';
import { outputsOfItem, type ReportOutputs } from './report-outputs.js';
import { COST_FIELD_LABELS } from '../indicators/cost-rollup.js';

export const SHEET_NAMES = {
  cover: '表紙',
  ratings: '評価',
  narratives: '記述',
  summary: '集計',
  indicators: '指標',
  directions: '今後の方向性',
  costs: '事業費',
} as const;

const PRINT_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

/**
 * The first sheet: the report's title, the plan-wide summary (codes × years, total;
 * the rate row marked 参考 as in the other formats) and where the other sheets are.
 */
function coverSheet(wb: ExcelJS.Workbook, model: ReportModel, era: EraStyle): void {
  const sheet = wb.addWorksheet(SHEET_NAMES.cover);
  const years = model.summary.years;
  sheet.columns = [{ width: 18 }, ...years.map(() => ({ width: 11 }))];
  sheet.addRow([longYear(model.round.fiscalYear, era)]).font = { size: 12 };
  sheet.addRow([model.title.planName]).font = { size: 16, bold: true };
  sheet.addRow([`${model.title.reportTitle}（${model.title.kindLabel}）`]).font = { size: 14, bold: true };
  sheet.addRow([]);
  sheet.addRow([
    era === 'wareki' ? (model.tablePlaces.find((p) => p.table === 'summary')?.caption ?? summaryCaption(model, era)) : summaryCaption(model, era),
  ]).font = { bold: true };
  const head = sheet.addRow([t('ja', 'ratingRowHead'), ...years.map((y) => summaryYearLabel(y, era) + (y.source === 'reported' ? '＊' : ''))]);
  head.font = { bold: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
  const first = head.number;
  for (const c of model.scale) sheet.addRow([c.code, ...years.map((y) => y.counts[c.code] ?? 0)]);
  sheet.addRow([t('ja', 'total'), ...years.map((y) => y.total)]).font = { bold: true };
  const rate = sheet.addRow([t('ja', 'achievementRateAddition'), ...years.map((y) => y.achievementRate)]);
  rate.numFmt = '0.00%';
  rate.font = { italic: true };
  for (let r = first; r <= rate.number; r++) {
    sheet.getRow(r).eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
      cell.alignment = { horizontal: col === 1 ? 'left' : 'center' };
    });
  }
  if (years.some((y) => y.source === 'reported')) sheet.addRow([t('ja', 'reportedNote')]);
  sheet.addRow([]);
  const lines = [
    `シート「${SHEET_NAMES.ratings}」: ${model.plan.tiers[model.plan.tiers.length - 1] ?? ''}ごとの評価、「${SHEET_NAMES.narratives}」: 記述（意見・進捗）、「${SHEET_NAMES.summary}」: 年度別の件数`,
  ];
  for (const line of lines) sheet.addRow([line]);
  sheet.pageSetup = { ...sheet.pageSetup, ...PRINT_SETUP };
  sheet.headerFooter = { oddFooter: `&"${OFFICE_FONT}"&P / &N` };
}

/** Rating cells in the palette's colours by scale position, as in the portal and the PDF. */
function colourRatings(sheet: ExcelJS.Worksheet, model: ReportModel): void {
  for (const fy of model.fiscalYears) {
    sheet.getColumn(`fy${fy}`).eachCell({ includeEmpty: false }, (cell, row) => {
      const style = row === 1 ? undefined : styleOfCode(model.scale, typeof cell.value === 'string' ? cell.value : null);
      if (!style) return;
      cell.font = { bold: true, color: { argb: `FF${hexOf(style.color)}` } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hexOf(style.tint)}` } };
      cell.alignment = { horizontal: 'center' };
    });
  }
}

function headerRow(sheet: ExcelJS.Worksheet): void {
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
  // Printed: A4 landscape, all columns on the page width, the header row on every page.
  sheet.pageSetup = { ...sheet.pageSetup, ...PRINT_SETUP, printTitlesRow: '1:1' };
  sheet.headerFooter = { oddFooter: `&"${OFFICE_FONT}"&P / &N` };
}

/** Display width of a text in Excel column units: a Japanese character is two, others one. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch <= '\u00ff' || (ch >= '\uff61' && ch <= '\uff9f') ? 1.1 : 2.1;
  return w;
}

/**
 * Columns of running text wrap within their width, top-aligned, so a printout never
 * cuts them. Each row is given the height of its longest wrapped cell: files carry no
 * computed heights, and LibreOffice (unlike Excel) draws wrapped lines over the next
 * row without one.
 */
function wrapColumns(sheet: ExcelJS.Worksheet, keys: readonly string[]): void {
  const lines = new Map<number, number>();
  for (const key of keys) {
    const column = sheet.getColumn(key);
    const perLine = Math.max(1, (column.width ?? 10) - 1);
    column.eachCell({ includeEmpty: false }, (cell, row) => {
      cell.alignment = { wrapText: true, vertical: 'top' };
      if (row === 1) return;
      const n = String(cell.value ?? '')
        .split('\n')
        .reduce((sum, part) => sum + Math.max(1, Math.ceil(textWidth(part) / perLine)), 0);
      lines.set(row, Math.max(lines.get(row) ?? 1, n));
    });
  }
  for (const [row, n] of lines) if (n > 1) sheet.getRow(row).height = Math.min(409, n * 13.5);
}

/**
 * Every cell in the report's font (office-font.ts): ExcelJS's default, Calibri, is
 * missing on Linux, and LibreOffice would print substitutes. Cells that look the same
 * share one style object: ExcelJS files a style once per object, and a style object per
 * cell made writing a large plan's workbook spend most of its time looking styles up.
 * Shared objects must not be changed afterwards, so this is the workbook's last step.
 */
function useReportFont(wb: ExcelJS.Workbook): void {
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  wb.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        const style: Partial<ExcelJS.Style> = { ...cell.style, font: { ...cell.font, name: OFFICE_FONT, size: cell.font?.size ?? 10 } };
        const key = JSON.stringify(style);
        const one = shared.get(key) ?? style;
        shared.set(key, one);
        cell.style = one;
      });
    });
  });
}

export function buildWorkbook(model: ReportModel, options: { era: EraStyle }): ExcelJS.Workbook {
  const era = options.era;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hyoka';
  wb.title = `${model.title.yearLabel} ${model.title.planName} ${model.title.reportTitle}（${model.title.kindLabel}）`;
  coverSheet(wb, model, era);
  ratingsSheet(wb, model, era);
  narrativesSheet(wb, model);
  summarySheet(wb, model, era);
  if (model.outputs) outputSheets(wb, model, model.outputs, era);
  guardFormulaText(wb);
  useReportFont(wb);
  return wb;
}

/** One column of a data sheet: its ExcelJS definition and the cell a source row gives it (undefined leaves it empty). */
interface SheetColumn<R> {
  header: string;
  key: string;
  width: number;
  style?: Partial<ExcelJS.Style>;
  cell: (row: R) => ExcelJS.CellValue | undefined;
}

/** Makes a column over the source rows R; a sheet's declaration is given one, so every cell's row is typed. */
type ColumnOf<R> = (
  header: string,
  key: string,
  width: number,
  cell: (row: R) => ExcelJS.CellValue | undefined,
  style?: Partial<ExcelJS.Style>,
) => SheetColumn<R>;

/**
 * A data sheet declared as its columns over its source rows, each key written once beside
 * its header, width and cell; then a row per source row.
 */
function fillSheet<R>(sheet: ExcelJS.Worksheet, source: Iterable<R>, declare: (column: ColumnOf<R>) => SheetColumn<R>[]): void {
  const columns = declare((header, key, width, cell, style) => ({ header, key, width, style, cell }));
  sheet.columns = columns.map(({ header, key, width, style }) => ({ header, key, width, style }));
  for (const row of source) sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, c.cell(row)])));
}

/** A row per item of the rated tier: a column per tier above it (the path), then per fiscal year. */
function ratingsSheet(wb: ExcelJS.Workbook, model: ReportModel, era: EraStyle): void {
  const tiers = model.plan.tiers;
  const ratings = wb.addWorksheet(SHEET_NAMES.ratings);
  const pathLevels = Array.from({ length: model.structure.rowLevel - 1 }, (_, i) => i + 1);
  const meaningOf = new Map(model.annotationKinds.map((a) => [a.mark, a.meaning]));
  const rows = rowsWithPath(model).map(({ row: item, path }) => ({
    item,
    path,
    codes: new Map(item.ratings.map((r) => [r.fiscalYear, r.code ?? ''])),
    notes: item.ratings.flatMap((r) => r.marks.map((m) => `${shortYear(r.fiscalYear, era)} ${m}${meaningOf.get(m) ?? ''}`)).join('; '),
  }));
  fillSheet(ratings, rows, (column) => [
    column('ID', 'code', 10, ({ item }) => item.code),
    ...pathLevels.map((level) =>
      column(tiers[level - 1] ?? '', `l${level}`, level === model.structure.groupLevel ? 36 : 28, ({ path }) => path.find((n) => n.level === level)?.name),
    ),
    column(tiers[model.structure.rowLevel - 1] ?? '', 'item', 40, ({ item }) => item.name),
    column('担当課', 'department', 16, ({ item }) => item.department ?? ''),
    ...model.fiscalYears.map((fy) => column(shortYear(fy, era), `fy${fy}`, 7, ({ codes }) => codes.get(fy))),
    column('注釈', 'annotations', 40, ({ notes }) => notes),
  ]);
  wrapColumns(ratings, [...pathLevels.map((l) => `l${l}`), 'item', 'annotations']);
  colourRatings(ratings, model);
  headerRow(ratings);
}

function narrativesSheet(wb: ExcelJS.Workbook, model: ReportModel): void {
  const texts = wb.addWorksheet(SHEET_NAMES.narratives);
  const nameOf = new Map(allNodes(model).map((n) => [n.code, n.name]));
  const divisionName = divisionNameOf(model);
  const fiscalYear = model.round.fiscalYear;
  const numbered = reportNarratives(model).map((n, i) => ({ n, order: i + 1 }));
  fillSheet(texts, numbered, (column) => [
    column('順序', 'order', 6, ({ order }) => order),
    column('年度', 'fy', 8, () => fiscalYear),
    column('年度表記', 'label', 12, () => longYear(fiscalYear, 'wareki')),
    column('記述者', 'role', 12, ({ n }) => (n.role === 'division' ? (divisionName ?? ROLE_LABELS.division) : (ROLE_LABELS[n.role] ?? n.role))),
    column('種類', 'kind', 10, ({ n }) => NARRATIVE_KIND_LABELS[n.kind] || '進捗'),
    column('対象ID', 'code', 10, ({ n }) => n.itemCode ?? ''),
    column('対象', 'target', 36, ({ n }) => (n.itemCode === null ? `${model.plan.name}全体` : (nameOf.get(n.itemCode) ?? ''))),
    column('関連ID', 'mentions', 14, ({ n }) => n.mentionCodes.join(' ')),
    column('本文', 'body', 80, ({ n }) => n.paragraphs.join('\n')),
  ]);
  wrapColumns(texts, ['target', 'body']);
  headerRow(texts);
}

/** Counts per year: the plan's, then each top-tier node's. */
function summarySheet(wb: ExcelJS.Workbook, model: ReportModel, era: EraStyle): void {
  const summary = wb.addWorksheet(SHEET_NAMES.summary);
  const years = [
    ...model.summary.years.map((y) => ({ scope: `${model.plan.name}全体`, y, source: y.source === 'reported' ? '報告値' : '集計' })),
    ...model.nodes.flatMap((n) => n.summary.map((y) => ({ scope: `${n.tierName} ${n.name}`, y, source: '集計' }))),
  ];
  fillSheet(summary, years, (column) => [
    column('範囲', 'scope', 36, ({ scope }) => scope),
    column('年度', 'fy', 8, ({ y }) => y.fiscalYear),
    column('年度表記', 'label', 12, ({ y }) => shortYear(y.fiscalYear, era)),
    column('出典', 'source', 10, ({ source }) => source),
    ...model.scale.map((c) => column(c.code, `c:${c.code}`, 7, ({ y }) => y.counts[c.code] ?? 0)),
    column('合計', 'total', 7, ({ y }) => y.total),
    column('達成率', 'rate', 10, ({ y }) => y.achievementRate, { numFmt: '0.00%' }),
  ]);
  headerRow(summary);
}

/**
 * The outputs part: indicators of the judged year (values as stored text, never floats), the
 * rule's answers and proposals, 今後の方向性 and the costs rolled up the tree.
 */
function outputSheets(wb: ExcelJS.Workbook, model: ReportModel, o: ReportOutputs, era: EraStyle): void {
  const nameOf = new Map(allNodes(model).map((n) => [n.code, n.name]));
  if (o.indicators.length > 0) indicatorsSheet(wb, o, nameOf, era);
  if (o.directions.length > 0) directionsSheet(wb, o, nameOf, era);
  if (o.costs) costsSheet(wb, model, o.costs, nameOf, era);
}

function indicatorsSheet(wb: ExcelJS.Workbook, o: ReportOutputs, nameOf: ReadonlyMap<string, string>, era: EraStyle): void {
  const sheet = wb.addWorksheet(SHEET_NAMES.indicators);
  const rows = o.indicators.map((i) => ({ i, target: i.year.target, rule: i.year.rule, p: outputsOfItem(o, i.itemCode).proposal }));
  fillSheet(sheet, rows, (column) => [
    column('ID', 'code', 10, ({ i }) => i.itemCode),
    column('対象', 'item', 32, ({ i }) => nameOf.get(i.itemCode) ?? ''),
    column('指標', 'name', 32, ({ i }) => i.name),
    column('単位', 'unit', 8, ({ i }) => i.unit),
    column('基準値', 'baseline', 12, ({ i }) => i.baseline?.value ?? ''),
    column('基準年度', 'baselineYear', 10, ({ i }) => (i.baseline ? shortYear(i.baseline.fiscalYear, era) : '')),
    column('目標値', 'target', 12, ({ target }) => target?.value ?? ''),
    column('目標年度', 'targetYear', 10, ({ target }) => (target ? shortYear(target.fiscalYear, era) : '')),
    column('当初の目標値', 'original', 12, ({ target }) => target?.originalValue ?? ''),
    column('目標値の見直し', 'revisions', 40, ({ target }) =>
      (target?.revisions ?? []).map((r) => `${longYear(r.decidedFiscalYear, era)} ${r.oldValue}→${r.newValue}（${r.reason}）`).join('\n'),
    ),
    column(`実績（${shortYear(o.fiscalYear, era)}）`, 'actual', 12, ({ i }) => {
      const a = i.year.actual;
      return a === null ? '' : a.notMeasurable ? t('ja', 'notMeasurable') : (a.value ?? '');
    }),
    column('比較した実績（累計）', 'compared', 12, ({ i }) => (i.cumulative ? (i.year.comparedActual ?? '') : '')),
    column('達成率（%）', 'rate', 10, ({ i }) => i.year.achievementPercent ?? ''),
    column('規則による評価', 'rule', 10, ({ rule }) => rule?.code ?? ''),
    column('規則の説明', 'explanation', 48, ({ rule }) => rule?.explanation ?? ''),
    column('評価', 'rating', 8, ({ p }) => p?.code ?? ''),
    column('変更の理由', 'override', 40, ({ p }) => (p && p.code !== p.proposedCode ? (p.overrideReason ?? '') : '')),
  ]);
  wrapColumns(sheet, ['item', 'name', 'revisions', 'explanation', 'override']);
  headerRow(sheet);
}

/** The first columns of the directions and costs sheets: the item and the fiscal year. */
function itemYearColumns<R extends { itemCode: string; fiscalYear: number }>(
  column: ColumnOf<R>,
  nameOf: ReadonlyMap<string, string>,
  era: EraStyle,
): SheetColumn<R>[] {
  return [
    column('ID', 'code', 10, (r) => r.itemCode),
    column('対象', 'item', 36, (r) => nameOf.get(r.itemCode) ?? ''),
    column('年度', 'fy', 8, (r) => r.fiscalYear),
    column('年度表記', 'label', 12, (r) => shortYear(r.fiscalYear, era)),
  ];
}

function directionsSheet(wb: ExcelJS.Workbook, o: ReportOutputs, nameOf: ReadonlyMap<string, string>, era: EraStyle): void {
  const sheet = wb.addWorksheet(SHEET_NAMES.directions);
  fillSheet(sheet, o.directions, (column) => [
    ...itemYearColumns(column, nameOf, era),
    column('今後の方向性', 'direction', 14, (d) => d.label),
    column('説明', 'note', 60, (d) => d.note),
  ]);
  wrapColumns(sheet, ['item', 'note']);
  headerRow(sheet);
}

/** Totals of every node that has costs below it, in 千円, by year then document order. */
function costsSheet(
  wb: ExcelJS.Workbook,
  model: ReportModel,
  costs: NonNullable<ReportOutputs['costs']>,
  nameOf: ReadonlyMap<string, string>,
  era: EraStyle,
): void {
  const sheet = wb.addWorksheet(SHEET_NAMES.costs);
  const order = new Map(allNodes(model).map((n, i) => [n.code, i]));
  const at = (code: string) => order.get(code) ?? -1;
  const totals = [...costs.totals].sort((a, b) => a.fiscalYear - b.fiscalYear || at(a.itemCode) - at(b.itemCode));
  fillSheet(sheet, totals, (column) => [
    ...itemYearColumns(column, nameOf, era),
    column('単位', 'unit', 8, () => costs.unit),
    ...costs.fields.map((f) => column(COST_FIELD_LABELS[f], f, 14, (c) => c.figures[f] ?? '')),
  ]);
  wrapColumns(sheet, ['item']);
  headerRow(sheet);
}

/**
 * ExcelJS writes strings as text, but a cell like "=1+1" becomes a formula as soon as
 * someone edits and re-saves it in Excel or LibreOffice; the quote prefix keeps it text.
 */
function guardFormulaText(wb: ExcelJS.Workbook): void {
  wb.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') cell.value = spreadsheetSafe(cell.value);
      });
    });
  });
}

export async function renderXlsx(model: ReportModel, options: { era: EraStyle }): Promise<Buffer> {
  const data = await buildWorkbook(model, options).xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
