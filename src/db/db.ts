/**
 * One query interface over two engines: embedded PGlite (default, persisted under
 * ./data) and a real PostgreSQL server (DATABASE_URL). Domain code only sees `Db`,
 * so every query runs unchanged on both.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { env } from '../config/env.js';
import type { PGlite } from '@electric-sql/pglite';
import { createPglite } from './pglite-open.js';
import { openPgliteWorker, type PgliteConnection } from './pglite-thread.js';
import { acquireStoreLock, type StoreLock } from './store-lock.js';
import { mayWrite } from './own-writes.js';
import { PreparedStatements } from './pglite-prepared.js';
import { isStalePlan } from './stale-plan.js';

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
  /**
   * PostgreSQL only: calls `listener` soon after any process commits a change to the
   * public data (the change counter's notification, migration 018), and once each time the
   * listening connection is made: first (changes before it went unheard) and again after it
   * was lost.
   * Returns the unsubscribe function. Absent on PGlite: one process owns the store.
   */
  onPublicChange?(listener: () => void): () => void;
  /**
   * PGlite only: how many statements that may write (own-writes.ts) this process has sent so
   * far, counted as they are sent. One process owns the embedded store, so while the count
   * stands the store holds what a read sent since the last write answered. Absent on
   * PostgreSQL: other processes write there.
   */
  writesSent?(): number;
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
  /**
   * PGlite only: where its queries run. An on-disk store runs in a worker thread by
   * default, so WebAssembly execution never blocks the thread serving requests; an
   * in-memory database (tests, benchmarks) on the caller's thread.
   */
  thread?: 'worker' | 'inline';
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
  let dataDir: string | undefined;
  let lock: StoreLock | undefined;
  if (!options.inMemory) {
    dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
    mkdirSync(dataDir, { recursive: true });
    // Held until close (or process exit): a second process on this directory is refused, see store-lock.ts.
    lock = acquireStoreLock(dataDir);
  }
  const thread = options.thread ?? (dataDir ? 'worker' : 'inline');
  let connection: PgliteConnection & { transaction<T>(fn: (tx: Queryable) => Promise<T>, endSent: () => void): Promise<T> };
  try {
    connection = thread === 'worker' ? await workerConnection(dataDir, options) : await inlineConnection(dataDir, options);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const line = storeLine();
  const direct = queryable(connection);
  let closed = false;
  // Counted when asked, before the line: the line keeps the order asked, so a read asked after this count runs after every write counted.
  let writes = 0;
  return {
    engine: 'pglite',
    dataDir,
    writesSent: () => writes,
    query: (sql, params) => {
      if (mayWrite(sql)) writes++;
      return line.send(() => direct.query(sql, params));
    },
    exec: (sql) => {
      writes++;
      return line.send(() => direct.exec(sql));
    },
    transaction: (fn) => {
      writes++;
      return line.hold((endSent) => connection.transaction(fn, endSent));
    },
    close: () =>
      line.send(async () => {
        if (closed) return;
        closed = true;
        try {
          await connection.close();
        } finally {
          lock?.release();
        }
      }),
  };
}

/**
 * The order of statements on the embedded store's one connection. The store answers in the
 * order statements arrive, so a statement is sent as soon as it is asked, without waiting for
 * the answers before it (the store's thread never idles between two reads while the request
 * thread is busy), unless a transaction holds the line: from its BEGIN until its COMMIT or
 * ROLLBACK has been sent, whatever is asked waits, so that nothing lands inside someone
 * else's transaction. Waiting statements and transactions go on in the order asked.
 */
function storeLine() {
  /** Settles once everything asked so far has been sent (a transaction: its end). */
  let tail: Promise<void> = Promise.resolve();
  /** Asked and not yet sent: while any, a new statement queues behind them. */
  let waiting = 0;
  return {
    /** `start` sends its statement before it returns (the answer may come later). */
    send<T>(start: () => Promise<T>): Promise<T> {
      if (waiting === 0) return start();
      waiting++;
      let answer!: Promise<T>;
      tail = tail.then(() => {
        waiting--;
        answer = start();
        // Awaited by the caller below; an early failure must not count as unhandled meanwhile.
        answer.catch(() => undefined);
      });
      return tail.then(() => answer);
    },
    /** `run` calls `endSent` once its COMMIT or ROLLBACK has been sent (at the latest when it settles). */
    hold<T>(run: (endSent: () => void) => Promise<T>): Promise<T> {
      waiting++;
      let release!: () => void;
      const turn = tail;
      tail = new Promise<void>((resolve) => {
        release = resolve;
      });
      let released = false;
      const endSent = () => {
        if (released) return;
        released = true;
        waiting--;
        release();
      };
      return turn.then(() => run(endSent)).finally(endSent);
    },
  };
}

