/** Reads started together inside a transaction each get their own answer, in order, on every store. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engines } from '../test-support/db.js';
import { assertNothingEscapesTransaction } from '../test-support/transaction-checks.js';

for (const engine of engines()) {
  test(`${engine}: queries started together in a transaction are answered one at a time`, async (t) => {
    const { db, cleanup } = await createTestDb(engine, { migrate: false });
    t.after(cleanup);
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    t.after(() => process.off('warning', onWarning));

    const answers = await db.transaction((tx) =>
      Promise.all([1, 2, 3, 4, 5].map((n) => tx.query<{ n: number }>('select $1::int as n, pg_sleep(0.001)', [n]).then((r) => r.rows[0]?.n))),
    );
    assert.deepEqual(answers, [1, 2, 3, 4, 5]);

    await assert.rejects(
      db.transaction((tx) => Promise.all([tx.query('select 1/0'), tx.query('select 1')])),
      /division by zero/,
      'the first error fails the transaction; the queued query after it does not hide it',
    );
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(
      warnings.filter((w) => w.name === 'DeprecationWarning').map((w) => w.message),
      [],
    );
  });

  test(`${engine}: nothing a transaction started escapes its rollback, and nothing runs after its end`, async (t) => {
    const { db, cleanup } = await createTestDb(engine, { migrate: false });
    t.after(cleanup);
    await assertNothingEscapesTransaction(db);
  });
}

test('postgres: a statement with parameters is prepared once per connection and reused; one without is sent as text', {
  skip: engines().includes('postgres') ? false : 'TEST_DATABASE_URL is not set',
}, async (t) => {
  const { db, cleanup } = await createTestDb('postgres', { migrate: false });
  t.after(cleanup);
  const sql = 'select $1::int + 1 as n';
  const prepared = await db.transaction(async (tx) => {
    assert.equal((await tx.query<{ n: number }>(sql, [1])).rows[0]?.n, 2);
    assert.equal((await tx.query<{ n: number }>(sql, [41])).rows[0]?.n, 42, 'the same statement with other values');
    await tx.query('select 2 as two');
    return (
      await tx.query<{ name: string; statement: string }>(
        `select name, statement from pg_prepared_statements where statement in ('select $1::int + 1 as n', 'select 2 as two')`,
      )
    ).rows;
  });
  assert.equal(prepared.length, 1, 'only the statement with parameters was prepared on this connection');
  assert.equal(prepared[0]!.statement, sql);
  assert.match(prepared[0]!.name, /^hyoka_[0-9a-f]{40}$/, 'named by its text, the same in every process');
});

test('postgres: a prepared statement whose columns changed (a migration elsewhere) runs again unnamed', {
  skip: engines().includes('postgres') ? false : 'TEST_DATABASE_URL is not set',
}, async (t) => {
  const { db, cleanup } = await createTestDb('postgres', { migrate: false });
  t.after(cleanup);
  await db.exec('create table widened (id int)');
  await db.query('insert into widened values ($1)', [1]);
  const all = 'select * from widened where id = $1';
  assert.deepEqual((await db.query(all, [1])).rows, [{ id: 1 }]);
  await db.exec('alter table widened add column note text');
  assert.deepEqual((await db.query(all, [1])).rows, [{ id: 1, note: null }], 'outside a transaction: answered at once');
  assert.deepEqual((await db.query(all, [1])).rows, [{ id: 1, note: null }], 'and from then on');
});
