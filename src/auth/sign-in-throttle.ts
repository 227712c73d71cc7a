/**
 * Throttling of password checks (sign-in and the current-password check of a password
 * change). The policy, also written down in docs/workflow.md:
 *
 * - Per login and address: the first LOCKOUT_THRESHOLD consecutive failures are free; after
 *   that each further attempt from that address must wait 2^failures seconds since the last
 *   failure (32 s, 64 s, …), at most MAX_DELAY_SECONDS. Attempts refused while waiting check no
 *   password and do not lengthen the wait. Another address is not affected, so whoever guesses
 *   from one address cannot keep the real user out.
 * - Per address, whatever the login: at most IP_FAILURE_LIMIT failures in IP_WINDOW_MINUTES.
 *   Successful sign-ins do not count, so an office behind one address cannot lock itself out.
 *
 * Parallel attempts cannot pass the limits: the check and the recording of an attempt happen in
 * one transaction holding advisory locks on the login and the address (PostgreSQL: across every
 * app process), and the attempt is recorded as a failure *before* the password is checked, then
 * turned into a success afterwards. An in-process queue per login keeps parallel guesses from
 * tying up the connection pool while they wait for the lock.
 */
import type { Db, Queryable } from '../db/db.js';
import { recordAudit } from '../audit/audit-log.js';

export const LOCKOUT_THRESHOLD = 5;
export const MAX_DELAY_SECONDS = 15 * 60;
export const IP_FAILURE_LIMIT = 30;
export const IP_WINDOW_MINUTES = 10;

/** Seconds the next attempt must wait after `failures` consecutive failures (0: no wait). */
export function delaySeconds(failures: number): number {
  if (failures < LOCKOUT_THRESHOLD) return 0;
  return Math.min(2 ** failures, MAX_DELAY_SECONDS);
}

/** Runs tasks with the same key one after another, in arrival order. */
class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

// One queue per store (as one per process in production); a second store in the same process behaves like another process.
const queues = new WeakMap<Db, KeyedQueue>();
function queueFor(db: Db): KeyedQueue {
  const existing = queues.get(db);
  if (existing) return existing;
  const queue = new KeyedQueue();
  queues.set(db, queue);
  return queue;
}

// Advisory lock classes (first key of pg_advisory_xact_lock(int, int)), so a login and an address never share a lock.
const LOCK_CLASS_LOGIN = 7301;
const LOCK_CLASS_ADDRESS = 7302;

export interface AccountForCheck {
  id: number;
  login: string;
  hash: string;
  disabled: boolean;
  mustChangePassword: boolean;
}

export type Reservation =
  | { kind: 'rate-limited' }
  | { kind: 'waiting'; retryAt: Date }
  /** May check the password once; `account` is undefined for an unknown login. */
  | { kind: 'check'; login: string; attemptId: number; account: AccountForCheck | undefined; failuresBefore: number };

/**
 * Decides whether one password check may happen now and, if so, records it as a failure
 * (to be turned into a success by `settle`). Login is the normalised login name.
 */
