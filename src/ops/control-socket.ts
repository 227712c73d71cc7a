/**
 * The running server's local control endpoint for an embedded store: an HTTP server on
 * the unix socket `hyoka.sock` inside the data directory, mode 0600. Only the server may
 * open a PGlite directory (store-lock.ts), so a CLI command that needs a consistent copy
 * while the server runs (`hyoka backup`, read-only commands) asks the server for one here.
 * File permissions are the authentication: whoever may read the data directory may read
 * a backup of it anyway. Nothing that changes data is offered.
 */
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import type { Db } from '../db/db.js';
import { BackupError, createBackup, decodeBackup, encodeBackup, restoreBackup } from './backup.js';
import { openDb, openDbFromEnv } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { StoreLockedError } from '../db/store-lock.js';

export const CONTROL_SOCKET = 'hyoka.sock';
// sockaddr_un.sun_path is 108 bytes on Linux (104 on macOS), terminating NUL included.
const MAX_SOCKET_PATH = 103;

export const controlSocketPath = (dataDir: string): string => join(dataDir, CONTROL_SOCKET);

export interface ControlSocket {
  readonly path: string;
  close(): Promise<void>;
}

/** Starts the control endpoint; undefined (with the reason) when the path is too long for a unix socket. */
export async function startControlSocket(db: Db, dataDir: string, onError: (error: unknown) => void): Promise<ControlSocket | { unavailable: string }> {
  const path = controlSocketPath(dataDir);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) return { unavailable: `データディレクトリのパスが長すぎるため、制御ソケットを作れません: ${path}` };
  // We hold the store lock, so a socket file left here is from a killed predecessor.
  if (existsSync(path)) unlinkSync(path);
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/backup') {
      createBackup(db)
        .then((backup) => {
          res.writeHead(200, { 'content-type': 'application/gzip' });
          res.end(encodeBackup(backup));
        })
        .catch((error: unknown) => {
          onError(error);
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('バックアップの作成に失敗しました');
        });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return {
    path,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).finally(() => {
        if (existsSync(path)) unlinkSync(path);
      }),
  };
}

/** Asks the server holding `dataDir` for a backup; throws the lock error when no server answers. */
export function fetchBackupFromServer(dataDir: string, locked: StoreLockedError): Promise<Buffer> {
  const socketPath = controlSocketPath(dataDir);
  if (!existsSync(socketPath)) return Promise.reject(locked);
  return new Promise<Buffer>((resolve, reject) => {
    const req = request({ socketPath, path: '/backup', method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode === 200) resolve(Buffer.concat(chunks));
        else reject(new BackupError(`サーバーがバックアップを返しませんでした（HTTP ${res.statusCode}）: ${Buffer.concat(chunks).toString('utf8')}`));
      });
      res.on('error', reject);
    });
    // The holder is not a server (another CLI command): report the lock, which names it.
    req.on('error', () => reject(locked));
    req.end();
  });
}

export interface ReadableStore {
  db: Db;
  /** Set when the data comes from the running server's snapshot rather than the directory itself. */
  snapshotOf?: string;
}

/**
 * Opens the store for a command that only reads. When a server holds the embedded store,
 * the command reads a consistent snapshot the server provides (loaded into an in-memory
 * database) instead of being refused; anything it reads is as of that moment.
 */
export async function openStoreForReading(dataDir: string | undefined): Promise<ReadableStore> {
  try {
    const db = await openDbFromEnv(dataDir);
    try {
      await migrate(db);
    } catch (error) {
      await db.close();
      throw error;
    }
    return { db };
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
    const backup = decodeBackup(await fetchBackupFromServer(error.dataDir, error));
    const db = await openDb({ inMemory: true });
    try {
      await restoreBackup(db, backup, { actor: 'system:snapshot' });
    } catch (restoreError) {
      await db.close();
      throw restoreError;
    }
    return { db, snapshotOf: backup.header.createdAt };
  }
}
