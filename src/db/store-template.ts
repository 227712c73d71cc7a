/**
 * A new embedded store starts from a copy of a freshly initialised and migrated one
 * instead of running initdb and every migration, which are most of a new store's cost
 * (initdb about 3.6 s, the migrations about 2.5 s here; loading the copy well under 1 s).
 * Two copies are kept in the user's own cache folder (~/.cache/hyoka, mode 0700): what
 * initdb writes, named by the PGlite version, and that plus the migrations, named by the
 * PGlite version and the migrations' checksums (a changed or added migration makes a new
 * one). The migrated copy is also kept unpacked, as a store's folder: a new store is a
 * plain file copy of it (about 1.3 s here against 2.6 s for PGlite unpacking the tarball
 * into the folder). A file there owned by someone else is never used. None holds data of
 * any city: only initdb's output and the schema the migrations create.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, SqlParam } from './db.js';
import { loadMigrations, migrate } from './migrate.js';
import { LOCK_FILE } from './store-lock.js';

/** The installed PGlite's version (its package.json is not exported, so found beside its entry point). */
export function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (name === '@electric-sql/pglite' && version) return version;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('@electric-sql/pglite: package.json not found');
    dir = parent;
  }
}

const cacheDir = (): string => join(homedir(), '.cache', 'hyoka');

function templatePath(): string {
  return join(cacheDir(), `pglite-${pgliteVersion()}-initdb-memory.tar`);
}

const MIGRATED_PREFIX = 'pglite-migrated-';

/**
 * A short key for a migrated copy: the PGlite version, what the caller adds (its own lines,
 * each ending in a newline) and the migrations' checksums; a change to any makes a new key.
 */
export function migratedCopyKey(extraLines = ''): string {
  return createHash('sha256')
    .update(`pglite ${pgliteVersion()}\n${extraLines}`)
    .update(
      loadMigrations()
        .map((m) => `${m.version} ${m.checksum}`)
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 16);
}

function migratedTemplatePath(): string {
  return join(cacheDir(), `${MIGRATED_PREFIX}${migratedCopyKey()}.tar`);
}

/** True when the folder holds no database yet (missing, empty, or only the lock file). */
export function isNewStore(dataDir: string): boolean {
  if (!existsSync(dataDir)) return true;
  return !readdirSync(dataDir).includes('PG_VERSION');
}

const ownedByMe = (path: string): boolean => typeof process.getuid !== 'function' || statSync(path).uid === process.getuid();

/** The saved initdb copy, or undefined when there is none yet (or it is not ours). */
export function readStoreTemplate(path = templatePath()): Blob | undefined {
  try {
    if (!existsSync(path) || !ownedByMe(path)) return undefined;
    return new Blob([readFileSync(path)]);
  } catch {
    return undefined;
  }
}

interface PGliteLike {
  create(options?: { loadDataDir?: Blob; dataDir?: string }): Promise<PGlite>;
}

/**
 * Fills a new store's folder (holding only its lock file) with the unpacked migrated copy,
 * making that copy first if needed. False when it cannot: the folder is left as it was and
 * the caller loads the tarball instead.
 */
export async function copyStoreTemplate(PGlite: PGliteLike, dataDir: string): Promise<boolean> {
  try {
    // A copy-on-write clone where the file system has them (XFS, Btrfs): no bytes written until the
    // store changes a file; elsewhere (ext4) the same plain copy. Never a hard link: PostgreSQL
    // writes its files in place, which would change the template for every later store.
    cpSync(await unpackedTemplate(PGlite), dataDir, { recursive: true, mode: constants.COPYFILE_FICLONE });
    return true;
  } catch {
    for (const name of readdirSync(dataDir)) if (name !== LOCK_FILE) rmSync(join(dataDir, name), { recursive: true, force: true });
    return false;
  }
}

async function unpackedTemplate(PGlite: PGliteLike): Promise<string> {
  const dir = migratedTemplatePath().replace(/\.tar$/, '.d');
  if (existsSync(join(dir, 'PG_VERSION')) && ownedByMe(dir)) return dir;
  const partial = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    const pg = await PGlite.create({ dataDir: partial, loadDataDir: await storeTemplate(PGlite) });
    await pg.close();
    // Renamed into place: a process copying the folder never sees half of it.
    renameSync(partial, dir);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  for (const name of readdirSync(dirname(dir))) {
    if (name.startsWith(MIGRATED_PREFIX) && name.endsWith('.d') && join(dirname(dir), name) !== dir)
      rmSync(join(dirname(dir), name), { recursive: true, force: true });
  }
  return dir;
}

/** The saved migrated copy, or undefined when there is none for these migrations yet. */
export const readMigratedStoreTemplate = (): Blob | undefined => readStoreTemplate(migratedTemplatePath());

/**
 * The migrated copy a new store is loaded from. The first time, it is made by an
 * in-memory PGlite — never from a store's own folder, which also holds that store's
 * lock file — from the initdb copy, and saved for the next.
 */
export async function storeTemplate(PGlite: PGliteLike): Promise<Blob> {
  const saved = readMigratedStoreTemplate();
  if (saved) return saved;
  const fresh = await PGlite.create({ loadDataDir: await initdbTemplate(PGlite) });
  try {
    await migrate(pgliteAsDb(fresh));
    const dump = await fresh.dumpDataDir('none');
    await saveStoreTemplate(migratedTemplatePath(), dump);
    return dump;
  } finally {
    await fresh.close();
  }
}

async function initdbTemplate(PGlite: PGliteLike): Promise<Blob> {
  const saved = readStoreTemplate();
  if (saved) return saved;
  const fresh = await PGlite.create();
  try {
    const dump = await fresh.dumpDataDir('none');
    await saveStoreTemplate(templatePath(), dump);
    return dump;
  } finally {
    await fresh.close();
  }
}

/** Just enough of `Db` over a raw in-memory PGlite for `migrate` (db.ts keeps its own PGlite private). */
function pgliteAsDb(pg: PGlite): Db {
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params: readonly SqlParam[] = []) {
      const r = await q.query<T>(sql, params as unknown[]);
      return { rows: r.rows, rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return { engine: 'pglite', ...wrap(pg), transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))), close: () => pg.close() };
}

/** Saves a copy for the next new store (older migrated copies go); a failure only costs the next one an initdb. */
async function saveStoreTemplate(path: string, dump: Blob): Promise<void> {
  if (existsSync(path)) return;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()), { mode: 0o600 });
    // Renamed into place: a process reading the path never sees half a file.
    renameSync(partial, path);
    for (const name of readdirSync(dirname(path))) {
      if (name.startsWith(MIGRATED_PREFIX) && name.endsWith('.tar') && join(dirname(path), name) !== path) rmSync(join(dirname(path), name), { force: true });
    }
  } catch {
    // The cache is an optimisation only.
  }
}
