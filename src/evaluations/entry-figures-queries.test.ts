import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../test-support/db.js';
import { suiteDb } from '../test-support/suite-db.js';
import { ensureIndicatorDemo } from '../indicators/indicator-demo.js';
import { loadIndicatorSeries, loadItemIndicatorSeries } from '../indicators/indicator-queries.js';
import { getRound, type Round } from './round-queries.js';
import { loadFiguresBasis } from './entry-figures-queries.js';

for (const engine of engines()) {
  describe(`entry figures basis (${engine})`, () => {
    let round: Round;
    const t = suiteDb(engine, async (db) => {
      round = await getRound(db, (await ensureIndicatorDemo(db)).roundId!);
    });

    test("an item's basis holds its own indicators only, the same series the plan's whole read gives", async () => {
      const whole = await loadIndicatorSeries(t.db, round.planId);
      const items = [...new Set(whole.map((s) => s.itemId))];
      assert.ok(items.length > 1, 'the demo plan has indicators on several items');
      for (const itemId of items) {
        const basis = await loadFiguresBasis(t.db, round.planId, itemId, round.fiscalYear);
        assert.deepEqual(
          basis.series,
          whole.filter((s) => s.itemId === itemId),
        );
        assert.ok(basis.series.length > 0);
      }
    });

    test('an item of another plan, or without indicators, has none', async () => {
      const other = await t.db.query<{ id: number }>(
        "insert into plans (slug, name, description, rating_scale_id, start_fiscal_year, end_fiscal_year) select 'other-plan', '別の計画', '', rating_scale_id, start_fiscal_year, end_fiscal_year from plans where id = $1 returning id",
        [round.planId],
      );
      const [someItem] = (await loadIndicatorSeries(t.db, round.planId)).map((s) => s.itemId);
      assert.deepEqual(await loadItemIndicatorSeries(t.db, other.rows[0]!.id, someItem!), []);
      const bare = await t.db.query<{ id: number }>(
        'select i.id from plan_items i where i.plan_id = $1 and not exists (select 1 from indicators x where x.item_id = i.id) limit 1',
        [round.planId],
      );
      assert.ok(bare.rows[0], 'the demo plan has items without indicators');
      assert.deepEqual((await loadFiguresBasis(t.db, round.planId, bare.rows[0].id, round.fiscalYear)).series, []);
    });
  });
}
