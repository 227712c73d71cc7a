import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideRatedTiers, primaryTier } from './rated-tiers.js';

const tiers = (names: string[], bound: number[] = []) => names.map((name, i) => ({ level: i + 1, name, scaleId: bound.includes(i + 1) ? 100 + i : null }));

test('tiers bound to a scale are the rated ones, the deepest of them primary', () => {
  const rated = decideRatedTiers(tiers(['基本目標', '政策', '基本施策', '施策', '事務事業'], [4, 5]), [1, 2, 3, 4, 5]);
  assert.deepEqual(
    rated.map((t) => [t.level, t.name, t.scaleId, t.primary]),
    [
      [4, '施策', 103, false],
      [5, '事務事業', 104, true],
    ],
  );
  assert.equal(primaryTier(rated)?.name, '事務事業');
});

test('without bound tiers, the deepest tier that has ratings is rated, whatever the depth', () => {
  assert.deepEqual(
    decideRatedTiers(tiers(['基本目標', '施策', 'KPI']), [3]).map((t) => [t.level, t.name, t.primary]),
    [[3, 'KPI', true]],
  );
  // Ratings on a middle tier only: that tier, not the deepest.
  assert.deepEqual(
    decideRatedTiers(tiers(['柱', '施策', '事業', '細目']), [2]).map((t) => t.level),
    [2],
  );
  assert.deepEqual(
    decideRatedTiers(tiers(['柱', '施策']), [1, 2]).map((t) => t.level),
    [2],
  );
});

test('a plan without ratings is rated on its deepest tier; one without tiers on the deepest rated level', () => {
  assert.deepEqual(
    decideRatedTiers(tiers(['目標', '施策', '事業'])).map((t) => t.level),
    [3],
  );
  assert.deepEqual(
    decideRatedTiers([], [3, 4]).map((t) => [t.level, t.name, t.primary]),
    [[4, '', true]],
  );
  assert.deepEqual(decideRatedTiers([], []), []);
  assert.equal(primaryTier([]), undefined);
});

test('tiers given out of order are sorted by level', () => {
  const rated = decideRatedTiers([...tiers(['a', 'b', 'c'], [1, 3])].reverse());
  assert.deepEqual(
    rated.map((t) => [t.level, t.primary]),
    [
      [1, false],
      [3, true],
    ],
  );
});
