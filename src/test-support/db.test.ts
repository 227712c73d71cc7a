/** Two test databases open at once are two databases: neither sees the other's rows, whatever order their calls come in. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engines } from './db.js';

for (const engine of engines()) {
  test(`${engine}: test databases open together keep their own rows`, async (t) => {
    const a = await createTestDb(engine);
    t.after(a.cleanup);
    const b = await createTestDb(engine);
    t.after(b.cleanup);
    await a.db.query(`insert into departments (code, name) values ('A1', '甲課')`);
    await b.db.query(`insert into departments (code, name) values ('B1', '乙課')`);
    const codes = async (db: typeof a.db) => (await db.query<{ code: string }>('select code from departments order by code')).rows.map((r) => r.code);
    const [seenByA, seenByB] = await Promise.all([codes(a.db), codes(b.db)]);
    assert.deepEqual(seenByA, ['A1']);
    assert.deepEqual(seenByB, ['B1']);
    await a.db.transaction(async (tx) => {
      await tx.query(`insert into departments (code, name) values ('A2', '丙課')`);
    });
    assert.deepEqual(await codes(a.db), ['A1', 'A2']);
    assert.deepEqual(await codes(b.db), ['B1']);
  });
}
