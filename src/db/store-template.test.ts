import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './db.js';
import { migrate } from './migrate.js';
import { isNewStore, readMigratedStoreTemplate, readStoreTemplate } from './store-template.js';

test('a folder without PG_VERSION is a new store; one with it is not', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hyoka-new-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(isNewStore(join(dir, 'missing')), true);
  assert.equal(isNewStore(dir), true);
  writeFileSync(join(dir, 'hyoka.lock'), '{}');
  assert.equal(isNewStore(dir), true, 'the lock file alone is no database');
  writeFileSync(join(dir, 'PG_VERSION'), '17');
  assert.equal(isNewStore(dir), false);
});

test('new stores start from the saved migrated copy and are complete, separate databases', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'hyoka-template-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const first = await openDb({ dataDir: join(root, 'a') });
  await migrate(first);
  await first.query(`insert into departments (code, name) values ('001', '最初の課')`);
  await first.close();
  assert.ok(readStoreTemplate(), 'the first new store leaves the initdb copy behind');
  assert.ok(readMigratedStoreTemplate(), 'and the migrated one');

  mkdirSync(join(root, 'b'));
  const second = await openDb({ dataDir: join(root, 'b') });
  t.after(() => second.close());
  assert.ok(existsSync(join(root, 'b', 'PG_VERSION')));
  const lock = JSON.parse(readFileSync(join(root, 'b', 'hyoka.lock'), 'utf8')) as { pid: number };
  assert.equal(lock.pid, process.pid, 'the new store holds its own lock, none carried in by the copy');
  const applied = await migrate(second);
  assert.deepEqual(applied.applied, [], 'the copy holds every migration already');
  const recorded = await second.query<{ n: number }>('select count(*)::int as n from schema_migrations');
  assert.equal(recorded.rows[0]!.n, applied.alreadyApplied, 'each recorded with its checksum, checked like any other');
  const departments = await second.query<{ n: number }>('select count(*)::int as n from departments');
  assert.equal(departments.rows[0]!.n, 0, 'nothing of another store comes with the template');
});
