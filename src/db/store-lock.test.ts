/** The embedded store's lock file: exclusive, named holder, stale after the holder dies, never stolen from a live one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireStoreLock, LOCK_FILE, StoreLockedError } from './store-lock.js';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-lock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the lock is exclusive while held and gone after release', (t) => {
  const dir = tempDir(t);
  const lock = acquireStoreLock(dir);
  const holder = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number; hostname: string; startedAt: string; command: string };
  assert.equal(holder.pid, process.pid);
  assert.equal(holder.hostname, hostname());
  assert.throws(
    () => acquireStoreLock(dir),
    (error: unknown) => error instanceof StoreLockedError && error.holder?.pid === process.pid && /使用中/.test(error.message),
  );
  lock.release();
  assert.equal(existsSync(join(dir, LOCK_FILE)), false);
  acquireStoreLock(dir).release();
});

test('a lock left by a dead process is taken over; one from another host is not', (t) => {
  const dir = tempDir(t);
  const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const deadPid = Number(exited.stdout);
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid, command: 'node main.js serve', startedAt: '2025-04-01T00:00:00Z', hostname: hostname() }));
  const lock = acquireStoreLock(dir);
  assert.equal((JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number }).pid, process.pid);
  lock.release();

  writeFileSync(
    join(dir, LOCK_FILE),
    JSON.stringify({ pid: deadPid, command: 'node main.js serve', startedAt: '2025-04-01T00:00:00Z', hostname: 'another-host' }),
  );
  assert.throws(() => acquireStoreLock(dir), /別のホストのロックは自動では解除しません/);
});

test('a live holder keeps its lock even when its lock file is old', (t) => {
  const dir = tempDir(t);
  // The parent of this test process is alive; its lock must not be judged stale.
  writeFileSync(
    join(dir, LOCK_FILE),
    JSON.stringify({ pid: process.ppid, command: 'node main.js serve', startedAt: '2020-01-01T00:00:00Z', hostname: hostname() }),
  );
  assert.throws(
    () => acquireStoreLock(dir),
    (error: unknown) => error instanceof StoreLockedError && error.holder?.pid === process.ppid,
  );
});
