/**
 * The parser refuses malformed input with a ReportParseError naming the line where it can.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from './parse-report.js';
import { SEED, SEED_LINES, subItems, withLine, firstLines, assertParseError } from '../test-support/parsed-seed.js';

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
