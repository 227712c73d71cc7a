import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { SummaryTable, type SummaryYear } from './summary-table.js';

const scale = [
  { code: 'A', criteria: '目標を達成' },
  { code: 'B', criteria: '概ね達成' },
];
const years: SummaryYear[] = [
  { fiscalYear: 2021, source: 'reported', counts: { A: 3 }, total: 4, achievementRate: 0.75 },
  { fiscalYear: 2022, source: 'computed', counts: { A: 1, B: 1 }, total: 2, achievementRate: 0.5 },
];

test('counts per code and year, totals, rates; reported years are badged and explained', () => {
  const html = renderToString(<SummaryTable years={years} scale={scale} prefs={{ lang: 'ja', era: 'wareki' }} />);
  assert.match(html, /<caption>年度別の評価件数と達成率<\/caption>/);
  assert.match(html, /<th scope="col" class="num">R3<br\/?><span class="badge">報告値<\/span><\/th><th scope="col" class="num">R4<\/th>/);
  assert.match(html, /<th scope="row" title="目標を達成">A<\/th><td class="num">3<\/td><td class="num">1<\/td>/);
  assert.match(html, /<th scope="row" title="概ね達成">B<\/th><td class="num">0<\/td><td class="num">1<\/td>/);
  assert.match(html, /<th scope="row">合計<\/th><td class="num">4<\/td><td class="num">2<\/td>/);
  assert.match(html, /<th scope="row">達成率<\/th><td class="num">75.00%<\/td><td class="num">50.00%<\/td>/);
  assert.match(html, /<p class="note">「報告値」の年度は/);
});

test('English words, a given caption, and no note without reported years', () => {
  const html = renderToString(<SummaryTable years={years.slice(1)} scale={scale} prefs={{ lang: 'en', era: 'seireki' }} caption="Plan X" />);
  assert.match(html, /<caption>Plan X<\/caption>/);
  assert.match(html, /<th scope="col">Rating<\/th><th scope="col" class="num">2022<\/th>/);
  assert.ok(!html.includes('class="note"'));
});
