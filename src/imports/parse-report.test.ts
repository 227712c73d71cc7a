/**
 * The published-text parser over the sample report: its title, plan facts and guide, and its
 * structure and ratings. Narratives, malformed input and a synthetic report have files of their own.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { report, YEARS, measures, measure, subItems, describeTarget, detailCounts } from '../test-support/parsed-seed.js';

describe('seed report: title, plan and guide', () => {
  test('title: fiscal year, round, plan name, report title', () => {
    assert.equal(report.fiscalYear, 2022);
    assert.equal(report.roundKind, 'final');
    assert.equal(report.plan.name, '茅ヶ崎市地域情報化計画');
    assert.equal(report.reportTitle, '事務事業進捗状況評価結果報告書');
  });

  test('plan facts from 評価要領 and the opinions', () => {
    const { plan } = report;
    assert.equal(plan.predecessorName, 'ちがさき情報化プラン');
    assert.equal(plan.successorName, '茅ヶ崎市デジタル化推進方針');
    assert.equal(plan.adoptedFiscalYear, 2015);
    assert.equal(plan.startFiscalYear, 2016);
    assert.equal(plan.endFiscalYear, 2020);
    assert.equal(plan.extensions.length, 1);
    const ext = plan.extensions[0];
    assert.ok(ext);
    assert.equal(ext.fromEndFiscalYear, 2020);
    assert.equal(ext.toEndFiscalYear, 2022);
    assert.equal(ext.decidedFiscalYear, 2020);
    assert.ok(ext.reason.includes('実施計画の策定延期に伴い'), ext.reason);
    assert.ok(ext.reason.includes('計画期間を2年延長'), ext.reason);
    assert.deepEqual(plan.designations, [{ name: '市町村官民データ活用推進計画', fromFiscalYear: 2020 }]);
    assert.deepEqual(plan.tiers, ['施策展開の柱', '施策', '事務事業', '事務事業細目']);
    assert.deepEqual(plan.earlierRounds, [{ fiscalYear: 2018, kind: 'midterm', coversUntilFiscalYear: 2017 }]);
  });

  test('tables keep their place among the paragraphs: criteria after 「…次のとおりです。」, the summary after the expert’s second paragraph', () => {
    assert.deepEqual(
      report.guide.map((s) => s.tables ?? []),
      [[], [{ table: 'criteria', afterParagraphs: 2 }], []],
    );
    assert.ok(report.guide[1]?.paragraphs[1]?.text.endsWith('評点式評価の評価基準は次のとおりです。'));
    assert.deepEqual(report.planExpertOpinionTables, [{ table: 'summary', afterParagraphs: 2, caption: '表：平成29～令和4年度の各事業の評価' }]);
    assert.ok(report.planExpertOpinion[1]?.text.endsWith('良好であると判断できる。'));
  });

  test('guide: three numbered sections with their paragraphs; the criteria table is not a paragraph', () => {
    assert.deepEqual(
      report.guide.map((s) => s.heading),
      ['1 茅ヶ崎市地域情報化計画について', '2 令和4年度進捗の内部評価について', '3 令和4年度進捗を踏まえた学識経験者による評価（最終外部評価）について'],
    );
    assert.deepEqual(
      report.guide.map((s) => s.paragraphs.map((p) => p.line)),
      [[13, 15], [19, 21, 28], [32]],
    );
    const texts = report.guide.flatMap((s) => s.paragraphs.map((p) => p.text));
    assert.ok(texts.every((t) => !t.includes('\t') && !t.startsWith('評点')));
    assert.ok(texts.some((t) => t.includes('文教大学 情報学部 情報システム学科 池辺 正典 教授')));
  });

  test('scale: A/B/C from the 評点/評価基準 table, plus — for not evaluated', () => {
    assert.equal(report.scale.name, '評点式評価');
    assert.deepEqual(report.scale.codes, [
      { code: 'A', label: '達成できた', criteria: '達成できた。', position: 1, countsAsAchieved: true, isNotEvaluated: false },
      { code: 'B', label: '一部達成できなかった', criteria: '一部達成できなかった。', position: 2, countsAsAchieved: false, isNotEvaluated: false },
      { code: 'C', label: '達成できなかった', criteria: '達成できなかった。', position: 3, countsAsAchieved: false, isNotEvaluated: false },
      {
        code: '—',
        label: '評価対象外',
        criteria: '事業終了等により評価を行わないもの',
        position: 4,
        countsAsAchieved: false,
        isNotEvaluated: true,
        isDefault: true,
      },
    ]);
  });

  test('annotation kinds come from the footnote text', () => {
    assert.deepEqual(report.annotationKinds, [{ mark: '※', meaning: '新型コロナウイルス感染症の影響もありB評価となった事務事業細目' }]);
  });

  test('plan-wide expert opinion: five paragraphs; the summary table and its caption are not paragraphs', () => {
    assert.equal(report.planExpertOpinionHeading, '進捗に係る学識経験者意見');
    assert.deepEqual(
      report.planExpertOpinion.map((p) => p.line),
      [38, 40, 52, 54, 56],
    );
    for (const p of report.planExpertOpinion) {
      assert.ok(!p.text.startsWith('表：') && !p.text.includes('\t') && !/^合計/.test(p.text), p.text);
    }
    assert.ok(report.planExpertOpinion[0]?.text.startsWith('茅ヶ崎市地域情報化計画は平成28年度（2016年度）に策定され'));
  });

  test('closing section', () => {
    assert.equal(report.closing?.heading, '○令和5年度以降の取組みについて');
    assert.deepEqual(
      report.closing?.paragraphs.map((p) => p.line),
      [380, 382],
    );
  });
});

describe('seed report: structure and ratings', () => {
  test('3 pillars, each once (cover pages merged), with normalised names', () => {
    assert.deepEqual(
      report.sections.map((p) => p.name),
      ['ICTを活用した安全・安心なまちづくり', 'ICTを活用した円滑な地域社会', 'ICTを活用した効率的な行政経営'],
    );
    assert.deepEqual(
      report.sections.map((p) => p.line),
      [66, 170, 302],
    );
    assert.deepEqual(
      report.sections.map((p) => p.sections.length),
      [2, 2, 1],
    );
    assert.deepEqual(
      report.sections.map((p) => p.expertOpinion.length),
      [3, 3, 2],
    );
    assert.ok(report.sections.every((p) => p.expertOpinionHeading === '進捗に係る学識経験者意見'));
    // Two heading tiers: pillars (level 0) hold measures (level 1), and only measures have tables.
    assert.ok(report.sections.every((p) => p.level === 0 && p.table === undefined));
    assert.ok(
      report.sections.every((p) => p.sections.every((m) => m.level === 1 && m.table !== undefined && m.sections.length === 0 && m.expertOpinion.length === 0)),
    );
  });

  test('5 measures with 11, 10, 10, 27, 25 sub-items; 44 programs; 83 sub-items', () => {
    assert.deepEqual(
      measures().map((m) => m.name),
      [
        'ICTによる安心感のある生活の確保',
        'ICTによる防災・減災力の強化',
        'ICTによる行政サービスの向上',
        'ICTによる情報活用環境の充実',
        'ICTによる行政経営の見直し',
      ],
    );
    assert.deepEqual(
      measures().map((m) => m.programs.reduce((n, p) => n + p.subItems.length, 0)),
      [11, 10, 10, 27, 25],
    );
    assert.deepEqual(
      measures().map((m) => m.programs.length),
      [8, 5, 6, 13, 12],
    );
    assert.equal(
      measures().reduce((n, m) => n + m.programs.length, 0),
      44,
    );
    assert.equal(subItems().length, 83);
  });

  test('a table split by a page break stays one table (no new header after the blank line)', () => {
    const m = measure(0);
    const p = m.programs.find((x) => x.name === 'ICTの活用による地球温暖化対策の推進');
    assert.ok(p);
    assert.equal(p.line, 89);
    assert.equal(m.programs.length, 8);
    // Measure 4's table has a page break after row 246; the rows after it belong to it.
    assert.equal(measure(3).programs.at(-1)?.name, '文化資料館収蔵資料のデータベース化');
  });

  test('continuation rows belong to the program above; names are normalised', () => {
    const m = measure(1);
    const fire = m.programs.find((p) => p.name === '消防緊急通信指令システムの適正な運用');
    assert.deepEqual(
      fire?.subItems.map((s) => s.name),
      ['システムの操作方法の習熟', '消防業務支援情報の一元化', '消防業務を円滑に実施するための関係主体との情報共有', '寒川町との指令業務の共同運用'],
    );
    assert.ok(measure(4).programs.some((p) => p.name === 'ICT機器の導入の検討'));
  });

  test('every sub-item has 5 ratings for 2018..2022 and every measure has those columns', () => {
    for (const m of measures()) assert.deepEqual(m.fiscalYears, YEARS);
    for (const s of subItems()) {
      assert.deepEqual(
        s.ratings.map((r) => r.fiscalYear),
        YEARS,
        s.name,
      );
      for (const r of s.ratings) assert.ok(['A', 'B', 'C', '—'].includes(r.code), `${s.name} ${r.code}`);
    }
  });

  test('per-year counts from the detail tables reproduce the report table (H30–R4)', () => {
    const expected: Record<string, number[]> = {
      A: [56, 65, 68, 72, 73],
      B: [23, 14, 11, 6, 5],
      C: [1, 0, 0, 0, 0],
      '—': [3, 4, 4, 5, 5],
    };
    YEARS.forEach((fy, i) => {
      const counts = detailCounts(report, fy);
      for (const [code, values] of Object.entries(expected)) assert.equal(counts[code] ?? 0, values[i], `${code} ${fy}`);
      const printed = report.reportedSummary.years.find((y) => y.fiscalYear === fy);
      assert.ok(printed);
      for (const code of Object.keys(expected)) assert.equal(counts[code] ?? 0, printed.counts[code], `summary ${code} ${fy}`);
    });
  });

  test('reported summary: 6 years 2017..2022, printed labels kept, H29 column', () => {
    const { years, line } = report.reportedSummary;
    assert.equal(line, 44);
    assert.deepEqual(
      years.map((y) => y.fiscalYear),
      [2017, 2018, 2019, 2020, 2021, 2022],
    );
    assert.deepEqual(
      years.map((y) => y.printedLabel),
      ['H29', 'H30', 'R1', 'R2', 'R3', 'R4'],
    );
    assert.deepEqual(years[0], { fiscalYear: 2017, printedLabel: 'H29', counts: { A: 59, B: 19, C: 4, '—': 1 }, total: 83 });
    assert.ok(years.every((y) => y.total === 83));
  });

  test('exactly 4 ratings carry ※, on exactly 3 sub-items', () => {
    const marked = subItems().flatMap((s) =>
      s.ratings.filter((r) => r.marks.length > 0).map((r) => ({ name: s.name, fiscalYear: r.fiscalYear, code: r.code, marks: r.marks })),
    );
    assert.deepEqual(marked, [
      { name: '災害情報の管理システムの導入検討', fiscalYear: 2020, code: 'B', marks: ['※'] },
      { name: 'マタニティクッキングの動画配信の検討', fiscalYear: 2020, code: 'B', marks: ['※'] },
      { name: 'マタニティクッキングの動画配信の検討', fiscalYear: 2021, code: 'B', marks: ['※'] },
      { name: 'ICT基礎研修の実施', fiscalYear: 2020, code: 'B', marks: ['※'] },
    ]);
  });

  test('footnotes: measure 2 lists 災害情報の管理システムの導入検討, measure 4 lists マタニティクッキングの動画配信の検討', () => {
    const listed = measures().map((m) => m.annotationFootnotes.flatMap((f) => f.targets.map((t) => describeTarget(m, t))));
    assert.deepEqual(listed, [[], ['S:災害情報の管理システムの導入検討'], [], ['S:マタニティクッキングの動画配信の検討'], []]);
    const f = measure(1).annotationFootnotes[0];
    assert.equal(f?.mark, '※');
    assert.equal(f?.meaning, '新型コロナウイルス感染症の影響もありB評価となった事務事業細目');
    assert.equal(f?.line, 152);
  });

  test('the five sub-items rated B in 2022 are B in every year', () => {
    const b2022 = subItems().filter((s) => s.ratings.find((r) => r.fiscalYear === 2022)?.code === 'B');
    assert.deepEqual(
      b2022.map((s) => s.name),
      [
        '災害情報の管理システムの導入検討',
        '納品手続きの電子化',
        '全庁型地理情報システムの普及及び活用',
        '研修事務手続きにおけるイントラネットシステムの活用の検討',
        '複合機のオンライン管理',
      ],
    );
    for (const s of b2022)
      assert.ok(
        s.ratings.every((r) => r.code === 'B'),
        s.name,
      );
  });
});
