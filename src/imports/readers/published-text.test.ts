import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Queryable } from '../../db/db.js';
import { loadSummary } from '../../evaluations/summary.js';
import { leaves, loadPlanTree, resolvePlan } from '../../plans/plan-queries.js';
import { createTestDb, engines } from '../../test-support/db.js';
import { lineOf, publishedReportText, specSummary, type PublishedTextSpec } from '../../test-support/published-text.js';
import { fiveTierSpec, threeTierSpec } from '../../test-support/published-text-specs.js';
import { importReportText } from '../import-report.js';
import { parseReport } from '../parse-report.js';
import { ReportParseError, tableSections } from '../report-types.js';
import { importedPlanFromReport } from './published-text.js';

const FIVE = publishedReportText(fiveTierSpec);
const THREE = publishedReportText(threeTierSpec);

/** Narratives as "role level name: text" (level 1-based; "plan" for plan-wide), in id order. */
async function narrativesOf(db: Queryable, planId: number): Promise<string[]> {
  const r = await db.query<{ role: string; level: number | null; name: string | null; body: string }>(
    `select n.author_role as role, i.level, i.name, n.body from narratives n left join plan_items i on i.id = n.item_id
      where n.plan_id = $1 order by n.id`,
    [planId],
  );
  return r.rows.map((x) => `${x.role} ${x.level === null ? 'plan' : `${x.level} ${x.name}`}: ${x.body}`);
}

/** An import's count of each of the spec's tiers, top down. */
const tierCounts = (spec: PublishedTextSpec, counts: number[]) => spec.tiers.map((name, i) => ({ name, count: counts[i] }));

/** The stored experts' and divisions' opinions are these, in this order; the departments' narratives include these. */
async function assertNarratives(db: Queryable, planId: number, opinions: string[], departments: string[]): Promise<void> {
  const narratives = await narrativesOf(db, planId);
  assert.deepEqual(
    narratives.filter((n) => !n.startsWith('department')),
    opinions,
  );
  for (const narrative of departments) assert.ok(narratives.includes(narrative), narrative);
}

async function nodesPerLevel(db: Queryable, planId: number): Promise<number[]> {
  const r = await db.query<{ level: number; n: number }>('select level, count(*)::int as n from plan_items where plan_id = $1 group by level order by level', [
    planId,
  ]);
  return r.rows.map((x) => x.n);
}

/** The printed summary as stored, per year and code. */
async function printedSummary(db: Queryable, planId: number): Promise<Record<number, Record<string, number>>> {
  const r = await db.query<{ fiscal_year: number; code: string; count: number }>(
    'select fiscal_year, code, count from reported_aggregates where plan_id = $1',
    [planId],
  );
  const out: Record<number, Record<string, number>> = {};
  for (const x of r.rows) out[x.fiscal_year] = { ...out[x.fiscal_year], [x.code]: x.count };
  return out;
}

/** The summary computed from the stored ratings equals the printed one and the spec's. */
async function assertSummaries(db: Queryable, planId: number, spec: PublishedTextSpec): Promise<void> {
  const computed = await loadSummary(db, planId);
  const printed = await printedSummary(db, planId);
  const expected = specSummary(spec);
  assert.deepEqual(
    computed.map((y) => y.fiscalYear),
    spec.years,
  );
  for (const y of computed) {
    assert.equal(y.source, 'computed');
    const want = expected.find((e) => e.fiscalYear === y.fiscalYear)?.counts ?? {};
    for (const code of ['A', 'B', 'C', '—']) {
      assert.equal(y.counts[code] ?? 0, want[code], `computed ${code} ${y.fiscalYear}`);
      assert.equal(printed[y.fiscalYear]?.[code] ?? 0, want[code], `printed ${code} ${y.fiscalYear}`);
    }
  }
}

