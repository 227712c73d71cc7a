/** The change counter moves only on committed writes to watched tables, and the cache loads only when it moved. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engines, postgresDbAndPeer } from '../test-support/db.js';
import type { Queryable } from './db.js';
import { ChangeCounterCache, noteAnnouncedChange, readChangeCounter } from './change-counter.js';

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
    // PostgreSQL: a value loaded right after the counter moved is loaded once more on its next
    // use. PGlite runs each transaction alone from BEGIN to COMMIT, so one load is enough.
    const confirms = engine === 'postgres' ? 1 : 0;
    assert.equal(await get(), 1);
    assert.equal(await get(), 1 + confirms, 'loaded once more to confirm on PostgreSQL only');
    assert.equal(await get(), 1 + confirms, 'then served from memory');
    assert.equal(await get(), 1 + confirms);
    await db.query(`insert into departments (code, name) values ('T1', '試験課')`);
    assert.notEqual(await readChangeCounter(db), start);
    assert.equal(await get(), 2 + confirms, 'a committed write to a watched table: loaded again');
    assert.equal(await get(), 2 + 2 * confirms, 'confirmed');
    assert.equal(await get(), 2 + 2 * confirms);
    // A value confirmed in the instant before a commit became visible: the notification that
    // follows the commit makes it load again, though the counter has not moved since.
    noteAnnouncedChange();
    assert.equal(await get(), 3 + 2 * confirms, 'an announced change: loaded again');
  });
}

for (const engine of engines()) {
  test(`${engine}: an entry's change of state is a board change, not a public one`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const scale = await db.query<{ id: number }>(`insert into rating_scales (slug, name) values ('counter-scale', '評価') returning id`);
    const plan = await db.query<{ id: number }>(
      `insert into plans (slug, name, rating_scale_id, start_fiscal_year, end_fiscal_year) values ('counter-plan', '計画', $1, 2023, 2027) returning id`,
      [scale.rows[0]!.id],
    );
    const planId = plan.rows[0]!.id;
    await db.query(`insert into plan_tiers (plan_id, level, name) values ($1, 1, '事業')`, [planId]);
    const item = await db.query<{ id: number }>(`insert into plan_items (plan_id, level, code, position, name) values ($1, 1, '1', 1, '事業') returning id`, [
      planId,
    ]);
    const round = await db.query<{ id: number }>(
      `insert into evaluation_rounds (plan_id, fiscal_year, kind, status) values ($1, 2023, 'yearly', 'open') returning id`,
      [planId],
    );
    const roundId = round.rows[0]!.id;
    const boardChanges = async () =>
      (await db.query<{ n: number }>('select count(*)::int as n from round_board_changes where round_id = $1', [roundId])).rows[0]!.n;
    await db.query('insert into round_entries (round_id, item_id) values ($1, $2)', [roundId, item.rows[0]!.id]);
    const start = await readChangeCounter(db);
    const changes = await boardChanges();
    await db.query(`update round_entries set reason = '書きかけ' where round_id = $1`, [roundId]);
    assert.equal(await boardChanges(), changes, 'a text edit changes no board');
    await db.query(`update round_entries set status = 'draft' where round_id = $1`, [roundId]);
    assert.equal(await boardChanges(), changes + 1, 'a change of state is appended as a board change');
    assert.equal(await readChangeCounter(db), start, 'and moves no public page');
    await db.query('delete from evaluation_rounds where id = $1', [roundId]);
    assert.equal(await boardChanges(), 0, 'a round deleted with its entries takes its board changes along');
  });
}

test('a cache keeps its newest values that loaded; a load that fails evicts nothing', async (t) => {
  const { db, cleanup } = await createTestDb('pglite');
  t.after(cleanup);
  const loads: string[] = [];
  const cache = new ChangeCounterCache<string, string>(2);
  const get = (key: string) =>
    cache.get(db, key, async () => {
      loads.push(key);
      if (key.startsWith('missing')) throw new Error(`no ${key}`);
      return key;
    });
  await get('a');
  await get('b');
  for (const n of [1, 2, 3]) await assert.rejects(get(`missing${n}`));
  await get('a');
  await get('b');
  assert.deepEqual(loads, ['a', 'b', 'missing1', 'missing2', 'missing3'], 'both kept through the failed loads');
  await get('c');
  await get('b');
  await get('a');
  assert.deepEqual(loads.slice(5), ['c', 'a'], 'the oldest made room for c, then b was still kept');
});

test('postgres: a committed change to a watched table is announced to every process listening on the schema', {
  skip: engines().includes('postgres') ? false : 'TEST_DATABASE_URL is not set',
  timeout: 30_000,
}, async (t) => {
  const { db, other } = await postgresDbAndPeer(t);
  const calls: (() => void)[] = [];
  let heard = 0;
  const unsubscribe = db.onPublicChange!(() => {
    heard++;
    calls.shift()?.();
  });
  t.after(unsubscribe);
  const next = () => new Promise<void>((resolve) => calls.push(resolve));
  await next(); // called once when the listening connection is made
  assert.equal(heard, 1);

  const announced = next();
  await other.query(`insert into audit_log (actor, action, entity) values ('test', 'test', 'nothing')`);
  await assert.rejects(
    other.transaction(async (tx) => {
      await tx.query(`insert into departments (code, name) values ('T1', '試験課')`);
      throw new Error('rolled back');
    }),
  );
  await other.transaction(async (tx) => {
    await tx.query(`insert into departments (code, name) values ('T1', '試験課')`);
    await tx.query(`insert into departments (code, name) values ('T2', '試験二課')`);
  });
  await announced;
  // A last watched write, announced after everything above: any extra announcement would show in the count.
  const last = next();
  await other.query(`update departments set name = '試験三課' where code = 'T2'`);
  await last;
  assert.equal(heard, 3, 'the unwatched table and the rollback announce nothing; one commit of two rows is one announcement');
});

test('pglite: a transaction never waits for a load that is queued behind it', async (t) => {
  const { db, cleanup } = await createTestDb('pglite');
  t.after(cleanup);
  await readChangeCounter(db); // kept from here until the next write is sent
  const cache = new ChangeCounterCache<string, number>();
  const loadOn = (q: Queryable) => async () => (await q.query<{ n: number }>('select 1 as n')).rows[0]!.n;
  // The load outside starts after the transaction is in line, so it waits for the transaction to end;
  // the transaction reads the same counter and must not wait for that load in turn.
  const outside = cache.get(db, 'k', loadOn(db));
  const inside = db.transaction((tx) => cache.get(tx, 'k', loadOn(tx)));
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the transaction waited for a load queued behind it')), 5000);
  });
  try {
    assert.deepEqual(await Promise.race([Promise.all([outside, inside]), stuck]), [1, 1]);
  } finally {
    clearTimeout(timer);
  }
});
