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
import { looksLikeFormula, spreadsheetSafe } from '../web/spreadsheet-safe.js';
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

/** A row per item of the rated tier: a column per tier above it (the path), then per fiscal year. */
function ratingsSheet(wb: ExcelJS.Workbook, model: ReportModel, era: EraStyle): void {
  const tiers = model.plan.tiers;
  const ratings = wb.addWorksheet(SHEET_NAMES.ratings);
  const pathLevels = Array.from({ length: model.structure.rowLevel - 1 }, (_, i) => i + 1);
  ratings.columns = [
    { header: 'ID', key: 'code', width: 10 },
    ...pathLevels.map((level) => ({ header: tiers[level - 1] ?? '', key: `l${level}`, width: level === model.structure.groupLevel ? 36 : 28 })),
    { header: tiers[model.structure.rowLevel - 1] ?? '', key: 'item', width: 40 },
    { header: '担当課', key: 'department', width: 16 },
    ...model.fiscalYears.map((fy) => ({ header: shortYear(fy, era), key: `fy${fy}`, width: 7 })),
    { header: '注釈', key: 'annotations', width: 40 },
  ];
  const meaningOf = new Map(model.annotationKinds.map((a) => [a.mark, a.meaning]));
  for (const { row: item, path } of rowsWithPath(model)) {
    const row: Record<string, string> = { code: item.code, item: item.name, department: item.department ?? '' };
    for (const n of path) row[`l${n.level}`] = n.name;
    const notes: string[] = [];
    for (const r of item.ratings) {
      row[`fy${r.fiscalYear}`] = r.code ?? '';
      for (const m of r.marks) notes.push(`${shortYear(r.fiscalYear, era)} ${m}${meaningOf.get(m) ?? ''}`);
    }
    row.annotations = notes.join('; ');
    ratings.addRow(row);
  }
  wrapColumns(ratings, [...pathLevels.map((l) => `l${l}`), 'item', 'annotations']);
  colourRatings(ratings, model);
  headerRow(ratings);
}

function narrativesSheet(wb: ExcelJS.Workbook, model: ReportModel): void {
  const texts = wb.addWorksheet(SHEET_NAMES.narratives);
  // Every sheet declares its columns as data: alike in shape to the others, with columns of its own.
  texts.columns = [
    { header: '順序', key: 'order', width: 6 },
    { header: '年度', key: 'fy', width: 8 },
    { header: '年度表記', key: 'label', width: 12 },
    { header: '記述者', key: 'role', width: 12 },
    { header: '種類', key: 'kind', width: 10 },
    { header: '対象ID', key: 'code', width: 10 },
    { header: '対象', key: 'target', width: 36 },
    { header: '関連ID', key: 'mentions', width: 14 },
    { header: '本文', key: 'body', width: 80 },
  ];
  const nameOf = new Map(allNodes(model).map((n) => [n.code, n.name]));
  const divisionName = divisionNameOf(model);
  reportNarratives(model).forEach((n, i) => {
    texts.addRow({
      order: i + 1,
      fy: model.round.fiscalYear,
      label: longYear(model.round.fiscalYear, 'wareki'),
      role: n.role === 'division' ? (divisionName ?? ROLE_LABELS.division) : (ROLE_LABELS[n.role] ?? n.role),
      kind: NARRATIVE_KIND_LABELS[n.kind] || '進捗',
      code: n.itemCode ?? '',
      target: n.itemCode === null ? `${model.plan.name}全体` : (nameOf.get(n.itemCode) ?? ''),
      mentions: n.mentionCodes.join(' '),
      body: n.paragraphs.join('\n'),
    });
  });
  wrapColumns(texts, ['target', 'body']);
  headerRow(texts);
}

