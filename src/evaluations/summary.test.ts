import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheckSummary, summarizeRatings, type ScaleCode } from './summary.js';

/** A small factory: an A/B/C/— scale where only A counts as achieved. */
function abcScale(): ScaleCode[] {
  return ['A', 'B', 'C', '—'].map((code, i) => ({
    code,
    label: code,
    criteria: '',
    position: i + 1,
    countsAsAchieved: code === 'A',
    isNotEvaluated: code === '—',
  }));
}

test('computed years count ratings; reported-only years keep the published figures', () => {
  const ratings = [
    { fiscalYear: 2021, code: 'A' },
    { fiscalYear: 2021, code: 'B' },
    { fiscalYear: 2021, code: '—' },
    { fiscalYear: 2022, code: 'A' },
    { fiscalYear: 2022, code: 'A' },
    { fiscalYear: 2022, code: 'C' },
  ];
  const reported = [
    { fiscalYear: 2020, code: 'A', count: 1 },
    { fiscalYear: 2020, code: 'B', count: 2 },
    // A reported figure for a computed year never overrides the computed count.
    { fiscalYear: 2022, code: 'A', count: 99 },
  ];
  const years = summarizeRatings(ratings, abcScale(), reported);
  assert.deepEqual(
    years.map((y) => [y.fiscalYear, y.label, y.source, y.counts, y.total, y.achievementRate]),
    [
      [2020, 'R2', 'reported', { A: 1, B: 2, C: 0, '—': 0 }, 3, 0.3333],
      [2021, 'R3', 'computed', { A: 1, B: 1, C: 0, '—': 1 }, 3, 0.3333],
      [2022, 'R4', 'computed', { A: 2, B: 0, C: 1, '—': 0 }, 3, 0.6667],
    ],
  );
});

test('a scale with several achieved codes (S/A/B/C) counts them all', () => {
  const scale: ScaleCode[] = ['S', 'A', 'B', 'C'].map((code, i) => ({
    code,
    label: code,
    criteria: '',
    position: i + 1,
    countsAsAchieved: code === 'S' || code === 'A',
    isNotEvaluated: false,
  }));
  const [y] = summarizeRatings(
    [
      { fiscalYear: 2023, code: 'S' },
      { fiscalYear: 2023, code: 'A' },
      { fiscalYear: 2023, code: 'C' },
      { fiscalYear: 2023, code: 'B' },
    ],
    scale,
  );
  assert.equal(y?.achievementRate, 0.5);
  assert.deepEqual(Object.keys(y!.counts), ['S', 'A', 'B', 'C']);
});

test('an empty year has no rate rather than a division by zero', () => {
  const [y] = summarizeRatings([], abcScale(), [{ fiscalYear: 2019, code: 'A', count: 0 }]);
  assert.equal(y?.total, 0);
  assert.equal(y?.achievementRate, null);
});

test('cross-check names each mismatching figure', () => {
  const ratings = [
    { fiscalYear: 2022, code: 'A' },
    { fiscalYear: 2022, code: 'B' },
  ];
  const mismatches = crossCheckSummary(
    ratings,
    [
      { fiscalYear: 2022, code: 'A', count: 2 },
      { fiscalYear: 2022, code: 'B', count: 1 },
      { fiscalYear: 2017, code: 'A', count: 5 },
    ],
    abcScale(),
  );
  assert.deepEqual(mismatches, [{ fiscalYear: 2022, code: 'A', reported: 2, computed: 1 }]);
});
