/**
 * The messages between the request thread and the thread that owns an embedded store
 * (./pglite-worker.ts). Plain structured-clone data only: rows, parameters and errors
 * cross the thread boundary as copies.
 */
export interface PgliteOpenRequest {
  /** The store's folder; absent for an in-memory database. */
  dataDir?: string;
  /** In-memory only: a data-directory tarball to start from. */
  loadDataDir?: ArrayBuffer;
  schema?: string;
}

/**
 * What the thread starts with: the store to open, or `warm` when it is started before the
 * store is known (./pglite-thread.ts, prewarmPgliteThread): it then loads PostgreSQL's
 * WebAssembly and waits for one `open` message.
 */
export type PgliteWorkerData = PgliteOpenRequest | { warm: true };

/** The one message a warm thread waits for: the store to open. */
export interface PgliteOpenMessage {
  kind: 'open';
  request: PgliteOpenRequest;
}

/** `inTransaction`: part of a transaction, refused unless one is open (its BEGIN is not awaited). */
export type PgliteRequest =
  | { id: number; kind: 'query'; sql: string; params: readonly unknown[]; inTransaction?: boolean }
  | { id: number; kind: 'exec'; sql: string; inTransaction?: boolean }
  | { id: number; kind: 'close' };

export type PgliteResponse = { id: number; ok: true; rows: unknown[]; affectedRows: number } | { id: number; ok: false; error: SerializedDbError };

/** What a PostgreSQL error carries that callers may read (message, SQLSTATE code, detail…). */
export interface SerializedDbError {
  name: string;
  message: string;
  fields: Record<string, string | number>;
}

const ERROR_FIELDS = ['code', 'detail', 'hint', 'position', 'schema', 'table', 'column', 'dataType', 'constraint', 'severity', 'where'] as const;

export function serializeDbError(error: unknown): SerializedDbError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, string | number> = {};
  const source = error as unknown as Record<string, unknown>;
  for (const key of ERROR_FIELDS) {
    const value = source[key];
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  return { name: error.name, message: error.message, fields };
}

/** An Error on this side with the same message and PostgreSQL fields as the one thrown in the worker. */
export function rebuildDbError(serialized: SerializedDbError): Error {
  const error = new Error(serialized.message);
  error.name = serialized.name;
  Object.assign(error, serialized.fields);
  return error;
}
