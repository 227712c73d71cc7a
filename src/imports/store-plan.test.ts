import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db, Queryable } from '../db/db.js';
import { loadSummary } from '../evaluations/summary.js';
import { SAMPLE_REPORT } from './sample.js';
import { createTestDb, engines } from '../test-support/db.js';
import { comprehensivePlan, csvText, encodeShiftJis, kpiPlan, mapping, programWorkbook, xlsxBytes } from '../test-support/table-fixtures.js';
import { dryRunPlanFile, importPlanFile } from './import-plan.js';
import { ImportSourceError } from './imported-plan.js';
import { readImportFile } from './readers/index.js';
import { readPublishedText } from './readers/published-text.js';
import type { TableMappingInput } from './readers/table/mapping-schema.js';
import { storeImportedPlan } from './store-plan.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function importBytes(db: Db, bytes: Uint8Array, fileName: string, map: TableMappingInput, slug?: string) {
  const { plan, reader } = await readImportFile(bytes, fileName, { mapping: mapping(map) });
  return storeImportedPlan(db, plan, { reader, ...(slug ? { slug } : {}) });
}

/** Every row of the tables an import writes, ids included: what "the same data" means for a re-import. */
async function snapshot(db: Queryable): Promise<string> {
  const tables = [
    'select * from plans order by id',
    'select * from plan_tiers order by plan_id, level',
    'select * from plan_items order by id',
    'select id, item_id, fiscal_year, scale_id, code from ratings order by id',
    'select * from rating_annotations order by rating_id',
    'select * from annotation_kinds order by id',
    'select id, plan_id, item_id, fiscal_year, author_role, kind, position, body, source from narratives order by id',
    'select id, plan_id, fiscal_year, kind, status from evaluation_rounds order by id',
    'select * from rating_scales order by id',
    'select * from rating_codes order by scale_id, position',
    'select id, code, name from departments order by id',
  ];
  const out: string[] = [];
  for (const sql of tables) out.push(JSON.stringify((await db.query(sql)).rows, (_k, v) => (v instanceof Date ? 'date' : v)));
  return out.join('\n');
}

async function count(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  return (await db.query<{ n: number }>(sql, params as never)).rows[0]!.n;
}

async function nodesPerTier(db: Queryable, planId: number): Promise<number[]> {
  const rows = await db.query<{ level: number; n: number }>(
    'select t.level, count(i.id)::int as n from plan_tiers t left join plan_items i on i.plan_id = t.plan_id and i.level = t.level where t.plan_id = $1 group by t.level order by t.level',
    [planId],
  );
  return rows.rows.map((r) => r.n);
}

