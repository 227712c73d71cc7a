/**
 * The year's changes and the drafted sentences for a 20,000-item plan × 10 years: the
 * pure work every changes page, the changes API and a drafts page do once their data is
 * loaded (target < 200 ms), beside the time to load that data from the store.
 */
import { migrate } from '../src/db/migrate.js';
import { openDb } from '../src/db/db.js';
import { draftSentences } from '../src/insights/draft-sentences.js';
import { loadPlanInsightData } from '../src/insights/insights-queries.js';
import { yearChanges } from '../src/insights/year-changes.js';
import { heading, report, timeRuns } from './measure.js';
import { generateSyntheticPlan } from './synthetic-plan.js';

const SUB_ITEMS = 20000;
const YEARS = 10;
const TARGET_MS = 200;

export async function runInsightsBench(): Promise<void> {
  heading(`insights: changes and drafted sentences, ${SUB_ITEMS.toLocaleString('en')} sub-items × ${YEARS} years`);
  const db = await openDb({ inMemory: true });
  try {
    await db.exec(`create schema bench_insights_${process.pid}; set search_path to bench_insights_${process.pid}`);
    await migrate(db);
    const { planId } = await generateSyntheticPlan(db, { subItems: SUB_ITEMS, years: YEARS });
    let data = await loadPlanInsightData(db, planId);
    const load = await timeRuns(3, async () => {
      data = await loadPlanInsightData(db, planId);
    });
    report('load: tree, tier summaries and rounds', load);
    const year = Math.max(...data.input.tiers.flatMap((t) => t.years.map((y) => y.fiscalYear)));
    let changed = 0;
    const changes = await timeRuns(5, async () => {
      changed = yearChanges(data.input, year, { stagnantYears: 3 }).plan!.items.filter((c) => c.kind !== 'same').length;
    });
    report(`year changes (${changed.toLocaleString('en')} items changed)`, changes, TARGET_MS);
    let sentences = 0;
    const both = await timeRuns(5, async () => {
      sentences = draftSentences(yearChanges(data.input, year, { stagnantYears: 3 }), data.input, data.rounds, { lang: 'ja', era: 'wareki' }).length;
    });
    report(`year changes + drafted sentences (${sentences} sentences)`, both, TARGET_MS);
  } finally {
    await db.close();
  }
}
