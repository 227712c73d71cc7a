/**
 * The parser over a small synthetic report: nothing is hard-wired to the sample.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from './parse-report.js';
import { measures, detailCounts, assertParseError } from '../test-support/parsed-seed.js';

// ---------------------------------------------------------------------------
// A small synthetic report: names, years, tiers and the scale come from the text.
// ---------------------------------------------------------------------------

interface SyntheticOptions {
  round?: string;
  /** The table rows of the only measure. */
  rows?: string[];
}

function syntheticReport(options: SyntheticOptions = {}): string {
  const rows = options.rows ?? ['電子申請の拡充\t申請手続の電子化\tB\tA\tA', '\t手数料のキャッシュレス化\tA\tD\tA※'];
  return [
    '令和5年度',
    '海辺市デジタル推進計画',
    '',
    '事業進捗評価報告書',
    ...(options.round ? [options.round] : []),
    '',
    '評価要領',
    '',
    '1 海辺市デジタル推進計画について',
    '',
    '海辺市デジタル推進計画は、令和2年度に策定され、令和3年度から令和7年度までの5カ年の計画期間において取り組む事業を整理しています。',
    '',
    '2 令和5年度進捗の内部評価について',
    '',
    '本計画は基本目標、取組方針、事業及び細事業の4つの階層構造をとっております。段階評価の評価基準は次のとおりです。',
    '',
    '区分\t評価基準',
    'A\t目標を上回った。',
    'B\t目標どおり達成した。',
    'C\t一部達成できなかった。',
    'D\t達成できなかった。',
    '',
    '計画全体',
    '',
    '学識経験者の意見',
    '',
    '全体として順調である。',
    '',
    '評価\tR3\tR4\tR5',
    'A\t1\t1\t2',
    'B\t1\t0\t0',
    'C\t0\t0\t0',
    'D\t0\t1\t0',
    '—\t0\t0\t0',
    '合計\t2\t2\t2',
    '',
    '基本目標',
    '',
    'デジタルで',
    'つながる まち',
    '',
    '学識経験者の意見',
    '',
    '窓口の電子化は進んでいる。',
    '',
    '取組方針',
    '',
    '窓口の オンライン化',
    '',
    '事業名\t細事業名\tR3\tR4\tR5',
    ...rows,
    '',
    '事業のR5年度進捗（各課回答まとめ）',
    '',
    '「電子申請の拡充」については、対象手続を増や',
    '',
    'した。',
    '',
    '手数料のキャッシュレス化については、窓口での決済を開始した。',
    '',
    '※システム障害により評価を下げた細事業：',
    '',
    '「手数料のキャッシュレス化」',
    '',
    '進捗に関する意見（DX推進室）',
    '',
    '引き続き取り組む。',
  ].join('\n');
}

describe('synthetic report: nothing is hard-wired to the seed', () => {
  const synthetic = parseReport(syntheticReport());

  test('year, round, names and tiers come from the text', () => {
    assert.equal(synthetic.fiscalYear, 2023);
    assert.equal(synthetic.roundKind, 'yearly');
    assert.equal(synthetic.plan.name, '海辺市デジタル推進計画');
    assert.equal(synthetic.reportTitle, '事業進捗評価報告書');
    assert.deepEqual(synthetic.plan.tiers, ['基本目標', '取組方針', '事業', '細事業']);
    assert.equal(synthetic.plan.adoptedFiscalYear, 2020);
    assert.equal(synthetic.plan.startFiscalYear, 2021);
    assert.equal(synthetic.plan.endFiscalYear, 2025);
    assert.deepEqual(synthetic.plan.extensions, []);
    assert.deepEqual(synthetic.plan.earlierRounds, []);
    assert.equal(synthetic.plan.predecessorName, undefined);
    assert.equal(synthetic.closing, undefined);
    assert.equal(parseReport(syntheticReport({ round: '（中間評価）' })).roundKind, 'midterm');
  });

  test('the scale has the four codes of its own table (D is valid here) plus —', () => {
    assert.equal(synthetic.scale.name, '段階評価');
    assert.deepEqual(
      synthetic.scale.codes.map((c) => c.code),
      ['A', 'B', 'C', 'D', '—'],
    );
    assert.deepEqual(
      synthetic.scale.codes.filter((c) => c.countsAsAchieved).map((c) => c.code),
      ['A'],
    );
  });

  test('columns R3 R4 R5 become 2021..2023 in tables and the summary', () => {
    const m = measures(synthetic)[0];
    assert.ok(m);
    assert.equal(synthetic.sections[0]?.name, 'デジタルでつながるまち');
    assert.equal(m.name, '窓口のオンライン化');
    assert.deepEqual(m.fiscalYears, [2021, 2022, 2023]);
    assert.deepEqual(
      synthetic.reportedSummary.years.map((y) => [y.fiscalYear, y.printedLabel, y.total]),
      [
        [2021, 'R3', 2],
        [2022, 'R4', 2],
        [2023, 'R5', 2],
      ],
    );
    assert.deepEqual(m.programs[0]?.subItems[1]?.ratings, [
      { fiscalYear: 2021, code: 'A', marks: [] },
      { fiscalYear: 2022, code: 'D', marks: [] },
      { fiscalYear: 2023, code: 'A', marks: ['※'] },
    ]);
    for (const fy of [2021, 2022, 2023]) {
      const printed = synthetic.reportedSummary.years.find((y) => y.fiscalYear === fy);
      const counts = detailCounts(synthetic, fy);
      for (const code of ['A', 'B', 'C', 'D']) assert.equal(counts[code] ?? 0, printed?.counts[code] ?? 0, `${code} ${fy}`);
    }
  });

  test('narratives, footnote and opinions of the synthetic measure', () => {
    const m = measures(synthetic)[0];
    assert.ok(m);
    assert.deepEqual(
      m.departmentNarratives.map((n) => [n.text, n.target]),
      [
        ['「電子申請の拡充」については、対象手続を増やした。', { programIndex: 0 }],
        ['手数料のキャッシュレス化については、窓口での決済を開始した。', { programIndex: 0, subItemIndex: 1 }],
      ],
    );
    assert.deepEqual(synthetic.annotationKinds, [{ mark: '※', meaning: 'システム障害により評価を下げた細事業' }]);
    assert.deepEqual(m.annotationFootnotes[0]?.targets, [{ programIndex: 0, subItemIndex: 1 }]);
    assert.equal(m.divisionOpinionHeading, '進捗に関する意見（DX推進室）');
    assert.equal(synthetic.sections[0]?.expertOpinionHeading, '学識経験者の意見');
  });

  test('a code from another scale is rejected: S is not in A–D', () => {
    const text = syntheticReport({ rows: ['電子申請の拡充\t申請手続の電子化\tS\tA\tA'] });
    const row = text.split('\n').indexOf('電子申請の拡充\t申請手続の電子化\tS\tA\tA') + 1;
    assertParseError(text, row, '使える評点: A, B, C, D, —');
  });

  test('dash variants in cells read as —', () => {
    const synthetic2 = parseReport(syntheticReport({ rows: ['電子申請の拡充\t申請手続の電子化\t－\t-\t―', '\t手数料のキャッシュレス化\tA\tD\tA'] }));
    const codes = measures(synthetic2)[0]?.programs[0]?.subItems[0]?.ratings.map((r) => r.code);
    assert.deepEqual(codes, ['—', '—', '—']);
  });
});
