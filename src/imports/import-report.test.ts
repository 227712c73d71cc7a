import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Queryable } from '../db/db.js';
import { createTestDb, engines } from '../test-support/db.js';
import { loadSummary } from '../evaluations/summary.js';
import { leaves, loadPlanTree, resolvePlan } from '../plans/plan-queries.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from './sample.js';
import { decodeReportBytes, importReportFile, importReportText } from './import-report.js';
import { ReportParseError } from './report-types.js';
import { SEED_B_EVERY_YEAR, SEED_SUMMARY } from '../test-support/seed.js';
import { inferEndedFromFiscalYear } from './report-facts.js';

const seed = readFileSync(SAMPLE_REPORT, 'utf8');
const seedLines = seed.split('\n');

/** Every row of every plan table, ids included: what "the same data" means for idempotency. */
async function snapshot(db: Queryable): Promise<string[]> {
  const tables = [
    'select * from plans order by id',
    'select * from plan_tiers order by plan_id, level',
    'select * from plan_items order by id',
    'select id, item_id, fiscal_year, scale_id, code, reason from ratings order by id',
    'select * from rating_annotations order by rating_id, annotation_kind_id',
    'select * from annotation_kinds order by id',
    'select id, plan_id, item_id, fiscal_year, author_role, kind, position, body, source from narratives order by id',
    'select * from narrative_mentions order by narrative_id, item_id',
    'select * from annotation_footnotes order by measure_item_id, item_id',
    'select * from reported_aggregates order by fiscal_year, code',
    'select id, plan_id, fiscal_year, kind, status, covers_until_fiscal_year from evaluation_rounds order by id',
    'select * from round_sections order by round_id, key',
    'select * from plan_period_extensions order by id',
    'select * from plan_designations order by id',
    'select * from rating_codes order by scale_id, position',
  ];
  const out: string[] = [];
  for (const sql of tables) out.push(`${sql}: ${JSON.stringify((await db.query(sql)).rows, (_k, v) => (v instanceof Date ? 'date' : v))}`);
  return out;
}

/** Compares snapshots table by table, naming the first table that differs instead of dumping everything. */
function assertSameSnapshot(actual: string[], expected: string[]): void {
  assert.equal(actual.length, expected.length);
  for (const [i, a] of actual.entries()) {
    const e = expected[i]!;
    if (a !== e) {
      let at = 0;
      while (a[at] === e[at]) at++;
      assert.fail(
        `${e.slice(0, e.indexOf(':'))} differs near: …${a.slice(Math.max(0, at - 80), at + 80)}… expected …${e.slice(Math.max(0, at - 80), at + 80)}…`,
      );
    }
  }
}

async function countRows(db: Queryable): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['plans', 'plan_items', 'ratings', 'narratives', 'reported_aggregates', 'evaluation_rounds', 'import_sources']) {
    out[t] = (await db.query<{ n: number }>(`select count(*)::int as n from ${t}`)).rows[0]!.n;
  }
  return out;
}