function queryable(c: Pick<PgliteConnection, 'query' | 'exec'>): Queryable {
  return {
    async query<T>(sql: string, params: readonly SqlParam[] = []) {
      const r = await c.query(sql, params);
      // PGlite reports affectedRows = 0 for SELECT; count the rows then, as pg does.
      return { rows: r.rows as T[], rowCount: Math.max(r.affectedRows, r.rows.length) };
    },
    async exec(sql: string) {
      await c.exec(sql);
    },
  };
}

/** The store in its own worker thread; a transaction is BEGIN … COMMIT over the same queue of messages. */
async function workerConnection(dataDir: string | undefined, options: OpenOptions) {
  const loadDataDir = !dataDir && options.loadDataDir ? await options.loadDataDir.arrayBuffer() : undefined;
  const c = await openPgliteWorker({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    ...(options.schema ? { schema: options.schema } : {}),
  });
  return {
    ...c,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, endSent: () => void): Promise<T> {
      // The thread answers in arrival order, so whatever was sent before COMMIT or ROLLBACK runs
      // inside the transaction; a statement started after it is refused (see transactionLine).
      // BEGIN goes with the first statements, unanswered: each statement of the transaction is
      // refused by the thread unless a transaction is open, so none runs on its own if BEGIN failed.
      let ended = false;
      const tx = queryable({
        query: (sql, params) => (ended ? transactionEnded() : c.query(sql, params, { inTransaction: true })),
        exec: (sql) => (ended ? transactionEnded() : c.exec(sql, { inTransaction: true })),
      });
      const began = c.exec('begin');
      began.catch(() => undefined);
      const end = (sql: 'commit' | 'rollback') => {
        ended = true;
        const done = c.exec(sql);
        endSent();
        return done;
      };
      let result: T;
      try {
        result = await fn(tx);
        await began;
      } catch (error) {
        await end('rollback').catch(() => undefined);
        throw error;
      }
      // Once COMMIT is sent others' statements follow it: a failed COMMIT has ended the transaction
      // itself, and a ROLLBACK sent now could land in the next one.
      await end('commit');
      return result;
    },
  };
}

