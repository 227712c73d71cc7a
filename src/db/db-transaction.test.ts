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
