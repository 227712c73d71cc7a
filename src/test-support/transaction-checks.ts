/**
 * A transaction keeps what it started: statements queued behind a failed one are rolled back
 * with it, and one started after the transaction ended is refused, never run on its own.
 * Shared by the tests of every way a store runs (PostgreSQL, PGlite inline and in its thread).
 */
import assert from 'node:assert/strict';
import type { Db } from '../db/db.js';

export async function assertNothingEscapesTransaction(db: Db): Promise<void> {
  await db.exec('create table escape_probe (n int)');
  const count = async () => (await db.query<{ n: number }>('select count(*)::int as n from escape_probe')).rows[0]?.n;

  await assert.rejects(
    db.transaction((tx) =>
      Promise.all([tx.query('select 1/0'), tx.query('insert into escape_probe values (1)'), tx.query('insert into escape_probe values (2)')]),
    ),
    /division by zero/,
  );
  assert.equal(await count(), 0, 'the writes queued behind the failed read were rolled back with it');

  let late: Promise<unknown> | undefined;
  await db.transaction(async (tx) => {
    await tx.query('insert into escape_probe values (3)');
    late = new Promise((resolve) => setTimeout(resolve, 20)).then(() => tx.query('insert into escape_probe values (4)'));
  });
  await assert.rejects(late!, /ended|closed/i);
  assert.equal(await count(), 1, 'only the committed row; the late statement never ran');
  await db.exec('drop table escape_probe');
}
