import { isAppError } from '../errors.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { engines } from '../test-support/db.js';
import { countLeaves, narrativesOf, reportNarratives, reportRows, rowsOf, structureOf, tableNodes, type ReportNode } from './report-model.js';
import { loadReportModel } from './report-queries.js';
import { SEED_SUMMARY, seedModel, seededDb, sourceFacts } from '../test-support/seed.js';
import { cleanText, paragraphsOf } from './text.js';

for (const engine of engines()) {
  test(`[${engine}] the seed's R4 final report model holds every sub-item, rating and paragraph of the source, in order`, async () => {
    const { model, cleanup } = await seedModel(engine);
    try {
      const source = sourceFacts();
      assert.equal(model.title.yearLabel, '令和4年度');
      assert.equal(model.title.planName, '茅ヶ崎市地域情報化計画');
      assert.equal(model.title.kindLabel, '最終評価');
      assert.deepEqual(model.plan.tiers, ['施策展開の柱', '施策', '事務事業', '事務事業細目']);
      assert.deepEqual(model.fiscalYears, [2018, 2019, 2020, 2021, 2022]);
      // 柱 are headings, 施策 make the tables, 事務事業 group their rows, 細目 are the rated rows.
      assert.deepEqual(model.structure, { depth: 4, rowLevel: 4, tableLevel: 2, groupLevel: 3, headingLevels: [1] });
      assert.equal(model.nodes.length, 3);
      const measures = tableNodes(model);
      assert.deepEqual(
        measures.map((m) => rowsOf(model, m).length),
        [11, 10, 10, 27, 25],
      );
      assert.equal(
        measures.reduce((n, m) => n + m.children.length, 0),
        44,
      );
      assert.equal(model.rowCount, 83);

      const subItems = reportRows(model);
      assert.deepEqual(
        subItems.map((s) => s.name),
        source.subItems.map((s) => s.name),
      );
      for (const [i, s] of subItems.entries()) {
        const expected = source.subItems[i]!.ratings.map((r) => ({ fiscalYear: r.fiscalYear, code: r.code, marks: r.marks }));
        assert.deepEqual(s.ratings, expected, s.name);
      }
      assert.deepEqual(
        reportNarratives(model).flatMap((n) => n.paragraphs),
        source.paragraphs,
      );
      assert.deepEqual(
        model.guide.flatMap((g) => g.paragraphs),
        source.guideParagraphs,
      );
      assert.deepEqual(
        model.closing.flatMap((g) => g.paragraphs),
        source.closingParagraphs,
      );
      assert.equal(model.closing[0]?.heading, '○令和5年度以降の取組みについて');

      // Summary: H29 exists only as reported figures; the rest are computed and agree with print.
      assert.deepEqual(
        model.summary.years.map((y) => y.fiscalYear),
        [2017, 2018, 2019, 2020, 2021, 2022],
      );
      for (const y of model.summary.years) {
        assert.deepEqual(y.counts, SEED_SUMMARY[y.fiscalYear], String(y.fiscalYear));
        assert.equal(y.total, 83);
        assert.equal(y.source, y.fiscalYear === 2017 ? 'reported' : 'computed');
        assert.deepEqual(y.reportedCounts, SEED_SUMMARY[y.fiscalYear]);
      }
      assert.equal(model.summary.years[0]!.achievementRate, 0.7108);
      assert.equal(model.summary.years[5]!.achievementRate, 0.8795);
      // Pillar summaries add up to the plan's computed counts.
      for (const [i, fy] of model.fiscalYears.entries()) {
        const a = model.nodes.reduce((n, p) => n + (p.summary[i]!.counts.A ?? 0), 0);
        assert.equal(a, SEED_SUMMARY[fy]!.A);
      }

      // Footnotes per measure, as in the source.
      assert.deepEqual(
        measures.map((m) => m.footnotes.flatMap((f) => f.items.map((x) => x.name))),
        [[], ['災害情報の管理システムの導入検討'], [], ['マタニティクッキングの動画配信の検討'], []],
      );
      assert.equal(subItems.flatMap((s) => s.ratings.filter((r) => r.marks.includes('※'))).length, 4);
      // Narratives land in their measure, in source order.
      assert.equal(narrativesOf(measures[1]!, 'department').length, 5);
      assert.ok(narrativesOf(measures[1]!, 'department')[2]!.paragraphs[0]!.startsWith('災害情報の収集へのICTの活用については'));
      assert.equal(narrativesOf(measures[3]!, 'division').length, 2);
      assert.equal(narrativesOf(model.nodes[2]!, 'expert').length, 2);
      assert.equal(model.planOpinion.narratives.length, 5);
      assert.equal(model.planOpinion.heading, '進捗に係る学識経験者意見');
      assert.equal(model.planOpinion.scopeLabel, '茅ヶ崎市地域情報化計画全体');
    } finally {
      await cleanup();
    }
  });

  test(`[${engine}] unknown plan, unknown round and a round without ratings are refused with clear Japanese messages`, async () => {
    const { db, cleanup } = await seededDb(engine);
    try {
      await assert.rejects(
        loadReportModel(db, 'no-such-plan', 2022),
        (e: unknown) => isAppError(e, 'not-found') && /計画が見つかりません: no-such-plan/.test(e.message),
      );
      await assert.rejects(
        loadReportModel(db, SAMPLE_PLAN_SLUG, 2019),
        (e: unknown) => isAppError(e, 'not-found') && /令和元年度 の評価の回がありません/.test(e.message) && /令和4年度（最終評価）/.test(e.message),
      );
      await assert.rejects(loadReportModel(db, SAMPLE_PLAN_SLUG, 2022, 'yearly'), (e: unknown) => isAppError(e, 'not-found') && /年度評価/.test(e.message));
      // The H30 midterm covered results up to H29, of which only printed totals exist.
      await assert.rejects(
        loadReportModel(db, SAMPLE_PLAN_SLUG, 2018, 'midterm'),
        (e: unknown) => isAppError(e, 'invalid-input') && e.status === 422 && /評価（評点）が1件もありません/.test(e.message),
      );
    } finally {
      await cleanup();
    }
  });

  test(`[${engine}] a narrative with markup and control characters reaches the model as plain text without the controls`, async () => {
    const { db, cleanup } = await seededDb(engine);
    try {
      await db.query(`update narratives set body = $1 where id = (select min(id) from narratives where author_role = 'department')`, [
        '<script>alert("x")</script>\u0007危険\u0001な\u001b[31m文字\r\n\r\n二段落目',
      ]);
      const model = await loadReportModel(db, SAMPLE_PLAN_SLUG, 2022);
      const first = narrativesOf(tableNodes(model)[0]!, 'department')[0]!;
      assert.deepEqual(first.paragraphs, ['<script>alert("x")</script>危険な[31m文字', '二段落目']);
    } finally {
      await cleanup();
    }
  });
}

