/**
 * Throttled password checks on every engine: parallel guesses cannot pass the limit, the
 * wait grows and ends (injected clock), another address is not blocked, successes do not
 * count toward the address limit, the password-change check shares the counter, unlock.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engines } from '../test-support/db.js';
import { openDb, type Db } from '../db/db.js';
import { isAppError } from '../errors.js';
import { changeOwnPassword, signIn, type PasswordCheckOptions } from './auth-store.js';
import { findUser } from '../users/users-queries.js';
import { createUser } from '../users/users-store.js';
import { verifyPassword } from './password.js';
import { delaySeconds, IP_FAILURE_LIMIT, LOCKOUT_THRESHOLD, MAX_DELAY_SECONDS, unlockLogin } from './sign-in-throttle.js';

const RIGHT = 'correct horse battery staple';
const T0 = new Date('2026-04-01T09:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** Counts the checks against the account's real hash. */
function countingVerify(): { verify: NonNullable<PasswordCheckOptions['verify']>; count: () => number } {
  let n = 0;
  return {
    verify: async (password, hash) => {
      n++;
      return verifyPassword(password, hash);
    },
    count: () => n,
  };
}

async function addUser(db: Db, login: string): Promise<number> {
  return (await createUser(db, { login, displayName: login, roles: ['viewer'], password: RIGHT, mustChangePassword: false }, 'test')).id;
}

test('the wait doubles from the threshold on and stops at the cap', () => {
  assert.equal(delaySeconds(LOCKOUT_THRESHOLD - 1), 0);
  assert.equal(delaySeconds(LOCKOUT_THRESHOLD), 2 ** LOCKOUT_THRESHOLD);
  assert.equal(delaySeconds(LOCKOUT_THRESHOLD + 1), 2 ** (LOCKOUT_THRESHOLD + 1));
  assert.equal(delaySeconds(60), MAX_DELAY_SECONDS);
  assert.equal(delaySeconds(100_000), MAX_DELAY_SECONDS);
});

