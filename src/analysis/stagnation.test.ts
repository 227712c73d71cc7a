import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findStagnantItems, ratingTrend, stagnantCodes, stagnantRuns, trendCounts, type RatedItem, type ScaleCodeInfo } from './stagnation.js';
import { engines } from '../test-support/db.js';
import { SEED_B_EVERY_YEAR, seededDbForSuite } from '../test-support/seed.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { findPublicPlan, ratedItems, loadPublicDataset } from '../portal/public-data.js';

const SCALE: ScaleCodeInfo[] = [
  { code: 'A', position: 1, countsAsAchieved: true, isNotEvaluated: false },
  { code: 'B', position: 2, countsAsAchieved: false, isNotEvaluated: false },
  { code: 'C', position: 3, countsAsAchieved: false, isNotEvaluated: false },
  { code: '—', position: 4, countsAsAchieved: false, isNotEvaluated: true },
];

function item(id: number, codes: Record<number, string>): RatedItem {
  return { id, code: `1.1.1.${id}`, name: `細目${id}`, ratings: new Map(Object.entries(codes).map(([fy, code]) => [Number(fy), { code }])) };
}

describe('stagnation (pure)', () => {
  test('B and C are the stagnant codes of the seed scale; A and — are not', () => {
    assert.deepEqual([...stagnantCodes(SCALE)].sort(), ['B', 'C']);
  });

  test('a run needs consecutive fiscal years: a gap or an A breaks it', () => {
    const runs = stagnantRuns(item(1, { 2018: 'B', 2019: 'C', 2020: 'B', 2021: 'A', 2022: 'B' }).ratings, stagnantCodes(SCALE), 3);
    assert.deepEqual(runs, [{ fromFiscalYear: 2018, toFiscalYear: 2020, years: 3, codes: ['B', 'C', 'B'] }]);
    assert.deepEqual(stagnantRuns(item(2, { 2018: 'B', 2019: 'B', 2021: 'B' }).ratings, stagnantCodes(SCALE), 3), []);
    assert.deepEqual(stagnantRuns(item(3, { 2018: 'B', 2019: 'B', 2020: '—' }).ratings, stagnantCodes(SCALE), 3), []);
  });

  test('ongoing runs come first, then the longest; two years is not enough', () => {
    const found = findStagnantItems(
      [
        item(1, { 2018: 'B', 2019: 'B', 2020: 'B', 2021: 'A', 2022: 'A' }),
        item(2, { 2018: 'A', 2019: 'A', 2020: 'B', 2021: 'B', 2022: 'B' }),
        item(3, { 2018: 'A', 2019: 'A', 2020: 'A', 2021: 'B', 2022: 'B' }),
        item(4, { 2018: 'C', 2019: 'B', 2020: 'B', 2021: 'B', 2022: 'B' }),
      ],
      SCALE,
    );
    assert.deepEqual(
      found.map((f) => [f.itemId, f.longest.years, f.ongoing]),
      [
        [4, 5, true],
        [2, 3, true],
        [1, 3, false],
      ],
    );
    assert.throws(() => findStagnantItems([], SCALE, 0), RangeError);
  });

  test('trend compares the first and last evaluated years on the scale order', () => {
    assert.equal(ratingTrend(item(1, { 2018: 'C', 2019: 'B', 2020: 'A' }).ratings, SCALE), 'improved');
    assert.equal(ratingTrend(item(1, { 2018: 'A', 2019: 'B', 2020: '—' }).ratings, SCALE), 'worsened');
    assert.equal(ratingTrend(item(1, { 2018: 'B', 2019: 'A', 2020: 'B' }).ratings, SCALE), 'unchanged');
    assert.equal(ratingTrend(item(1, { 2018: '—', 2019: 'A' }).ratings, SCALE), 'unknown');
    assert.deepEqual(trendCounts([item(1, { 2018: 'C', 2019: 'A' }), item(2, { 2018: 'A' })], SCALE), { improved: 1, worsened: 0, unchanged: 0, unknown: 1 });
  });
});

for (const engine of engines()) {
  describe(`stagnation in the seed (${engine})`, () => {
    const t = seededDbForSuite(engine);

    test("the expert's five B items of R4 are stagnant for all five years shown (H30–R4)", async () => {
      const data = await loadPublicDataset(t.db, await findPublicPlan(t.db, SAMPLE_PLAN_SLUG));
      const items = ratedItems(data).map((i) => ({ id: i.id, code: i.code, name: i.name, ratings: new Map(i.ratings.map((r) => [r.fiscalYear, r])) }));
      const found = findStagnantItems(items, data.scale, 3);
      const ongoing = found.filter((f) => f.ongoing);
      assert.deepEqual(ongoing.map((f) => f.name).sort(), [...SEED_B_EVERY_YEAR].sort());
      for (const f of ongoing) assert.deepEqual([f.longest.fromFiscalYear, f.longest.toFiscalYear, f.longest.years], [2018, 2022, 5]);
      // Every item found really has 3+ consecutive B/C years in the stored ratings.
      for (const f of found) assert.ok(f.longest.codes.every((c) => c === 'B' || c === 'C') && f.longest.years >= 3);
    });
  });
}
