/**
 * `hyoka import FILE [--mapping MAP.json] [--dry-run] [--encoding …]` and
 * `--suggest-mapping`: file → reader → ImportedPlan → storeImportedPlan. The CLI sends a
 * published report without options through import-report.ts instead, which adds the
 * report's check of its printed summary and then uses the same store. Anything wrong
 * with a file stops before the first write.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Db } from '../db/db.js';
import { parseEncodingName } from './decode.js';
import { describeImportedPlan } from './dry-run.js';
import type { ImportedPlan } from './imported-plan.js';
import { readImportFile, readSheetRows, type ReaderName } from './readers/index.js';
import { parseMapping } from './readers/table/mapping.js';
import type { TableMappingInput } from './readers/table/mapping-schema.js';
import { suggestMapping } from './readers/table/suggest-mapping.js';
import { type StorePlanResult, storeImportedPlan } from './store-plan.js';

export interface ImportFileOptions {
  mappingPath?: string;
  encoding?: string;
  slug?: string;
  actor?: string;
}

/** Bytes already in hand (the web upload): the same readers as a file on disk. */
export async function readPlanBytes(
  bytes: Uint8Array,
  fileName: string,
  options: { mappingText?: string | null; mappingName?: string | null; encoding?: string | null } = {},
): Promise<{ plan: ImportedPlan; reader: ReaderName }> {
  const mapping = options.mappingText ? parseMapping(options.mappingText, options.mappingName ?? 'mapping.json') : undefined;
  return readImportFile(bytes, fileName, {
    ...(mapping ? { mapping } : {}),
    ...(options.encoding ? { encoding: parseEncodingName(options.encoding) } : {}),
  });
}

export async function readPlanFile(path: string, options: ImportFileOptions = {}): Promise<{ plan: ImportedPlan; reader: ReaderName }> {
  const bytes = await readFile(path);
  const mapping = options.mappingPath ? parseMapping(await readFile(options.mappingPath, 'utf8'), basename(options.mappingPath)) : undefined;
  return readImportFile(bytes, basename(path), {
    ...(mapping ? { mapping } : {}),
    ...(options.encoding ? { encoding: parseEncodingName(options.encoding) } : {}),
  });
}

/** The lines `--dry-run` prints; nothing is written. */
export async function dryRunPlanFile(path: string, options: ImportFileOptions = {}): Promise<string[]> {
  const { plan } = await readPlanFile(path, options);
  return ['取り込みの確認（--dry-run: データベースは変更しません）', ...describeImportedPlan(plan)];
}

export async function importPlanFile(db: Db, path: string, options: ImportFileOptions = {}): Promise<StorePlanResult & { plan: ImportedPlan }> {
  const { plan, reader } = await readPlanFile(path, options);
  const result = await storeImportedPlan(db, plan, {
    reader,
    ...(options.slug ? { slug: options.slug } : {}),
    ...(options.actor ? { actor: options.actor } : {}),
  });
  return { ...result, plan };
}

export async function suggestMappingForFile(path: string, options: { encoding?: string; sheet?: string; planName?: string } = {}): Promise<TableMappingInput> {
  const sheet = await readSheetRows(await readFile(path), basename(path), {
    ...(options.sheet ? { sheet: options.sheet } : {}),
    ...(options.encoding ? { encoding: parseEncodingName(options.encoding) } : {}),
  });
  const guess = suggestMapping(sheet, options.planName ?? basename(path).replace(/\.[^.]+$/, ''));
  return { ...(sheet.encoding && sheet.encoding !== 'utf-8' ? { encoding: sheet.encoding } : {}), ...guess };
}
