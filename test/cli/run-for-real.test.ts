/**
 * The real `hyoka` binary as separate processes on one embedded data directory: the lock
 * refuses a second writer, reads and backups go through the running server, SIGTERM lets
 * an in-flight request finish, and kill -9 leaves a lock the next start takes over.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { SAMPLE_REPORT } from '../../src/imports/sample.js';
import { randomBytes } from 'node:crypto';
import { openDb } from '../../src/db/db.js';
import { acquireStoreLock, LOCK_FILE } from '../../src/db/store-lock.js';
import { decodeBackup, storeDigests } from '../../src/ops/backup.js';
import { CONTROL_SOCKET } from '../../src/ops/control-socket.js';
import { CLI, type Served, startServe } from './serve-process.js';

const LOCKED = 75;

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HYOKA_LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  return env;
}

function hyoka(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, '--data-dir', dataDir, ...args], { encoding: 'utf8', env: cliEnv() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function serve(dataDir: string): Promise<Served> {
  return startServe(['--data-dir', dataDir, 'serve', '--port', '0', '--host', '127.0.0.1'], cliEnv());
}

function stopOnFailure(t: { after(fn: () => void): void }, served: () => Served | undefined): void {
  t.after(() => {
    const s = served();
    if (s && s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  });
}

/** A fresh store folder removed after the test; `stopped` marks a server to kill if the test fails before stopping it. */
function serverFolder(t: { after(fn: () => void): void }): { data: string; stopped(server: Served): Served } {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-ops-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return {
    data: join(dir, 'data'),
    stopped(server) {
      stopOnFailure(t, () => server);
      return server;
    },
  };
}

