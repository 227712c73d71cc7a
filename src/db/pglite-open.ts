/**
 * Creates the PGlite instance of an embedded store, on whichever thread calls it (the
 * store's worker thread in the app, the caller's own thread for in-memory test
 * databases). A new store's folder is a copy of the saved migrated one (store-template.ts).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
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
 * its own modules.
 */
export async function loadPgliteArtifacts(): Promise<PgliteArtifacts> {
  const dist = new URL('.', pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')));
  const [wasm, bundle] = await Promise.all([readFile(new URL('pglite.wasm', dist)), readFile(new URL('pglite.data', dist))]);
  return { wasmModule: await WebAssembly.compile(wasm), fsBundle: new Blob([bundle]) };
}

/**
 * PostgreSQL's shared buffers inside PGlite. Its default, 128 MB, is zeroed at start and
 * so resident from the first moment (about 305 MB RSS for a bare PGlite on the sample
 * against 198 MB at 32 MB here); a city's plans fit many times over in 32 MB, and pages
 * beyond it are read back through the operating system's file cache.
 */
const SHARED_BUFFERS = '32MB';

export async function createPglite(options: PgliteCreateOptions): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
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