for (const engine of engines()) {
  test(`${engine}: 3-tier KPI plan from Shift_JIS CSV is stored, re-imported with the same ids, and summarised`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const f = kpiPlan();
    const bytes = encodeShiftJis(csvText(f.rows));
    const first = await importBytes(db, bytes, 'kpi.csv', f.mapping, 'kpi');
    assert.equal(first.unchanged, false);
    assert.deepEqual(first.counts.nodesPerTier, f.expected.nodesPerTier);
    assert.deepEqual(await nodesPerTier(db, first.planId), f.expected.nodesPerTier);
    assert.deepEqual(
      (await db.query('select name from plan_tiers where plan_id = $1 order by level', [first.planId])).rows.map((r) => r.name),
      ['基本目標', '施策', 'KPI'],
    );
    assert.equal(
      await count(db, 'select count(*)::int as n from ratings r join plan_items i on i.id = r.item_id where i.plan_id = $1', [first.planId]),
      f.expected.ratings,
    );
    assert.equal(await count(db, "select count(*)::int as n from narratives where plan_id = $1 and kind = 'issues'", [first.planId]), f.expected.narratives);
    assert.equal(
      await count(db, 'select count(*)::int as n from plan_items where plan_id = $1 and department_id is not null and level = 3', [first.planId]),
      8,
    );
    assert.equal(await count(db, "select count(*)::int as n from audit_log where action = 'import' and plan_id = $1", [first.planId]), 1);
    const before = await snapshot(db);

    const again = await importBytes(db, bytes, 'kpi.csv', f.mapping, 'kpi');
    assert.equal(again.unchanged, true);
    assert.equal(await snapshot(db), before, 'a re-import of the same file changes no row');

    const summary = await loadSummary(db, first.planId);
    assert.deepEqual(
      summary.map((y) => [y.fiscalYear, y.counts, y.total, y.achievementRate]),
      [
        [2021, { '◎': 1, '○': 3, '△': 2, '×': 2, '—': 0 }, 8, 0.5],
        [2022, { '◎': 2, '○': 2, '△': 3, '×': 0, '—': 1 }, 8, 0.5],
      ],
    );
  });

  test(`${engine}: 4-tier workbook with two scales, directions and annotations; a renamed node keeps its id through its code`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const f = programWorkbook();
    const first = await importBytes(db, await xlsxBytes({ 評価: f.rows }), 'jigyo.xlsx', f.mapping);
    assert.equal(first.slug, 'jimu-jigyo');
    assert.deepEqual(await nodesPerTier(db, first.planId), f.expected.nodesPerTier);
    assert.equal(
      await count(db, 'select count(*)::int as n from ratings r join plan_items i on i.id = r.item_id where i.plan_id = $1', [first.planId]),
      f.expected.ratings,
    );
    assert.equal(await count(db, 'select count(*)::int as n from narratives where plan_id = $1', [first.planId]), f.expected.narratives);
    const tierScales = await db.query<{ level: number; slug: string | null }>(
      'select t.level, s.slug from plan_tiers t left join rating_scales s on s.id = t.rating_scale_id where t.plan_id = $1 order by t.level',
      [first.planId],
    );
    assert.deepEqual(
      tierScales.rows.map((r) => r.slug),
      [null, 'jimu-jigyo-scale-measure', null, 'jimu-jigyo-scale'],
    );
    assert.equal(
      await count(
        db,
        'select count(*)::int as n from rating_annotations a join ratings r on r.id = a.rating_id join plan_items i on i.id = r.item_id where i.plan_id = $1',
        [first.planId],
      ),
      1,
    );
    const directions = await db.query<{ body: string; n: number }>(
      "select body, count(*)::int as n from narratives where plan_id = $1 and kind = 'direction' group by body",
      [first.planId],
    );
    assert.deepEqual(Object.fromEntries(directions.rows.map((r) => [r.body, r.n])), { 現状維持: 3, 拡充: 4, 縮小: 4, 廃止: 4 });
    const idBefore = (await db.query<{ id: number }>("select id from plan_items where plan_id = $1 and name = '事務事業5'", [first.planId])).rows[0]!.id;

    f.rows[5]![7] = '事務事業5（名称変更）';
    f.rows[5]![10] = 'A';
    const second = await importBytes(db, await xlsxBytes({ 評価: f.rows }), 'jigyo-v2.xlsx', f.mapping);
    assert.equal(second.planId, first.planId);
    const renamed = await db.query<{ id: number; code: string }>(
      "select i.id, r.code from plan_items i join ratings r on r.item_id = i.id and r.fiscal_year = 2022 where i.name = '事務事業5（名称変更）'",
    );
    assert.deepEqual(renamed.rows, [{ id: idBefore, code: 'A' }]);
    assert.deepEqual(await nodesPerTier(db, first.planId), f.expected.nodesPerTier, 'matched by code, not added');
    assert.equal(
      await count(db, 'select count(*)::int as n from rating_annotations a join ratings r on r.id = a.rating_id where r.item_id = $1', [idBefore]),
      0,
      'the mark went with the old rating',
    );
  });

  test(`${engine}: 5-tier plan: counts per tier, summary of the leaf ratings`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const f = comprehensivePlan();
    const r = await importBytes(db, utf8(csvText(f.rows)), 'sogo.csv', f.mapping, 'sogo');
    assert.deepEqual(await nodesPerTier(db, r.planId), f.expected.nodesPerTier);
    const summary = await loadSummary(db, r.planId);
    assert.deepEqual(
      summary.map((y) => [y.fiscalYear, y.total, y.achievementRate]),
      [
        [2021, 16, 0.5],
        [2022, 16, 0.5],
      ],
    );
    assert.deepEqual(summary[0]!.counts, { 順調: 4, 概ね順調: 4, やや遅れ: 4, 遅れ: 4 });
  });

  test(`${engine}: a rejected file stores nothing; --dry-run describes and stores nothing`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const dir = mkdtempSync(join(tmpdir(), 'hyoka-import-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const f = kpiPlan();
    writeFileSync(join(dir, 'kpi.csv'), encodeShiftJis(csvText(f.rows)));
    writeFileSync(join(dir, 'map.json'), JSON.stringify(f.mapping));
    const lines = await dryRunPlanFile(join(dir, 'kpi.csv'), { mappingPath: join(dir, 'map.json') });
    assert.deepEqual(lines.slice(0, 3), [
      '取り込みの確認（--dry-run: データベースは変更しません）',
      '計画: 第2期まち・ひと・しごと創生総合戦略（R2〜R6）',
      '階層: 基本目標 2件 → 施策 4件 → KPI 8件',
    ]);
    assert.ok(lines.includes('評価: 16件（年度: R3, R4）'));
    assert.ok(lines.includes('担当課: 5課（産業振興課、観光課、福祉課、企画課、保育課）'));

    f.rows[8]![7] = 'E';
    writeFileSync(join(dir, 'bad.csv'), encodeShiftJis(csvText(f.rows)));
    await assert.rejects(
      importPlanFile(db, join(dir, 'bad.csv'), { mappingPath: join(dir, 'map.json') }),
      (e: unknown) => e instanceof ImportSourceError && /^9行 H列: 評価「E」/.test(e.message),
    );
    for (const table of ['plans', 'plan_items', 'ratings', 'narratives', 'import_sources', 'audit_log']) {
      assert.equal(await count(db, `select count(*)::int as n from ${table}`), 0, `${table} is empty`);
    }
  });

  test(`${engine}: a failure while writing rolls the whole import back`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const f = kpiPlan();
    const { plan } = await readImportFile(utf8(csvText(f.rows)), 'kpi.csv', { mapping: mapping(f.mapping) });
    // Two roots with one code reach the database as one stored code twice: refused by its
    // unique key after the scale, plan, tiers and the first level were written.
    plan.nodes[1]!.code = plan.nodes[0]!.code;
    await assert.rejects(storeImportedPlan(db, plan, { slug: 'kpi' }), /unique|duplicate|重複/i);
    for (const table of ['rating_scales', 'plans', 'plan_tiers', 'plan_items', 'departments', 'import_sources', 'audit_log']) {
      assert.equal(await count(db, `select count(*)::int as n from ${table}`), 0, `${table} is empty`);
    }
  });

  test(`${engine}: the published report read into the neutral model keeps its four tiers, mentions and footnotes`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const plan = readPublishedText(readFileSync(SAMPLE_REPORT, 'utf8'), 'report.txt');
    const stored = await storeImportedPlan(db, plan, { slug: 'neutral', reader: 'published-text' });
    assert.deepEqual(stored.counts.nodesPerTier, [3, 5, 44, 83]);
    assert.deepEqual(await nodesPerTier(db, stored.planId), [3, 5, 44, 83]);
    const fire = await db.query<{ mentioned: string[] }>(
      `select array(select i.name from narrative_mentions m join plan_items i on i.id = m.item_id where m.narrative_id = n.id) as mentioned
         from narratives n where n.plan_id = $1 and n.body like '「消防緊急通信指令システムの適正な運用」、%'`,
      [stored.planId],
    );
    assert.deepEqual(fire.rows, [{ mentioned: ['消防内部系システムの適正な運用'] }]);
    const footnoted = await db.query<{ name: string }>(
      'select i.name from annotation_footnotes f join plan_items i on i.id = f.item_id where f.plan_id = $1 order by i.name',
      [stored.planId],
    );
    const expected = plan.annotationFootnotes.flatMap((f) => f.targets).length;
    assert.ok(expected > 0);
    assert.equal(footnoted.rows.length, expected);
    assert.ok(footnoted.rows.some((r) => r.name === '災害情報の管理システムの導入検討'));
  });
}