async function healthz(port: number): Promise<number> {
  return (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
}

describe('hyoka as real processes on one embedded store', () => {
  test('a second process is refused, reads and backups go through the server, and the store is intact afterwards', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'hyoka-ops-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const data = join(dir, 'data');
    assert.equal(hyoka(data, 'import', SAMPLE_REPORT, '--slug', 'chigasaki').code, 0);
    const summaryBefore = hyoka(data, 'summary', '--json');
    assert.equal(summaryBefore.code, 0, summaryBefore.stderr);

    let server: Served | undefined;
    stopOnFailure(t, () => server);
    server = await serve(data);
    const holder = JSON.parse(readFileSync(join(data, LOCK_FILE), 'utf8')) as { pid: number; command: string };
    assert.equal(holder.pid, server.child.pid);

    const second = spawnSync(process.execPath, [CLI, '--data-dir', data, 'serve', '--port', '0'], { encoding: 'utf8', env: cliEnv() });
    assert.equal(second.status, LOCKED);
    assert.match(second.stderr, /別のプロセスが使用中です/);
    assert.match(second.stderr, new RegExp(`pid ${server.child.pid}`));
    assert.match(second.stderr, /コマンド: .*serve --port 0/);
    assert.match(second.stderr, /開始: /);

    // Every command that changes data is refused with the same message; nothing is lost silently.
    for (const args of [
      ['import', SAMPLE_REPORT, '--slug', 'other'],
      ['users', 'add', 'suzuki', '--name', '鈴木', '--role', 'admin'],
      ['migrate'],
      ['restore', join(dir, 'none.jsonl.gz')],
    ]) {
      const r = hyoka(data, ...args);
      if (args[0] === 'restore') {
        assert.equal(r.code, 1, 'a missing file is reported before the store is opened');
        continue;
      }
      assert.equal(r.code, LOCKED, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`pid ${server.child.pid}`));
    }

    // Reads see the server's consistent snapshot; a backup comes from the server too.
    const summaryDuring = hyoka(data, 'summary', '--json');
    assert.equal(summaryDuring.code, 0, summaryDuring.stderr);
    assert.equal(summaryDuring.stdout, summaryBefore.stdout);
    assert.match(summaryDuring.stderr, /スナップショット/);
    const backupFile = join(dir, 'during.jsonl.gz');
    const backedUp = hyoka(data, 'backup', '--out', backupFile);
    assert.equal(backedUp.code, 0, backedUp.stderr);
    assert.match(backedUp.stdout, /稼働中のサーバーから取得/);
    const backup = decodeBackup(readFileSync(backupFile));
    const restoreWhileServing = hyoka(data, 'restore', backupFile, '--force');
    assert.equal(restoreWhileServing.code, LOCKED);

    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0, server.output.stderr);
    assert.equal(existsSync(join(data, LOCK_FILE)), false, 'the lock is released');
    assert.equal(existsSync(join(data, CONTROL_SOCKET)), false, 'the control socket is removed');

    // The store is intact: every B-tree index passes amcheck, and every table matches the backup taken while serving.
    const lock = acquireStoreLock(data);
    const pg = await PGlite.create(data, { extensions: { amcheck } });
    try {
      await pg.exec('create extension if not exists amcheck');
      const indexes = await pg.query<{ oid: number; name: string }>(
        `select c.oid::int as oid, c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
          join pg_namespace n on n.oid = c.relnamespace where a.amname = 'btree' and n.nspname = 'public'`,
      );
      assert.ok(indexes.rows.length > 30, `indexes checked: ${indexes.rows.length}`);
      for (const index of indexes.rows) await pg.query('select bt_index_check($1::regclass, true)', [index.oid]);
    } finally {
      await pg.close();
      lock.release();
    }
    const db = await openDb({ dataDir: data });
    try {
      assert.deepEqual(await storeDigests(db), Object.fromEntries(backup.tables.map((x) => [x.name, x.digest])));
    } finally {
      await db.close();
    }
  });

  test('SIGTERM lets an in-flight request finish, exits 0 and releases the lock', async (t) => {
    const { data, stopped } = serverFolder(t);
    let server = stopped(await serve(data));

    // A request whose body is still on its way is in flight for as long as the test wants.
    const body = 'login=demo-viewer&password=x&_csrf=y';
    const socket = connect(server.port, '127.0.0.1');
    t.after(() => socket.destroy());
    let response = '';
    socket.on('data', (d: Buffer) => (response += d.toString('utf8')));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
    );
    await server.waitFor(/"msg":"incoming request"[^\n]*"url":"\/login"|"url":"\/login"[^\n]*"msg":"incoming request"/);

    server.child.kill('SIGTERM');
    await server.waitFor(/SIGTERM を受け取りました/);
    assert.equal(server.child.exitCode, null, 'still running while the request is unfinished');
    socket.write(body.slice(5));
    await closed;
    assert.match(response, /^HTTP\/1\.1 (403|303|200) /, response.slice(0, 200));
    assert.equal(await server.exited, 0, server.output.stderr);
    assert.equal(existsSync(join(data, LOCK_FILE)), false);

    server = stopped(await serve(data));
    assert.equal(await healthz(server.port), 200);
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
  });

  test('after kill -9 the stale lock is taken over by the next start', async (t) => {
    const { data, stopped } = serverFolder(t);
    let server = stopped(await serve(data));
    const killedPid = server.child.pid;
    server.child.kill('SIGKILL');
    await server.exited;
    const left = JSON.parse(readFileSync(join(data, LOCK_FILE), 'utf8')) as { pid: number };
    assert.equal(left.pid, killedPid, 'kill -9 leaves the lock file behind');

    server = stopped(await serve(data));
    const now = JSON.parse(readFileSync(join(data, LOCK_FILE), 'utf8')) as { pid: number };
    assert.equal(now.pid, server.child.pid);
    assert.equal(await healthz(server.port), 200);
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
  });
});

describe('moving a city from the embedded store to PostgreSQL', () => {
  const url = process.env.TEST_DATABASE_URL;
  test('hyoka backup on PGlite, then hyoka restore with DATABASE_URL: the same rows, the same summary', {
    skip: url ? false : 'TEST_DATABASE_URL is not set',
  }, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'hyoka-move-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const data = join(dir, 'data');
    assert.equal(hyoka(data, 'import', SAMPLE_REPORT, '--slug', 'chigasaki').code, 0);
    const summary = hyoka(data, 'summary', '--json');
    const file = join(dir, 'city.jsonl.gz');
    assert.equal(hyoka(data, 'backup', '--out', file).code, 0);

    const schema = `hyoka_move_${randomBytes(4).toString('hex')}`;
    const admin = await openDb({ databaseUrl: url!, schema });
    t.after(async () => {
      await admin.exec(`drop schema if exists ${schema} cascade`);
      await admin.close();
    });
    const target = `${url}${url!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const onPostgres = (...args: string[]) => {
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...cliEnv(), DATABASE_URL: target } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const restored = onPostgres('restore', file);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /チェックサムを確認済み/);
    assert.deepEqual(await storeDigests(admin), Object.fromEntries(decodeBackup(readFileSync(file)).tables.map((x) => [x.name, x.digest])));
    assert.equal(onPostgres('summary', '--json').stdout, summary.stdout);
    const again = onPostgres('restore', file);
    assert.equal(again.code, 1, 'a second restore into the now non-empty database needs --force');
    assert.match(again.stderr, /--force/);
  });
});
