import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, type TestDb } from '../test-support/db.js';
import { seededDb } from '../test-support/seed.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { describeDemoAccounts, ensureDemoData } from './demo-data.js';

for (const engine of engines()) {
  describe(`demo data (${engine})`, () => {
    let t: TestDb;
    const roundCount = async () => Number((await t.db.query<{ n: string }>('select count(*) as n from evaluation_rounds')).rows[0]!.n);
    before(async () => {
      t = await seededDb(engine);
    });
    after(() => t.cleanup());

    test('the sample ended in R4: no demo round for R5, said why; departments marked as demo', async () => {
      const rounds = await roundCount();
      const first = await ensureDemoData(t.db, { firstStart: true });
      assert.equal(first.roundId, null);
      assert.match(first.roundSkipped!, /令和5年度は計画期間（令和4年度まで）の外/);
      assert.match(describeDemoAccounts(first), /計画期間/);
      assert.equal(await roundCount(), rounds);
      const marked = await t.db.query<{ demo: boolean }>(`select distinct d.demo from departments d join plan_items i on i.department_id = d.id`);
      assert.deepEqual(marked.rows, [{ demo: true }]);
    });

    test('within the period: one demo round on the first start, none on any restart', async () => {
      await t.db.query('update plans set end_fiscal_year = 2025 where slug = $1', [SAMPLE_PLAN_SLUG]);
      const rounds = await roundCount();
      assert.equal((await ensureDemoData(t.db)).roundId, null, 'not the first start: nothing opened');
      const first = await ensureDemoData(t.db, { firstStart: true, today: new Date('2024-04-01') });
      assert.ok(first.roundId);
      const round = (
        await t.db.query<{ fiscal_year: number; status: string; demo: boolean }>('select fiscal_year, status, demo from evaluation_rounds where id = $1', [
          first.roundId,
        ])
      ).rows[0];
      assert.deepEqual(round, { fiscal_year: 2023, status: 'open', demo: true });
      // Published (its ratings become the last rated year), then restarted: still no new round.
      await t.db.query(`update evaluation_rounds set status = 'published' where id = $1`, [first.roundId]);
      await t.db.query(
        `insert into ratings (item_id, fiscal_year, scale_id, code) select i.id, 2023, p.rating_scale_id, 'A' from plan_items i join plans p on p.id = i.plan_id where i.code = '1.2.2.1'`,
      );
      assert.equal((await ensureDemoData(t.db)).roundId, first.roundId);
      assert.equal((await ensureDemoData(t.db, { firstStart: true })).roundId, first.roundId, 'the demo round exists: no second one');
      assert.equal(await roundCount(), rounds + 1);
    });
  });
}
