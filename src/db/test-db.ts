/**
 * Test databases: a fresh in-memory PGlite, and, when TEST_DATABASE_URL is set,
 * a fresh schema on the real PostgreSQL server that is dropped afterwards.
 * `engines()` lists what to run storage tests against.
 */
import { randomBytes } from 'node:crypto';
import { openDb, type Db } from './db.js';
import { migrate } from './migrate.js';

let sharedPglite: Promise<Db> | undefined;

export type Engine = 'pglite' | 'postgres';

export function engines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDb {
  db: Db;
  cleanup(): Promise<void>;
}

export async function createTestDb(engine: Engine = 'pglite', options: { migrate?: boolean } = {}): Promise<TestDb> {
  let db: Db;
  let cleanup: () => Promise<void>;
  if (engine === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const schema = `hyoka_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    db = await openDb({ databaseUrl: url, schema });
    cleanup = async () => {
      await db.exec(`drop schema if exists ${schema} cascade`);
      await db.close();
    };
  } else {
    // Starting PGlite costs seconds; one instance per test process, one schema per test.
    sharedPglite ??= openDb({ inMemory: true });
    const shared = await sharedPglite;
    const schema = `t_${randomBytes(4).toString('hex')}`;
    await shared.exec(`create schema ${schema}; set search_path to ${schema}`);
    db = shared;
    cleanup = async () => {
      await shared.exec(`set search_path to public; drop schema ${schema} cascade`);
    };
  }
  if (options.migrate !== false) await migrate(db);
  return { db, cleanup };
}
