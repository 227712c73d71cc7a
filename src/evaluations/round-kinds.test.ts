import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRoundKind, ROUND_KINDS, roundKindLabel } from './round-kinds.js';

test('round kinds are named once, in Japanese and English', () => {
  assert.deepEqual(
    ROUND_KINDS.map((k) => roundKindLabel(k)),
    ['年度評価', '中間評価', '最終評価'],
  );
  assert.deepEqual(
    ROUND_KINDS.map((k) => roundKindLabel(k, 'en')),
    ['Yearly', 'Midterm', 'Final'],
  );
});

test('only the three kinds are kinds', () => {
  assert.ok(ROUND_KINDS.every(isRoundKind));
  for (const v of ['', 'Yearly', 'annual', 1, null, undefined]) assert.equal(isRoundKind(v), false, String(v));
});
