/**
 * The report of a plan with 2,000 indicators: the synthetic 2,000-sub-item × 10-year plan
 * with 2,000 indicators (baselines, targets, a tenth revised, actuals every year), the
 * plan's rule and its proposals, 今後の方向性 and costs, in a fresh store on each engine.
 * Timed as `hyoka report` pays it: the model loaded and rendered, per format, with the
 * load alone beside it. Target: xlsx < 3 s; the other formats are printed against the same
 * figure for comparison.
 */
import { pdfBrowserOrSkip } from './reports.js';
import { loadReportModel } from '../src/reports/report-queries.js';
import { renderReport, type ReportFormat } from '../src/reports/render-report.js';
import type { BenchEngine } from './foundation.js';
import { heading, report, timeRuns } from './measure.js';
import { addSyntheticIndicators } from './synthetic-indicators.js';
import { generateSyntheticPlan } from './synthetic-plan.js';

const SUB_ITEMS = 2000;
const INDICATORS = 2000;
const YEARS = 10;
const LAST_YEAR = 2025;
const TARGET_MS = 3000;

export async function runIndicatorReportBench(engines: BenchEngine[]): Promise<void> {
  heading(`indicators: the report of a plan with ${INDICATORS.toLocaleString('en')} indicators × ${YEARS} years`);
  const browser = await pdfBrowserOrSkip();
  try {
    for (const engine of engines) {
      const { db, dispose } = await engine.fresh();
      try {
        const plan = await generateSyntheticPlan(db, { subItems: SUB_ITEMS, years: YEARS, lastFiscalYear: LAST_YEAR, slug: 'synthetic-indicators' });
        const added = await addSyntheticIndicators(db, plan.planId, { count: INDICATORS, firstFiscalYear: LAST_YEAR - YEARS + 1, years: YEARS });
        const model = await loadReportModel(db, plan.slug, LAST_YEAR);
        const label = `[${engine.name}] ${model.rowCount} rows, ${added.indicators} indicators on ${added.items} items`;
        console.log(label);
        report(`[${engine.name}] load report model`, await timeRuns(3, () => loadReportModel(db, plan.slug, LAST_YEAR)));
        const formats: ReportFormat[] = ['xlsx', 'html', 'docx', ...(browser ? (['pdf'] as const) : [])];
        for (const format of formats) {
          const options = browser ? { era: 'wareki' as const, browser } : { era: 'wareki' as const };
          const runs = format === 'pdf' ? 1 : 3;
          report(
            `[${engine.name}] ${format}: load model + render`,
            await timeRuns(runs, async () => renderReport(await loadReportModel(db, plan.slug, LAST_YEAR), format, options)),
            TARGET_MS,
          );
        }
      } finally {
        await dispose();
      }
    }
  } finally {
    await browser?.close();
  }
}
