import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/main.js';
import { openDb } from '../db/db.js';
import { signIn } from '../auth/auth-store.js';
import { LOCKOUT_THRESHOLD } from '../auth/sign-in-throttle.js';
import { findUser } from './users-queries.js';

/** Runs the CLI, capturing what it prints. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  const before = process.exitCode;
  try {
    const code = await runCli(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
    process.exitCode = before;
  }
}

describe('hyoka users add / list / set-role / unlock', () => {
  let dir: string;
  const saved = process.env.DATABASE_URL;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hyoka-users-'));
    delete process.env.DATABASE_URL;
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    if (saved !== undefined) process.env.DATABASE_URL = saved;
  });

  test('adds a user with a one-time password, lists it, changes its roles, refuses bad input in Japanese', async () => {
    const added = await cli(['--data-dir', dir, 'users', 'add', 'tanaka', '--name', '田中 一郎', '--role', 'division,viewer', '--email', 'tanaka@example.jp']);
    assert.equal(added.code, 0, added.err);
    const password = /初期パスワード: (\S+)/.exec(added.out)?.[1];
    assert.ok(password && password.length >= 16);
    const listed = await cli(['--data-dir', dir, 'users', 'list', '--json']);
    const users = JSON.parse(listed.out) as { login: string; roles: string[]; displayName: string }[];
    assert.deepEqual(
      users.map((u) => [u.login, u.displayName, u.roles]),
      [['tanaka', '田中 一郎', ['division', 'viewer']]],
    );
    const set = await cli(['--data-dir', dir, 'users', 'set-role', 'tanaka', 'expert']);
    assert.equal(set.code, 0, set.err);
    const bad = await cli(['--data-dir', dir, 'users', 'set-role', 'tanaka', 'boss']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /不明な役割: boss/);
    const dup = await cli(['--data-dir', dir, 'users', 'add', 'tanaka', '--name', 'x', '--role', 'viewer']);
    assert.equal(dup.code, 1);
    assert.match(dup.err, /既に使われています/);
    const db = await openDb({ dataDir: dir });
    try {
      const row = (
        await db.query<{ must: boolean; hash: string }>(`select must_change_password as must, password_hash as hash from users where login = 'tanaka'`)
      ).rows[0]!;
      assert.equal(row.must, true, 'the initial password must be changed at first sign-in');
      assert.match(row.hash, /^scrypt\$\d+\$8\$1\$/, 'stored as scrypt with its cost (password.test.ts checks the cost itself)');
      assert.ok(!row.hash.includes(password!));
      const roles = await db.query<{ role: string }>(`select role from user_roles r join users u on u.id = r.user_id where u.login = 'tanaka'`);
      assert.deepEqual(
        roles.rows.map((r) => r.role),
        ['expert'],
      );
      const audit = await db.query<{ action: string }>(`select action from audit_log where entity = 'user' order by id`);
      assert.deepEqual(
        audit.rows.map((a) => a.action),
        ['create', 'update'],
      );
    } finally {
      await db.close();
    }
  });

  test('unlock lifts a sign-in pause, says so, and is audited; an unknown login is refused', async () => {
    const db = await openDb({ dataDir: dir });
    try {
      for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await signIn(db, 'tanaka', `wrong-${i}`, '198.51.100.7');
      assert.ok((await findUser(db, 'tanaka'))?.lockedUntil);
    } finally {
      await db.close();
    }
    const unlocked = await cli(['--data-dir', dir, 'users', 'unlock', 'tanaka']);
    assert.equal(unlocked.code, 0, unlocked.err);
    assert.match(unlocked.out, /ログインの一時停止を解除しました: tanaka/);
    const again = await cli(['--data-dir', dir, 'users', 'unlock', 'tanaka']);
    assert.match(again.out, /止まっていません/);
    const unknown = await cli(['--data-dir', dir, 'users', 'unlock', 'nobody']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /利用者が見つかりません: nobody/);
    const check = await openDb({ dataDir: dir });
    try {
      assert.equal((await findUser(check, 'tanaka'))?.lockedUntil, null);
      const audit = await check.query<{ actor: string }>(`select actor from audit_log where action = 'unlock' and entity_id = 'tanaka'`);
      assert.equal(audit.rowCount, 2);
      assert.match(audit.rows[0]!.actor, /^cli:/);
    } finally {
      await check.close();
    }
  });
});
