/**
 * The walk every sheet of hyoka's own workbook shares: the data rows of a sheet, typed
 * cells, and one problem list where each problem names its sheet, row and column.
 */
import type ExcelJS from 'exceljs';
import type { PlacedProblem, SourcePlace } from '../imported-plan.js';
import { decimalText } from '../decimal-text.js';
import { cellText, columnLetter } from './table/sheet-rows.js';

export interface Row {
  number: number;
  cells: string[];
}

const MAX_PROBLEMS = 50;

export class WorkbookSheets {
  readonly problems: PlacedProblem[] = [];
  /** Sheets an older version of the workbook lacks: missing, they read as empty. */
  readonly optional = new Set<string>();

  constructor(
    readonly workbook: ExcelJS.Workbook,
    readonly file: { name: string; content: string },
  ) {}

  at(sheet: string, row: number, column?: number): SourcePlace {
    return { file: this.file.name, sheet, row, ...(column !== undefined ? { column: columnLetter(column) } : {}) };
  }

  problem(message: string, place: SourcePlace): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ message, place });
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
