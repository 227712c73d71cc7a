import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bigramDice,
  endsSentence,
  isCjkChar,
  joinBrokenLines,
  joinPageBreaks,
  nameKey,
  normalizeSentence,
  normalizeText,
  splitParagraphs,
} from './normalize-text.js';

/**
 * Worked examples of the text normalisers, one test per subject: each example is
 * [what the extraction gave, what the reader keeps]; `broken` examples are a heading's or
 * sentence's lines as extracted, joined by joinBrokenLines.
 */
const cases: { name: string; normalize: (s: string) => string; examples: [string, string][]; broken?: [string[], string][] }[] = [
  {
    name: 'spaced-out single letters collapse: "I C T" → "ICT"',
    normalize: normalizeText,
    examples: [
      ['I C T', 'ICT'],
      ['I C T を活用した 円滑な地域社会', 'ICTを活用した円滑な地域社会'],
      ['I C Tによる行政経営の見直し', 'ICTによる行政経営の見直し'],
      ['I C T機器の導入の検討', 'ICT機器の導入の検討'],
      ['まっぷd eちがさきを活用した', 'まっぷdeちがさきを活用した'],
    ],
  },
  {
    name: 'words of real ASCII text keep their spaces',
    normalize: normalizeText,
    examples: [
      ['Web API', 'Web API'],
      ['Web   API', 'Web API'],
      ['J-LIS', 'J-LIS'],
      ['a B2 c', 'a B2 c'],
      ['ICT BCP', 'ICT BCP'],
    ],
  },
  {
    name: 'spaces next to Japanese text or fullwidth punctuation are removed',
    normalize: normalizeText,
    examples: [
      ['平成 28 年度（2016 年度）', '平成28年度（2016年度）'],
      ['Youtube で映像配信した。', 'Youtubeで映像配信した。'],
      ['市公式 LINE アカウント', '市公式LINEアカウント'],
      ['事務事業の R4 年度進捗（各課かい回答まとめ）', '事務事業のR4年度進捗（各課かい回答まとめ）'],
      ['目標達成となる A が全体の 71.08%であった', '目標達成となるAが全体の71.08%であった'],
      ['I C T を活用した 円滑な地域社会', 'ICTを活用した円滑な地域社会'],
      ['令和\u30004\u3000年度', '令和4年度'],
    ],
  },
  {
    name: 'in sentences one space between two words of Japanese is the author’s and stays; in headings it goes',
    normalize: normalizeSentence,
    examples: [
      ['文教大学 情報学部 情報システム学科 池辺 正典 教授より', '文教大学 情報学部 情報システム学科 池辺 正典 教授より'],
      ['池辺\u3000正典', '池辺 正典'],
      // Runs of spaces, and spaces beside punctuation, Latin letters or digits, are extraction noise.
      ['池辺  正典', '池辺正典'],
      ['教授 。 令和 4 年度', '教授。令和4年度'],
    ],
    broken: [
      [['池辺 正典 教授より記載', 'しております。'], '池辺 正典 教授より記載しております。'],
      [['デジタルで', 'つながる まち'], 'デジタルでつながるまち'],
    ],
  },
  {
    name: 'bold markers are stripped and the text trimmed',
    normalize: normalizeText,
    examples: [
      ['「**個人番号（マイナンバー）の活用の推進**」については', '「個人番号（マイナンバー）の活用の推進」については'],
      ['  \t茅ヶ崎市  ', '茅ヶ崎市'],
      ['', ''],
      [' \u3000 ', ''],
    ],
  },
  {
    name: 'headings broken over lines join without separators',
    normalize: normalizeText,
    examples: [],
    broken: [
      [['I C T を活用した', '安全・安心な', 'まちづくり'], 'ICTを活用した安全・安心なまちづくり'],
      [['I C T を活用した', '効率的な行政経営'], 'ICTを活用した効率的な行政経営'],
    ],
  },
];

for (const c of cases) {
  test(c.name, () => {
    for (const [input, expected] of c.examples) assert.equal(c.normalize(input), expected, input);
    for (const [lines, expected] of c.broken ?? []) assert.equal(joinBrokenLines(lines), expected, lines.join(' / '));
  });
}