for (const engine of engines()) {
  describe(`sign-in throttle (${engine})`, () => {
    test('40 parallel wrong passwords: only the limit is checked, then even the right one waits until the delay passes', async (t) => {
      const { db, cleanup } = await createTestDb(engine);
      t.after(cleanup);
      await addUser(db, 'target');
      const counter = countingVerify();
      const guesses = await Promise.all(
        Array.from({ length: 40 }, (_, i) => signIn(db, 'target', `wrong-guess-${i}`, '198.51.100.7', { now: T0, verify: counter.verify })),
      );
      assert.ok(guesses.every((g) => !g.ok && g.reason === 'refused'));
      assert.equal(counter.count(), LOCKOUT_THRESHOLD, 'no more password checks than the limit');
      const wait = delaySeconds(LOCKOUT_THRESHOLD);
      const early = await signIn(db, 'target', RIGHT, '198.51.100.7', { now: at(wait - 1), verify: counter.verify });
      assert.deepEqual(early, { ok: false, reason: 'refused' });
      assert.equal(counter.count(), LOCKOUT_THRESHOLD, 'a waiting attempt checks no password');
      const later = await signIn(db, 'target', RIGHT, '198.51.100.7', { now: at(wait + 1), verify: counter.verify });
      assert.equal(later.ok, true);
      // Parallel checks finish in any order; what matters is one entry per checked failure and one lock.
      const actions = (await db.query<{ action: string }>(`select action from audit_log where entity_id = 'target' and entity = 'user' order by id`)).rows.map(
        (r) => r.action,
      );
      assert.deepEqual(actions.sort(), ['clear-failed-logins', 'create', ...Array(LOCKOUT_THRESHOLD - 1).fill('failed-login'), 'lock'].sort());
    });

    if (engine === 'postgres') {
      test('two app processes (two connection pools) guessing in parallel share one limit', async (t) => {
        const { db, cleanup } = await createTestDb(engine);
        t.after(cleanup);
        await addUser(db, 'target');
        const schema = (await db.query<{ schema: string }>('select current_schema() as schema')).rows[0]!.schema;
        const other = await openDb({ databaseUrl: process.env.TEST_DATABASE_URL!, schema });
        t.after(() => other.close());
        const counter = countingVerify();
        await Promise.all(
          Array.from({ length: 40 }, (_, i) => signIn(i % 2 ? db : other, 'target', `wrong-guess-${i}`, '198.51.100.7', { now: T0, verify: counter.verify })),
        );
        assert.equal(counter.count(), LOCKOUT_THRESHOLD);
        assert.deepEqual(await signIn(other, 'target', RIGHT, '198.51.100.7', { now: at(1), verify: counter.verify }), { ok: false, reason: 'refused' });
      });
    }

    test('the wait grows with each further failure and is capped', async (t) => {
      const { db, cleanup } = await createTestDb(engine);
      t.after(cleanup);
      await addUser(db, 'target');
      let now = 0;
      for (let failures = 0; failures < 14; failures++) {
        now += delaySeconds(failures);
        const r = await signIn(db, 'target', 'wrong-password-x', '198.51.100.7', { now: at(now) });
        assert.deepEqual(r, { ok: false, reason: 'refused' });
      }
      const waitNow = delaySeconds(14);
      assert.equal(waitNow, MAX_DELAY_SECONDS);
      assert.equal((await signIn(db, 'target', RIGHT, '198.51.100.7', { now: at(now + waitNow - 1) })).ok, false);
      assert.equal((await signIn(db, 'target', RIGHT, '198.51.100.7', { now: at(now + waitNow) })).ok, true);
    });

    test('a pause from one address does not block the real user at another', async (t) => {
      const { db, cleanup } = await createTestDb(engine);
      t.after(cleanup);
      await addUser(db, 'target');
      // The real clock here: the admin list compares with the database's own now().
      for (let i = 0; i < 10; i++) await signIn(db, 'target', `wrong-${i}`, '203.0.113.66');
      assert.equal((await signIn(db, 'target', RIGHT, '203.0.113.66')).ok, false);
      assert.equal((await signIn(db, 'target', RIGHT, '192.0.2.10')).ok, true);
      const user = await findUser(db, 'target');
      assert.ok(user?.lockedUntil && new Date(user.lockedUntil) > new Date(), 'the admin list shows the pause');
    });

    test('an unknown login answers like a paused or wrong one, and pauses the same way', async (t) => {
      const { db, cleanup } = await createTestDb(engine);
      t.after(cleanup);
      await addUser(db, 'target');
      const counter = countingVerify();
      const unknown: unknown[] = [];
      const known: unknown[] = [];
      for (let i = 0; i <= LOCKOUT_THRESHOLD; i++) {
        unknown.push(await signIn(db, 'nobody', `wrong-${i}`, '198.51.100.7', { now: T0, verify: counter.verify }));
        known.push(await signIn(db, 'target', `wrong-${i}`, '198.51.100.7', { now: T0, verify: counter.verify }));
      }
      assert.deepEqual(unknown, known);
      assert.equal(counter.count(), LOCKOUT_THRESHOLD, 'unknown logins check a dummy hash, not a real one');
      const waits = (await db.query<{ login: string; failures: number }>('select login, failures from login_throttles order by login')).rows;
      assert.deepEqual(waits, [
        { login: 'nobody', failures: LOCKOUT_THRESHOLD },
        { login: 'target', failures: LOCKOUT_THRESHOLD },
      ]);
    });

    test('only failures count toward the address limit', async (t) => {
      const { db, cleanup } = await createTestDb(engine);
      t.after(cleanup);
      await addUser(db, 'office');
      // A stand-in check keeps 40 sign-ins fast; what is counted does not depend on it.
      const fake: PasswordCheckOptions = { now: T0, verify: async (password) => password === RIGHT };
      for (let i = 0; i < 40; i++) assert.equal((await signIn(db, 'office', RIGHT, '198.51.100.1', fake)).ok, true, `sign-in ${i}`);
      for (let i = 0; i < IP_FAILURE_LIMIT; i++) {
        assert.deepEqual(await signIn(db, `typo-${i}`, 'wrong-password', '198.51.100.1', fake), { ok: false, reason: 'refused' });
      }
      assert.deepEqual(await signIn(db, 'office', RIGHT, '198.51.100.1', fake), { ok: false, reason: 'rate-limited' });
      assert.equal((await signIn(db, 'office', RIGHT, '198.51.100.2', fake)).ok, true, 'another address is not limited');
      assert.equal((await signIn(db, 'office', RIGHT, '198.51.100.1', { ...fake, now: at(11 * 60) })).ok, true, 'the window passes');
    });

    test('the current-password check of a password change shares the limit', async (t) => {
      const { db, cleanup } = await createTestDb(engine);
      t.after(cleanup);
      const id = await addUser(db, 'changer');
      const counter = countingVerify();
      const options = { now: T0, verify: counter.verify };
      const refusals = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          changeOwnPassword(db, id, `wrong-current-${i}`, 'a brand new secret', null, '198.51.100.7', options).then(
            () => 'changed',
            (e: unknown) => e,
          ),
        ),
      );
      assert.ok(refusals.every((e) => isAppError(e, 'invalid-input') && e.details.field === 'current'));
      assert.equal(counter.count(), LOCKOUT_THRESHOLD);
      await assert.rejects(
        changeOwnPassword(db, id, RIGHT, 'a brand new secret', null, '198.51.100.7', { ...options, now: at(1) }),
        (e: unknown) => isAppError(e, 'invalid-input') && e.details.field === 'current',
      );
      assert.equal((await signIn(db, 'changer', RIGHT, '198.51.100.7', { now: at(1) })).ok, false, 'sign-in waits too: one counter');
      await changeOwnPassword(db, id, RIGHT, 'a brand new secret', null, '198.51.100.7', { now: at(delaySeconds(LOCKOUT_THRESHOLD)) });
      assert.equal((await signIn(db, 'changer', 'a brand new secret', '192.0.2.1')).ok, true);
    });

    test('unlock lifts every pause of a login at once and is audited', async (t) => {
      const { db, cleanup } = await createTestDb(engine);
      t.after(cleanup);
      await addUser(db, 'target');
      for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await signIn(db, 'target', `wrong-${i}`, '198.51.100.7', { now: T0 });
      assert.equal((await signIn(db, 'target', RIGHT, '198.51.100.7', { now: at(1) })).ok, false);
      assert.equal(await unlockLogin(db, 'target', 'admin-x'), 1);
      assert.equal((await findUser(db, 'target'))?.lockedUntil, null);
      assert.equal((await signIn(db, 'target', RIGHT, '198.51.100.7', { now: at(1) })).ok, true);
      const audit = (
        await db.query<{ actor: string; before: { waits: { address: string; failures: number }[] } }>(
          `select actor, before from audit_log where action = 'unlock'`,
        )
      ).rows;
      assert.deepEqual(audit, [{ actor: 'admin-x', before: { waits: [{ address: '198.51.100.7', failures: LOCKOUT_THRESHOLD }] } }]);
    });
  });
}
