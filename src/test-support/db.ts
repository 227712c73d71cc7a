/**
 * Test databases: a schema of its own on one in-memory PGlite per test process, and,
 * when TEST_DATABASE_URL is set, a fresh schema on the real PostgreSQL server that is
 * dropped afterwards. `engines()` lists what to run storage tests against.
 *
 * The PGlite starts from the migrated template (./pglite-template.ts) and is closed
 * after the file's last test: left open, its timers keep the process alive for
 * seconds after the tests are done.
 */
import { after, type TestContext } from 'node:test';
import { randomBytes } from 'node:crypto';
import { setPasswordHashCost } from '../auth/password.js';
import { openDb, type Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { mayWrite } from '../db/own-writes.js';
import { loadPgliteTemplate, readySchemaNames } from './pglite-template.js';

interface SharedPglite {
  db: Db;
  /** Migrated schemas from the template not handed out yet. */
  ready: string[];
  /** The schema the connection points at now. */
  searchPath: string;
  /** The last call in line: every test database's calls take their turn after it. */
  queue: Promise<unknown>;
  /** Statements that may write sent by any test database, counted when sent (the line may hold them a while). */
  writes: number;
}

// Test users hash their passwords at scrypt's N=2^10 instead of 2^15: the same code path
// at a thirty-second of the memory and time (password.test.ts checks the real cost).
setPasswordHashCost({ N: 2 ** 10, r: 8, p: 1 });

let sharedPglite: Promise<SharedPglite> | undefined;
/** Test databases handed out on the shared PGlite and not cleaned up yet. */
let openSchemas = 0;
let fileDone = false;
/** Set by a test bundle (several files in one process): the instance outlives each file. */
let heldByBundle = false;

/**
 * Keeps the shared PGlite open across the files of a bundle (see scripts/run-tests.mjs):
 * every file pays PGlite's start once per process instead of once per file. The bundle
 * calls `releaseSharedPglite` after its last file.
 */
export function holdSharedPgliteForBundle(): void {
  heldByBundle = true;
}

export async function releaseSharedPglite(): Promise<void> {
  heldByBundle = false;
  await closeSharedPglite();
}

// Registered at module load, outside any test, so it belongs to the file's root and runs
// after every test of the file. The file's own root `after` hooks may still clean up
// after it (they were registered later), so the instance closes with the last cleanup.
after(async () => {
  fileDone = true;
  if (openSchemas === 0 && !heldByBundle) await closeSharedPglite();
});

async function closeSharedPglite(): Promise<void> {
  const shared = sharedPglite;
  sharedPglite = undefined;
  if (!shared) return;
  const { db, queue } = await shared;
  await queue.then(() => db.close());
}

/**
 * The shared PGlite to make a test database on, counted in `openSchemas` already (in the
 * same tick as the checks, so that no other caller replaces the instance under it).
 *
 * When a migrated database is wanted, no migrated schema is left and no test database is
 * open, the instance is replaced by a fresh one from the template. Loading the template
 * costs about what migrating its READY_SCHEMA_COUNT schemas would, and a long-lived
 * PGlite gets slower at DDL the more test databases have come and gone (creating and
 * migrating a schema went from 0.19 s to 0.7 s of CPU over 80 seeded test databases;
 * VACUUM and CHECKPOINT did not bring it back), so the fresh instance is the cheaper way on.
 */
async function sharedPgliteFor(migrated: boolean): Promise<SharedPglite> {
  for (;;) {
    sharedPglite ??= openSharedPglite();
    const current = sharedPglite;
    const shared = await current;
    if (current !== sharedPglite) continue;
    if (migrated && shared.ready.length === 0 && openSchemas === 0) {
      // After every call already in line (a cleanup's drop may still be waiting there).
      const drained = shared.queue.then(() => shared.db.close()).catch(() => undefined);
      sharedPglite = drained.then(openSharedPglite);
      continue;
    }
    openSchemas += 1;
    return shared;
  }
}

async function openSharedPglite(): Promise<SharedPglite> {
  const db = await openDb({ inMemory: true, loadDataDir: await loadPgliteTemplate() });
  return { db, ready: readySchemaNames(), searchPath: 'public', queue: Promise.resolve(), writes: 0 };
}

/** Runs `fn` once every call queued before it on the shared PGlite has finished, with the connection pointed at `schema`. */
function inSchema<T>(shared: SharedPglite, schema: string, fn: () => Promise<T>): Promise<T> {
  const turn = async () => {
    if (shared.searchPath !== schema) {
      await shared.db.exec(`set search_path to ${schema}`);
      shared.searchPath = schema;
    }
    return fn();
  };
  const run = shared.queue.then(turn, turn);
  shared.queue = run.catch(() => undefined);
  return run;
}

/**
 * A test database on the shared PGlite: a schema of the one connection. Every call first
 * points the connection at its own schema, in one line with every other test database's
 * calls, so two test databases open at once never see each other's tables.
 */
function schemaDb(shared: SharedPglite, schema: string): Db {
  // Counted as the store itself counts them, but here, before the shared line (own-writes.ts).
  const send = <T>(writes: boolean, fn: () => Promise<T>): Promise<T> => {
    if (writes) shared.writes++;
    return inSchema(shared, schema, fn);
  };
  return {
    engine: shared.db.engine,
    writesSent: () => shared.writes,
    query: (sql, params) => send(mayWrite(sql), () => shared.db.query(sql, params)),
    exec: (sql) => send(true, () => shared.db.exec(sql)),
    transaction: (fn) => send(true, () => shared.db.transaction(fn)),
    close: () => shared.db.close(),
  };
}

export type Engine = 'pglite' | 'postgres';

export function engines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDb {
  db: Db;
  cleanup(): Promise<void>;
}

/**
 * A migrated database of its own (`migrate: false`: an empty one). Call `cleanup`
 * (e.g. from `t.after`) when done; it drops what the test made.
 */
export async function createTestDb(engine: Engine = 'pglite', options: { migrate?: boolean } = {}): Promise<TestDb> {
  const migrated = options.migrate !== false;
  if (engine === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `hyoka_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const db = await openDb({ databaseUrl: url, schema });
    if (migrated) await migrate(db);
    return {
      db,
      async cleanup() {
        await db.exec(`drop schema if exists ${schema} cascade`);
        await db.close();
      },
    };
  }
  const shared = await sharedPgliteFor(migrated);
  const schema = `t_${randomBytes(4).toString('hex')}`;
  const ready = migrated ? shared.ready.shift() : undefined;
  const db = schemaDb(shared, schema);
  try {
    // Renaming keeps every table, sequence and trigger: the schema stays migrated.
    await inSchema(shared, 'public', () => shared.db.exec(ready ? `alter schema ${ready} rename to ${schema}` : `create schema ${schema}`));
    if (migrated && !ready) await migrate(db);
  } catch (error) {
    openSchemas -= 1;
    throw error;
  }
  let cleaned = false;
  return {
    db,
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      try {
        await inSchema(shared, 'public', () => shared.db.exec(`drop schema ${schema} cascade`));
      } finally {
        // Counted as open until its drop ran, so the instance is never replaced under it.
        openSchemas -= 1;
        if (fileDone && openSchemas === 0 && !heldByBundle) await closeSharedPglite();
      }
    },
  };
}

/**
 * PostgreSQL: a test database and another app process's view of it (its own connection
 * pool to the same schema, as another worker of `serve --workers` has), both closed after `t`.
 */
export async function postgresDbAndPeer(t: TestContext): Promise<{ db: Db; other: Db }> {
  const { db, cleanup } = await createTestDb('postgres');
  t.after(cleanup);
  const schema = (await db.query<{ s: string }>('select current_schema() as s')).rows[0]!.s;
  const other = await openDb({ databaseUrl: process.env.TEST_DATABASE_URL!, schema });
  t.after(() => other.close());
  return { db, other };
}