describe('published text at other depths: parsing', () => {
  test('five tiers: three heading tiers nested by level, the last two as table columns', () => {
    const r = parseReport(FIVE);
    assert.deepEqual(r.plan.tiers, ['基本目標', '政策', '基本施策', '施策', '事務事業']);
    assert.deepEqual(
      r.sections.map((a) => [a.level, a.name, a.sections.map((b) => [b.level, b.name, b.sections.map((c) => [c.level, c.name, c.table?.programs.length])])]),
      [
        [
          0,
          '安心して暮らせるまち',
          [
            [
              1,
              '防災力の向上',
              [
                [2, '災害情報の共有', 2],
                [2, '地域の見守り', 1],
              ],
            ],
            [1, '健康づくりの推進', [[2, '健診の電子化', 2]]],
          ],
        ],
        [0, '活力あるまち', [[1, '産業の振興', [[2, '商店街の支援', 1]]]]],
      ],
    );
    // The cover page of the first part is merged into it; its line is the real heading's name.
    assert.equal(r.sections[0]?.line, lineOf(FIVE, '安心して暮らせるまち'));
    assert.deepEqual(
      tableSections(r.sections).map((t) => t.path),
      [
        [0, 0, 0],
        [0, 0, 1],
        [0, 1, 0],
        [1, 0, 0],
      ],
    );
    assert.deepEqual(r.annotationKinds, [{ mark: '※', meaning: '新型コロナウイルス感染症の影響もありB評価となった事務事業' }]);
    assert.equal(r.closing?.heading, '○令和6年度以降の取組みについて');
  });

  test('three tiers: one heading tier that carries the table and may open with an expert opinion', () => {
    const r = parseReport(THREE);
    assert.deepEqual(r.plan.tiers, ['施策', '事務事業', '事務事業細目']);
    assert.deepEqual(
      r.sections.map((s) => [s.level, s.name, s.expertOpinion.map((p) => p.text), s.table?.programs.map((g) => g.subItems.length)]),
      [
        [0, '行政手続のオンライン化', ['手続の電子化は順調である。'], [2]],
        [0, '情報セキュリティの確保', [], [1, 1]],
      ],
    );
    const plan = importedPlanFromReport(r, { name: 'three.txt', content: THREE });
    assert.deepEqual(
      plan.nodes.map((n) => [n.tierIndex, n.children.map((c) => [c.tierIndex, c.children.map((s) => s.tierIndex)])]),
      [
        [0, [[1, [2, 2]]]],
        [
          0,
          [
            [1, [2]],
            [1, [2]],
          ],
        ],
      ],
    );
  });
});

