/**
 * `hyoka report --plan SLUG --year 2022 [--kind final] --format pdf --out FILE`
 * Generates one format of a round's report. The output file appears only when it is
 * complete (temp file + rename): on any error nothing is written, and the CLI's one
 * error mapping (src/cli/exit-codes.ts) prints the message and exits with 1.
 * What it runs (./report-command-run.ts) is loaded while the store opens in its own
 * thread: the queries and the renderers are a tenth of a second of loading.
 */
import type { Command } from 'commander';
import type { WithDb } from '../cli/database-subcommand.js';
import { planCommand } from '../cli/plan-option.js';
import type { ReportCommandOptions } from './report-command-run.js';

/** render-report.ts's REPORT_FORMATS, written out so that registering the command loads no renderer (a test compares the two). */
export const REPORT_FORMAT_NAMES = ['html', 'pdf', 'docx', 'xlsx', 'csv', 'json'] as const;

export function registerReportCommand(program: Command, withDb: WithDb): void {
  planCommand(program, 'report', '評価結果報告書を作成する（html / pdf / docx / xlsx / csv / json）。失敗したときは出力ファイルを作成も変更もしない')
    .requiredOption('--year <year>', '評価の年度: 2022, R4, 令和4年度 など')
    .option('--kind <kind>', '評価の種類: final | midterm | yearly（省略時は最終 → 中間 → 年度の順に選ぶ）')
    .option('--format <format>', `出力形式: ${REPORT_FORMAT_NAMES.join(' | ')}（省略時は --out の拡張子、なければ html）`)
    .option('--out <file>', '出力ファイル（省略時は「令和4年度_計画名_…」の名前で現在のディレクトリに作成）')
    .option('--era <style>', '年度表記: wareki | seireki', 'wareki')
    .action(async (opts: ReportCommandOptions) => {
      const run = import('./report-command-run.js');
      // Awaited once the store is open; a failure to load is reported then, as any other.
      run.catch(() => undefined);
      await withDb(program, async (db) => {
        const { runReport, reportWritten } = await run;
        console.log(reportWritten(await runReport(db, opts)));
      });
    });
}
