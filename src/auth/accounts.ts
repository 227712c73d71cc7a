/**
 * Local accounts: creation by an admin (or the CLI) with a one-time initial password,
 * roles and departments, password changes, and sign-in throttled by ./sign-in-throttle.ts.
 * Every change is written to the audit log in the same transaction (never the hash).
 */
import type { Db, Queryable } from '../db/db.js';
import { recordAudit } from '../audit/audit-log.js';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password.js';
import { clearThrottles, LOCKED_UNTIL_SQL, reserveAttempt, settleAttempt, type AccountForCheck } from './sign-in-throttle.js';
import { isRole, type Role } from './roles.js';

export interface UserRow {
  id: number;
  login: string;
  displayName: string;
  email: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  lockedUntil: Date | null;
  roles: Role[];
  departmentIds: number[];
}

export class AccountError extends Error {
  override name = 'AccountError';
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

const USER_COLUMNS = `u.id, u.login, u.display_name as "displayName", u.email, u.must_change_password as "mustChangePassword",
  u.disabled, ${LOCKED_UNTIL_SQL} as "lockedUntil",
  array(select r.role from user_roles r where r.user_id = u.id order by r.role) as roles,
  array(select d.department_id from user_departments d where d.user_id = u.id order by d.department_id) as "departmentIds"`;

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  return (await db.query<UserRow>(`select ${USER_COLUMNS} from users u order by u.login`)).rows;
}

export async function findUser(db: Queryable, idOrLogin: number | string): Promise<UserRow | undefined> {
  const where = typeof idOrLogin === 'number' ? 'u.id = $1' : 'u.login = $1';
  return (await db.query<UserRow>(`select ${USER_COLUMNS} from users u where ${where}`, [idOrLogin])).rows[0];
}

export interface NewUser {
  login: string;
  displayName: string;
  email?: string | null;
  roles: Role[];
  departmentIds?: number[];
  password: string;
  /** false only for demo accounts whose password is printed on purpose. */
  mustChangePassword?: boolean;
}

export async function validateNewUser(u: NewUser): Promise<AccountError | undefined> {
  if (!LOGIN_PATTERN.test(u.login)) return new AccountError('ログインIDは英小文字・数字・「.」「_」「-」の2〜64文字で、英小文字か数字で始めてください。', 'login');
  if (!u.displayName.trim()) return new AccountError('氏名を入力してください。', 'displayName');
  if (u.displayName.length > 100) return new AccountError('氏名は100文字以内にしてください。', 'displayName');
  if (u.email && !/^[^\s@]+@[^\s@]+$/.test(u.email)) return new AccountError('メールアドレスの形式が正しくありません。', 'email');
  if (u.roles.length === 0) return new AccountError('役割を1つ以上選んでください。', 'roles');
  if (!u.roles.every(isRole)) return new AccountError('不明な役割があります。', 'roles');
  const problem = await passwordProblem(u.password, u.login);
  if (problem) return new AccountError(problem, 'password');
  return undefined;
}

export async function createUser(db: Db, u: NewUser, actor: string): Promise<UserRow> {
  const invalid = await validateNewUser(u);
  if (invalid) throw invalid;
  const hash = await hashPassword(u.password);
  return db.transaction(async (tx) => {
    const exists = await tx.query('select 1 from users where login = $1', [u.login]);
    if (exists.rowCount > 0) throw new AccountError(`ログインID「${u.login}」は既に使われています。`, 'login');
    const r = await tx.query<{ id: number }>(
      'insert into users (login, display_name, email, password_hash, must_change_password) values ($1, $2, $3, $4, $5) returning id',
      [u.login, u.displayName.trim(), u.email || null, hash, u.mustChangePassword ?? true],
    );
    const id = r.rows[0]!.id;
    await writeRoles(tx, id, u.roles);
    await writeDepartments(tx, id, u.departmentIds ?? []);
    const user = (await findUser(tx, id))!;
    await recordAudit(tx, { actor, action: 'create', entity: 'user', entityId: u.login, after: auditView(user) });
    return user;
  });
}

function auditView(u: UserRow) {
  return { login: u.login, displayName: u.displayName, email: u.email, roles: u.roles, departmentIds: u.departmentIds, disabled: u.disabled };
}

async function writeRoles(tx: Queryable, userId: number, roles: readonly Role[]): Promise<void> {
  await tx.query('delete from user_roles where user_id = $1', [userId]);
  if (roles.length) await tx.query('insert into user_roles (user_id, role) select $1, unnest($2::text[])', [userId, [...new Set(roles)]]);
}

async function writeDepartments(tx: Queryable, userId: number, departmentIds: readonly number[]): Promise<void> {
  await tx.query('delete from user_departments where user_id = $1', [userId]);
  if (departmentIds.length) await tx.query('insert into user_departments (user_id, department_id) select $1, unnest($2::int[])', [userId, [...new Set(departmentIds)]]);
}

export interface AccountChange {
  displayName?: string;
  email?: string | null;
  roles?: Role[];
  departmentIds?: number[];
  disabled?: boolean;
}

