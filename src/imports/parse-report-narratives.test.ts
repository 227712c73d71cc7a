/**
 * The parser over the sample report: department narratives and the division's and expert's
 * opinions, their targets and mentions, and clean text.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeText } from './normalize-text.js';
import { SEED_LINES, report, measures, measure, describeTarget, allStrings } from '../test-support/parsed-seed.js';

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
    const usual = '進捗に関する意見（デジタル推進課）';
    assert.deepEqual(
      measures().map((m) => m.divisionOpinionHeading),
      [usual, usual, usual, usual, '進捗に係る意見（デジタル推進課）'],
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
