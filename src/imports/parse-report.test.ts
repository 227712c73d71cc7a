import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { normalizeText } from './normalize-text.js';
import { parseReport } from './parse-report.js';
import { ReportParseError, type NarrativeTarget, type ParsedReport, type ParsedSubItem, type ParsedTable, tableSections } from './report-types.js';

// Tests run with cwd = repo root.
const SEED = readFileSync('samples/chigasaki-r4-final-evaluation.txt', 'utf8');
const SEED_LINES = SEED.split('\n');
// Parsing speed is measured by `npm run bench`, never asserted here.
const report = parseReport(SEED);

const YEARS = [2018, 2019, 2020, 2021, 2022];

/** A part of the last heading tier (施策) with its table, flattened for the assertions. */
type ParsedMeasure = ParsedTable & { name: string; line: number };

function measures(r: ParsedReport = report): ParsedMeasure[] {
  return tableSections(r.sections).map(({ section, table }) => ({ name: section.name, line: section.line, ...table }));
}

function measure(i: number): ParsedMeasure {
  const m = measures()[i];
  assert.ok(m, `measure ${i}`);
  return m;
}

function subItems(r: ParsedReport = report): ParsedSubItem[] {
  return measures(r).flatMap((m) => m.programs.flatMap((p) => p.subItems));
}

/** "P:name" for a program target, "S:name" for a sub-item target. */
function describeTarget(m: ParsedMeasure, t: NarrativeTarget): string {
  const program = m.programs[t.programIndex];
  assert.ok(program, `program ${t.programIndex} in ${m.name}`);
  if (t.subItemIndex === undefined) return `P:${program.name}`;
  const sub = program.subItems[t.subItemIndex];
  assert.ok(sub, `sub-item ${t.subItemIndex} of ${program.name}`);
  return `S:${sub.name}`;
}

/** Rating counts per code for one fiscal year, from the detail tables. */
function detailCounts(r: ParsedReport, fiscalYear: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of subItems(r)) {
    const cell = s.ratings.find((x) => x.fiscalYear === fiscalYear);
    assert.ok(cell, `${s.name} has a rating for ${fiscalYear}`);
    counts[cell.code] = (counts[cell.code] ?? 0) + 1;
  }
  return counts;
}

/** Every string in the parsed report with its path, for text-hygiene checks. */
function allStrings(value: unknown, path = '$'): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => allStrings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => allStrings(v, `${path}.${k}`));
  }
  return [];
}

/** Replaces 1-based line `no` of the seed. */
function withLine(no: number, edit: (line: string) => string): string {
  const lines = [...SEED_LINES];
  lines[no - 1] = edit(lines[no - 1] ?? '');
  return lines.join('\n');
}

function firstLines(count: number): string {
  return SEED_LINES.slice(0, count).join('\n');
}

/** Asserts a ReportParseError, optionally at a given line and with text in the message. */
function assertParseError(text: string, line?: number, includes?: string | RegExp): ReportParseError {
  let caught: unknown;
  try {
    parseReport(text);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ReportParseError, `expected ReportParseError, got ${String(caught)}`);
  if (line !== undefined) assert.equal(caught.line, line, caught.message);
  if (line !== undefined && line > 0) assert.ok(caught.message.startsWith(`${line}行目: `), caught.message);
  if (typeof includes === 'string') assert.ok(caught.message.includes(includes), caught.message);
  if (includes instanceof RegExp) assert.match(caught.message, includes);
  return caught;
}

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

