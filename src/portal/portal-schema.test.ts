import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInput } from '../web/forms.js';
import { dataFileParams, departmentParams, ratingsFileParams, searchQuery } from './portal-schema.js';
import { MAX_QUERY_LENGTH } from './search.js';

test('search: one trimmed term; absent is no search; repeated or too long is a message in the reader’s language', () => {
  assert.deepEqual(parseInput(searchQuery('ja'), { q: '  電子申請 ' }), { ok: true, value: { q: '電子申請' } });
  assert.deepEqual(parseInput(searchQuery('ja'), {}), { ok: true, value: { q: '' } });
  const repeated = parseInput(searchQuery('ja'), { q: ['a', 'b'] });
  assert.equal(repeated.ok, false);
  assert.equal(!repeated.ok && repeated.errors.q, '検索語は1つだけ指定してください。');
  const long = parseInput(searchQuery('en'), { q: 'a'.repeat(MAX_QUERY_LENGTH + 1) }, 'en');
  assert.equal(!long.ok && long.errors.q, `The search term is too long (max ${MAX_QUERY_LENGTH}).`);
  assert.equal(parseInput(searchQuery('ja'), { q: ` ${'a'.repeat(MAX_QUERY_LENGTH)} ` }).ok, true);
});

test('data files: the zip, a known table as CSV or JSON; anything else does not parse', () => {
  assert.deepEqual(parseInput(dataFileParams, { slug: 's', file: 'all.zip' }), { ok: true, value: { slug: 's', file: { kind: 'zip' } } });
  assert.deepEqual(parseInput(dataFileParams, { slug: 's', file: 'ratings.json' }), {
    ok: true,
    value: { slug: 's', file: { kind: 'table', name: 'ratings', ext: 'json' } },
  });
  for (const file of ['nope.csv', 'summary.xlsx', 'Summary.csv', '../summary.csv', 'summary']) {
    assert.equal(parseInput(dataFileParams, { slug: 's', file }).ok, false, file);
  }
});

test('ratings subsets and department ids', () => {
  assert.deepEqual(parseInput(ratingsFileParams, { slug: 's', file: 'item-2.1.4.csv' }), {
    ok: true,
    value: { slug: 's', file: { subset: 'item-2.1.4', ext: 'csv' } },
  });
  assert.deepEqual(parseInput(ratingsFileParams, { slug: 's', file: 'department-12.json' }), {
    ok: true,
    value: { slug: 's', file: { subset: 'department-12', ext: 'json' } },
  });
  assert.equal(parseInput(ratingsFileParams, { slug: 's', file: 'item-x.csv' }).ok, false);
  // Codes of any depth; never an empty part or a path.
  assert.equal(parseInput(ratingsFileParams, { slug: 's', file: 'item-1.2.1.2.3.json' }).ok, true);
  assert.equal(parseInput(ratingsFileParams, { slug: 's', file: 'item-2.json' }).ok, true);
  for (const file of ['item-2..1.csv', 'item-.csv', 'item-2/1.csv', 'item-2.1.xlsx'])
    assert.equal(parseInput(ratingsFileParams, { slug: 's', file }).ok, false, file);
  assert.deepEqual(parseInput(departmentParams, { slug: 's', id: '42' }), { ok: true, value: { slug: 's', id: 42 } });
  assert.equal(parseInput(departmentParams, { slug: 's', id: '4a' }).ok, false);
  assert.equal(parseInput(departmentParams, { slug: 's', id: '1234567890' }).ok, false);
});
