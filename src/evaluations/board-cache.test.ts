import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Queryable } from '../db/db.js';
import { engines, type TestDb } from '../test-support/db.js';
import { seededDb } from '../test-support/seed.js';
import { ensureDemoData } from './demo-data.js';
import { getRound, loadBoard, type Round } from './round-queries.js';
import { loadPlanVocabulary } from './plan-settings-queries.js';

// The board and the plan's vocabulary are kept between requests; each must follow every committed change it shows.
for (const engine of engines()) {
  describe(`kept boards and vocabularies follow the data (${engine})`, () => {
    let t: TestDb;
    let round: Round;

    before(async () => {
      t = await seededDb(engine);
      const demo = await ensureDemoData(t.db, { roundFiscalYear: 2023, today: new Date('2023-06-01') });
      round = await getRound(t.db, demo.roundId!);
    });
    after(async () => t.cleanup());

    test('a status change moves the counts; a renamed department and a renamed item show at the next call', async () => {
      const first = await loadBoard(t.db, round.id);
      assert.equal(first.totals.counts.not_started, 83);
      assert.equal(await loadBoard(t.db, round.id), await loadBoard(t.db, round.id), 'unchanged: the same board, not assembled again');

      const entry = await t.db.query<{ id: number }>(`select id from round_entries where round_id = $1 order by id limit 1`, [round.id]);
      await t.db.query(`update round_entries set status = 'draft' where id = $1`, [entry.rows[0]!.id]);
      const counted = await loadBoard(t.db, round.id);
      assert.equal(counted.totals.counts.not_started, 82);
      assert.equal(counted.totals.counts.draft, 1);

      const department = counted.departments.find((d) => d.id !== null)!;
      await t.db.query(`update departments set name = '名称変更後の課' where id = $1`, [department.id]);
      const renamed = await loadBoard(t.db, round.id);
      assert.equal(renamed.departments.find((d) => d.id === department.id)?.name, '名称変更後の課');

      const measure = renamed.measures[0]!;
      await t.db.query(`update plan_items set name = '名称変更後の施策' where id = $1`, [measure.id]);
      assert.equal((await loadBoard(t.db, round.id)).measures[0]?.name, '名称変更後の施策');
    });

    test('an item moved under another parent (as a re-import may) is counted under its new measure at once', async () => {
      const board = await loadBoard(t.db, round.id);
      const [from, to] = board.measures.filter((m) => m.total > 0);
      // A rated item under the first measure, and a parent for it under the second.
      const moved = await t.db.query<{ id: number; level: number }>(
        `with recursive under(id, level) as (select id, level from plan_items where id = $1
           union all select i.id, i.level from plan_items i join under u on i.parent_id = u.id)
         select u.id, u.level from under u join round_entries e on e.item_id = u.id and e.round_id = $2 order by u.id limit 1`,
        [from!.id, round.id],
      );
      const { id: itemId, level } = moved.rows[0]!;
      const parent = await t.db.query<{ id: number }>(
        `with recursive under(id, level) as (select id, level from plan_items where id = $1
           union all select i.id, i.level from plan_items i join under u on i.parent_id = u.id)
         select id from under where level = $2 order by id limit 1`,
        [to!.id, level - 1],
      );
      await t.db.query('update plan_items set parent_id = $1 where id = $2', [parent.rows[0]!.id, itemId]);
      const after = await loadBoard(t.db, round.id);
      assert.equal(after.measures.find((m) => m.id === from!.id)?.total, from!.total - 1);
      assert.equal(after.measures.find((m) => m.id === to!.id)?.total, to!.total + 1);
    });

    test('the vocabulary follows a renamed tier, and the board names the tier anew', async () => {
      const before = await loadPlanVocabulary(t.db, round.planId);
      const level = before.boardLevel!;
      await t.db.query(`update plan_tiers set name = '改名した階層' where plan_id = $1 and level = $2`, [round.planId, level]);
      const after = await loadPlanVocabulary(t.db, round.planId);
      assert.equal(after.tiers.find((x) => x.level === level)?.name, '改名した階層');
      assert.equal((await loadBoard(t.db, round.id, after)).groupTier, '改名した階層');
    });

    test('requests asking for a round at once share one read, each gets its own copy, and a change shows at the next', async () => {
      let reads = 0;
      const counting: Queryable = {
        query: (sql, params) => {
          if (sql.includes('from evaluation_rounds r join plans p')) reads++;
          return t.db.query(sql, params);
        },
        exec: (sql) => t.db.exec(sql),
      };
      const [a, b] = await Promise.all([getRound(counting, round.id), getRound(counting, round.id)]);
      assert.equal(reads, 1, 'asked together: one read');
      assert.notEqual(a, b, 'two callers, two objects');
      assert.deepEqual(a, b);
      await t.db.query(`update evaluation_rounds set deadline = '2024-03-31' where id = $1`, [round.id]);
      assert.equal((await getRound(counting, round.id)).deadline, '2024-03-31', 'a committed change shows at the next call');
      assert.equal(reads, 2);
    });
  });
}
