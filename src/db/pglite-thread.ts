/**
 * The request thread's side of an embedded store run in its own worker thread
 * (./pglite-worker.ts): the queries asked in one turn are one message, their answers
 * (copies of the rows) another.
 * The worker is referenced only while a request is outstanding, so a command that
 * forgot nothing exits as soon as its work is done, and one that awaits an answer
 * is never cut short.
 */
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import {
  rebuildDbError,
  type PgliteOpenMessage,
  type PgliteOpenRequest,
  type PgliteRequest,
  type PgliteResponse,
  type PgliteWorkerData,
  type SerializedDbError,
} from './pglite-protocol.js';

/** `inTransaction`: the thread refuses the statement unless a transaction is open on the store. */
export interface StatementOptions {
  inTransaction?: boolean;
}

export interface PgliteConnection {
  query(sql: string, params: readonly unknown[], options?: StatementOptions): Promise<{ rows: unknown[]; affectedRows: number }>;
  exec(sql: string, options?: StatementOptions): Promise<void>;
  close(): Promise<void>;
}

type Pending = { resolve: (r: { rows: unknown[]; affectedRows: number }) => void; reject: (e: Error) => void };

const WORKER_URL = new URL('./pglite-worker.js', import.meta.url);

let warmWorker: Worker | undefined;

/**
 * A process that runs the embedded store holds the database as well as the app: PostgreSQL's
 * WebAssembly memory and this thread's V8 heap beside the request thread's. V8 lets a heap
 * grow to a multiple of what survived its last full collection, chosen from how fast it
 * collects; at 20,000 sub-items under load the request thread's heap grew from 200 MB live
 * to 450 MB before collecting (the process's peak 0.8–1.1 GB). Growth by 30%, the factor V8
 * itself falls back to when it is short of memory, keeps that peak near 500 MB; the cost is
 * more frequent full collections, most of whose marking runs beside the threads. V8 flags
 * are process-wide and this one is read at every collection, so once covers both threads.
 */
function boundHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=30');
}

/**
 * Starts the next store's thread before the store is named, so that it reads and compiles
 * PostgreSQL's WebAssembly while this thread still loads the command's modules (about a
 * third of a store's start). It touches no store: unclaimed, it costs only that work and
 * never keeps the process alive. The next openPgliteWorker takes it.
 */
export function prewarmPgliteThread(): void {
  if (warmWorker) return;
  boundHeapGrowth();
  const worker = new Worker(WORKER_URL, { workerData: { warm: true } satisfies PgliteWorkerData });
  worker.unref();
  // Until claimed nobody awaits it: a thread that failed is dropped and the store opens in a new one.
  const drop = () => {
    if (warmWorker === worker) warmWorker = undefined;
  };
  worker.once('error', drop);
  worker.once('exit', drop);
  warmWorker = worker;
}

function startWorker(request: PgliteOpenRequest): Worker {
  boundHeapGrowth();
  const transfer = request.loadDataDir ? [request.loadDataDir] : [];
  const warm = warmWorker;
  warmWorker = undefined;
  if (!warm) return new Worker(WORKER_URL, { workerData: request satisfies PgliteWorkerData, transferList: transfer });
  warm.removeAllListeners('error').removeAllListeners('exit');
  warm.postMessage({ kind: 'open', request } satisfies PgliteOpenMessage, transfer);
  return warm;
}

export async function openPgliteWorker(request: PgliteOpenRequest): Promise<PgliteConnection> {
  const worker = startWorker(request);
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: { ready: boolean; error?: SerializedDbError }) => {
      worker.off('error', onError);
      if (m.ready) resolve();
      else reject(rebuildDbError(m.error ?? { name: 'Error', message: 'the store could not be opened', fields: {} }));
    };
    const onError = (e: Error) => {
      worker.off('message', onMessage);
      reject(e);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    // A warm thread is unreferenced until claimed; opening the store must hold the process open.
    worker.ref();
  });
  worker.unref();

  const pending = new Map<number, Pending>();
  let nextId = 1;
  let exited: Error | undefined;
  worker.on('message', (responses: PgliteResponse[]) => {
    for (const response of responses) {
      const waiting = pending.get(response.id);
      if (!waiting) continue;
      pending.delete(response.id);
      if (response.ok) waiting.resolve({ rows: response.rows, affectedRows: response.affectedRows });
      else waiting.reject(rebuildDbError(response.error));
    }
    if (pending.size === 0) worker.unref();
  });
  const failAll = (error: Error) => {
    exited = error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the embedded database thread ended (exit code ${code})`)));

  // Statements asked in one turn go to the thread as one message, in the order asked, and their
  // answers come back as one: a message costs each thread tens of microseconds, as much as a
  // small statement, and a request usually asks for several at once.
  let outbox: PgliteRequest[] = [];
  const flush = () => {
    const batch = outbox;
    outbox = [];
    worker.postMessage(batch);
  };
  type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;
  const send = (message: Unnumbered<PgliteRequest>): Promise<{ rows: unknown[]; affectedRows: number }> => {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (pending.size === 1) worker.ref();
      outbox.push({ ...message, id } as PgliteRequest);
      if (outbox.length === 1) queueMicrotask(flush);
    });
  };
  return {
    query: (sql, params, options) => send({ kind: 'query', sql, params, ...(options?.inTransaction ? { inTransaction: true } : {}) }),
    exec: async (sql, options) => {
      await send({ kind: 'exec', sql, ...(options?.inTransaction ? { inTransaction: true } : {}) });
    },
    async close() {
      if (exited) return;
      await send({ kind: 'close' });
      await worker.terminate();
    },
  };
}
