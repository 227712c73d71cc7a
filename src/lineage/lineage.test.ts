import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { engines } from '../test-support/db.js';
import { seededDbForSuite, sourceFacts } from '../test-support/seed.js';
import { compareCarriedOver } from './lineage-compare.js';
import { DEMO_SUCCESSOR_SLUG, ensureLineageDemo } from './lineage-demo.js';
import { parseMappingCsv, resolveMapping } from './lineage-mapping.js';
import { loadItemRatings, loadLineage, lineagesOf } from './lineage-queries.js';
import { importLineageCsv } from './lineage-store.js';
import { storeTieredPlan, THREE_TIER } from '../test-support/tiered-plans.js';
import { isAppError } from '../errors.js';

const before1 = [1, 2, 3, 4, 5].map((n) => ({ id: n, code: `1.${n}` }));
const after1 = [1, 2, 3, 4, 5].map((n) => ({ id: 100 + n, code: `9.${n}` }));

describe('lineage mapping (pure)', () => {
  test('every kind reads in Japanese or as a key, and resolves to item ids', () => {
    const { rows, problems } = parseMappingCsv(
      '種別,前計画の番号,後継計画の番号\n引き継ぎ,1.1,9.1\nmerged_into,1.2,9.2\n統合,1.3,9.2\n分割,1.4,9.3\n分割,1.4,9.4\n終了,1.5,\n新規,,9.5\n',
    );
    assert.deepEqual(problems, []);
    const { resolved, problems: p2 } = resolveMapping(rows, before1, after1);
    assert.deepEqual(p2, []);
    assert.deepEqual(
      resolved.map((r) => [r.kind, r.predecessorItemId, r.successorItemId]),
      [
        ['carried_over', 1, 101],
        ['merged_into', 2, 102],
        ['merged_into', 3, 102],
        ['split_into', 4, 103],
        ['split_into', 4, 104],
        ['ended', 5, null],
        ['new', null, 105],
      ],
    );
  });

  test('problems carry their line; nothing resolves when any row is wrong', () => {
    const { rows, problems } = parseMappingCsv(
      'kind,predecessor_code,successor_code\n引き継ぎ,1.1,9.1\n引き継ぎ,1.1,9.2\n終了,1.2,9.3\n新規,,8.8\n移動,1.3,9.4\n',
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.line, 6);
    assert.match(problems[0]!.message, /移動/, 'the unknown kind is named');
    const r = resolveMapping(rows, before1, after1);
    assert.deepEqual(r.resolved, []);
    assert.deepEqual(
      r.problems.map((p) => p.line),
      [3, 4, 5],
    );
    assert.deepEqual(
      parseMappingCsv('a,b\n').problems.map((p) => p.line),
      [1],
    );
  });

  test('carried-over comparison counts carried items only, each on its own scale', () => {
    const rows = [
      { kind: 'carried_over' as const, predecessor: { id: 1, code: '1', name: 'x' }, successor: { id: 101, code: '9', name: 'x' } },
      { kind: 'ended' as const, predecessor: { id: 2, code: '2', name: 'y' }, successor: null },
    ];
    const scale = [
      { code: 'A', countsAsAchieved: true, isNotEvaluated: false },
      { code: 'B', countsAsAchieved: false, isNotEvaluated: false },
      { code: '—', countsAsAchieved: false, isNotEvaluated: true },
    ];
    const c = compareCarriedOver(
      rows,
      [
        { itemId: 1, fiscalYear: 2022, code: 'B' },
        { itemId: 2, fiscalYear: 2022, code: 'A' },
        { itemId: 101, fiscalYear: 2023, code: 'A' },
        { itemId: 101, fiscalYear: 2024, code: '—' },
      ],
      { predecessor: scale, successor: scale },
    );
    assert.deepEqual(
      c.years.map((y) => [y.side, y.fiscalYear, y.rated, y.achieved, y.achievementRate]),
      [
        ['predecessor', 2022, 1, 0, 0],
        ['successor', 2023, 1, 1, 1],
      ],
    );
  });
});

