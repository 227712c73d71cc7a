/** The change counter moves only on committed writes to watched tables, and the cache loads only when it moved. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engines } from '../test-support/db.js';
import { ChangeCounterCache, readChangeCounter } from './change-counter.js';

for (const engine of engines()) {
  test(`${engine}: counter and cache`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const start = await readChangeCounter(db);
    await db.query(`insert into audit_log (actor, action, entity) values ('test', 'test', 'nothing')`);
    assert.equal(await readChangeCounter(db), start, 'the audit log is not watched');
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query(`insert into departments (code, name) values ('T1', '試験課')`);
        throw new Error('rolled back');
      }),
    );
    assert.equal(await readChangeCounter(db), start, 'a rolled-back write never reached commit: the deferred trigger did not fire');

    let loads = 0;
    const cache = new ChangeCounterCache<string, number>();
    const get = () => cache.get(db, 'k', async () => ++loads);
    assert.equal(await get(), 1);
    assert.equal(await get(), 2, 'loaded once more to confirm');
    assert.equal(await get(), 2, 'then served from memory');
    assert.equal(await get(), 2);
    await db.query(`insert into departments (code, name) values ('T1', '試験課')`);
    assert.notEqual(await readChangeCounter(db), start);
    assert.equal(await get(), 3, 'a committed write to a watched table: loaded again');
  });
}
