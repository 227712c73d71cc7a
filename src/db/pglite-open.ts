/**
 * Creates the PGlite instance of an embedded store, on whichever thread calls it (the
 * store's worker thread in the app, the caller's own thread for in-memory test
 * databases). A new store's folder is loaded from the saved initdb copy.
 */
import type { PGlite } from '@electric-sql/pglite';
import { isNewStore, storeTemplate } from './store-template.js';

export interface PgliteCreateOptions {
  /** The store's folder (already locked by the caller); absent for an in-memory database. */
  dataDir?: string;
  /** In-memory only: start from this data-directory tarball instead of running initdb. */
  loadDataDir?: Blob;
  /** Schema to create if missing and put on the search path. */
  schema?: string;
}

export async function createPglite(options: PgliteCreateOptions): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { dataDir, loadDataDir } = options;
  let pg: PGlite;
  if (dataDir && isNewStore(dataDir)) pg = await PGlite.create({ dataDir, loadDataDir: await storeTemplate(PGlite) });
  else if (dataDir) pg = await PGlite.create(dataDir);
  else pg = loadDataDir ? await PGlite.create({ loadDataDir }) : await PGlite.create();
  if (options.schema) await pg.exec(`create schema if not exists ${options.schema}; set search_path to ${options.schema}`);
  return pg;
}