/** Counts per year: the plan's, then each top-tier node's. */
function summarySheet(wb: ExcelJS.Workbook, model: ReportModel, era: EraStyle): void {
  const summary = wb.addWorksheet(SHEET_NAMES.summary);
  summary.columns = [
    { header: '範囲', key: 'scope', width: 36 },
    { header: '年度', key: 'fy', width: 8 },
    { header: '年度表記', key: 'label', width: 12 },
    { header: '出典', key: 'source', width: 10 },
    ...model.scale.map((c) => ({ header: c.code, key: `c:${c.code}`, width: 7 })),
    { header: '合計', key: 'total', width: 7 },
    { header: '達成率', key: 'rate', width: 10, style: { numFmt: '0.00%' } },
  ];
  const addYear = (scope: string, y: { fiscalYear: number; counts: Record<string, number>; total: number; achievementRate: number | null }, source: string) => {
    const row: Record<string, string | number | null> = {
      scope,
      fy: y.fiscalYear,
      label: shortYear(y.fiscalYear, era),
      source,
      total: y.total,
      rate: y.achievementRate,
    };
    for (const c of model.scale) row[`c:${c.code}`] = y.counts[c.code] ?? 0;
    summary.addRow(row);
  };
  for (const y of model.summary.years) addYear(`${model.plan.name}全体`, y, y.source === 'reported' ? '報告値' : '集計');
  for (const n of model.nodes) for (const y of n.summary) addYear(`${n.tierName} ${n.name}`, y, '集計');
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
  sheet.columns = [
    { header: 'ID', key: 'code', width: 10 },
    { header: '対象', key: 'item', width: 32 },
    { header: '指標', key: 'name', width: 32 },
    { header: '単位', key: 'unit', width: 8 },
    { header: '基準値', key: 'baseline', width: 12 },
    { header: '基準年度', key: 'baselineYear', width: 10 },
    { header: '目標値', key: 'target', width: 12 },
    { header: '目標年度', key: 'targetYear', width: 10 },
    { header: '当初の目標値', key: 'original', width: 12 },
    { header: '目標値の見直し', key: 'revisions', width: 40 },
    { header: `実績（${shortYear(o.fiscalYear, era)}）`, key: 'actual', width: 12 },
    { header: '比較した実績（累計）', key: 'compared', width: 12 },
    { header: '達成率（%）', key: 'rate', width: 10 },
    { header: '規則による評価', key: 'rule', width: 10 },
    { header: '規則の説明', key: 'explanation', width: 48 },
    { header: '評価', key: 'rating', width: 8 },
    { header: '変更の理由', key: 'override', width: 40 },
  ];
  for (const i of o.indicators) {
    const p = outputsOfItem(o, i.itemCode).proposal;
    const a = i.year.actual;
    sheet.addRow({
      code: i.itemCode,
      item: nameOf.get(i.itemCode) ?? '',
      name: i.name,
      unit: i.unit,
      baseline: i.baseline?.value ?? '',
      baselineYear: i.baseline ? shortYear(i.baseline.fiscalYear, era) : '',
      target: i.year.target?.value ?? '',
      targetYear: i.year.target ? shortYear(i.year.target.fiscalYear, era) : '',
      original: i.year.target?.originalValue ?? '',
      revisions: (i.year.target?.revisions ?? []).map((r) => `${longYear(r.decidedFiscalYear, era)} ${r.oldValue}→${r.newValue}（${r.reason}）`).join('\n'),
      actual: a === null ? '' : a.notMeasurable ? t('ja', 'notMeasurable') : (a.value ?? ''),
      compared: i.cumulative ? (i.year.comparedActual ?? '') : '',
      rate: i.year.achievementPercent ?? '',
      rule: i.year.rule?.code ?? '',
      explanation: i.year.rule?.explanation ?? '',
      rating: p?.code ?? '',
      override: p && p.code !== p.proposedCode ? (p.overrideReason ?? '') : '',
    });
  }
  wrapColumns(sheet, ['item', 'name', 'revisions', 'explanation', 'override']);
  headerRow(sheet);
}

/** The first columns of the directions and costs sheets: the item and the fiscal year. */
const ITEM_YEAR_COLUMNS: Partial<ExcelJS.Column>[] = [
  { header: 'ID', key: 'code', width: 10 },
  { header: '対象', key: 'item', width: 36 },
  { header: '年度', key: 'fy', width: 8 },
  { header: '年度表記', key: 'label', width: 12 },
];

function itemYearCells(itemCode: string, fiscalYear: number, nameOf: ReadonlyMap<string, string>, era: EraStyle): Record<string, string | number> {
  return { code: itemCode, item: nameOf.get(itemCode) ?? '', fy: fiscalYear, label: shortYear(fiscalYear, era) };
}

function directionsSheet(wb: ExcelJS.Workbook, o: ReportOutputs, nameOf: ReadonlyMap<string, string>, era: EraStyle): void {
  const sheet = wb.addWorksheet(SHEET_NAMES.directions);
  sheet.columns = [...ITEM_YEAR_COLUMNS, { header: '今後の方向性', key: 'direction', width: 14 }, { header: '説明', key: 'note', width: 60 }];
  for (const d of o.directions) sheet.addRow({ ...itemYearCells(d.itemCode, d.fiscalYear, nameOf, era), direction: d.label, note: d.note });
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
  sheet.columns = [
    ...ITEM_YEAR_COLUMNS,
    { header: '単位', key: 'unit', width: 8 },
    ...costs.fields.map((f) => ({ header: COST_FIELD_LABELS[f], key: f, width: 14 })),
  ];
  const order = new Map(allNodes(model).map((n, i) => [n.code, i]));
  const at = (code: string) => order.get(code) ?? -1;
  const totals = [...costs.totals].sort((a, b) => a.fiscalYear - b.fiscalYear || at(a.itemCode) - at(b.itemCode));
  for (const c of totals) {
    const row: Record<string, string | number> = { ...itemYearCells(c.itemCode, c.fiscalYear, nameOf, era), unit: costs.unit };
    for (const f of costs.fields) row[f] = c.figures[f] ?? '';
    sheet.addRow(row);
  }
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
        if (typeof cell.value === 'string' && looksLikeFormula(cell.value)) cell.value = spreadsheetSafe(cell.value);
      });
    });
  });
}

export async function renderXlsx(model: ReportModel, options: { era: EraStyle }): Promise<Buffer> {
  const data = await buildWorkbook(model, options).xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