/** The store on the caller's own thread (in-memory test databases, or when asked). */
async function inlineConnection(dataDir: string | undefined, options: OpenOptions) {
  const pg = await createPglite({
    ...(dataDir ? { dataDir } : {}),
    ...(!dataDir && options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    ...(options.schema ? { schema: options.schema } : {}),
  });
  const prepared = new PreparedStatements(pg, await import('@electric-sql/pglite'));
  const raw = (q: Pick<PGlite, 'query' | 'exec'> & { closed?: boolean }) => ({
    query: async (sql: string, params: readonly unknown[]) => {
      if (!q.closed) return prepared.query(sql, params);
      // A transaction that has ended (or a closed store) is left to PGlite's own query, which refuses the statement.
      const r = await q.query(sql, params as unknown[]);
      return { rows: r.rows, affectedRows: r.affectedRows ?? 0 };
    },
    exec: async (sql: string) => {
      await q.exec(sql);
    },
  });
  return {
    ...raw(pg),
    // PGlite sends COMMIT or ROLLBACK inside its transaction(): the line is held until that settles.
    transaction: <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => pg.transaction((t) => fn(queryable(raw(t)))),
    close: async () => {
      if (!pg.closed) await pg.close();
    },
  };
}

/** A statement as pg takes it: its text, and a name when it is to be prepared once per connection. */
type Statement = string | { text: string; name: string };
type ClientQuery = (statement: Statement, params?: unknown[]) => Promise<{ rows: unknown[]; rowCount: number | null }>;

/** Refusal of a statement started after its transaction's COMMIT or ROLLBACK was sent. */
function transactionEnded(): Promise<never> {
  return Promise.reject(new Error('the transaction has ended: a statement started after its COMMIT or ROLLBACK was not sent'));
}

/**
 * A transaction's statements in one line on its connection. Code inside a transaction may
 * start several reads together (Promise.all), which pg only queues with a deprecation warning
 * (an error from pg 9 on). The COMMIT or ROLLBACK takes its place at the end of the line,
 * after every statement started before it, and a statement started after that is refused:
 * it would run outside the transaction, on a connection perhaps handed to another request.
 */
function transactionLine(client: { query: ClientQuery }): { query: ClientQuery; finish(sql: 'commit' | 'rollback'): Promise<unknown> } {
  let queue: Promise<unknown> = Promise.resolve();
  let ended = false;
  const enqueue: ClientQuery = (statement, params) => {
    const send = () => client.query(statement, params);
    const run = queue.then(send, send);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    query: (statement, params) => (ended ? transactionEnded() : enqueue(statement, params)),
    finish(sql) {
      ended = true;
      return enqueue(sql);
    },
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
  const prepared = preparedStatements(env().HYOKA_DB_PREPARED);
  const wrap = (c: { query: ClientQuery }, inTransaction: boolean): Queryable => ({
    async query<T>(sql: string, params: readonly SqlParam[] = []) {
      // One without parameters goes as plain text, as before: utility statements (set, analyze) keep nothing on the connection.
      const statement = params.length > 0 ? prepared.statement(sql) : sql;
      let r: Awaited<ReturnType<ClientQuery>>;
      try {
        r = await c.query(statement, params as unknown[]);
      } catch (error) {
        if (typeof statement === 'string' || !isStalePlan(error)) throw error;
        // The tables changed under the plan (a migration by another process): unnamed from now on; run
        // again at once outside a transaction (inside, the error has ended it).
        prepared.forget(sql);
        if (inTransaction) throw error;
        r = await c.query(sql, params as unknown[]);
      }
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  const direct = wrap(pool, false);
  const notifications = publicChangeListener(url, schema ?? null);
  return {
    engine: 'postgres',
    query: direct.query,
    exec: direct.exec,
    onPublicChange: notifications.subscribe,
    async transaction(fn) {
      const client = await pool.connect();
      const line = transactionLine(client);
      try {
        await line.query('begin');
        const result = await fn(wrap(line, true));
        await line.finish('commit');
        return result;
      } catch (error) {
        await line.finish('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: async () => {
      await notifications.close();
      await pool.end();
    },
  };
}

/**
 * Statements named so that each connection parses and plans them once, then only binds
 * and runs them: on the workflow's reads planning was half of PostgreSQL's time (an entry's
 * row 0.48 → 0.16 ms a statement). The name is the text's hash, the same in every process.
 * Statements whose text is made per call (generated lists) would fill every connection
 * with plans used once: past `limit` distinct texts a statement goes unnamed, parsed each
 * time as before. `limit` 0 names none (a pooler in transaction mode may need that).
 */
function preparedStatements(limit: number): { statement(sql: string): Statement; forget(sql: string): void } {
  /** Each text's name; null for a text whose plan went stale, sent unnamed from then on. */
  const names = new Map<string, string | null>();
  return {
    statement(sql) {
      let name = names.get(sql);
      if (name === undefined) {
        if (names.size >= limit) return sql;
        name = `hyoka_${createHash('sha1').update(sql).digest('hex')}`;
        names.set(sql, name);
      }
      return name === null ? sql : { text: sql, name };
    },
    forget(sql) {
      names.set(sql, null);
    },
  };
}

/** How long to wait before listening again after the listening connection failed. */
const RELISTEN_MS = 2000;

/**
 * One connection per process, outside the pool, that LISTENs for the change counter's
 * notifications; made on the first subscription. Once it listens, and whenever it is made
 * again after a failure (a little later), every listener is called once, since a change
 * may have gone unheard meanwhile (the caches' own periodic counter check covers that gap too).
 */
function publicChangeListener(url: string, schema: string | null) {
  const listeners = new Set<() => void>();
  let client: import('pg').Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const notifyAll = () => {
    for (const l of listeners) l();
  };
  const listen = async (): Promise<void> => {
    const pg = (await import('pg')).default;
    // keepAlive: a connection a NAT or firewall dropped silently must end, so that it is made again.
    const c = new pg.Client({ connectionString: url, keepAlive: true });
    client = c;
    const lost = () => {
      if (client !== c) return;
      client = undefined;
      c.end().catch(() => undefined);
      if (!closed) {
        retry = setTimeout(() => {
          retry = undefined;
          void listen().then(notifyAll, () => undefined);
        }, RELISTEN_MS);
        retry.unref();
      }
    };
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', (n) => {
      if (schema === null || n.payload === schema) notifyAll();
    });
    try {
      await c.connect();
      await c.query('listen hyoka_public_change');
    } catch (error) {
      lost();
      throw error;
    }
  };
  return {
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      if (!client && !retry && !closed) void listen().then(notifyAll, () => undefined);
      return () => listeners.delete(listener);
    },
    async close(): Promise<void> {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
