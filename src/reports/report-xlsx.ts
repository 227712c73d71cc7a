/**
 * The report as an Excel workbook for people who re-sort and filter: one sheet of
 * every rating (a row per item of the rated tier, a column per tier above it and per
 * fiscal year), one of narratives, one
 * summary. Data sheets have one header row, frozen, with a filter, and no merged
 * cells, so they sort and pivot cleanly.
 */
import ExcelJS from 'exceljs';
import type { EraStyle } from '../fiscal/fiscal-year.js';
import { looksLikeFormula, spreadsheetSafe } from '../web/spreadsheet-safe.js';
import { longYear, shortYear } from './labels.js';
import { NARRATIVE_KIND_LABELS, ROLE_LABELS } from './messages.js';
import { OFFICE_FONT } from './office-font.js';
import { allNodes, divisionNameOf, reportNarratives, rowsWithPath, type ReportModel } from './report-model.js';

export const SHEET_NAMES = { ratings: '評価', narratives: '記述', summary: '集計' } as const;

function headerRow(sheet: ExcelJS.Worksheet): void {
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
  // Printed: A4 landscape, all columns on the page width, the header row on every page.
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: `&"${OFFICE_FONT}"&P / &N` };
}

/** Columns of running text wrap within their width, top-aligned, so a printout never cuts them. */
function wrapColumns(sheet: ExcelJS.Worksheet, keys: readonly string[]): void {
  for (const key of keys) {
    sheet.getColumn(key).eachCell({ includeEmpty: false }, (cell) => {
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
  }
}

/**
 * Every cell in the report's font (office-font.ts): ExcelJS's default, Calibri, is
 * missing on Linux, and LibreOffice would print substitutes.
 */
function useReportFont(wb: ExcelJS.Workbook): void {
  wb.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cell.font = { ...cell.font, name: OFFICE_FONT, size: 10 };
      });
    });
  });
}

export function buildWorkbook(model: ReportModel, options: { era: EraStyle }): ExcelJS.Workbook {
  const era = options.era;
  const tiers = model.plan.tiers;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hyoka';
  wb.title = `${model.title.yearLabel} ${model.title.planName} ${model.title.reportTitle}（${model.title.kindLabel}）`;

  const ratings = wb.addWorksheet(SHEET_NAMES.ratings);
  // One column per tier above the rows (the path), then the row's own tier.
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
  headerRow(ratings);

  const texts = wb.addWorksheet(SHEET_NAMES.narratives);
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
    const row: Record<string, string | number | null> = { scope, fy: y.fiscalYear, label: shortYear(y.fiscalYear, era), source, total: y.total, rate: y.achievementRate };
    for (const c of model.scale) row[`c:${c.code}`] = y.counts[c.code] ?? 0;
    summary.addRow(row);
  };
  for (const y of model.summary.years) addYear(`${model.plan.name}全体`, y, y.source === 'reported' ? '報告値' : '集計');
  for (const n of model.nodes) for (const y of n.summary) addYear(`${n.tierName} ${n.name}`, y, '集計');
  headerRow(summary);
  guardFormulaText(wb);
  useReportFont(wb);
  return wb;
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