test('normalisation is idempotent', () => {
  for (const s of ['I C T を活用した', '平成 28 年度（2016 年度）', 'Web API', '**ICT**', 'まっぷd eちがさき']) {
    assert.equal(normalizeText(normalizeText(s)), normalizeText(s));
  }
});

test('isCjkChar covers kana, kanji and fullwidth punctuation but not ASCII or the ideographic space', () => {
  for (const ch of ['あ', 'ア', '茅', 'ヶ', '（', '」', '、', '。', '・', '～']) assert.ok(isCjkChar(ch), ch);
  for (const ch of ['A', '1', '(', ' ', '\u3000', '%']) assert.ok(!isCjkChar(ch), ch);
});

test('endsSentence: full stop and closing brackets end a sentence; list lead-ins do not', () => {
  for (const s of ['行った。', '「災害情報の管理システムの導入検討」', '（令和5年度一般公開済み）', 'done.', 'OK)']) assert.ok(endsSentence(s), s);
  for (const s of ['また、', '作成を行', '各シ', '事務事業細目・・・', '次のとおり：', '']) assert.ok(!endsSentence(s), s);
});

test('page-break splits join without inserting anything', () => {
  const joined = joinPageBreaks([
    { text: '…プロットデータの作成を行', line: 106 },
    { text: 'った（令和5年度一般公開済み）。', line: 108 },
    { text: '「消防…」については、各シ', line: 148 },
    { text: 'システムを24時間365日停止することなく安定運用を実現した。', line: 150 },
  ]);
  assert.deepEqual(joined, [
    { text: '…プロットデータの作成を行った（令和5年度一般公開済み）。', line: 106 },
    { text: '「消防…」については、各シシステムを24時間365日停止することなく安定運用を実現した。', line: 148 },
  ]);
});

test('joinPageBreaks never drops characters (lossless except whitespace)', () => {
  const input = [
    { text: '講座を1回開催した。また、', line: 1 },
    { text: '市民ICT相談コーナーを14日開催した。', line: 3 },
    { text: '最後の段落', line: 5 },
    { text: '', line: 7 },
  ];
  const out = joinPageBreaks(input);
  const strip = (s: string): string => s.replace(/\s+/g, '');
  assert.equal(strip(out.map((p) => p.text).join('')), strip(input.map((p) => p.text).join('')));
  assert.deepEqual(
    out.map((p) => p.text),
    ['講座を1回開催した。また、市民ICT相談コーナーを14日開催した。', '最後の段落'],
  );
});

test('splitParagraphs: blank lines separate paragraphs, page-break splits are joined, line numbers kept', () => {
  const text = ['最初の段落です。', '', '講座を1回開催した。また、', '', '市民ICT相談コーナーを14日開催した。', '', '二行に', '分かれた段落。'].join('\n');
  assert.deepEqual(splitParagraphs(text, 10), [
    { text: '最初の段落です。', line: 10 },
    { text: '講座を1回開催した。また、市民ICT相談コーナーを14日開催した。', line: 12 },
    { text: '二行に分かれた段落。', line: 16 },
  ]);
  assert.deepEqual(splitParagraphs('\n\n  \n'), []);
});

test('nameKey ignores quotes, bold, spacing noise and fullwidth letters', () => {
  assert.equal(nameKey('「**ICT機器の導入の検討**」'), nameKey('I C T機器の導入の検討'));
  assert.equal(nameKey('ＩＣＴ機器の導入の検討'), 'ICT機器の導入の検討');
  assert.notEqual(nameKey('文書システムの最適化'), nameKey('文書庶務財務システムの最適化'));
});

test('bigramDice: tolerant of a missing word, strict on unrelated names', () => {
  assert.equal(bigramDice('公衆無線LANの整備', '公衆無線LANの整備'), 1);
  assert.ok(bigramDice('ICTを活用した資源保全に関する周知方法の検討', 'ICTを活用した景観資源保全に関する周知方法の検討') >= 0.85);
  assert.ok(bigramDice('納品手続の電子化', '納品手続きの電子化') >= 0.6);
  assert.ok(bigramDice('複合機のオンライン管理', '宇宙教室の動画配信の検討') < 0.2);
  assert.equal(bigramDice('', ''), 1);
});
