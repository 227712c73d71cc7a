/**
 * Versioned SQL migrations: src/db/migrations/NNN_name.sql, applied in order,
 * each in its own transaction, recorded in schema_migrations with a checksum so
 * an edited, already-applied migration is caught instead of silently skipped.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

// Compiled code lives in dist/src/db; the SQL files stay in src/db/migrations.
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../src/db/migrations/', import.meta.url));

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: file.slice(0, 3),
        name: file.slice(4, -4),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/** PostgreSQL's SQLSTATE for a table that does not exist. */
const UNDEFINED_TABLE = '42P01';

/**
 * The versions applied and their checksums. Every command that opens a store asks, and the
 * store nearly always has the table: it is read with one statement, and created only when
 * that statement finds none (a CREATE TABLE IF NOT EXISTS first was 7–15 ms of a command's
 * first statement on a freshly started embedded store, against 2–3 ms for the read).
 */
async function appliedMigrations(db: Db): Promise<Map<string, string>> {
  const read = async () =>
    new Map(
      (await db.query<{ version: string; checksum: string }>('select version, checksum from schema_migrations')).rows.map((r) => [r.version, r.checksum]),
    );
  try {
    return await read();
  } catch (error) {
    if ((error as { code?: unknown }).code !== UNDEFINED_TABLE) throw error;
  }
  // IF NOT EXISTS: another process may be creating it at the same moment.
  await db.exec(`create table if not exists schema_migrations (
    version text primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
  return read();
}

export async function migrate(db: Db, migrations = loadMigrations()): Promise<MigrationResult> {
  const done = await appliedMigrations(db);
  const applied: string[] = [];
  for (const m of migrations) {
    const checksum = done.get(m.version);
    if (checksum !== undefined) {
      if (checksum !== m.checksum) {
        throw new Error(`migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead`);
      }
      continue;
    }
    await db.transaction(async (tx) => {
      // Two processes starting at once: the second waits here, then sees the row and skips.
      await tx.query('select pg_advisory_xact_lock(4242)');
      const again = await tx.query('select 1 from schema_migrations where version = $1', [m.version]);
      if (again.rowCount > 0) return;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [m.version, m.name, m.checksum]);
      applied.push(`${m.version}_${m.name}`);
    });
  }
  return { applied, alreadyApplied: done.size };
}
