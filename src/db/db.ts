/**
 * One query interface over two engines: embedded PGlite (default, persisted under
 * ./data) and a real PostgreSQL server (DATABASE_URL). Domain code only sees `Db`,
 * so every query runs unchanged on both.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { env } from '../config/env.js';
import { isNewStore, storeTemplate } from './store-template.js';
import { acquireStoreLock, type StoreLock } from './store-lock.js';

export type SqlParam = string | number | boolean | null | Date | string[] | number[];

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<T>>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** The embedded store's directory (absent for PostgreSQL and in-memory PGlite). */
  readonly dataDir?: string | undefined;
  /** Runs `fn` in one transaction: commit on success, rollback on any throw. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… URL. When absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite directory; `memory://` or undefined with `inMemory` for tests. */
  dataDir?: string;
  inMemory?: boolean;
  /** In-memory PGlite only: start from this data-directory tarball (`dumpDataDir`) instead of running initdb. */
  loadDataDir?: Blob;
  /** PostgreSQL schema to use (created if missing); lets test runs never collide. */
  schema?: string;
}

export const DEFAULT_DATA_DIR = './data';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDb(options: OpenOptions = {}): Promise<Db> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`invalid schema name: ${options.schema}`);
  }
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.schema);
  return openPglite(options);
}

/** Opens whatever the environment asks for: DATABASE_URL, else PGlite in dataDir. */
export async function openDbFromEnv(dataDir?: string): Promise<Db> {
  const { DATABASE_URL: databaseUrl, HYOKA_DATA_DIR } = env();
  return openDb(databaseUrl ? { databaseUrl } : { dataDir: dataDir ?? HYOKA_DATA_DIR });
}

async function openPglite(options: OpenOptions): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  let dataDir: string | undefined;
  let lock: StoreLock | undefined;
  if (!options.inMemory) {
    dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
    mkdirSync(dataDir, { recursive: true });
    // Held until close (or process exit): a second process on this directory is refused, see store-lock.ts.
    lock = acquireStoreLock(dataDir);
  }
  let pg: InstanceType<typeof PGlite>;
  try {
    if (dataDir && isNewStore(dataDir)) {
      pg = await PGlite.create({ dataDir, loadDataDir: await storeTemplate(PGlite) });
    } else {
      pg = dataDir ? await PGlite.create(dataDir) : options.loadDataDir ? await PGlite.create({ loadDataDir: options.loadDataDir }) : await PGlite.create();
    }
  } catch (error) {
    lock?.release();
    throw error;
  }
  if (options.schema) {
    await pg.exec(`create schema if not exists ${options.schema}; set search_path to ${options.schema}`);
  }
  // PGlite is a single connection: serialise transactions so that a query from
  // another request never lands inside someone else's open transaction.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const wrap = (q: { query: typeof pg.query; exec: typeof pg.exec }): Queryable => ({
    async query<T>(sql: string, params: readonly SqlParam[] = []) {
      const r = await q.query<T>(sql, params as unknown[]);
      // PGlite reports affectedRows = 0 for SELECT; count the rows then, as pg does.
      return { rows: r.rows, rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const direct = wrap(pg);
  return {
    engine: 'pglite',
    dataDir,
    query: (sql, params) => exclusive(() => direct.query(sql, params)),
    exec: (sql) => exclusive(() => direct.exec(sql)),
    transaction: (fn) => exclusive(() => pg.transaction((tx) => fn(wrap(tx)))),
    close: () =>
      exclusive(async () => {
        if (pg.closed) return;
        try {
          await pg.close();
        } finally {
          lock?.release();
        }
      }),
  };
}

async function openPostgres(url: string, schema?: string): Promise<Db> {
  const pgModule = await import('pg');
  const pg = pgModule.default;
  // int8 (count(*), sums) arrives as text by default; our counts fit in a JS number.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({
    connectionString: url,
    max: env().HYOKA_DB_POOL,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  if (schema) await pool.query(`create schema if not exists ${schema}`);
  const wrap = (c: { query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[]; rowCount: number | null }> }): Queryable => ({
    async query<T>(sql: string, params: readonly SqlParam[] = []) {
      const r = await c.query(sql, params as unknown[]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  const direct = wrap(pool);
  return {
    engine: 'postgres',
    query: direct.query,
    exec: direct.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
