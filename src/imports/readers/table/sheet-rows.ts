/**
 * A CSV file or one worksheet of an xlsx workbook as rows of cell texts, each row
 * with its number in the source (CSV: the line it starts on; xlsx: the sheet's row),
 * so every later error can name its cell. Cells are kept as written: a number-looking
 * text stays that text; a number cell reads as Excel shows its digits (numberText);
 * blank cells are ''.
 */
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { Dec } from '../../../indicators/decimal.js';
import { decodeText, type TextEncodingName } from '../../decode.js';
import { placedError } from '../../imported-plan.js';

export interface SheetRow {
  number: number;
  cells: string[];
}

export interface SheetRows {
  file: string;
  /** Set for a worksheet; undefined for CSV. */
  sheet?: string;
  rows: SheetRow[];
  /** Detected or named encoding (CSV only). */
  encoding?: TextEncodingName;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function readCsvRows(bytes: Uint8Array, file: string, encoding?: TextEncodingName): SheetRows {
  const decoded = decodeText(bytes, file, encoding);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(decoded.text, { info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw placedError(`CSVとして読めません: ${(error as Error).message}`, { file, ...(line ? { line } : {}) });
  }
  // info.lines is the record's last line; a quoted cell spanning lines moves its start up.
  const rows = records.map(({ record, info }) => ({
    number: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
    cells: record,
  }));
  return { file, rows, encoding: decoded.encoding };
}

type CellValue = ExcelJS.CellValue;

/**
 * A number cell as the digits Excel keeps and shows: 15 significant digits, rounded in
 * decimal arithmetic and written without an exponent, so a formula's binary artefact
 * (0.1+0.2 = 0.30000000000000004) reads 0.3 and 1e-7 reads 0.0000001.
 */
export function numberText(value: number): string {
  return new Dec(value).toSignificantDigits(15).toString();
}

/** The text a person sees in the cell; formulas give their cached result. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
  if ('text' in value) return String(value.text);
  if ('error' in value) return '';
  return '';
}

/** An xlsx file's workbook; a file exceljs cannot read is refused with its name. */
export async function loadXlsxWorkbook(bytes: Uint8Array, file: string): Promise<ExcelJS.Workbook> {
  // Loaded here, not with the module: every command reaches this file (store-plan's checks name cells) and most read no xlsx.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's load type names Node's old Buffer; the bytes are what it reads.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw placedError(`xlsx ファイルとして読めません: ${(error as Error).message}`, { file });
  }
  return workbook;
}

export async function readXlsxRows(bytes: Uint8Array, file: string, sheetName?: string): Promise<SheetRows> {
  const workbook = await loadXlsxWorkbook(bytes, file);
  const names = workbook.worksheets.map((w) => w.name);
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!sheet) {
    throw placedError(
      sheetName === undefined
        ? 'ブックにシートがありません'
        : `シート「${sheetName}」がありません（ブックのシート: ${names.map((n) => `「${n}」`).join('、')}）`,
      { file },
    );
  }
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows.push({ number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return { file, sheet: sheet.name, rows };
}
