/** unnestColumns: the arrays an unnest statement reads, one a key. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unnestColumns } from './unnest-columns.js';

test('one array a key, in the order of the keys, nulls kept', () => {
  const rows = [
    { id: 1, name: 'a', note: null },
    { id: 2, name: 'b', note: 'x' },
  ];
  assert.deepEqual(unnestColumns(rows, ['name', 'id', 'note']), [
    ['a', 'b'],
    [1, 2],
    [null, 'x'],
  ]);
  assert.deepEqual(unnestColumns([], ['id']), [[]]);
});
