/**
 * An on-disk embedded store runs in a worker thread: the same `Db` contract as on the
 * caller's thread (parameters, errors with their SQLSTATE, transactions that roll back,
 * queries that wait for an open transaction), and the event loop keeps turning while a
 * long query runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from './db.js';
import { openPgliteWorker, prewarmPgliteThread } from './pglite-thread.js';
import { LOCK_FILE } from './store-lock.js';
import { loadPgliteTemplate } from '../test-support/pglite-template.js';
import { assertNothingEscapesTransaction } from '../test-support/transaction-checks.js';

/** An in-memory database from the tests' migrated template (cheap), or an on-disk store. */
async function store(t: { after(fn: () => unknown): void }, thread: 'worker' | 'inline', onDisk = false): Promise<{ db: Db; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), `hyoka-thread-${thread}-`));
  const db = onDisk ? await openDb({ dataDir: dir, thread }) : await openDb({ inMemory: true, loadDataDir: await loadPgliteTemplate(), thread });
  t.after(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, dir };
}

for (const thread of ['worker', 'inline'] as const) {
  test(`${thread}: parameters, errors, transactions and order`, async (t) => {
    const { db } = await store(t, thread);
    await db.exec('create table t (id int primary key, at timestamptz, tags text[], note text)');
    const at = new Date('2026-04-01T00:00:00Z');
    const inserted = await db.query('insert into t values ($1, $2, $3, $4), ($5, $2, $3, null)', [1, at, ['a', 'b'], '池辺 正典', 2]);
    assert.equal(inserted.rowCount, 2);
    const rows = (await db.query<{ id: number; at: Date; tags: string[]; note: string | null }>('select * from t order by id')).rows;
    assert.deepEqual(rows, [
      { id: 1, at, tags: ['a', 'b'], note: '池辺 正典' },
      { id: 2, at, tags: ['a', 'b'], note: null },
    ]);

    await assert.rejects(db.query('insert into t (id) values (1)'), (e: Error & { code?: string; constraint?: string }) => {
      assert.equal(e.code, '23505');
      assert.equal(e.constraint, 't_pkey');
      assert.match(e.message, /duplicate key/);
      return true;
    });

    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query('insert into t (id) values (3)');
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.equal((await db.query('select 1 from t where id = 3')).rowCount, 0, 'rolled back');

    // A query sent while a transaction is open runs after it, never inside it.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const order: string[] = [];
    const tx = db.transaction(async (q) => {
      await q.query('insert into t (id) values (4)');
      await gate;
      order.push('tx');
    });
    const outside = db.query<{ n: number }>('select count(*)::int as n from t').then((r) => {
      order.push('outside');
      return r.rows[0]!.n;
    });
    release();
    await tx;
    assert.equal(await outside, 3);
    assert.deepEqual(order, ['tx', 'outside']);
  });

  test(`${thread}: what is asked while a transaction holds the line runs after its end, in the order asked`, async (t) => {
    const { db } = await store(t, thread);
    await db.exec('create table line (id int primary key)');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const order: string[] = [];
    const first = db.transaction(async (q) => {
      await q.query('insert into line values (1)');
      await gate;
      order.push('first transaction');
    });
    const write = db.query('insert into line values ($1)', [2]).then(() => order.push('write'));
    const read = db.query<{ ids: number[] }>('select array_agg(id order by id) as ids from line').then((r) => {
      order.push('read');
      return r.rows[0]!.ids;
    });
    const second = db.transaction(async (q) => {
      await q.query('insert into line values (3)');
      order.push('second transaction');
    });
    const last = db.query<{ n: number }>('select count(*)::int as n from line').then((r) => r.rows[0]!.n);
    release();
    await Promise.all([first, write, second]);
    assert.deepEqual(await read, [1, 2], 'the read asked after the write sees it, and nothing of the transaction asked after it');
    assert.equal(await last, 3);
    assert.deepEqual(order, ['first transaction', 'write', 'read', 'second transaction']);
  });

  test(`${thread}: nothing a transaction started escapes its rollback, and nothing runs after its end`, async (t) => {
    const { db } = await store(t, thread);
    await assertNothingEscapesTransaction(db);
  });
}

test('worker: the event loop turns while a long query runs; close ends the thread and frees the store', async (t) => {
  const { db, dir } = await store(t, 'worker', true);
  let done = false;
  const long = db.query<{ n: number }>('select count(*)::int as n from generate_series(1, 3000000) g, lateral (select g * 2) x').then((r) => {
    done = true;
    return r.rows[0]!.n;
  });
  let turns = 0;
  while (!done && turns < 5) {
    await new Promise((resolve) => setImmediate(resolve));
    turns += 1;
  }
  assert.equal(turns, 5, 'five turns of the event loop before the query answered');
  assert.equal(await long, 3_000_000);
  await db.close();
  assert.equal(existsSync(join(dir, LOCK_FILE)), false, 'the lock is released');
  await assert.rejects(db.query('select 1'));
});

test('worker: a statement sent as part of a transaction is refused when none is open (its BEGIN failed)', async (t) => {
  const connection = await openPgliteWorker({});
  t.after(() => connection.close());
  await connection.exec('create table lone (id int)');
  await assert.rejects(connection.query('insert into lone values ($1)', [1], { inTransaction: true }), /transaction did not begin/);
  await assert.rejects(connection.exec('insert into lone values (2)', { inTransaction: true }), /transaction did not begin/);
  assert.deepEqual((await connection.query('select * from lone', [])).rows, [], 'neither ran on its own');
  await connection.exec('begin');
  await connection.query('insert into lone values ($1)', [3], { inTransaction: true });
  await connection.exec('commit');
  assert.deepEqual((await connection.query('select * from lone', [])).rows, [{ id: 3 }], 'inside a transaction it runs');
});

test('worker: a thread started before the store is named opens it (and a second store gets a thread of its own)', async (t) => {
  prewarmPgliteThread();
  const first = await store(t, 'worker', true);
  await first.db.exec('create table warm (id int)');
  await first.db.query('insert into warm values ($1)', [1]);
  assert.deepEqual((await first.db.query('select id from warm')).rows, [{ id: 1 }]);
  const second = await store(t, 'worker', true);
  assert.equal((await second.db.query("select to_regclass('warm') as t")).rows[0]?.t, null, 'a store of its own');
});
