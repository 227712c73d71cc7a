/**
 * Creates the PGlite instance of an embedded store, on whichever thread calls it (the
 * store's worker thread in the app, the caller's own thread for in-memory test
 * databases). A new store's folder is a copy of the saved migrated one (store-template.ts).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type { PGlite } from '@electric-sql/pglite';
import { copyStoreTemplate, isNewStore, storeTemplate } from './store-template.js';

export interface PgliteCreateOptions {
  /** The store's folder (already locked by the caller); absent for an in-memory database. */
  dataDir?: string;
  /** In-memory only: start from this data-directory tarball instead of running initdb. */
  loadDataDir?: Blob;
  /** Schema to create if missing and put on the search path. */
  schema?: string;
  /** PostgreSQL's WebAssembly and file bundle, already loaded (./pglite-worker.ts loads them before the store is named). */
  preloaded?: PgliteArtifacts;
}

/** What PGlite otherwise reads and compiles from its own folder at every start. */
export interface PgliteArtifacts {
  wasmModule: WebAssembly.Module;
  fsBundle: Blob;
}

/**
 * Reads and compiles PostgreSQL's WebAssembly and reads its file bundle, as PGlite.create
 * would: none of it depends on the store, so it can be done while the caller still loads
 * its own modules. PGlite's own module is loaded meanwhile too: compiling it was 25–50 ms of
 * a store's start once the store was named. (Also loading its file system for a folder,
 * which it imports itself once a store is named, put 170–190 ms between the store being
 * ready and its first statement being taken up, in every run measured: not done.)
 */
export async function loadPgliteArtifacts(): Promise<PgliteArtifacts> {
  limitWasmCompilationThreads();
  const dist = new URL('.', pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')));
  const pglite = import('@electric-sql/pglite');
  const [wasm, bundle] = await Promise.all([readFile(new URL('pglite.wasm', dist)), readFile(new URL('pglite.data', dist))]);
  const wasmModule = await WebAssembly.compile(wasm);
  await pglite;
  return { wasmModule, fsBundle: new Blob([bundle]) };
}

/**
 * V8 compiles PostgreSQL's WebAssembly lazily, then recompiles its hot functions with its
 * optimizing compiler on background threads, by default on all of them at once. Each
 * thread's compiler memory is malloc'd in that thread's glibc arena and, once freed, stays
 * resident (an idle `hyoka serve` had 77 MB of such arenas with under 2 MB in use): one
 * compilation task at a time keeps that to one arena, 30–35 MB less. Queries run the
 * baseline code until their functions' optimized code is ready, as before. The flag is
 * process-wide and read when a compilation starts, so it is set before each (idempotent).
 */
function limitWasmCompilationThreads(): void {
  setFlagsFromString('--wasm-num-compilation-tasks=1');
}

/**
 * PostgreSQL's shared buffers inside PGlite. They are zeroed at start, so all of them are
 * resident from the first moment, and WebAssembly memory is never given back: every MB here
 * is a MB of the process for its whole life (128 MB, the default: 383 MB for an idle
 * `hyoka serve` on the sample; 32 MB: 254 MB; 16 MB: 240 MB). A 20,000 sub-item × 10 year
 * plan is 45 MB of tables and indexes, a 2,000 sub-item one a tenth of that and so still
 * held whole; pages beyond the buffers are read back through the operating system's file
 * cache, as the largest plan's already were at 32 MB.
 */
const SHARED_BUFFERS = '16MB';

export async function createPglite(options: PgliteCreateOptions): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  limitWasmCompilationThreads();
  const { dataDir, loadDataDir } = options;
  const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`];
  const artifacts = options.preloaded ? { pgliteWasmModule: options.preloaded.wasmModule, fsBundle: options.preloaded.fsBundle } : {};
  let pg: PGlite;
  if (dataDir && isNewStore(dataDir) && !(await copyStoreTemplate(PGlite, dataDir)))
    pg = await PGlite.create({ dataDir, loadDataDir: await storeTemplate(PGlite), startParams, ...artifacts });
  else if (dataDir) pg = await PGlite.create({ dataDir, startParams, ...artifacts });
  else pg = await PGlite.create({ ...(loadDataDir ? { loadDataDir } : {}), startParams, ...artifacts });
  if (options.schema) await pg.exec(`create schema if not exists ${options.schema}; set search_path to ${options.schema}`);
  return pg;
}
