/**
 * The walk every sheet of hyoka's own workbook shares: the data rows of a sheet, typed
 * cells, and one problem list where each problem names its sheet, row and column.
 */
import type ExcelJS from 'exceljs';
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from '../../fiscal/fiscal-year.js';
import { decimalText } from '../decimal-text.js';
import type { SourcePlace } from '../imported-plan.js';
import { cellPlace, ProblemList } from './problem-list.js';
import { cellText } from './table/sheet-rows.js';

export interface Row {
  number: number;
  cells: string[];
}

/** A 0/1 column as hyoka writes it; TRUE/FALSE cells (read as 'true'/'false') mean the same. */
const FLAGS = new Map([
  ['', false],
  ['0', false],
  ['1', true],
  ['false', false],
  ['true', true],
]);

export class WorkbookSheets extends ProblemList {
  /** Sheets an older version of the workbook lacks: missing, they read as empty. */
  readonly optional = new Set<string>();

  constructor(
    readonly workbook: ExcelJS.Workbook,
    readonly file: { name: string; content: string },
  ) {
    super();
  }

  at(sheet: string, row: number, column?: number): SourcePlace {
    return cellPlace(this.file.name, sheet, row, column);
  }

  /** The data rows of a sheet (below its header row); a missing sheet is a problem. */
  rowsOf(sheet: { name: string; header: readonly string[] }, headerRow = 1): Row[] {
    const ws = this.workbook.getWorksheet(sheet.name);
    if (!ws) {
      if (this.optional.has(sheet.name)) return [];
      this.problems.push({
        message: `シート「${sheet.name}」がありません（hyoka が書き出したブックのシートを消さないでください）`,
        place: { file: this.file.name },
      });
      return [];
    }
    const rows: Row[] = [];
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      if (number <= headerRow) return;
      const cells: string[] = [];
      for (let c = 1; c <= sheet.header.length; c++) cells.push(cellText(row.getCell(c).value));
      if (cells.some((x) => x !== '')) rows.push({ number, cells });
    });
    return rows;
  }

  int(sheet: string, row: Row, col: number, what: string, optional = false): number | undefined {
    const text = row.cells[col]!.trim();
    if (text === '' && optional) return undefined;
    if (!/^-?\d+$/.test(text)) {
      this.problem(`${what}は整数で書いてください（「${text}」）`, this.at(sheet, row.number, col));
      return undefined;
    }
    return Number(text);
  }

  /** A fiscal year (an integer the store's year range holds). */
  fiscalYear(sheet: string, row: Row, col: number, what: string, optional = false): number | undefined {
    const year = this.int(sheet, row, col, what, optional);
    if (year === undefined || (year >= MIN_FISCAL_YEAR && year <= MAX_FISCAL_YEAR)) return year;
    this.problem(`${what} ${year} は年度の範囲（${MIN_FISCAL_YEAR}〜${MAX_FISCAL_YEAR}）の外です`, this.at(sheet, row.number, col));
    return undefined;
  }

  /** A 0/1 cell (blank is 0); anything else is a problem, never read as either. */
  flag(sheet: string, row: Row, col: number, what: string): boolean | undefined {
    const text = row.cells[col]!.trim();
    const value = FLAGS.get(text.toLowerCase());
    if (value === undefined) this.problem(`${what}は 1（はい）か 0・空欄（いいえ）で書いてください（「${text}」）`, this.at(sheet, row.number, col));
    return value;
  }

  /** Exact decimal text of a number cell (full-width digits and separators tolerated); blank is null when optional. */
  decimal(sheet: string, row: Row, col: number, what: string, optional = false): string | null | undefined {
    const value = decimalText(row.cells[col]!);
    if (value === null && optional) return null;
    if (value === null || value === undefined) {
      this.problem(`${what}は数値で書いてください（「${row.cells[col]}」）`, this.at(sheet, row.number, col));
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(sheet: string, row: Row, col: number, allowed: readonly T[], what: string): T | undefined {
    const text = row.cells[col]!.trim();
    if ((allowed as readonly string[]).includes(text)) return text as T;
    this.problem(`${what}「${text}」は使えません（${allowed.join(', ')}）`, this.at(sheet, row.number, col));
    return undefined;
  }
}
