import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPlan } from '../plans/plan-queries.js';
import { createTestDb, engines } from '../test-support/db.js';
import { FIVE_TIER, THREE_TIER, expectedCounts, storeTieredPlan } from '../test-support/tiered-plans.js';
import { loadSummary, loadTierSummaries } from './summary.js';

for (const engine of engines()) {
  test(`${engine}: a summary per rated tier, each on its own scale; the plan's summary counts the primary tier only`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const five = await storeTieredPlan(db, FIVE_TIER);
    const three = await storeTieredPlan(db, THREE_TIER);

    const plan = await loadPlan(db, five.planId);
    assert.deepEqual(plan.tiers, ['基本目標', '政策', '基本施策', '施策', '事務事業']);
    assert.deepEqual(
      plan.ratedTiers.map((r) => [r.level, r.name, r.primary]),
      [
        [4, '施策', false],
        [5, '事務事業', true],
      ],
    );
    assert.equal(plan.primaryLevel, 5);

    const tiers = await loadTierSummaries(db, five.planId);
    assert.deepEqual(
      tiers.map((x) => [x.level, x.tierName, x.scale.map((c) => c.code).join('/')]),
      [
        [4, '施策', 'A/B/C'],
        [5, '事務事業', '順調/概ね順調/やや遅れ/遅れ'],
      ],
    );
    const expected = expectedCounts(FIVE_TIER);
    for (const tier of tiers) {
      for (const year of tier.years)
        assert.deepEqual(
          Object.fromEntries(Object.entries(year.counts).filter(([, n]) => n > 0)),
          expected.ratings.get(tier.level)!.get(year.fiscalYear)!,
          `${tier.tierName} ${year.fiscalYear}`,
        );
    }
    // Worked out by hand from the factory's rule: 24 事務事業 in R4, 順調 6 + 概ね順調 6 achieved.
    const r4 = tiers[1]!.years.find((y) => y.fiscalYear === 2022)!;
    assert.deepEqual(r4.counts, { 順調: 6, 概ね順調: 6, やや遅れ: 6, 遅れ: 6 });
    assert.equal(r4.achievementRate, 0.5);
    assert.deepEqual(tiers[0]!.years.find((y) => y.fiscalYear === 2022)!.counts, { A: 3, B: 3, C: 2 });

    const summary = await loadSummary(db, five.planId);
    assert.deepEqual(summary, tiers[1]!.years);
    assert.deepEqual(
      summary.map((y) => y.total),
      [24, 24, 24],
    );
    assert.deepEqual(
      (await loadSummary(db, five.planId, { untilFiscalYear: 2021 })).map((y) => y.fiscalYear),
      [2020, 2021],
    );

    const threeTiers = await loadTierSummaries(db, three.planId);
    assert.deepEqual(
      threeTiers.map((x) => [x.level, x.tierName, x.primary]),
      [[3, 'KPI', true]],
    );
    const kpiR4 = threeTiers[0]!.years.find((y) => y.fiscalYear === 2022)!;
    assert.deepEqual(kpiR4.counts, { '◎': 3, '○': 2, '△': 3, '×': 3, '－': 1 });
    assert.equal(kpiR4.achievementRate, 0.4167);
  });

  test(`${engine}: a plan that binds no tier to a scale is rated where its ratings are`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const { planId } = await storeTieredPlan(db, THREE_TIER);
    await db.query('update plan_tiers set rating_scale_id = null where plan_id = $1', [planId]);
    const plan = await loadPlan(db, planId);
    assert.deepEqual(
      plan.ratedTiers.map((r) => [r.level, r.name, r.primary]),
      [[3, 'KPI', true]],
    );
    assert.deepEqual(
      (await loadSummary(db, planId)).map((y) => y.total),
      [12, 12, 12],
    );
  });
}
