/**
 * Chooses a reader by file type and runs it: bytes (+ a mapping for tables) →
 * ImportedPlan. Readers are pure; nothing here touches the database.
 *   .csv / .txt with --mapping, .tsv → table reader (CSV decoded by decode.ts)
 *   .xlsx                          → table reader (worksheet named by the mapping)
 *   .xlsx written by hyoka, no mapping → hyoka's own workbook (readers/hyoka-workbook.ts)
 *   .txt / .md without a mapping   → the published-text reader
 */
import { extname } from 'node:path';
import { checkImportedPlan } from '../check-plan.js';
import { decodeText, parseEncodingName, type TextEncodingName } from '../decode.js';
import { type ImportedPlan, placedError } from '../imported-plan.js';
import { isPlanWorkbook, readPlanWorkbook } from './hyoka-workbook.js';
import { readPublishedText } from './published-text.js';
import type { TableMapping } from './table/mapping-schema.js';
import { loadXlsxWorkbook, readCsvRows, readXlsxRows, type SheetRows } from './table/sheet-rows.js';
import { readTable } from './table/table-reader.js';

export type ReaderName = 'published-text' | 'table-csv' | 'table-xlsx' | 'hyoka-workbook';

export interface ReadOptions {
  mapping?: TableMapping;
  encoding?: TextEncodingName;
}

export function readerFor(fileName: string, hasMapping: boolean): ReaderName {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.xlsx') return 'table-xlsx';
  if (ext === '.csv' || ext === '.tsv') return 'table-csv';
  if (hasMapping) return 'table-csv';
  return 'published-text';
}

/** The rows of a table file, for reading with a mapping or for guessing one. */
export async function readSheetRows(bytes: Uint8Array, fileName: string, options: { sheet?: string; encoding?: TextEncodingName } = {}): Promise<SheetRows> {
  return readerFor(fileName, true) === 'table-xlsx' ? readXlsxRows(bytes, fileName, options.sheet) : readCsvRows(bytes, fileName, options.encoding);
}

/** The file's plan, checked as the store will check it (check-plan.ts): what this accepts, the store accepts. */
export async function readImportFile(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<{ plan: ImportedPlan; reader: ReaderName }> {
  const read = await readUnchecked(bytes, fileName, options);
  checkImportedPlan(read.plan);
  return read;
}

async function readUnchecked(bytes: Uint8Array, fileName: string, options: ReadOptions): Promise<{ plan: ImportedPlan; reader: ReaderName }> {
  const reader = readerFor(fileName, options.mapping !== undefined);
  if (reader === 'published-text') {
    const { text } = decodeText(bytes, fileName, options.encoding);
    return { plan: readPublishedText(text, fileName), reader };
  }
  const mapping = options.mapping;
  if (!mapping && reader === 'table-xlsx') {
    const workbook = await loadXlsxWorkbook(bytes, fileName);
    if (isPlanWorkbook(workbook))
      return { plan: readPlanWorkbook(workbook, { name: fileName, content: Buffer.from(bytes).toString('base64') }), reader: 'hyoka-workbook' };
  }
  if (!mapping) throw placedError('表のファイルにはマッピングが必要です（--mapping MAP.json。--suggest-mapping で下書きを作れます）', { file: fileName });
  const encoding = options.encoding ?? (mapping.encoding ? parseEncodingName(mapping.encoding) : undefined);
  const sheet = await readSheetRows(bytes, fileName, { ...(mapping.sheet !== undefined ? { sheet: mapping.sheet } : {}), ...(encoding ? { encoding } : {}) });
  const content = reader === 'table-xlsx' ? Buffer.from(bytes).toString('base64') : decodeText(bytes, fileName, encoding).text;
  return { plan: readTable(sheet, mapping, { name: fileName, content }), reader };
}
