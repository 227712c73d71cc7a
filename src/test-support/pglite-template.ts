/**
 * The PGlite starting point for tests: a data directory right after initdb, holding a
 * few schemas that are already migrated, saved once as a tarball. Most of PGlite's
 * start-up time is initdb, and migrating a schema costs a few hundred milliseconds more;
 * a test process that loads this tarball skips both.
 *
 * The tarball lives in the OS temp directory under a name derived from the PGlite
 * version and the migrations, so a changed migration or an upgraded PGlite makes a new
 * one, and every test process (and checkout) with the same inputs shares it.
 * `scripts/run-tests.mjs` makes it before starting the test processes; a test file run
 * on its own makes it on first use. No node:test import here: the runner script loads
 * this module outside any test.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, SqlParam } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { migratedCopyKey } from '../db/store-template.js';

/**
 * How many migrated schemas the template holds. Once a test process has used them up it
 * loads the template afresh when no test database is open, else migrates a schema itself
 * (see `createTestDb`). Each costs ~2.3 MB of tarball and ~0.05 s to load against ~0.2 s
 * to migrate; 12 rather than more keeps making the template (once per machine and set of
 * migrations) at a few seconds.
 */
export const READY_SCHEMA_COUNT = 12;

/** Names of the template's migrated schemas; `createTestDb` renames one per test. */
export function readySchemaNames(): string[] {
  return Array.from({ length: READY_SCHEMA_COUNT }, (_, i) => `hyoka_ready_${i + 1}`);
}

export function pgliteTemplatePath(): string {
  return join(tmpdir(), 'hyoka-test-pglite', `template-${migratedCopyKey(`ready ${READY_SCHEMA_COUNT}\n`)}.tar`);
}

/** The template tarball, made first if it does not exist yet. */
export async function loadPgliteTemplate(): Promise<Blob> {
  const path = await ensurePgliteTemplate();
  return new Blob([readFileSync(path)]);
}

/** Makes the template unless it exists; returns its path. Safe when several processes race. */
export async function ensurePgliteTemplate(): Promise<string> {
  const path = pgliteTemplatePath();
  if (existsSync(path)) return path;
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create();
  try {
    const db = asDb(pg);
    for (const schema of readySchemaNames()) {
      await pg.exec(`create schema ${schema}; set search_path to ${schema}`);
      await migrate(db);
    }
    await pg.exec('set search_path to public');
    const tarball = await pg.dumpDataDir('none');
    mkdirSync(dirname(path), { recursive: true });
    // Written aside, then renamed: a process reading the path never sees half a file.
    const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, new Uint8Array(await tarball.arrayBuffer()));
    renameSync(partial, path);
  } finally {
    await pg.close();
  }
  return path;
}

/** Just enough of `Db` over a raw PGlite for `migrate` (the real one, `openDb`, keeps its PGlite private). */
function asDb(pg: PGlite): Db {
  const wrap = (q: PGlite | Transaction): Queryable => ({
    async query<T>(sql: string, params: readonly SqlParam[] = []) {
      const r = await q.query<T>(sql, params as unknown[]);
      return { rows: r.rows, rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    engine: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
