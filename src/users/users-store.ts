/**
 * Local accounts: creation by an admin (or the CLI) with a one-time initial password,
 * roles and departments, changes and password resets. Every change is written to the
 * audit log in the same transaction (never the hash). A refused value is an
 * `invalid-input` AppError whose `details.field` names the form field.
 */
import type { Db, Queryable } from '../db/db.js';
import { type AppError, invalidInput, notFound } from '../errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { hashPassword, passwordProblem } from '../auth/password.js';
import { clearThrottles } from '../auth/sign-in-throttle.js';
import { isRole, type Role } from '../auth/roles.js';
import { findUser, type UserRow } from './users-queries.js';

export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

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

const refuse = (field: string, message: string) => invalidInput(message, { field });

/** The first problem of a new account, or undefined. */
export async function validateNewUser(u: NewUser): Promise<AppError | undefined> {
  if (!LOGIN_PATTERN.test(u.login)) return refuse('login', 'ログインIDは英小文字・数字・「.」「_」「-」の2〜64文字で、英小文字か数字で始めてください。');
  if (!u.displayName.trim()) return refuse('displayName', '氏名を入力してください。');
  if (u.displayName.length > 100) return refuse('displayName', '氏名は100文字以内にしてください。');
  if (u.email && !EMAIL_PATTERN.test(u.email)) return refuse('email', 'メールアドレスの形式が正しくありません。');
  if (u.roles.length === 0) return refuse('roles', '役割を1つ以上選んでください。');
  if (!u.roles.every(isRole)) return refuse('roles', '不明な役割があります。');
  const problem = await passwordProblem(u.password, u.login);
  if (problem) return refuse('password', problem);
  return undefined;
}

export async function createUser(db: Db, u: NewUser, actor: string): Promise<UserRow> {
  const invalid = await validateNewUser(u);
  if (invalid) throw invalid;
  const hash = await hashPassword(u.password);
  return db.transaction(async (tx) => {
    const exists = await tx.query('select 1 from users where login = $1', [u.login]);
    if (exists.rowCount > 0) throw refuse('login', `ログインID「${u.login}」は既に使われています。`);
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
  if (departmentIds.length)
    await tx.query('insert into user_departments (user_id, department_id) select $1, unnest($2::int[])', [userId, [...new Set(departmentIds)]]);
}

export interface AccountChange {
  displayName?: string;
  email?: string | null;
  roles?: Role[];
  departmentIds?: number[];
  disabled?: boolean;
}

export async function updateUser(db: Db, userId: number, change: AccountChange, actor: string): Promise<UserRow> {
  if (change.roles && (change.roles.length === 0 || !change.roles.every(isRole))) throw refuse('roles', '役割を1つ以上選んでください。');
  if (change.displayName !== undefined && !change.displayName.trim()) throw refuse('displayName', '氏名を入力してください。');
  if (change.email && !EMAIL_PATTERN.test(change.email)) throw refuse('email', 'メールアドレスの形式が正しくありません。');
  return db.transaction(async (tx) => {
    const before = await findUser(tx, userId);
    if (!before) throw notFound('利用者が見つかりません。');
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
  if (!user) throw notFound('利用者が見つかりません。');
  const problem = await passwordProblem(newPassword, user.login);
  if (problem) throw refuse('password', problem);
  const hash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.query('update users set password_hash = $2, must_change_password = true, updated_at = now() where id = $1', [userId, hash]);
    const clearedAddresses = await clearThrottles(tx, user.login);
    await tx.query('delete from sessions where user_id = $1', [userId]);
    await recordAudit(tx, {
      actor,
      action: 'reset-password',
      entity: 'user',
      entityId: user.login,
      ...(clearedAddresses ? { after: { clearedFailedLoginAddresses: clearedAddresses } } : {}),
    });
  });
}
