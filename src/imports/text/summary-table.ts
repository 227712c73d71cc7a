/** Reader for the report's own count table (評価 × 年度). */
import { parseFiscalYear } from '../../fiscal/fiscal-year.js';
import { normalizeText } from '../normalize-text.js';
import { ReportParseError, type ParsedReport, type ParsedSummaryYear } from '../report-types.js';
import { type Block, type TableRow, tableRows, trimTrailingCells, withoutTrailingEmpty } from './blocks.js';
import type { TextProfile } from './profile.js';
import { canonicalCode, type Scale, scaleList } from './scale.js';
import { assertAscending, fiscalYearAt } from './years.js';

/** Index of the row whose cells after the first are all fiscal-year labels ("H29", "R1"). */
export function yearRowIndex(rows: readonly TableRow[]): number {
  return rows.findIndex((r) => {
    const labels = withoutTrailingEmpty(r.cells).slice(1);
    return labels.length > 0 && labels.every((c) => parseFiscalYear(c) !== undefined);
  });
}

/** A table with a row of fiscal years: a count table, not the criteria table. */
export function hasYearRow(table: Block): boolean {
  return yearRowIndex(tableRows([table])) >= 0;
}

/**
 * A header row of years, one row per code, and a total. Rows before the year row
 * ("評価 | 年度") are headings. Years are read with parseFiscalYear, so "R1" is 2019
 * and printedLabel keeps "R1".
 */
export function readSummaryTable(table: Block, scale: Scale, profile: TextProfile): ParsedReport['reportedSummary'] {
  const rows = tableRows([table]);
  const yearAt = yearRowIndex(rows);
  const yearRow = rows[yearAt];
  if (!yearRow) throw new ReportParseError(table.line, '集計表に年度の見出し行（H29, H30, …）がありません');
  const labels = withoutTrailingEmpty(yearRow.cells).slice(1).map(normalizeText);
  const years: ParsedSummaryYear[] = labels.map((printedLabel) => ({
    fiscalYear: fiscalYearAt(printedLabel, yearRow.no),
    printedLabel,
    counts: {},
    total: 0,
  }));
  assertAscending(
    years.map((y) => y.fiscalYear),
    yearRow.no,
    '集計表',
  );
  const expected = labels.length + 1;
  const columns = [normalizeText(yearRow.cells[0] ?? '') || '評価', ...labels].join(', ');
  let sawTotal = false;
  for (const row of rows.slice(yearAt + 1)) {
    const cells = trimTrailingCells(row.cells, expected);
    if (cells.length !== expected) {
      throw new ReportParseError(row.no, `集計表の行はセルが${expected}個必要ですが${cells.length}個です（${columns}）`);
    }
    const head = normalizeText(cells[0] ?? '');
    const isTotal = profile.scale.totalLabels.has(head);
    const code = canonicalCode(head);
    if (!isTotal && !scale.codes.some((c) => c.code === code)) {
      throw new ReportParseError(row.no, `集計表の評点「${head}」は評価基準にありません（使える評点: ${scaleList(scale)}）`);
    }
    cells.slice(1).forEach((cell, i) => {
      const value = cell.normalize('NFKC').replace(/[,\s]/g, '');
      if (!/^\d+$/.test(value)) throw new ReportParseError(row.no, `集計表の値「${cell}」が件数（整数）ではありません`);
      const year = years[i];
      if (!year) return;
      if (isTotal) year.total = Number(value);
      else year.counts[code] = Number(value);
    });
    sawTotal ||= isTotal;
  }
  // Without a printed total row the total is the sum of the printed counts.
  if (!sawTotal) for (const y of years) y.total = Object.values(y.counts).reduce((a, b) => a + b, 0);
  return { line: table.line, years };
}
