import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { renderToString } from 'preact-render-to-string';
import { RATING_PALETTE } from './palette.js';
import { RatingChart, niceMax, ratingChartDescription, type RatingChartYear } from './rating-chart.js';

const series = [
  { code: 'A', label: 'A' },
  { code: 'B', label: 'B' },
  { code: 'C', label: 'C' },
  { code: '—', label: '—' },
];
const year = (label: string, counts: Record<string, number>, rate: number | null): RatingChartYear => {
  const total = Object.values(counts).reduce((n, c) => n + c, 0);
  return { label, counts, total, rate, rateLabel: rate === null ? '—' : `${(rate * 100).toFixed(2)}%` };
};
const years = [year('R3', { A: 68, B: 9, C: 1, '—': 5 }, 0.8193), year('R4', { A: 73, B: 5, C: 0, '—': 5 }, 0.8795), year('R5', {}, null)];

function render(lang: 'ja' | 'en' = 'ja') {
  const svg = renderToString(<RatingChart id="t" title="評価の推移" lang={lang} series={series} years={years} />);
  return { svg, document: parseHTML(`<!doctype html><html><body>${svg}</body></html>`).document };
}

test('chart scales: nice axis maxima', () => {
  assert.deepEqual(niceMax(83), { max: 100, step: 25 });
  assert.deepEqual(niceMax(21), { max: 30, step: 10 });
  assert.deepEqual(niceMax(0), { max: 4, step: 1 });
});

test('bars stack to each year’s total, one patterned fill per series, none for a zero count', () => {
  const { document } = render();
  const bars = [...document.querySelectorAll('g.rating-chart-year')].map((g) => [...g.querySelectorAll('rect.rating-chart-bar')]);
  assert.deepEqual(
    bars.map((b) => b.length),
    [4, 3, 0],
  );
  // Plot height 198 (one legend row) for an axis maximum of 100: the stack of R4 is 83% of it.
  const height = (b: Element[]) => b.reduce((n, r) => n + Number(r.getAttribute('height')), 0);
  assert.ok(Math.abs(height(bars[1]!) - (83 / 100) * 198) < 1e-6, String(height(bars[1]!)));
  // Each bar is its series colour (a CSS variable that resolves without a stylesheet) plus its own marks,
  // drawn as clipped geometry: no <pattern> fill, which Chromium would print as a bitmap.
  assert.deepEqual(
    bars[0]!.map((r) => r.getAttribute('fill')),
    RATING_PALETTE.slice(0, 4).map((p) => `var(--${p.token}, ${p.color})`),
  );
  assert.equal(document.querySelectorAll('pattern').length, 0);
  const groups = bars[0]!.map((r) => r.parentElement!);
  assert.equal(groups[0]!.querySelector('path'), null, 'the first series is solid');
  for (const g of groups.slice(1)) {
    const marks = g.querySelector('path');
    assert.ok(marks?.getAttribute('d'), `${g.getAttribute('data-pattern')} has marks over its colour`);
    const clip = document.getElementById(marks!.getAttribute('clip-path')!.replace(/^url\(#|\)$/g, ''));
    assert.equal(clip?.querySelector('rect')?.getAttribute('height'), g.querySelector('rect')?.getAttribute('height'), 'the marks are clipped to the bar');
  }
  assert.equal(new Set(groups.map((g) => g.getAttribute('data-pattern'))).size, 4);
});

test('percentages sit below the plot, where no bar reaches, and the text alternative reads every figure', () => {
  const { document, svg } = render();
  const baseline = Math.max(
    ...[...document.querySelectorAll('rect.rating-chart-bar')].map((r) => Number(r.getAttribute('y')) + Number(r.getAttribute('height'))),
  );
  const labels = [...document.querySelectorAll('text.rating-chart-rate')];
  assert.deepEqual(
    labels.map((l) => l.textContent),
    ['81.93%', '87.95%', '—'],
  );
  for (const l of labels) assert.ok(Number(l.getAttribute('y')) - 11 > baseline, `label at ${l.getAttribute('y')} is below the baseline ${baseline}`);
  const el = document.querySelector('svg')!;
  assert.equal(el.getAttribute('role'), 'img');
  assert.equal(el.getAttribute('aria-labelledby'), 't-title t-desc');
  assert.equal(document.getElementById('t-title')!.textContent, '評価の推移');
  assert.equal(
    document.getElementById('t-desc')!.textContent,
    'R3: A 68件、B 9件、C 1件、— 5件、合計 83件、達成率 81.93%。R4: A 73件、B 5件、C 0件、— 5件、合計 83件、達成率 87.95%。R5: A 0件、B 0件、C 0件、— 0件、合計 0件、達成率 —',
  );
  assert.ok(!/<script|href=|style=/.test(svg));
});

test('the chart speaks English when the reader chose it', () => {
  assert.match(ratingChartDescription(years.slice(1, 2), series, 'en'), /^R4: A 73, B 5, C 0, — 5, total 83, achievement rate 87\.95%$/);
  assert.ok(render('en').svg.includes('Achievement rate'));
});

test('a legend too wide for one row wraps, and the plot makes room for it', () => {
  const long = series.map((s) => ({ code: s.code, label: `${s.code} とても長い評価の説明文です` }));
  const { document } = parseHTML(`<body>${renderToString(<RatingChart id="w" title="t" lang="ja" series={long} years={years} />)}</body>`);
  const rows = new Set([...document.querySelectorAll('.rating-chart-legend > g')].map((g) => g.getAttribute('transform')!.split(', ')[1]));
  assert.ok(rows.size >= 2, `legend rows: ${[...rows].join(' ')}`);
  const tops = [...document.querySelectorAll('rect.rating-chart-bar')].map((r) => Number(r.getAttribute('y')));
  const legendBottom = 8 + (rows.size - 1) * 20 + 14;
  for (const y of tops) assert.ok(y > legendBottom, `bar top ${y} below the legend (${legendBottom})`);
});
