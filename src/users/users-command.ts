/** `hyoka users add|list|set-role|unlock`: account administration from the command line. */
import type { Command } from 'commander';
import { openDbFromEnv, type Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { invalidInput, notFound } from '../errors.js';
import { generateInitialPassword } from '../auth/password.js';
import { unlockLogin } from '../auth/sign-in-throttle.js';
import { isRole, ROLES, type Role } from '../auth/roles.js';
import { departmentIdsByNameOrCode, departmentNames } from '../departments/departments-queries.js';
import { findUser, listUsers } from './users-queries.js';
import { createUser, updateUser } from './users-store.js';
import { env } from '../config/env.js';
import { openStoreForReading } from '../ops/control-socket.js';

const cliActor = (): string => `cli:${env().USER}`;

/** Opens the store like every command; a refusal (AppError) becomes a message and an exit code in cli/exit-codes.ts. */
async function withStore(program: Command, fn: (db: Db) => Promise<void>, access: 'read' | 'write' = 'write'): Promise<void> {
  const dataDir = program.opts<{ dataDir?: string }>().dataDir;
  // Changes open the store itself (refused while a server holds an embedded store); `list` may read the server's snapshot.
  const db = access === 'read' ? (await openStoreForReading(dataDir)).db : await openDbFromEnv(dataDir);
  try {
    if (access === 'write') await migrate(db);
    await fn(db);
  } finally {
    await db.close();
  }
}

export function parseRoles(text: string): Role[] {
  const roles = text
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.filter((r) => !isRole(r));
  if (bad.length) throw invalidInput(`不明な役割: ${bad.join(', ')}（使える役割: ${ROLES.join(', ')}）`, { field: 'roles' });
  return roles as Role[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `users add`: creates the account and prints its one-time password. */
async function addUser(db: Db, login: string, opts: { name: string; role: string; department: string[]; email?: string }): Promise<void> {
  const password = await generateInitialPassword(login);
  const user = await createUser(
    db,
    {
      login,
      displayName: opts.name,
      email: opts.email ?? null,
      roles: parseRoles(opts.role),
      departmentIds: await departmentIdsByNameOrCode(db, opts.department),
      password,
    },
    cliActor(),
  );
  console.log(`利用者を追加しました: ${user.login}（${user.roles.join(', ')}）`);
  console.log(`初期パスワード: ${password}`);
  console.log('初回ログイン時に新しいパスワードの設定が必要です。');
}

/** `users list`: one tab-separated line per account, or JSON. */
async function printUsers(db: Db, json: boolean): Promise<void> {
  const rows = await listUsers(db);
  const names = await departmentNames(db);
  if (json) {
    const out = rows.map((u) => ({
      login: u.login,
      displayName: u.displayName,
      email: u.email,
      roles: u.roles,
      departments: u.departmentIds.map((d) => names.get(d)),
      disabled: u.disabled,
    }));
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  for (const u of rows) {
    const depts = u.departmentIds.map((d) => names.get(d)).join('・');
    console.log(`${u.login}\t${u.displayName}\t${u.roles.join(',')}${depts ? `\t${depts}` : ''}${u.disabled ? '\t(無効)' : ''}`);
  }
}

async function existingUser(db: Db, login: string) {
  const user = await findUser(db, login);
  if (!user) throw notFound(`利用者が見つかりません: ${login}`);
  return user;
}

/** `users set-role`: replaces the roles, and the departments when some are given. */
async function setRoles(db: Db, login: string, roles: string, departments: string[]): Promise<void> {
  const user = await existingUser(db, login);
  const updated = await updateUser(
    db,
    user.id,
    { roles: parseRoles(roles), ...(departments.length ? { departmentIds: await departmentIdsByNameOrCode(db, departments) } : {}) },
    cliActor(),
  );
  console.log(`役割を設定しました: ${updated.login} → ${updated.roles.join(', ')}`);
}

/** `users unlock`: lifts a paused sign-in and forgets its failures. */
async function unlockUser(db: Db, login: string): Promise<void> {
  const user = await existingUser(db, login);
  const addresses = await unlockLogin(db, user.login, cliActor());
  console.log(
    addresses > 0
      ? `ログインの一時停止を解除しました: ${user.login}（接続元 ${addresses} 件の失敗を消去）`
      : `${user.login} は止まっていません（失敗の記録もありません）。`,
  );
}

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('利用者の管理（追加・一覧・役割の設定・ログイン一時停止の解除）');

  users
    .command('add')
    .description('利用者を追加し、初期パスワード（初回ログイン時に変更が必要）を表示する')
    .argument('<login>', 'ログインID（英小文字・数字・. _ -）')
    .requiredOption('--name <name>', '氏名')
    .requiredOption('--role <roles>', `役割（カンマ区切り: ${ROLES.join(', ')}）`)
    .option('--department <name>', '担当課の名前またはコード（複数回指定可）', collect, [])
    .option('--email <email>', 'メールアドレス（督促の送信先）')
    .action(async (login: string, opts: { name: string; role: string; department: string[]; email?: string }) => {
      await withStore(program, (db) => addUser(db, login, opts));
    });

  users
    .command('list')
    .description('利用者の一覧を表示する')
    .option('--json', 'JSON で出力する')
    .action(async (opts: { json?: boolean }) => {
      await withStore(program, (db) => printUsers(db, opts.json === true), 'read');
    });

  users
    .command('set-role')
    .description('利用者の役割（と担当課）を設定し直す')
    .argument('<login>', 'ログインID')
    .argument('<roles>', `役割（カンマ区切り: ${ROLES.join(', ')}）`)
    .option('--department <name>', '担当課の名前またはコード（複数回指定可。指定すると置き換え）', collect, [])
    .action(async (login: string, roles: string, opts: { department: string[] }) => {
      await withStore(program, (db) => setRoles(db, login, roles, opts.department));
    });

  users
    .command('unlock')
    .description('パスワードの失敗が続いて止まったログインを解除し、失敗の回数を数え直す')
    .argument('<login>', 'ログインID')
    .action(async (login: string) => {
      await withStore(program, (db) => unlockUser(db, login));
    });
}
