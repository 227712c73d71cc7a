/**
 * `npm run bench`: prints figures and their ratio to each target. Never a pass/fail
 * test: speed is measured here, not asserted in the test suite.
 * `npm run bench -- foundation reports` runs only the named parts.
 */
import { benchEngines, runFoundationBench } from './foundation.js';
import { runImportsBench } from './imports.js';
import { runIndicatorReportBench } from './indicator-report.js';
import { runIndicatorsBench } from './indicators.js';
import { runPlanPageBench } from './plan-page.js';
import { runInsightsBench } from './insights.js';
import { runPortalBench } from './portal.js';
import { runReportsBench } from './reports.js';
import { runStartupBench } from './startup.js';
import { runWorkflowBench } from './workflow.js';

const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

console.log(`hyoka bench — node ${process.version}, ${new Date().toISOString()}`);
if (wanted('foundation')) await runFoundationBench(await benchEngines());
if (wanted('reports')) await runReportsBench();
if (wanted('workflow')) await runWorkflowBench();
if (wanted('portal')) await runPortalBench();
if (wanted('indicators')) await runIndicatorsBench();
// Also alone: `npm run bench -- indicator-report`.
if (wanted('indicators') || only.includes('indicator-report')) await runIndicatorReportBench(await benchEngines());
if (wanted('plan-page')) await runPlanPageBench();
if (wanted('imports')) await runImportsBench(await benchEngines());
if (wanted('insights')) await runInsightsBench();
if (wanted('startup')) await runStartupBench();
process.exit(0);
