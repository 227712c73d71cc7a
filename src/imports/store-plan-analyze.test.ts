/** A large import refreshes the planner's statistics of the tables it filled; a small one leaves them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engines } from '../test-support/db.js';
import { buildTieredPlan, THREE_TIER } from '../test-support/tiered-plans.js';
import { storeImportedPlan } from './store-plan.js';

for (const engine of engines()) {
  test(`${engine}: ANALYZE after an import of many ratings`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const analyzed = async () =>
      (
        await db.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_user_tables where schemaname = current_schema() and relname = 'ratings' and last_analyze is not null`,
        )
      ).rows[0]!.n;
    await storeImportedPlan(db, buildTieredPlan({ ...THREE_TIER, slug: 'small' }), { analyzeAfterRatings: 1_000_000 });
    assert.equal(await analyzed(), 0, 'below the threshold: no ANALYZE');
    await storeImportedPlan(db, buildTieredPlan({ ...THREE_TIER, slug: 'large' }), { analyzeAfterRatings: 1 });
    assert.equal(await analyzed(), 1, 'at the threshold: ratings analysed');
  });
}