export async function reserveAttempt(db: Db, login: string, ip: string, now: Date): Promise<Reservation> {
  const key = login.slice(0, 100);
  return queueFor(db).run(key, () =>
    db.transaction(async (tx) => {
      // Always login first, then address: one order everywhere, so two attempts never deadlock.
      await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS_LOGIN, key]);
      await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS_ADDRESS, ip]);
      const throttle = (
        await tx.query<{ failures: number; last: Date }>('select failures, last_failure_at as last from login_throttles where login = $1 and ip = $2', [
          key,
          ip,
        ])
      ).rows[0];
      const failuresBefore = throttle?.failures ?? 0;
      const wait = delaySeconds(failuresBefore);
      if (throttle && wait > 0) {
        const retryAt = new Date(new Date(throttle.last).getTime() + wait * 1000);
        if (now < retryAt) return { kind: 'waiting', retryAt } as const;
      }
      const recent = await tx.query<{ n: number }>(
        `select count(*)::int as n from login_attempts where ip = $1 and not succeeded and at > $2::timestamptz - make_interval(mins => $3)`,
        [ip, now, IP_WINDOW_MINUTES],
      );
      if ((recent.rows[0]?.n ?? 0) >= IP_FAILURE_LIMIT) return { kind: 'rate-limited' } as const;
      const account = (
        await tx.query<AccountForCheck>(
          `select id, login, password_hash as hash, disabled, must_change_password as "mustChangePassword" from users where login = $1`,
          [key],
        )
      ).rows[0];
      const attempt = await tx.query<{ id: number }>(
        'insert into login_attempts (login, ip, at, succeeded) values ($1, $2, $3, false) returning id::int as id',
        [key, ip, now],
      );
      await tx.query(
        `insert into login_throttles (login, ip, failures, last_failure_at) values ($1, $2, 1, $3)
         on conflict (login, ip) do update set failures = login_throttles.failures + 1, last_failure_at = excluded.last_failure_at`,
        [key, ip, now],
      );
      return { kind: 'check', login: key, attemptId: attempt.rows[0]!.id, account, failuresBefore } as const;
    }),
  );
}

/** Records the outcome of a reserved check: a success clears this address's failures; a failure is audited. */
export async function settleAttempt(
  db: Db,
  reservation: Extract<Reservation, { kind: 'check' }>,
  ip: string,
  succeeded: boolean,
  actor: string,
): Promise<void> {
  // Only real accounts are audited; an unknown login's failures live in login_throttles alone.
  const login = reservation.account?.login;
  await db.transaction(async (tx) => {
    if (succeeded) {
      await tx.query('update login_attempts set succeeded = true where id = $1', [reservation.attemptId]);
      await tx.query('delete from login_throttles where login = $1 and ip = $2', [reservation.login, ip]);
      if (login && reservation.failuresBefore > 0) {
        await recordAudit(tx, {
          actor,
          action: 'clear-failed-logins',
          entity: 'user',
          entityId: login,
          before: { address: ip, failures: reservation.failuresBefore },
        });
      }
      return;
    }
    if (!login) return;
    // This attempt's own place in the count (parallel attempts have already raised the row further).
    const failures = reservation.failuresBefore + 1;
    const wait = delaySeconds(failures);
    await recordAudit(tx, {
      actor,
      action: failures === LOCKOUT_THRESHOLD ? 'lock' : 'failed-login',
      entity: 'user',
      entityId: login,
      after: { address: ip, failures, waitSeconds: wait },
    });
  });
}

/** Lifts every wait of a login (admin or CLI), audited. Returns how many addresses were waiting. */
export async function unlockLogin(db: Db, login: string, actor: string): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS_LOGIN, login]);
    const removed = await tx.query<{ ip: string; failures: number }>('delete from login_throttles where login = $1 returning ip, failures', [login]);
    await recordAudit(tx, {
      actor,
      action: 'unlock',
      entity: 'user',
      entityId: login,
      before: { waits: removed.rows.map((r) => ({ address: r.ip, failures: r.failures })) },
    });
    return removed.rows.length;
  });
}

/** Clears a login's failures inside another change (password reset), which audits how many it cleared. */
export async function clearThrottles(tx: Queryable, login: string): Promise<number> {
  return (await tx.query('delete from login_throttles where login = $1', [login])).rowCount;
}

/** SQL for the latest time until which some address of login `u.login` must wait (null: none). */
export const LOCKED_UNTIL_SQL = `(select max(t.last_failure_at + make_interval(secs => least(power(2, least(t.failures, 30)), ${MAX_DELAY_SECONDS})))
     from login_throttles t where t.login = u.login and t.failures >= ${LOCKOUT_THRESHOLD})`;

export async function purgeOldThrottles(db: Queryable): Promise<void> {
  await db.query(`delete from login_throttles where last_failure_at < now() - interval '1 day'`);
}
