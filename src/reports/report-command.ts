/**
 * `hyoka report --plan SLUG --year 2022 [--kind final] --format pdf --out FILE`
 * Generates one format of a round's report. The output file appears only when it is
 * complete (temp file + rename): on any error nothing is written, and the CLI's one
 * error mapping (src/cli/exit-codes.ts) prints the message and exits with 1.
 */
import type { Command } from 'commander';
import type { WithDb } from '../cli/database-subcommand.js';
import { planCommand, writeFileAction } from '../cli/plan-option.js';
import type { Db } from '../db/db.js';
import { invalidInput } from '../errors.js';
import { resolvePlan } from '../plans/plan-queries.js';
import { parseInput } from '../web/forms.js';
import { t } from './messages.js';
import { loadReportModel } from './report-queries.js';
import { reportOptionsSchema, type ReportOptions } from './report-schema.js';
import { REPORT_FORMATS, renderReport, reportFileName, writeFileAtomic } from './render-report.js';

export interface ReportCommandOptions {
  plan?: string | undefined;
  year: string;
  kind?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
  era?: string | undefined;
}

/** Resolves the options to what to generate; an invalid-input AppError names the first wrong option. */
export function parseReportOptions(opts: ReportCommandOptions): ReportOptions {
  const parsed = parseInput(reportOptionsSchema, opts);
  if (!parsed.ok) throw invalidInput(Object.values(parsed.errors)[0] ?? '', { fields: parsed.errors });
  return parsed.value;
}

/** Runs the command; returns the path written. */
export async function runReport(db: Db, opts: ReportCommandOptions): Promise<string> {
  const { fiscalYear, kind, format, era } = parseReportOptions(opts);
  const plan = await resolvePlan(db, opts.plan);
  const model = await loadReportModel(db, plan.slug, fiscalYear, kind);
  const out = opts.out ?? reportFileName(model, format, era);
  await writeFileAtomic(out, () => renderReport(model, format, { era }));
  return out;
}

export function registerReportCommand(program: Command, withDb: WithDb): void {
  planCommand(program, 'report', '評価結果報告書を作成する（html / pdf / docx / xlsx / csv / json）。失敗したときは出力ファイルを作成も変更もしない')
    .requiredOption('--year <year>', '評価の年度: 2022, R4, 令和4年度 など')
    .option('--kind <kind>', '評価の種類: final | midterm | yearly（省略時は最終 → 中間 → 年度の順に選ぶ）')
    .option('--format <format>', `出力形式: ${REPORT_FORMATS.join(' | ')}（省略時は --out の拡張子、なければ html）`)
    .option('--out <file>', '出力ファイル（省略時は「令和4年度_計画名_…」の名前で現在のディレクトリに作成）')
    .option('--era <style>', '年度表記: wareki | seireki', 'wareki')
    .action(writeFileAction(program, withDb, runReport, (out) => t('ja', 'created', { path: out })));
}
