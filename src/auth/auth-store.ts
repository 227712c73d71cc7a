/**
 * Password checks that write: sign-in and the user's own password change, both throttled
 * by ./sign-in-throttle.ts. Every change is written to the audit log in the same
 * transaction (never the hash).
 */
import type { Db } from '../db/db.js';
import { invalidInput, notFound } from '../errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password.js';
import { reserveAttempt, settleAttempt, type AccountForCheck } from './sign-in-throttle.js';

/** Injected by tests: the clock, and the check of a password against the account's own hash. */
export interface PasswordCheckOptions {
  now?: Date;
  verify?: (password: string, hash: string) => Promise<boolean>;
}

type PasswordCheck = { ok: true; account: AccountForCheck } | { ok: false; reason: 'refused' | 'rate-limited' };

/**
 * One throttled password check. An unknown login, a disabled account, a wrong password and a
 * login that must wait all answer `refused`; the first three check a password (a dummy hash for
 * an unknown login), so their timing matches, and a waiting login checks none, whether it exists or not.
 */
async function checkPassword(
  db: Db,
  login: string,
  password: string,
  ip: string,
  actor: (login: string) => string,
  options: PasswordCheckOptions,
): Promise<PasswordCheck> {
  const reservation = await reserveAttempt(db, login, ip, options.now ?? new Date());
  if (reservation.kind === 'rate-limited') return { ok: false, reason: 'rate-limited' };
  if (reservation.kind === 'waiting') return { ok: false, reason: 'refused' };
  const account = reservation.account;
  const valid = account ? await (options.verify ?? verifyPassword)(password, account.hash) : await verifyPassword(password, await dummyPasswordHash());
  const succeeded = Boolean(account && valid && !account.disabled);
  await settleAttempt(db, reservation, ip, succeeded, actor(login));
  return succeeded ? { ok: true, account: account! } : { ok: false, reason: 'refused' };
}

/**
 * The user changes their own password; other sessions of theirs end. The current-password check is
 * throttled like sign-in. A refusal is an `invalid-input` AppError naming the field (`current` or `next`).
 */
export async function changeOwnPassword(
  db: Db,
  userId: number,
  current: string,
  next: string,
  keepSessionId: string | null,
  ip: string,
  options: PasswordCheckOptions = {},
): Promise<void> {
  const row = (await db.query<{ login: string }>('select login from users where id = $1', [userId])).rows[0];
  if (!row) throw notFound('利用者が見つかりません。');
  // Checked before the current password, so a policy refusal does not use up an attempt.
  if (current === next) throw invalidInput('新しいパスワードは現在のものと変えてください。', { field: 'next' });
  const problem = await passwordProblem(next, row.login);
  if (problem) throw invalidInput(problem, { field: 'next' });
  const check = await checkPassword(db, row.login, current, ip, (login) => login, options);
  if (!check.ok) {
    throw invalidInput(
      check.reason === 'rate-limited'
        ? 'パスワードの試行が多すぎます。しばらく待ってからもう一度お試しください。'
        : '現在のパスワードが正しくありません。失敗が続いた場合は、しばらく待ってからお試しください（最長15分）。',
      { field: 'current' },
    );
  }
  const hash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.query('update users set password_hash = $2, must_change_password = false, updated_at = now() where id = $1', [userId, hash]);
    await tx.query('delete from sessions where user_id = $1 and id is distinct from $2', [userId, keepSessionId]);
    await recordAudit(tx, { actor: row.login, action: 'change-password', entity: 'user', entityId: row.login });
  });
}

export type SignInResult = { ok: true; userId: number; mustChangePassword: boolean } | { ok: false; reason: 'refused' | 'rate-limited' };

/**
 * Checks a password for sign-in. `refused` covers an unknown login, a wrong password, a
 * disabled account and a login that must wait, so the answer never tells which logins exist;
 * `rate-limited` is about the address only.
 */
export async function signIn(db: Db, login: string, password: string, ip: string, options: PasswordCheckOptions = {}): Promise<SignInResult> {
  const check = await checkPassword(db, login, password, ip, () => 'system', options);
  if (!check.ok) return check;
  return { ok: true, userId: check.account.id, mustChangePassword: check.account.mustChangePassword };
}
