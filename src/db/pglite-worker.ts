/**
 * The thread that owns an embedded store. PGlite is PostgreSQL compiled to WebAssembly:
 * a query runs synchronously on whichever thread calls it, so on the request thread a
 * slow query (a summary over 20,000 items, a freshness check) stops every other request
 * for its whole duration. Here it stops only this thread; the request thread waits on a
 * message and serves others meanwhile. Requests arrive in order and run one at a time,
 * as on PGlite's single connection anyway; ./db.ts keeps transactions from interleaving.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { createPglite, loadPgliteArtifacts, type PgliteArtifacts } from './pglite-open.js';
import { PreparedStatements } from './pglite-prepared.js';
import {
  serializeDbError,
  type PgliteOpenMessage,
  type PgliteOpenRequest,
  type PgliteRequest,
  type PgliteResponse,
  type PgliteWorkerData,
} from './pglite-protocol.js';

const port = parentPort;
if (!port) throw new Error('pglite-worker.js runs as a worker thread only');

const start = workerData as PgliteWorkerData;
let request: PgliteOpenRequest;
let preloaded: PgliteArtifacts | undefined;
if ('warm' in start) {
  // Started before the store is named: load what every store needs meanwhile. A failure here
  // only means PGlite loads them itself when the store opens.
  const artifacts = loadPgliteArtifacts().catch(() => undefined);
  request = await new Promise<PgliteOpenRequest>((resolve) => port.once('message', (m: PgliteOpenMessage) => resolve(m.request)));
  preloaded = await artifacts;
} else {
  request = start;
}
let pg: PGlite;
try {
  pg = await createPglite({
    ...(request.dataDir ? { dataDir: request.dataDir } : {}),
    ...(request.loadDataDir ? { loadDataDir: new Blob([request.loadDataDir]) } : {}),
    ...(request.schema ? { schema: request.schema } : {}),
    ...(preloaded ? { preloaded } : {}),
  });
  preloaded = undefined;
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ ready: false, error: serializeDbError(error) });
  process.exit(0);
}

// Every statement with its plan kept (pglite-prepared.ts); begin, commit and migrations go through exec as text.
const prepared = new PreparedStatements(pg, await import('@electric-sql/pglite'));

// One at a time, in arrival order, whatever PGlite does inside; the answers to one message go back as one.
let queue: Promise<void> = Promise.resolve();
port.on('message', (batch: PgliteRequest[]) => {
  queue = queue.then(async () => {
    const responses: PgliteResponse[] = [];
    for (const message of batch) responses.push(await answer(message));
    port.postMessage(responses);
  });
});

async function answer(message: PgliteRequest): Promise<PgliteResponse> {
  try {
    if (message.kind !== 'close' && message.inTransaction && !pg.isInTransaction()) throw new Error('the transaction did not begin: its statement was not run');
    if (message.kind === 'query') {
      const r = await prepared.query(message.sql, message.params);
      return { id: message.id, ok: true, rows: r.rows, affectedRows: r.affectedRows ?? 0 };
    }
    if (message.kind === 'exec') {
      await pg.exec(message.sql);
      return { id: message.id, ok: true, rows: [], affectedRows: 0 };
    }
    if (!pg.closed) await pg.close();
    return { id: message.id, ok: true, rows: [], affectedRows: 0 };
  } catch (error) {
    return { id: message.id, ok: false, error: serializeDbError(error) };
  }
}
