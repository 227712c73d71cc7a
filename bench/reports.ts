/**
 * Report generation benchmarks: HTML, PDF, Word and Excel for the seed's R4
 * final round and for the synthetic 2,000-sub-item × 10-year plan. Targets: seed HTML
 * < 50 ms, seed PDF < 3 s, 2,000-item xlsx < 2 s. Loading the model is timed apart
 * from rendering, so each figure says where the time goes.
 */
import type { Browser } from 'playwright-core';
import { openDb } from '../src/db/db.js';
import { migrate } from '../src/db/migrate.js';
import { importReportFile } from '../src/imports/import-report.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../src/imports/sample.js';
import type { ReportModel } from '../src/reports/report-model.js';
import { loadReportModel } from '../src/reports/report-queries.js';
import { isAppError } from '../src/errors.js';
import { launchPdfBrowser } from '../src/reports/report-pdf.js';
import { renderReport, type ReportFormat } from '../src/reports/render-report.js';
import { generateSyntheticPlan } from './synthetic-plan.js';
import { heading, report, timeRuns } from './measure.js';

const TARGETS: Partial<Record<string, number>> = { 'seed html': 50, 'seed pdf': 3000, 'synthetic xlsx': 2000 };

export async function runReportsBench(): Promise<void> {
  heading('reports: generation time per format');
  const db = await openDb({ inMemory: true });
  await migrate(db);
  await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
  const synthetic = await generateSyntheticPlan(db, { subItems: 2000, years: 10 });
  const fiscalYear = (
    await db.query<{ fy: number }>("select fiscal_year as fy from evaluation_rounds where plan_id = $1 and kind = 'final'", [synthetic.planId])
  ).rows[0]!.fy;

  const browser = await pdfBrowserOrSkip();
  try {
    for (const [name, slug, fy, runs] of [
      ['seed', SAMPLE_PLAN_SLUG, 2022, 10],
      ['synthetic', synthetic.slug, fiscalYear, 3],
    ] as const) {
      report(`${name}: load report model`, await timeRuns(runs, () => loadReportModel(db, slug, fy)));
      const model: ReportModel = await loadReportModel(db, slug, fy);
      const formats: ReportFormat[] = ['html', 'docx', 'xlsx', 'csv', 'json', ...(browser ? (['pdf'] as const) : [])];
      for (const format of formats) {
        const pdfRuns = name === 'seed' ? 5 : 1;
        const t = await timeRuns(format === 'pdf' ? pdfRuns : runs, () =>
          renderReport(model, format, browser ? { era: 'wareki', browser } : { era: 'wareki' }),
        );
        report(`${name} (${model.rowCount} rows × ${model.fiscalYears.length} years): ${format}`, t, TARGETS[`${name} ${format}`]);
      }
      report(
        `${name}: html including model load`,
        await timeRuns(runs, async () => renderReport(await loadReportModel(db, slug, fy), 'html', { era: 'wareki' })),
      );
    }
    if (browser) {
      const model = await loadReportModel(db, SAMPLE_PLAN_SLUG, 2022);
      // What `hyoka report --format pdf` pays once: starting Chromium as well.
      report('seed: pdf with a cold Chromium (CLI)', await timeRuns(3, () => renderReport(model, 'pdf', { era: 'wareki' }), { warmup: 0 }), 3000);
    }
  } finally {
    await browser?.close();
    await db.close();
  }
}

/** The browser that prints PDFs, or undefined (said on the console) where none is installed: the other formats are timed all the same. */
export async function pdfBrowserOrSkip(): Promise<Browser | undefined> {
  try {
    return await launchPdfBrowser();
  } catch (error) {
    if (!isAppError(error, 'unavailable')) throw error;
    console.log(`PDF skipped: ${error.message}`);
    return undefined;
  }
}