for (const engine of engines()) {
  describe(`lineage in the store (${engine})`, () => {
    const t = seededDbForSuite(engine);

    test('the demo successor is mapped from the sample, audited, and both plans are linked', async () => {
      assert.equal(await ensureLineageDemo(t.db, SAMPLE_PLAN_SLUG), DEMO_SUCCESSOR_SLUG);
      assert.equal(await ensureLineageDemo(t.db, SAMPLE_PLAN_SLUG), DEMO_SUCCESSOR_SLUG, 'idempotent');
      const id = (await t.db.query<{ id: number }>('select id from plans where slug = $1', [DEMO_SUCCESSOR_SLUG])).rows[0]!.id;
      const lineage = (await loadLineage(t.db, id))!;
      assert.equal(lineage.predecessor.slug, SAMPLE_PLAN_SLUG);
      assert.deepEqual(
        lineage.rows.map((r) => r.kind),
        ['carried_over', 'carried_over', 'carried_over', 'merged_into', 'merged_into', 'split_into', 'split_into', 'ended', 'new'],
      );
      // The carried-over items are the sample's sub-items still rated B in R4, by the source text.
      const b = sourceFacts()
        .subItems.filter((s) => s.ratings.at(-1)?.code === 'B')
        .map((s) => s.name);
      assert.ok(
        lineage.rows.filter((r) => r.kind === 'carried_over').every((r) => b.includes(r.predecessor!.name) && r.successor!.name === r.predecessor!.name),
      );
      const plans = await t.db.query<{ slug: string; predecessor: number | null; successor: number | null }>(
        'select slug, predecessor_plan_id as predecessor, successor_plan_id as successor from plans order by id',
      );
      assert.deepEqual(
        plans.rows.map((p) => [p.slug, p.predecessor !== null, p.successor !== null]),
        [
          [SAMPLE_PLAN_SLUG, false, true],
          [DEMO_SUCCESSOR_SLUG, true, false],
        ],
      );
      const demo = await t.db.query<{ demo: boolean }>('select demo from evaluation_rounds where plan_id = $1', [id]);
      assert.deepEqual(
        demo.rows.map((r) => r.demo),
        [true],
      );
      const audit = await t.db.query<{ n: number }>(`select count(*)::int as n from audit_log where entity = 'plan_lineage'`);
      assert.equal(audit.rows[0]!.n, 1);
      const ratings = await loadItemRatings(
        t.db,
        lineage.rows.flatMap((r) => [r.predecessor?.id, r.successor?.id].filter((x): x is number => x !== undefined)),
      );
      assert.ok(ratings.some((r) => r.fiscalYear === 2023) && ratings.some((r) => r.fiscalYear === 2018));
      assert.equal((await lineagesOf(t.db, lineage.predecessor.id)).length, 1);
    });

    test('a CSV with a bad row changes nothing and names the line', async () => {
      const id = (await t.db.query<{ id: number }>('select id from plans where slug = $1', [DEMO_SUCCESSOR_SLUG])).rows[0]!.id;
      const before = (await loadLineage(t.db, id))!.rows.length;
      await assert.rejects(
        importLineageCsv(t.db, DEMO_SUCCESSOR_SLUG, SAMPLE_PLAN_SLUG, '種別,前計画の番号,後継計画の番号\n引き継ぎ,1.1.1.1,1.1\n引き継ぎ,9.9.9.9,1.2\n', 'test'),
        (e: unknown) => isAppError(e, 'invalid-input') && /3 行目: 前計画に番号 9\.9\.9\.9/.test((e as Error).message),
      );
      assert.equal((await loadLineage(t.db, id))!.rows.length, before);
      const ok = await importLineageCsv(
        t.db,
        DEMO_SUCCESSOR_SLUG,
        SAMPLE_PLAN_SLUG,
        '種別,前計画の番号,後継計画の番号\n引き継ぎ,1.1.1.1,1.1\n新規,,2.4\n',
        'test',
      );
      assert.equal(ok.rows, 2);
      assert.equal((await loadLineage(t.db, id))!.rows.length, 2);
    });

    test('linking the predecessor to another successor clears the old pairing on both sides', async () => {
      const third = await storeTieredPlan(t.db, { ...THREE_TIER, slug: 'third-plan' });
      const code = (await t.db.query<{ code: string }>('select code from plan_items where plan_id = $1 order by id limit 1', [third.planId])).rows[0]!.code;
      await importLineageCsv(t.db, 'third-plan', SAMPLE_PLAN_SLUG, `種別,前計画の番号,後継計画の番号\n新規,,${code}\n`, 'test');
      const plans = await t.db.query<{ slug: string; predecessor: string | null; successor: string | null }>(
        `select p.slug, pre.slug as predecessor, suc.slug as successor from plans p
           left join plans pre on pre.id = p.predecessor_plan_id left join plans suc on suc.id = p.successor_plan_id order by p.id`,
      );
      assert.deepEqual(
        plans.rows.map((p) => [p.slug, p.predecessor, p.successor]),
        [
          [SAMPLE_PLAN_SLUG, null, 'third-plan'],
          [DEMO_SUCCESSOR_SLUG, null, null],
          ['third-plan', SAMPLE_PLAN_SLUG, null],
        ],
      );
    });
  });
}