describe('seed report: narratives and opinions', () => {
  // Counted by hand in the seed: one paragraph per line starting a department
  // answer, with the two page-break splits (lines 108, 150, 267) folded in.
  const NARRATIVE_LINES = [
    [96, 98, 100, 102, 104, 106, 110, 112],
    [140, 142, 144, 146, 148],
    [199, 201, 203, 205, 207, 209, 211],
    [257, 259, 261, 263, 265, 269, 271, 273, 275, 277, 279, 281, 283],
    [344, 346, 348, 350, 352, 354, 356, 358, 360, 362, 364, 366],
  ];

  test('department narrative paragraphs per measure: 8, 5, 7, 13, 12', () => {
    assert.deepEqual(
      measures().map((m) => m.departmentNarratives.length),
      [8, 5, 7, 13, 12],
    );
    assert.deepEqual(
      measures().map((m) => m.departmentNarratives.map((n) => n.line)),
      NARRATIVE_LINES,
    );
  });

  test('every source line of every department answer appears in a narrative', () => {
    measures().forEach((m, i) => {
      const first = NARRATIVE_LINES[i]?.[0] ?? 0;
      for (let no = first; no <= SEED_LINES.length; no++) {
        const line = normalizeText(SEED_LINES[no - 1] ?? '');
        if (line.startsWith('※') || line.startsWith('進捗に')) break;
        if (line === '') continue;
        assert.ok(
          m.departmentNarratives.some((n) => n.text.includes(line)),
          `line ${no} of ${m.name} is in a narrative`,
        );
      }
    });
  });

  test('narrative headings are normalised; the noisy "事務事業の R4 年度進捗" variant is recognised', () => {
    for (const m of measures()) assert.equal(m.departmentNarrativeHeading, '事務事業のR4年度進捗（各課かい回答まとめ）');
  });

  test('division opinion headings, including the 進捗に係る意見 variant in the last measure', () => {
    assert.deepEqual(
      measures().map((m) => m.divisionOpinionHeading),
      [
        '進捗に関する意見（デジタル推進課）',
        '進捗に関する意見（デジタル推進課）',
        '進捗に関する意見（デジタル推進課）',
        '進捗に関する意見（デジタル推進課）',
        '進捗に係る意見（デジタル推進課）',
      ],
    );
    assert.deepEqual(
      measures().map((m) => m.divisionOpinion.length),
      [3, 3, 3, 2, 4],
    );
  });

  test('a paragraph naming two programs targets the first and mentions both', () => {
    const m = measure(1);
    const n = m.departmentNarratives.find((x) => x.line === 148);
    assert.ok(n);
    assert.equal(describeTarget(m, n.target), 'P:消防緊急通信指令システムの適正な運用');
    const mentioned = n.mentions.map((t) => describeTarget(m, t));
    assert.equal(mentioned[0], 'P:消防緊急通信指令システムの適正な運用');
    assert.ok(mentioned.includes('P:消防内部系システムの適正な運用'), mentioned.join(', '));
  });

  test('unquoted subjects attach to sub-items', () => {
    const m2 = measure(1);
    const disaster = m2.departmentNarratives.find((x) => x.line === 144);
    assert.ok(disaster);
    assert.equal(describeTarget(m2, disaster.target), 'S:災害情報の収集へのICTの活用');
    const m3 = measure(2);
    const booking = m3.departmentNarratives.find((x) => x.text.startsWith('公共施設予約システムについては'));
    assert.ok(booking);
    assert.equal(describeTarget(m3, booking.target), 'S:公共施設予約システムの充実');
    assert.deepEqual(booking.target, { programIndex: 4, subItemIndex: 1 });
  });

  test('a name that differs slightly from the table still attaches (similarity)', () => {
    const m = measure(3);
    const n = m.departmentNarratives.find((x) => x.text.startsWith('「ICTを活用した資源保全に関する周知方法の検討」'));
    assert.ok(n);
    assert.equal(describeTarget(m, n.target), 'P:ICTを活用した景観資源保全に関する周知方法の検討');
  });

  test('a paragraph opening with an exact 「program」 targets that program', () => {
    for (const m of measures()) {
      for (const n of m.departmentNarratives) {
        const quoted = /^「([^」]+)」/.exec(n.text)?.[1];
        const program = m.programs.find((p) => p.name === quoted);
        if (program) assert.equal(describeTarget(m, n.target), `P:${program.name}`, n.text.slice(0, 40));
      }
    }
  });

  test('body mentions name sub-items discussed later in the paragraph', () => {
    const m = measure(3);
    const n = m.departmentNarratives.find((x) => x.line === 257);
    assert.ok(n);
    const mentioned = n.mentions.map((t) => describeTarget(m, t));
    assert.deepEqual(mentioned.slice(0, 1), ['P:情報発信システムの普及及び活用']);
    assert.ok(mentioned.includes('S:オンライン動画の活用の普及'));
    assert.ok(mentioned.includes('S:広報紙二次元コードの普及及び活用'));
    for (const x of measures().flatMap((mm) => mm.departmentNarratives)) assert.deepEqual(x.mentions[0], x.target);
  });

  test('page-break splits are joined inside one paragraph, without dropped characters', () => {
    const all = measures().flatMap((m) => m.departmentNarratives.map((n) => n.text));
    const ict = all.find((t) => t.includes('講座を1回開催した。また、'));
    assert.ok(ict?.includes('講座を1回開催した。また、市民ICT相談コーナーを14日開催した。'));
    const plot = all.find((t) => t.includes('プロットデータの'));
    assert.ok(plot?.includes('まっぷdeちがさきを活用した合同点検箇所のプロットデータの作成を行った（令和5年度一般公開済み）。'));
    const fire = all.find((t) => t.includes('各シ'));
    assert.ok(fire?.includes('については、各シシステムを24時間365日停止することなく'));
  });

  test('texts are clean: no **, no "I C T", no space next to Japanese text', () => {
    // One space between two words of Japanese is the author's (「池辺 正典 教授」); any other is noise.
    const cjkSpace =
      /(?<![\u3040-\u30FF\u3400-\u9FFF]) (?=[\u3040-\u30FF\u3400-\u9FFF])|[\s\u3000][\u3001-\u303F\uFF01-\uFF60]|[\u3001-\u303F\uFF01-\uFF60][\s\u3000]|[\u3040-\u30FF\u3400-\u9FFF] (?![\u3040-\u30FF\u3400-\u9FFF])|[\t\n\u3000]| {2}/;
    for (const { path, text } of allStrings(report)) {
      assert.ok(!text.includes('**'), `${path}: ${text}`);
      assert.ok(!text.includes('I C T'), `${path}: ${text}`);
      assert.equal(text, text.trim(), path);
      // Guide headings keep their section number: "1 茅ヶ崎市…".
      if (/^\$\.guide\[\d+\]\.heading$/.test(path)) assert.match(text, /^\d+ \S+$/);
      else assert.ok(!cjkSpace.test(text), `${path}: ${text}`);
    }
  });
});

