/**
 * `hyoka report --plan SLUG --year 2022 [--kind final] --format pdf --out FILE`
 * Generates one format of a round's report. The output file appears only when it is
 * complete (temp file + rename); on any error nothing is written and the exit code is 1.
 */
import { isAppError } from '../errors.js';
import { extname } from 'node:path';
import type { Command } from 'commander';
import type { Db } from '../db/db.js';
import { FiscalYearError, requireFiscalYear, type EraStyle } from '../fiscal/fiscal-year.js';
import { isRoundKind, type RoundKind } from '../evaluations/round-kinds.js';
import { resolvePlan } from '../plans/plan-queries.js';
import { ReportInputError, loadReportModel } from './report-model.js';
import { PdfUnavailableError } from './report-pdf.js';
import { REPORT_FORMATS, ReportOutputError, isReportFormat, renderReport, reportFileName, writeFileAtomic, type ReportFormat } from './render-report.js';

export interface ReportCommandOptions {
  plan?: string | undefined;
  year: string;
  kind?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
  era?: string | undefined;
}

export class ReportCommandError extends Error {
  override name = 'ReportCommandError';
}

/** Resolves the options to what to generate; throws ReportCommandError with a Japanese message. */
export function parseReportOptions(opts: ReportCommandOptions): { fiscalYear: number; kind: RoundKind | undefined; format: ReportFormat; era: EraStyle } {
  let fiscalYear: number;
  try {
    fiscalYear = requireFiscalYear(opts.year);
  } catch (error) {
    if (error instanceof FiscalYearError) throw new ReportCommandError(error.message);
    throw error;
  }
  if (opts.kind !== undefined && !isRoundKind(opts.kind)) throw new ReportCommandError(`--kind が不正です: ${opts.kind}（final, midterm, yearly のいずれか）`);
  const fromOut = opts.out ? extname(opts.out).slice(1).toLowerCase() : '';
  const formatText = opts.format ?? (fromOut || 'html');
  if (!isReportFormat(formatText)) throw new ReportCommandError(`--format が不正です: ${formatText}（${REPORT_FORMATS.join(', ')} のいずれか）`);
  if (opts.era !== undefined && opts.era !== 'wareki' && opts.era !== 'seireki') throw new ReportCommandError(`--era が不正です: ${opts.era}（wareki または seireki）`);
  return { fiscalYear, kind: opts.kind as RoundKind | undefined, format: formatText, era: opts.era === 'seireki' ? 'seireki' : 'wareki' };
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

export function registerReportCommand(program: Command, withDb: <T>(program: Command, fn: (db: Db) => Promise<T>) => Promise<T>): void {
  program
    .command('report')
    .description('評価結果報告書を作成する（html / pdf / docx / xlsx / csv / json）')
    .option('--plan <slug>', '計画の識別子 (計画が1つなら省略可)')
    .requiredOption('--year <year>', '評価の年度: 2022, R4, 令和4年度 など')
    .option('--kind <kind>', '評価の種類: final | midterm | yearly（省略時は最終 → 中間 → 年度の順に選ぶ）')
    .option('--format <format>', `出力形式: ${REPORT_FORMATS.join(' | ')}（省略時は --out の拡張子、なければ html）`)
    .option('--out <file>', '出力ファイル（省略時は「令和4年度_計画名_…」の名前で現在のディレクトリに作成）')
    .option('--era <style>', '年度表記: wareki | seireki', 'wareki')
    .action(async (opts: ReportCommandOptions) => {
      try {
        await withDb(program, async (db) => {
          const out = await runReport(db, opts);
          console.log(`作成しました: ${out}`);
        });
      } catch (error) {
        if (error instanceof ReportCommandError || error instanceof ReportInputError || error instanceof PdfUnavailableError || isAppError(error, 'not-found') || error instanceof ReportOutputError) {
          console.error(`エラー: ${error.message}`);
          console.error('出力ファイルは作成も変更もされていません。');
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    });
}
