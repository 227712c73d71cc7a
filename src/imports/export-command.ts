/**
 * `hyoka export --plan SLUG --format xlsx --out FILE`: the whole stored plan as hyoka's
 * own workbook (plan-workbook.ts), which `hyoka import FILE` reads back with no mapping.
 * The file appears only when complete; on any error nothing is written. The workbook
 * writer (exceljs) loads when the command runs, not when the CLI starts.
 */
import type { Command } from 'commander';
import type { WithDb } from '../cli/database-subcommand.js';
import { planCommand, writeFileAction } from '../cli/plan-option.js';
import type { Db } from '../db/db.js';
import { invalidInput } from '../errors.js';
import { resolvePlan } from '../plans/plan-queries.js';

export const EXPORT_FORMATS = ['xlsx'] as const;

export interface ExportCommandOptions {
  plan?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
}

/** Writes the workbook; returns the path written. */
export async function runExport(db: Db, opts: ExportCommandOptions): Promise<string> {
  const format = opts.format ?? (opts.out?.toLowerCase().endsWith('.xlsx') || opts.out === undefined ? 'xlsx' : undefined);
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw invalidInput(`書き出し形式「${format ?? opts.out ?? ''}」には対応していません（${EXPORT_FORMATS.join(', ')}）`);
  }
  const [{ loadStoredPlan }, { writePlanWorkbook }, { writeFileAtomic }] = await Promise.all([
    import('./plan-export-queries.js'),
    import('./plan-workbook.js'),
    import('../reports/render-report.js'),
  ]);
  const { slug } = await resolvePlan(db, opts.plan);
  const plan = await loadStoredPlan(db, slug);
  const out = opts.out ?? `${slug}.xlsx`;
  await writeFileAtomic(out, () => writePlanWorkbook(plan));
  return out;
}

export function registerExportCommand(program: Command, withDb: WithDb): void {
  planCommand(program, 'export', '計画をまるごと hyoka のブック（xlsx）に書き出す。hyoka import でマッピングなしに取り込める')
    .option('--format <format>', `出力形式: ${EXPORT_FORMATS.join(' | ')}`, 'xlsx')
    .option('--out <file>', '出力ファイル（既定: 計画の識別子.xlsx）')
    .action(writeFileAction(program, withDb, runExport, (out) => `書き出しました: ${out}`));
}