describe('rejects malformed input with ReportParseError', () => {
  test('empty and whitespace-only files', () => {
    assertParseError('', 0, '空');
    assertParseError(' \n\t\n\u3000\n', 0, '空');
  });

  test('binary garbage: NUL bytes, invalid UTF-8, control characters', () => {
    assertParseError('\u0000\u0001garbage', 1, 'U+0000');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe]).toString('utf8');
    assertParseError(png, 1);
    assertParseError(`令和4年度\n茅ヶ崎市\n\uFFFD\uFFFD\uFFFD`, 3, 'U+FFFD');
    assertParseError('hello\u0007world', 1, 'U+0007');
  });

  test('text that is not a report', () => {
    assertParseError('ただのメモです。\n\n評価とは関係ありません。', 1, '評価要領');
  });

  test('the seed cut in half (by characters, in the middle of a paragraph)', () => {
    const half = SEED.slice(0, Math.floor(SEED.length / 2));
    const lastLine = half.split('\n').length;
    assertParseError(half, lastLine, '途中');
  });

  test('the seed cut in the middle of a table', () => {
    // Line 190 is inside the rating table of measure 3.
    assertParseError(firstLines(190), 190, '施策「ICTによる行政サービスの向上」の評価表の後に');
  });

  test('the seed cut at section boundaries', () => {
    // After a table, before the department answers (the error names the last non-blank line).
    assertParseError(firstLines(196), 195, '評価表の後に');
    // After the department answers, before the division opinion.
    assertParseError(firstLines(113), 112, '意見');
    // After a pillar heading, before its measures.
    assertParseError(firstLines(304), 304, '学識経験者意見」の本文');
    // After the 評価要領, before the plan-wide opinion.
    assertParseError(firstLines(33), 32, '施策展開の柱');
    // In the middle of a cover page.
    assertParseError(firstLines(300), 300, '施策展開の柱の名前');
  });

  test('a cut exactly between pillars parses; the caller’s summary cross-check catches it', () => {
    // Structurally complete: one pillar with two complete measures. Only the counts
    // tell that 62 sub-items are missing, and that check belongs to the caller.
    const cut = parseReport(firstLines(163));
    assert.equal(cut.sections.length, 1);
    assert.equal(subItems(cut).length, 21);
    assert.notEqual(subItems(cut).length, cut.reportedSummary.years.at(-1)?.total);
  });

  test('no summary table', () => {
    const lines = SEED_LINES.filter((_, i) => i + 1 < 44 || i + 1 > 50);
    assertParseError(lines.join('\n'), undefined, '集計表');
  });

  test('a table row with 4 rating cells names its line', () => {
    const text = withLine(128, (l) => l.split('\t').slice(0, 6).join('\t'));
    assertParseError(text, 128, '評価表の行はセルが7個必要ですが6個です（事務事業名, 事務事業細目名, H30, R元, R2, R3, R4）');
    assertParseError(
      withLine(320, (l) => l.split('\t').slice(0, 4).join('\t')),
      320,
      'セルが7個必要ですが4個です',
    );
  });

  test('an unknown rating code names its line', () => {
    assertParseError(
      withLine(81, (l) => l.replace(/A$/, 'D')),
      81,
      '評点「D」は評価基準にありません',
    );
    assertParseError(
      withLine(339, (l) => l.replace(/\tB\t/, '\tX\t')),
      339,
      '評点「X」',
    );
    assertParseError(
      withLine(131, (l) => l.replace(/\tA$/, '\t')),
      131,
      '空欄',
    );
  });

  test('a summary table whose columns do not match', () => {
    assertParseError(
      withLine(47, () => 'B\t19\t23\t14\t11\t6'),
      47,
      '集計表の行はセルが7個必要ですが6個です',
    );
    assertParseError(
      withLine(45, () => '\tH29\tH30\tR1\tR2\tR3'),
      46,
      'セルが6個必要ですが7個です',
    );
    assertParseError(
      withLine(48, (l) => l.replace(/^C/, 'E')),
      48,
      '集計表の評点「E」',
    );
    assertParseError(
      withLine(46, (l) => l.replace('65', '六五')),
      46,
      '整数',
    );
  });

  test('a department answer whose first paragraph has no subject', () => {
    const text = withLine(96, (l) => l.replace(/^「[^」]+」については、/, ''));
    assertParseError(text, 96, 'どの事務事業');
  });

  test('a quoted subject that is not in the table', () => {
    const text = withLine(98, (l) => l.replace(/^「[^」]+」/, '「存在しない架空の事業」'));
    assertParseError(text, 98, '「存在しない架空の事業」に当たる事務事業');
  });

  test('a footnote item that is not in the table', () => {
    assertParseError(
      withLine(154, () => '「架空の細目」'),
      154,
      '注記の対象「架空の細目」',
    );
  });
});

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