test('countLeaves counts codes per year, skips missing ratings and computes the rate from achieved codes', () => {
  const scale = [
    { code: 'A', label: '', criteria: '', position: 1, countsAsAchieved: true, isNotEvaluated: false },
    { code: 'B', label: '', criteria: '', position: 2, countsAsAchieved: false, isNotEvaluated: false },
  ];
  const sub = (codes: (string | null)[]): Pick<ReportNode, 'ratings'> => ({ ratings: codes.map((code, i) => ({ fiscalYear: 2020 + i, code, marks: [] })) });
  const counts = countLeaves([sub(['A', 'B', null]), sub(['A', 'A', null]), sub(['B', 'A', null])], [2020, 2021, 2022], scale);
  assert.deepEqual(
    counts.map((c) => c.counts),
    [
      { A: 2, B: 1 },
      { A: 2, B: 1 },
      { A: 0, B: 0 },
    ],
  );
  assert.deepEqual(
    counts.map((c) => c.achievementRate),
    [0.6667, 0.6667, null],
  );
});

test('cleanText removes control characters but keeps line breaks, tabs and surrogate pairs', () => {
  assert.equal(cleanText('a\u0000b\u0008c\td\ne\u007f\u0085f😀\ud800g'), 'abc\td\nef😀g');
  assert.deepEqual(paragraphsOf('一\n\n\n二\n　\n三\n続き'), ['一', '二', '三\n続き']);
});

test('structureOf: the rated tier makes the rows, the one above groups them, the one above that makes the tables, 2 to 6 tiers', () => {
  assert.deepEqual(structureOf(2, 2), { depth: 2, rowLevel: 2, tableLevel: 1, groupLevel: null, headingLevels: [] });
  assert.deepEqual(structureOf(3, 3), { depth: 3, rowLevel: 3, tableLevel: 1, groupLevel: 2, headingLevels: [] });
  assert.deepEqual(structureOf(4, 4), { depth: 4, rowLevel: 4, tableLevel: 2, groupLevel: 3, headingLevels: [1] });
  assert.deepEqual(structureOf(5, 5), { depth: 5, rowLevel: 5, tableLevel: 3, groupLevel: 4, headingLevels: [1, 2] });
  assert.deepEqual(structureOf(6, 6), { depth: 6, rowLevel: 6, tableLevel: 4, groupLevel: 5, headingLevels: [1, 2, 3] });
  // A rated tier above the deepest: the tiers below it are not tabulated.
  assert.deepEqual(structureOf(5, 3), { depth: 5, rowLevel: 3, tableLevel: 1, groupLevel: 2, headingLevels: [] });
  // Only the top tier rated: a table still needs a tier above its rows.
  assert.equal(structureOf(3, 1).rowLevel, 2);
});
