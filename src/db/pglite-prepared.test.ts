/** Prepared statements on the embedded store answer exactly as PGlite's own query does. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import * as pgliteModule from '@electric-sql/pglite';
import { PreparedStatements } from './pglite-prepared.js';

async function withPglite(t: import('node:test').TestContext): Promise<PGlite> {
  const pg = await PGlite.create();
  t.after(() => pg.close());
  await pg.exec(`create table probe (
    id int generated always as identity primary key, n int, big bigint, amount numeric, ok boolean, label text,
    at timestamptz, day date, doc jsonb, ids int[], words text[])`);
  return pg;
}

test('rows, values and counts as PGlite query gives them, for every type the app reads', async (t) => {
  const pg = await withPglite(t);
  const prepared = new PreparedStatements(pg, pgliteModule);
  const insert = `insert into probe (n, big, amount, ok, label, at, day, doc, ids, words)
    values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::int[], $10::text[]) returning id`;
  const values = [
    [7, 9007199254740991, '12.50', true, '茅ヶ崎', new Date('2023-04-01T09:00:00Z'), '2023-04-01', '{"a":[1,"二"]}', [1, 2], ['A', 'B,C']],
    [null, null, null, null, null, null, null, null, null, null],
  ];
  for (const row of values) {
    const mine = await prepared.query(insert, row);
    assert.equal(mine.affectedRows, 1);
    assert.equal(mine.rows.length, 1);
  }
  const select = 'select id, n, big, amount, ok, label, at, day, doc, ids, words, n as "n", $1::text as echo from probe where id >= $2 order by id';
  const theirs = await pg.query(select, ['こんにちは', 1]);
  const mine = await prepared.query(select, ['こんにちは', 1]);
  assert.deepEqual(mine.rows, theirs.rows);
  assert.equal(mine.rows.length, 2);
  assert.deepEqual((mine.rows[0] as { ids: number[] }).ids, [1, 2], 'arrays parsed');
  assert.ok((mine.rows[0] as { at: unknown }).at instanceof Date, 'timestamps as dates');

  const updated = await prepared.query('update probe set label = $1 where id > $2', ['更新', 0]);
  assert.equal(updated.affectedRows, 2, 'both rows');
  assert.deepEqual(updated.rows, []);
  assert.equal((await prepared.query('delete from probe where id = $1', [-1])).affectedRows, 0);
});

test('errors are PostgreSQL errors with their codes; a statement that failed to parse is not kept', async (t) => {
  const pg = await withPglite(t);
  const prepared = new PreparedStatements(pg, pgliteModule);
  await pg.exec('create unique index probe_label on probe (label)');
  await prepared.query('insert into probe (label) values ($1)', ['一つ']);
  await assert.rejects(prepared.query('insert into probe (label) values ($1)', ['一つ']), (e: Error & { code?: string }) => e.code === '23505');
  await assert.rejects(prepared.query('selec $1', [1]), (e: Error & { code?: string }) => e.code === '42601');
  await assert.rejects(prepared.query('selec $1', [1]), (e: Error & { code?: string }) => e.code === '42601', 'parsed again, refused again');
  assert.equal((await prepared.query('select count(*)::int as c from probe where label = $1', ['一つ'])).rows[0]?.c, 1, 'the store goes on');
});

test('a statement whose columns changed under it is prepared again; past the limit texts are parsed each time', async (t) => {
  const pg = await withPglite(t);
  const prepared = new PreparedStatements(pg, pgliteModule, 1);
  const all = 'select * from probe where id > $1';
  assert.deepEqual(Object.keys((await prepared.query(`${all} union all select * from probe where false`, [0])).rows[0] ?? {}), []);
  await prepared.query('insert into probe (n) values ($1)', [1]);
  const before = await prepared.query(`${all} union all select * from probe where false`, [0]);
  assert.ok(!('extra' in (before.rows[0] ?? {})));
  await pg.exec('alter table probe add column extra text');
  const after = await prepared.query(`${all} union all select * from probe where false`, [0]);
  assert.ok('extra' in (after.rows[0] ?? {}), 'the new column shows: prepared again after PostgreSQL refused the old plan');
  // The limit (1) is taken: another text still runs, unnamed.
  assert.equal((await prepared.query('select $1::int + 1 as two', [1])).rows[0]?.two, 2);
  const kept = await pg.query<{ n: number }>(`select count(*)::int as n from pg_prepared_statements where name like 'hyoka_%'`);
  assert.ok(kept.rows[0]!.n <= 2, 'only the kept text (and its stale former self) are prepared');
});

test('statements started together in a transaction run in order, before its COMMIT or ROLLBACK', async (t) => {
  const pg = await withPglite(t);
  const prepared = new PreparedStatements(pg, pgliteModule);
  await assert.rejects(
    pg.transaction((tx) =>
      Promise.all([
        prepared.query('select 1/$1::int', [0]),
        prepared.query('insert into probe (n) values ($1)', [1]),
        tx.query('insert into probe (n) values (2)'),
      ]),
    ),
    /division by zero/,
  );
  assert.equal((await prepared.query('select count(*)::int as c from probe where n > $1', [0])).rows[0]?.c, 0, 'rolled back with the failed statement');
});