for (const engine of engines()) {
  test(`[${engine}] the seed imports completely and matches the report's own figures`, async () => {
    const { db, cleanup } = await createTestDb(engine);
    try {
      const r = await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
      assert.deepEqual(r.counts, {
        tiers: [
          { name: '施策展開の柱', count: 3 },
          { name: '施策', count: 5 },
          { name: '事務事業', count: 44 },
          { name: '事務事業細目', count: 83 },
        ],
        ratings: 415,
        narratives: r.counts.narratives,
      });
      assert.deepEqual(r.mismatches, []);

      const plan = await resolvePlan(db, SAMPLE_PLAN_SLUG);
      assert.equal(plan.name, '茅ヶ崎市地域情報化計画');
      assert.deepEqual(plan.tiers, ['施策展開の柱', '施策', '事務事業', '事務事業細目']);
      assert.equal(plan.startFiscalYear, 2016);
      assert.equal(plan.endFiscalYear, 2020);
      assert.equal(plan.effectiveEndFiscalYear, 2022);
      assert.equal(plan.predecessorName, 'ちがさき情報化プラン');
      assert.deepEqual(
        plan.designations.map((d) => d.name),
        ['市町村官民データ活用推進計画'],
      );

      const summary = await loadSummary(db, plan.id);
      assert.deepEqual(
        summary.map((y) => y.fiscalYear),
        [2017, 2018, 2019, 2020, 2021, 2022],
      );
      for (const y of summary) {
        assert.deepEqual(y.counts, SEED_SUMMARY[y.fiscalYear], `counts ${y.fiscalYear}`);
        assert.equal(y.total, 83);
        assert.equal(y.source, y.fiscalYear === 2017 ? 'reported' : 'computed');
      }
      assert.equal(summary[0]!.achievementRate, 0.7108);
      assert.equal(summary.at(-1)!.achievementRate, 0.8795);

      const tree = await loadPlanTree(db, plan.id);
      const subs = leaves(tree.roots);
      assert.equal(subs.length, 83);
      assert.deepEqual(tree.fiscalYears, [2018, 2019, 2020, 2021, 2022]);
      for (const s of subs) assert.equal(s.ratings.size, 5, s.name);
      const marked = subs.flatMap((s) => [...s.ratings].filter(([, c]) => c.marks.includes('※')).map(([fy]) => `${s.name}@${fy}`));
      assert.deepEqual(
        marked.sort(),
        [
          'ICT基礎研修の実施@2020',
          'マタニティクッキングの動画配信の検討@2020',
          'マタニティクッキングの動画配信の検討@2021',
          '災害情報の管理システムの導入検討@2020',
        ].sort(),
      );

      // The five sub-items rated B in R4 were B in every year shown (the expert's "停滞気味").
      const stagnant = subs.filter((s) => s.ratings.get(2022)?.code === 'B');
      assert.deepEqual(stagnant.map((s) => s.name).sort(), [...SEED_B_EVERY_YEAR].sort());
      for (const s of stagnant)
        assert.ok(
          [...s.ratings.values()].every((c) => c.code === 'B'),
          s.name,
        );

      // 事業終了 read from the tables: rated, then "—" through R4.
      const endedItems = subs.filter((s) => s.endedFromFiscalYear !== null).map((s) => [s.name, s.endedFromFiscalYear]);
      assert.deepEqual(endedItems, [
        ['口座振替受付サービスの導入', 2019],
        ['税務地図情報の高度利用の検討', 2021],
      ]);

      // Narratives: department paragraphs per program, division per measure, expert per pillar and plan.
      const byRole = await db.query<{ role: string; n: number }>(
        'select author_role as role, count(*)::int as n from narratives group by author_role order by author_role',
      );
      assert.deepEqual(Object.fromEntries(byRole.rows.map((x) => [x.role, x.n])), { department: 45, division: 15, expert: 13 });
      const fire = await db.query<{ target: string; mentioned: string[] }>(
        `select i.name as target, array(select m2.name from narrative_mentions m join plan_items m2 on m2.id = m.item_id where m.narrative_id = n.id) as mentioned
           from narratives n join plan_items i on i.id = n.item_id where n.body like '「消防緊急通信指令システムの適正な運用」、%'`,
      );
      assert.equal(fire.rows[0]?.target, '消防緊急通信指令システムの適正な運用');
      assert.deepEqual(fire.rows[0]?.mentioned, ['消防内部系システムの適正な運用']);
      const planWide = await db.query<{ n: number }>("select count(*)::int as n from narratives where item_id is null and author_role = 'expert'");
      assert.equal(planWide.rows[0]?.n, 5);

      const rounds = await db.query<{ fiscal_year: number; kind: string; status: string }>(
        'select fiscal_year, kind, status from evaluation_rounds order by fiscal_year',
      );
      assert.deepEqual(
        rounds.rows.map((x) => [x.fiscal_year, x.kind, x.status]),
        [
          [2018, 'midterm', 'published'],
          [2022, 'final', 'published'],
        ],
      );

      const audit = await db.query<{ action: string; actor: string }>('select action, actor from audit_log');
      assert.deepEqual(
        audit.rows.map((x) => x.action),
        ['import'],
      );
    } finally {
      await cleanup();
    }
  });

  test(`[${engine}] importing the same file twice leaves the same data`, async () => {
    const { db, cleanup } = await createTestDb(engine);
    try {
      const first = await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
      const before = await snapshot(db);
      const second = await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
      assert.equal(first.unchanged, false);
      assert.equal(second.unchanged, true);
      assert.equal(second.planId, first.planId);
      assertSameSnapshot(await snapshot(db), before);
    } finally {
      await cleanup();
    }
  });

  test(`[${engine}] malformed files are rejected with the line and nothing is stored`, async () => {
    const { db, cleanup } = await createTestDb(engine);
    try {
      await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
      const before = await snapshot(db);
      const counts = await countRows(db);

      const tableRow = seedLines.findIndex((l) => l.startsWith('電子カルテを含む医療情報システムの導入\t'));
      const cells = seedLines[tableRow]!.split('\t');
      const withLine = (i: number, line: string) => seedLines.map((l, j) => (j === i ? line : l)).join('\n');
      const cases: [string, string, RegExp][] = [
        ['empty', '', /空|ありません/],
        ['whitespace only', '\n\n  \n', /空|ありません/],
        ['binary garbage', '\u0000\u0001\u0002PK\u0003\u0004garbage', /NUL|制御文字|バイナリ/],
        ['truncated in a table', seedLines.slice(0, tableRow + 3).join('\n'), /行目/],
        ['row with 4 rating cells', withLine(tableRow, cells.slice(0, 6).join('\t')), new RegExp(`^${tableRow + 1}行目: .*セル`)],
        ['unknown rating code', withLine(tableRow, [...cells.slice(0, 3), 'D', ...cells.slice(4)].join('\t')), new RegExp(`^${tableRow + 1}行目: .*D`)],
      ];
      for (const [name, text, expected] of cases) {
        await assert.rejects(importReportText(db, text, `${name}.txt`, { slug: SAMPLE_PLAN_SLUG }), (e: unknown) => {
          assert.ok(e instanceof ReportParseError, `${name}: ${String(e)}`);
          assert.match(e.message, expected, name);
          return true;
        });
      }
      assert.deepEqual(await countRows(db), counts);
      assertSameSnapshot(await snapshot(db), before);
    } finally {
      await cleanup();
    }
  });

  test(`[${engine}] a failure while writing rolls back the whole import`, async () => {
    const { db, cleanup } = await createTestDb(engine);
    try {
      // A slug the store refuses; a failure in the middle of the writes is in store-plan.test.ts.
      await assert.rejects(importReportFile(db, SAMPLE_REPORT, { slug: 'Not A Slug' }), /check|slug/i);
      assert.deepEqual(await countRows(db), {
        plans: 0,
        plan_items: 0,
        ratings: 0,
        narratives: 0,
        reported_aggregates: 0,
        evaluation_rounds: 0,
        import_sources: 0,
      });
      const scales = await db.query<{ n: number }>('select count(*)::int as n from rating_scales');
      assert.equal(scales.rows[0]?.n, 0);
    } finally {
      await cleanup();
    }
  });
}

test('an item ends in the first year of its trailing run of "not evaluated"', () => {
  const na = new Set(['—']);
  const years = (codes: string) => [...codes].map((code, i) => ({ fiscalYear: 2018 + i, code: code === '-' ? '—' : code }));
  assert.equal(inferEndedFromFiscalYear(years('A----'), na), 2019);
  assert.equal(inferEndedFromFiscalYear(years('BAA--'), na), 2021);
  assert.equal(inferEndedFromFiscalYear(years('-----'), na), null); // never rated: unknown
  assert.equal(inferEndedFromFiscalYear(years('A-A--'), na), 2021); // a gap is not an end
  assert.equal(inferEndedFromFiscalYear(years('AAAAA'), na), null);
});

test('bytes that are not UTF-8 text are refused before parsing', () => {
  assert.throws(() => decodeReportBytes(new Uint8Array()), /空/);
  assert.throws(() => decodeReportBytes(new Uint8Array([0x82, 0xa0, 0x82, 0xa2])), /UTF-8/); // Shift_JIS あい
  assert.throws(() => decodeReportBytes(new TextEncoder().encode('abc\u0000def')), /NUL/);
  assert.equal(decodeReportBytes(new TextEncoder().encode('\ufeffA\r\nB')), 'A\nB');
});
