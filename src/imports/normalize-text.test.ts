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

test('spaced-out single letters collapse: "I C T" → "ICT"', () => {
  assert.equal(normalizeText('I C T'), 'ICT');
  assert.equal(normalizeText('I C T を活用した 円滑な地域社会'), 'ICTを活用した円滑な地域社会');
  assert.equal(normalizeText('I C Tによる行政経営の見直し'), 'ICTによる行政経営の見直し');
  assert.equal(normalizeText('I C T機器の導入の検討'), 'ICT機器の導入の検討');
  assert.equal(normalizeText('まっぷd eちがさきを活用した'), 'まっぷdeちがさきを活用した');
});

test('words of real ASCII text keep their spaces', () => {
  assert.equal(normalizeText('Web API'), 'Web API');
  assert.equal(normalizeText('Web   API'), 'Web API');
  assert.equal(normalizeText('J-LIS'), 'J-LIS');
  assert.equal(normalizeText('a B2 c'), 'a B2 c');
  assert.equal(normalizeText('ICT BCP'), 'ICT BCP');
});

test('spaces next to Japanese text or fullwidth punctuation are removed', () => {
  assert.equal(normalizeText('平成 28 年度（2016 年度）'), '平成28年度（2016年度）');
  assert.equal(normalizeText('Youtube で映像配信した。'), 'Youtubeで映像配信した。');
  assert.equal(normalizeText('市公式 LINE アカウント'), '市公式LINEアカウント');
  assert.equal(normalizeText('事務事業の R4 年度進捗（各課かい回答まとめ）'), '事務事業のR4年度進捗（各課かい回答まとめ）');
  assert.equal(normalizeText('目標達成となる A が全体の 71.08%であった'), '目標達成となるAが全体の71.08%であった');
  assert.equal(normalizeText('I C T を活用した 円滑な地域社会'), 'ICTを活用した円滑な地域社会');
  assert.equal(normalizeText('令和\u30004\u3000年度'), '令和4年度');
});

test('in sentences one space between two words of Japanese is the author’s and stays; in headings it goes', () => {
  assert.equal(normalizeSentence('文教大学 情報学部 情報システム学科 池辺 正典 教授より'), '文教大学 情報学部 情報システム学科 池辺 正典 教授より');
  assert.equal(normalizeSentence('池辺\u3000正典'), '池辺 正典');
  // Runs of spaces, and spaces beside punctuation, Latin letters or digits, are extraction noise.
  assert.equal(normalizeSentence('池辺  正典'), '池辺正典');
  assert.equal(normalizeSentence('教授 。 令和 4 年度'), '教授。令和4年度');
  assert.equal(joinBrokenLines(['池辺 正典 教授より記載', 'しております。']), '池辺 正典 教授より記載しております。');
  assert.equal(joinBrokenLines(['デジタルで', 'つながる まち']), 'デジタルでつながるまち');
});

test('bold markers are stripped and the text trimmed', () => {
  assert.equal(normalizeText('「**個人番号（マイナンバー）の活用の推進**」については'), '「個人番号（マイナンバー）の活用の推進」については');
  assert.equal(normalizeText('  \t茅ヶ崎市  '), '茅ヶ崎市');
  assert.equal(normalizeText(''), '');
  assert.equal(normalizeText(' \u3000 '), '');
});

test('normalisation is idempotent', () => {
  for (const s of ['I C T を活用した', '平成 28 年度（2016 年度）', 'Web API', '**ICT**', 'まっぷd eちがさき']) {
    assert.equal(normalizeText(normalizeText(s)), normalizeText(s));
  }
});

test('isCjkChar covers kana, kanji and fullwidth punctuation but not ASCII or the ideographic space', () => {
  for (const ch of ['あ', 'ア', '茅', 'ヶ', '（', '」', '、', '。', '・', '～']) assert.ok(isCjkChar(ch), ch);
  for (const ch of ['A', '1', '(', ' ', '\u3000', '%']) assert.ok(!isCjkChar(ch), ch);
});

test('headings broken over lines join without separators', () => {
  assert.equal(joinBrokenLines(['I C T を活用した', '安全・安心な', 'まちづくり']), 'ICTを活用した安全・安心なまちづくり');
  assert.equal(joinBrokenLines(['I C T を活用した', '効率的な行政経営']), 'ICTを活用した効率的な行政経営');
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
