/**
 * `hyoka import FILE`: bytes → text → parsed report → store. Anything wrong with the
 * file stops before the first write; anything wrong while writing rolls back.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Db } from '../db/db.js';
import { parseReport } from './parse-report.js';
import { ReportParseError } from './report-types.js';
import { storeReport, type ImportOptions, type ImportResult } from './import-store.js';

/** Decodes UTF-8 strictly: a file in Shift_JIS or a binary file is refused, not mangled. */
export function decodeReportBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ReportParseError(0, 'ファイルが空です。報告書のテキストを指定してください。');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ReportParseError(0, 'UTF-8のテキストとして読めません。報告書をUTF-8のテキストで保存してから取り込んでください。');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    throw new ReportParseError(line, 'NUL文字を含んでいます。バイナリファイルは取り込めません。');
  }
  return text.replace(/\r\n?/g, '\n');
}

export async function importReportText(db: Db, content: string, fileName: string, options: ImportOptions = {}): Promise<ImportResult> {
  const parsed = parseReport(content);
  return storeReport(db, parsed, { fileName, content }, options);
}

export async function importReportFile(db: Db, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const bytes = await readFile(path);
  return importReportText(db, decodeReportBytes(bytes), basename(path), options);
}
