/**
 * Server-side sessions in the database, so several app processes share them.
 * The cookie holds a random token; the table holds its SHA-256. Every sign-in
 * creates a new session (no fixation), and each session has its own CSRF token.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import { type SharedReads, sharedReadsOn } from '../db/shared-reads.js';
import type { Role } from './roles.js';
import { purgeOldThrottles } from './sign-in-throttle.js';

export const SESSION_COOKIE = 'hyoka_session';
/** Idle lifetime; activity slides it forward. */
export const SESSION_IDLE_HOURS = 8;

export interface SessionUser {
  id: number;
  login: string;
  displayName: string;
  roles: Role[];
  departmentIds: number[];
  mustChangePassword: boolean;
}

export interface Session {
  id: string;
  csrfToken: string;
  user: SessionUser;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Queryable, userId: number): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db.query(`insert into sessions (id, user_id, csrf_token, expires_at) values ($1, $2, $3, now() + make_interval(hours => $4))`, [
    hashToken(token),
    userId,
    csrfToken,
    SESSION_IDLE_HOURS,
  ]);
  return { token, csrfToken };
}

const sessionReads = new WeakMap<Queryable, SharedReads<string, Session | undefined>>();

/**
 * The session a cookie names, as the database has it after this call: no copy is kept
 * between requests, so a sign-out, a disabled account or a changed role in any process
 * holds from the next request on. Concurrent requests of one session share a read
 * (shared-reads.ts) and so the one Session object, which nothing changes.
 */
export async function loadSession(db: Queryable, token: string): Promise<Session | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const id = hashToken(token);
  return sharedReadsOn(sessionReads, db).read(id, () => readSession(db, id));
}

async function readSession(db: Queryable, id: string): Promise<Session | undefined> {
  const r = await db.query<SessionUser & { csrfToken: string; stale: boolean }>(
    `select s.csrf_token as "csrfToken", s.last_seen_at < now() - interval '5 minutes' as stale,
            u.id, u.login, u.display_name as "displayName", u.must_change_password as "mustChangePassword",
            array(select r.role from user_roles r where r.user_id = u.id order by r.role) as roles,
            array(select d.department_id from user_departments d where d.user_id = u.id order by d.department_id) as "departmentIds"
       from sessions s join users u on u.id = s.user_id
      where s.id = $1 and s.expires_at > now() and not u.disabled`,
    [id],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  // Slide the expiry, but write at most every few minutes.
  if (row.stale) {
    await db.query(`update sessions set last_seen_at = now(), expires_at = now() + make_interval(hours => $2) where id = $1`, [id, SESSION_IDLE_HOURS]);
  }
  const { csrfToken, stale: _stale, ...user } = row;
  return { id, csrfToken, user };
}

export async function deleteSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('delete from sessions where id = $1', [sessionId]);
}

export async function purgeExpiredSessions(db: Queryable): Promise<number> {
  const r = await db.query('delete from sessions where expires_at < now()');
  await db.query(`delete from login_attempts where at < now() - interval '1 day'`);
  await purgeOldThrottles(db);
  return r.rowCount;
}
