/**
 * A new embedded store starts from a copy of a freshly initialised one instead of
 * running initdb, which is most of PGlite's start-up cost (about 3.6 s against 0.8 s
 * here). The copy is made the first time a store is created and kept in the user's
 * own cache folder (~/.cache/hyoka, mode 0700), named by the PGlite version; a file
 * there owned by someone else is never used. It holds no data of any city: only what
 * initdb writes, before any migration runs.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

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

function templatePath(): string {
  return join(homedir(), '.cache', 'hyoka', `pglite-${pgliteVersion()}-initdb-memory.tar`);
}

/** True when the folder holds no database yet (missing, empty, or only the lock file). */
export function isNewStore(dataDir: string): boolean {
  if (!existsSync(dataDir)) return true;
  return !readdirSync(dataDir).includes('PG_VERSION');
}

const ownedByMe = (path: string): boolean => typeof process.getuid !== 'function' || statSync(path).uid === process.getuid();

/** The saved initdb copy, or undefined when there is none yet (or it is not ours). */
export function readStoreTemplate(): Blob | undefined {
  const path = templatePath();
  try {
    if (!existsSync(path) || !ownedByMe(path)) return undefined;
    return new Blob([readFileSync(path)]);
  } catch {
    return undefined;
  }
}

interface PGliteLike {
  create(): Promise<{ dumpDataDir(compression: 'none'): Promise<Blob | File>; close(): Promise<void> }>;
}

/**
 * The initdb copy a new store is loaded from. The first time, it is made by an
 * in-memory PGlite — never from a store's own folder, which also holds that
 * store's lock file — and saved for the next.
 */
export async function storeTemplate(PGlite: PGliteLike): Promise<Blob> {
  const saved = readStoreTemplate();
  if (saved) return saved;
  const fresh = await PGlite.create();
  try {
    const dump = await fresh.dumpDataDir('none');
    await saveStoreTemplate(dump);
    return dump;
  } finally {
    await fresh.close();
  }
}

/** Saves the copy for the next new store; a failure only costs the next one an initdb. */
async function saveStoreTemplate(dump: Blob): Promise<void> {
  const path = templatePath();
  if (existsSync(path)) return;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()), { mode: 0o600 });
    // Renamed into place: a process reading the path never sees half a file.
    renameSync(partial, path);
  } catch {
    // The cache is an optimisation only.
  }
}