for (const engine of engines()) {
  describe(`[${engine}] published text at other depths: import`, () => {
    test('five tiers import with their tier names, counts, ratings, narratives and summary', async () => {
      const { db, cleanup } = await createTestDb(engine);
      try {
        const r = await importReportText(db, FIVE, 'five.txt', { slug: 'five' });
        assert.deepEqual(r.counts, {
          tiers: tierCounts(fiveTierSpec, [2, 3, 4, 6, 8]),
          ratings: 24,
          narratives: 18, // plan-wide expert 2, node expert 3, division 6, department 7
        });
        assert.deepEqual(r.mismatches, []);
        const plan = await resolvePlan(db, 'five');
        assert.deepEqual(plan.tiers, fiveTierSpec.tiers);
        assert.deepEqual(await nodesPerLevel(db, plan.id), [2, 3, 4, 6, 8]);

        const tree = await loadPlanTree(db, plan.id);
        const subs = leaves(tree.roots);
        assert.deepEqual(
          subs.map((s) => s.code),
          ['1.1.1.1.1', '1.1.1.1.2', '1.1.1.2.1', '1.1.2.1.1', '1.1.2.1.2', '1.2.1.1.1', '1.2.1.2.1', '2.1.1.1.1'],
        );
        assert.deepEqual(
          [...(subs[1]?.ratings ?? [])].map(([fy, c]) => `${fy}:${c.code}${c.marks.join('')}`),
          ['2021:B', '2022:B※', '2023:A'],
        );
        assert.deepEqual(
          [...(subs[6]?.ratings ?? [])].map(([, c]) => c.code),
          ['—', '—', '—'],
        );
        await assertSummaries(db, plan.id, fiveTierSpec);

        await assertNarratives(
          db,
          plan.id,
          [
            'expert plan: 計画全体として目標の達成は順調である。',
            'expert plan: 一方で、停滞している事業については見直しが必要である。',
            'expert 1 安心して暮らせるまち: 防災分野の取組は着実に進んでいる。',
            'division 3 災害情報の共有: 引き続き安定した運用に努めたい。',
            'division 3 地域の見守り: 情報の共有については関係課と調整を進めたい。',
            'division 3 地域の見守り: 見守りの担い手の確保も課題である。',
            'expert 2 健康づくりの推進: 健診の電子化は利用者の利便性を高めた。',
            'division 3 健診の電子化: 予約の電子化は定着した。',
            'expert 2 産業の振興: 商店街の支援は成果を上げている。',
            'division 2 産業の振興: 産業分野の取組は全体として順調である。',
            'division 3 商店街の支援: 今後も商店街と連携していく。',
          ],
          [
            'department 5 避難所情報の電子化: 避難所情報の電子化については、感染症の影響で遅れたが令和5年度に完了した。',
            'department 4 防災アプリの提供: 「防災アプリの提供」については、新しい版のアプリを配信した。',
          ],
        );

        const footnotes = await db.query<{ measure: string; item: string }>(
          `select m.name as measure, i.name as item from annotation_footnotes f join plan_items m on m.id = f.measure_item_id join plan_items i on i.id = f.item_id where f.plan_id = $1`,
          [plan.id],
        );
        assert.deepEqual(footnotes.rows, [{ measure: '災害情報の共有', item: '避難所情報の電子化' }]);
      } finally {
        await cleanup();
      }
    });

    test('three tiers import beside it; malformed texts name their line and store nothing', async () => {
      const { db, cleanup } = await createTestDb(engine);
      try {
        const r = await importReportText(db, THREE, 'three.txt', { slug: 'three' });
        assert.deepEqual(r.counts.tiers, tierCounts(threeTierSpec, [2, 3, 4]));
        assert.equal(r.counts.ratings, 8);
        assert.deepEqual(r.mismatches, []);
        const plan = await resolvePlan(db, 'three');
        assert.deepEqual(plan.tiers, threeTierSpec.tiers);
        assert.deepEqual(await nodesPerLevel(db, plan.id), [2, 3, 4]);
        await assertSummaries(db, plan.id, threeTierSpec);
        const opinions = [
          'expert plan: おおむね目標を達成している。',
          'expert 1 行政手続のオンライン化: 手続の電子化は順調である。',
          'division 1 行政手続のオンライン化: 引き続き対象の手続を増やしたい。',
          'division 1 情報セキュリティの確保: 監査の範囲の見直しを急ぎたい。',
        ];
        const department = 'department 3 手数料のキャッシュレス化: 手数料のキャッシュレス化については、窓口での決済を開始した。';
        await assertNarratives(db, plan.id, opinions, [department]);

        const rowsBefore = await db.query<{ n: number }>(
          'select (select count(*) from plans) + (select count(*) from plan_items) + (select count(*) from import_sources) as n',
        );
        const lineWith = (text: string, part: string): number => text.split('\n').findIndex((l) => l.includes(part)) + 1;
        const wrongCount = publishedReportText({ ...fiveTierSpec, statedTierCount: 4 });
        const twoTiers = publishedReportText({ ...threeTierSpec, tiers: ['事務事業', '事務事業細目'] });
        const secondPolicy = lineOf(FIVE, '政策', lineOf(FIVE, '健康づくりの推進') - 4);
        const lines = FIVE.split('\n');
        const unknownTier = lines.map((l, i) => (i + 1 === secondPolicy ? '重点分野' : l)).join('\n');
        // 政策「防災力の向上」left out: its 基本施策 would sit right under a 基本目標.
        const firstPolicy = lineOf(FIVE, '政策');
        const skipped = lines.filter((_, i) => i + 1 < firstPolicy || i + 1 > firstPolicy + 3).join('\n');
        const bad: [string, string, number, string][] = [
          ['skipped tier', skipped, lineOf(skipped, '基本施策'), '基本目標「安心して暮らせるまち」の「政策」の見出しが必要ですが「基本施策」があります'],
          [
            'tier count',
            wrongCount,
            lineWith(wrongCount, '基本目標、政策、基本施策、施策及び事務事業の4つの階層構造'),
            '階層の数が合いません（4つと書かれていますが5個です',
          ],
          ['unknown tier heading', unknownTier, secondPolicy, '「重点分野」は階層の見出しとして読めません'],
          ['two tiers', twoTiers, lineWith(twoTiers, '事務事業及び事務事業細目の2つの階層構造'), '3階層以上の計画だけを読めます'],
        ];
        for (const [label, text, line, message] of bad) {
          await assert.rejects(importReportText(db, text, 'bad.txt', { slug: 'bad' }), (e: unknown) => {
            assert.ok(e instanceof ReportParseError, label);
            assert.equal(e.line, line, label);
            assert.ok(e.message.includes(message), `${label}: ${e.message}`);
            return true;
          });
        }
        const rowsAfter = await db.query<{ n: number }>(
          'select (select count(*) from plans) + (select count(*) from plan_items) + (select count(*) from import_sources) as n',
        );
        assert.deepEqual(rowsAfter.rows, rowsBefore.rows);
      } finally {
        await cleanup();
      }
    });
  });
}