export async function updateUser(db: Db, userId: number, change: AccountChange, actor: string): Promise<UserRow> {
  if (change.roles && (change.roles.length === 0 || !change.roles.every(isRole))) throw new AccountError('役割を1つ以上選んでください。', 'roles');
  if (change.displayName !== undefined && !change.displayName.trim()) throw new AccountError('氏名を入力してください。', 'displayName');
  if (change.email && !/^[^\s@]+@[^\s@]+$/.test(change.email)) throw new AccountError('メールアドレスの形式が正しくありません。', 'email');
  return db.transaction(async (tx) => {
    const before = await findUser(tx, userId);
    if (!before) throw new AccountError('利用者が見つかりません。');
    if (change.displayName !== undefined || change.email !== undefined || change.disabled !== undefined) {
      await tx.query(
        `update users set display_name = coalesce($2, display_name), email = case when $3::boolean then $4 else email end,
                disabled = coalesce($5, disabled), updated_at = now() where id = $1`,
        [userId, change.displayName?.trim() ?? null, change.email !== undefined, change.email || null, change.disabled ?? null],
      );
    }
    if (change.roles) await writeRoles(tx, userId, change.roles);
    if (change.departmentIds) await writeDepartments(tx, userId, change.departmentIds);
    // A disabled account loses its sessions at once.
    if (change.disabled) await tx.query('delete from sessions where user_id = $1', [userId]);
    const after = (await findUser(tx, userId))!;
    await recordAudit(tx, { actor, action: 'update', entity: 'user', entityId: before.login, before: auditView(before), after: auditView(after) });
    return after;
  });
}

/** Sets a new one-time password (admin reset): must be changed at next sign-in, lock lifted. */
export async function resetPassword(db: Db, userId: number, newPassword: string, actor: string): Promise<void> {
  const user = await findUser(db, userId);
  if (!user) throw new AccountError('利用者が見つかりません。');
  const problem = await passwordProblem(newPassword, user.login);
  if (problem) throw new AccountError(problem, 'password');
  const hash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.query('update users set password_hash = $2, must_change_password = true, updated_at = now() where id = $1', [userId, hash]);
    const clearedAddresses = await clearThrottles(tx, user.login);
    await tx.query('delete from sessions where user_id = $1', [userId]);
    await recordAudit(tx, { actor, action: 'reset-password', entity: 'user', entityId: user.login, ...(clearedAddresses ? { after: { clearedFailedLoginAddresses: clearedAddresses } } : {}) });
  });
}

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
async function checkPassword(db: Db, login: string, password: string, ip: string, actor: (login: string) => string, options: PasswordCheckOptions): Promise<PasswordCheck> {
  const reservation = await reserveAttempt(db, login, ip, options.now ?? new Date());
  if (reservation.kind === 'rate-limited') return { ok: false, reason: 'rate-limited' };
  if (reservation.kind === 'waiting') return { ok: false, reason: 'refused' };
  const account = reservation.account;
  const valid = account ? await (options.verify ?? verifyPassword)(password, account.hash) : await verifyPassword(password, await dummyPasswordHash());
  const succeeded = Boolean(account && valid && !account.disabled);
  await settleAttempt(db, reservation, ip, succeeded, actor(login));
  return succeeded ? { ok: true, account: account! } : { ok: false, reason: 'refused' };
}

/** The user changes their own password; other sessions of theirs end. The current-password check is throttled like sign-in. */
export async function changeOwnPassword(db: Db, userId: number, current: string, next: string, keepSessionId: string | null, ip: string, options: PasswordCheckOptions = {}): Promise<void> {
  const row = (await db.query<{ login: string }>('select login from users where id = $1', [userId])).rows[0];
  if (!row) throw new AccountError('利用者が見つかりません。');
  // Checked before the current password, so a policy refusal does not use up an attempt.
  if (current === next) throw new AccountError('新しいパスワードは現在のものと変えてください。', 'next');
  const problem = await passwordProblem(next, row.login);
  if (problem) throw new AccountError(problem, 'next');
  const check = await checkPassword(db, row.login, current, ip, (login) => login, options);
  if (!check.ok) {
    throw new AccountError(
      check.reason === 'rate-limited'
        ? 'パスワードの試行が多すぎます。しばらく待ってからもう一度お試しください。'
        : '現在のパスワードが正しくありません。失敗が続いた場合は、しばらく待ってからお試しください（最長15分）。',
      'current',
    );
  }
  const hash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.query('update users set password_hash = $2, must_change_password = false, updated_at = now() where id = $1', [userId, hash]);
    await tx.query('delete from sessions where user_id = $1 and id is distinct from $2', [userId, keepSessionId]);
    await recordAudit(tx, { actor: row.login, action: 'change-password', entity: 'user', entityId: row.login });
  });
}

export type SignInResult =
  | { ok: true; userId: number; mustChangePassword: boolean }
  | { ok: false; reason: 'refused' | 'rate-limited' };

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
