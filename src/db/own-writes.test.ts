/** Reads kept until the next write: answered from memory on the embedded store while nothing was sent that may write. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engines } from '../test-support/db.js';
import { KeptUntilWrite, mayWrite } from './own-writes.js';
import { readChangeCounter } from './change-counter.js';

test('what counts as a write: anything but a plain read', () => {
  for (const sql of ['select 1', '  SELECT id from plans', 'with recursive t as (select 1) select * from t']) assert.equal(mayWrite(sql), false, sql);
  for (const sql of [
    'insert into plans default values',
    'update plans set name = $1',
    'delete from plans',
    'with gone as (delete from plans returning id) select count(*) from gone',
    'select id from round_entries where id = $1 for update',
    "select nextval('public_change_seq')",
    'select * into copy_of_plans from plans',
    'begin',
    'truncate plans',
    'create table x (id int)',
  ])
    assert.equal(mayWrite(sql), true, sql);
});

for (const engine of engines()) {
  test(`${engine}: a read is kept until a write is sent${engine === 'postgres' ? ' (never: other processes write)' : ''}`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const kept = new KeptUntilWrite<string, number>();
    let loads = 0;
    const read = () =>
      kept.read(db, 'departments', async () => {
        loads++;
        return (await db.query<{ n: number }>('select count(*)::int as n from departments')).rows[0]!.n;
      });
    const everyCall = engine === 'postgres';
    const expect = (embedded: number, postgres: number, why: string) => assert.equal(loads, everyCall ? postgres : embedded, why);

    const before = await read();
    await read();
    await db.query('select 1');
    await read();
    expect(1, 3, 'reads in between send nothing that may write: the first answer stands');

    await db.query(`insert into departments (code, name) values ('K1', '保持課')`);
    assert.equal(await read(), before + 1, 'a write sent: read again, and the answer shows it');
    expect(2, 4, 'read again after the insert');

    await db.transaction(async (tx) => {
      await tx.query(`insert into departments (code, name) values ('K2', '保持課二')`);
    });
    assert.equal(await read(), before + 2, 'a transaction counts as a write');
    await db.exec('analyze departments');
    await read();
    expect(4, 6, 'so does exec');

    // A read sent before a write and answered after it was sent is not kept past that write.
    const racing = read();
    const write = db.query(`insert into departments (code, name) values ('K3', '保持課三')`);
    assert.equal(await racing, before + 2, 'sent first, answered first');
    await write;
    assert.equal(await read(), before + 3, 'the next call reads again');

    const failing = new KeptUntilWrite<string, number>();
    let tries = 0;
    const fail = () => failing.read(db, 'k', () => Promise.reject(new Error(`failed ${++tries}`)));
    await assert.rejects(fail());
    await assert.rejects(fail());
    assert.equal(tries, 2, 'a failed read is not kept');
  });
}

test('the oldest answers make room for new keys', async (t) => {
  const { db, cleanup } = await createTestDb('pglite');
  t.after(cleanup);
  const kept = new KeptUntilWrite<number, number>(2);
  const loads: number[] = [];
  const read = (key: number) =>
    kept.read(db, key, async () => {
      loads.push(key);
      return key;
    });
  for (const key of [1, 2, 1, 3, 1, 2]) await read(key);
  assert.deepEqual(loads, [1, 2, 3, 2], '1 was asked again before 3 came, so 2 made room');
});

test('pglite: a counter read begun before a write in the same turn is not kept past that write', async (t) => {
  const { db, cleanup } = await createTestDb('pglite');
  t.after(cleanup);
  const before = readChangeCounter(db);
  const write = db.query(`insert into departments (code, name) values ('T1', '同じ turn の課')`);
  const after = readChangeCounter(db);
  await write;
  assert.notEqual(await after, await before, 'the read asked for after the write was sent shows it');
  assert.notEqual(await readChangeCounter(db), await before, 'and so does the next, kept one');
});
