import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engines, type TestDb } from '../test-support/db.js';
import { ensureIndicatorDemo, INDICATOR_DEMO_SLUG } from './indicator-demo.js';
import { loadExtensionWarning } from './extension-warning.js';
import { loadIndicatorSeries, loadItemDirections, loadRatingRule, proposeRatings } from './indicator-queries.js';

for (const engine of engines()) {
  describe(`indicator demo (${engine})`, () => {
    let t: TestDb;
    before(async () => {
      t = await createTestDb(engine);
    });
    after(async () => t.cleanup());

    test('a three-tier plan of twelve items, every kind of indicator, marked demo; a second run changes nothing', async () => {
      const first = await ensureIndicatorDemo(t.db);
      assert.equal(first.created, true);
      assert.ok(first.roundId);
      const count = async () =>
        (
          await t.db.query<{ items: number; indicators: number; actuals: number; audits: number; rounds: number; users: number }>(
            `select (select count(*)::int from plan_items i join plans p on p.id = i.plan_id where p.slug = $1) as items,
                    (select count(*)::int from indicators) as indicators, (select count(*)::int from indicator_actuals) as actuals,
                    (select count(*)::int from audit_log) as audits, (select count(*)::int from evaluation_rounds) as rounds, (select count(*)::int from users) as users`,
            [INDICATOR_DEMO_SLUG],
          )
        ).rows[0]!;
      const before = await count();
      assert.equal(before.items, 12);
      assert.equal(before.indicators, 7);
      const second = await ensureIndicatorDemo(t.db);
      assert.deepEqual({ ...second, created: second.created }, { ...first, created: false, createdAccount: false });
      assert.deepEqual(await count(), before, 'nothing added by the second run');

      const plan = (await t.db.query<{ id: number }>('select id from plans where slug = $1', [INDICATOR_DEMO_SLUG])).rows[0]!.id;
      const tiers = await t.db.query<{ name: string }>('select name from plan_tiers where plan_id = $1 order by level', [plan]);
      assert.deepEqual(
        tiers.rows.map((r) => r.name),
        ['基本目標', '施策', '事業'],
      );
      const marks = await t.db.query<{ rounds: number; demoRounds: number; depts: number }>(
        `select count(*)::int as rounds, count(*) filter (where demo)::int as "demoRounds",
                (select count(*)::int from departments where demo and name like 'デモ%') as depts from evaluation_rounds where plan_id = $1`,
        [plan],
      );
      assert.deepEqual(marks.rows[0], { rounds: 3, demoRounds: 3, depts: 2 });

      const series = await loadIndicatorSeries(t.db, plan);
      assert.ok(series.some((s) => s.direction === 'lower'));
      assert.ok(series.some((s) => s.cumulative));
      assert.ok(series.some((s) => s.baseline?.value === '0'));
      assert.ok(series.some((s) => s.targets.some((x) => x.revisions.length > 0)));
      assert.ok(series.some((s) => s.actuals.some((a) => a.notMeasurable)));
      assert.ok(
        series.some((s) => !s.actuals.some((a) => a.fiscalYear === 2022)),
        'a missing actual',
      );
      assert.equal((await loadRatingRule(t.db, plan))?.rule.kind, 'ratio_thresholds');

      // Published ratings are the rule's proposals (computed again here from the stored data), except those changed with a reason.
      const ratings = await t.db.query<{ itemId: number; fiscalYear: number; code: string; proposed: string | null; reason: string | null }>(
        `select r.item_id as "itemId", r.fiscal_year as "fiscalYear", r.code, r.proposed_code as proposed, r.override_reason as reason
           from ratings r join plan_items i on i.id = r.item_id where i.plan_id = $1`,
        [plan],
      );
      assert.equal(ratings.rows.length, 14);
      const overridden = ratings.rows.filter((r) => r.proposed !== null && r.proposed !== r.code);
      assert.equal(overridden.length, 2);
      assert.ok(overridden.every((r) => (r.reason ?? '').length > 0));
      for (const fy of [2021, 2022]) {
        const proposals = await proposeRatings(t.db, plan, fy);
        for (const p of proposals) {
          const stored = ratings.rows.find((r) => r.itemId === p.itemId && r.fiscalYear === fy)!;
          assert.equal(stored.proposed, p.proposal?.status === 'proposed' ? p.proposal.code : null, `item ${p.itemId} ${fy}`);
        }
      }
      assert.equal((await loadItemDirections(t.db, plan, 2022)).length, 7);
      const costs = await t.db.query<{ n: number }>('select count(*)::int as n from item_costs c join plan_items i on i.id = c.item_id where i.plan_id = $1', [
        plan,
      ]);
      assert.equal(costs.rows[0]!.n, 14);

      const warning = await loadExtensionWarning(t.db, plan);
      assert.equal(warning?.effectiveEndFiscalYear, 2026);
      assert.equal(warning?.indicators.length, 6, 'every indicator but the one re-set in 2024');
      assert.ok(!warning?.indicators.some((i) => i.name === '電子申請の利用件数'));
    });
  });
}
