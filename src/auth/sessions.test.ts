/** Sessions are read from the database on every request: a sign-out anywhere holds from the next request on. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Queryable } from '../db/db.js';
import { createTestDb, engines, postgresDbAndPeer } from '../test-support/db.js';
import { createUser } from '../users/users-store.js';
import { createSession, deleteSession, hashToken, loadSession } from './sessions.js';

for (const engine of engines()) {
  test(`${engine}: concurrent requests of one session share its read, and a sign-out holds from the next request on`, async (t) => {
    const { db, cleanup } = await createTestDb(engine);
    t.after(cleanup);
    const user = await createUser(db, { login: 'sessions.test', displayName: '試験 利用者', roles: ['viewer'], password: 'Sessions-Test-2026!' }, 'test');
    const { token } = await createSession(db, user.id);
    let sessionReads = 0;
    const counting: Queryable = {
      query: (sql, params) => {
        if (sql.includes('csrf_token as "csrfToken"')) sessionReads += 1;
        return db.query(sql, params);
      },
      exec: (sql) => db.exec(sql),
    };
    const concurrent = await Promise.all(Array.from({ length: 20 }, () => loadSession(counting, token)));
    for (const session of concurrent) assert.equal(session?.user.login, 'sessions.test');
    assert.ok(sessionReads <= 2, `20 requests together share their reads (one running, one after it): ${sessionReads}`);
    // A request in flight when the sign-out commits may still see the session; one made after it never does.
    const inFlight = loadSession(db, token);
    await deleteSession(db, hashToken(token));
    const after = await Promise.all([loadSession(db, token), loadSession(db, token)]);
    assert.deepEqual(after, [undefined, undefined]);
    await inFlight;
  });
}

test('postgres: a sign-out in another app process holds in this one from the next request on', {
  skip: engines().includes('postgres') ? false : 'TEST_DATABASE_URL is not set',
}, async (t) => {
  const { db, other } = await postgresDbAndPeer(t);
  const user = await createUser(db, { login: 'sessions.other', displayName: '試験 利用者', roles: ['viewer'], password: 'Sessions-Test-2026!' }, 'test');
  const { token } = await createSession(db, user.id);
  assert.equal((await loadSession(db, token))?.user.login, 'sessions.other');
  await deleteSession(other, hashToken(token));
  assert.equal(await loadSession(db, token), undefined);
});
