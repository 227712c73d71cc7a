/**
 * One writer per embedded store. PGlite is a whole PostgreSQL inside one process with no
 * shared-memory coordination: two processes opening the same directory both believe they
 * own it and overwrite each other's pages. So the first process to open a data directory
 * takes `hyoka.lock` in it (created atomically with O_EXCL) for its whole life.
 *
 * Staleness is decided by the holder's pid, not by the file's age: a lock file whose mtime
 * must be refreshed on a timer (the proper-lockfile approach) can be stolen from a live
 * holder whose event loop is busy for longer than the timeout (a large import, a PDF) —
 * exactly the two-writers case the lock exists to prevent — and after kill -9 it makes the
 * next start wait out the timeout. A pid either runs or it does not; on Linux the kernel's
 * start time of that pid is recorded and compared too, so a pid reused by an unrelated
 * program does not keep a dead server's lock alive. A lock written on another host (a shared network disk) cannot
 * be checked and is never taken over.
 */
import { AppError } from '../errors.js';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'hyoka.lock';

export interface LockHolder {
  pid: number;
  command: string;
  startedAt: string;
  hostname: string;
  /** Start time of the pid in clock ticks since boot (Linux /proc), when known. */
  procStart?: string | undefined;
}

export class StoreLockedError extends AppError {
  override name = 'StoreLockedError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(503, 'store-locked', describeLocked(dataDir, holder), { dataDir });
  }
}

function describeLocked(dataDir: string, holder: LockHolder | undefined): string {
  if (!holder) {
    return `データディレクトリ ${dataDir} は別のプロセスが使用中です（ロックファイル ${join(dataDir, LOCK_FILE)} を読み取れません）。`;
  }
  const since = new Date(holder.startedAt);
  const when = Number.isNaN(since.getTime()) ? holder.startedAt : since.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' });
  const lines = [
    `データディレクトリ ${dataDir} は別のプロセスが使用中です。`,
    `  使用中のプロセス: pid ${holder.pid}（${holder.hostname}）`,
    `  コマンド: ${holder.command}`,
    `  開始: ${when}`,
    '組み込みデータベース (PGlite) は同時に1つのプロセスしか開けません。サーバーを止めてから実行してください。',
  ];
  if (holder.hostname !== hostname()) {
    lines.push(`別のホストのロックは自動では解除しません。そのプロセスが動いていないことを確かめてから ${join(dataDir, LOCK_FILE)} を削除してください。`);
  }
  return lines.join('\n');
}

export interface StoreLock {
  readonly path: string;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

const ownCommand = (): string => process.argv.join(' ');

/** Field 22 of /proc/PID/stat; the command name (field 2) may contain spaces, so count from its closing parenthesis. */
function procStartTime(pid: number | 'self'): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.hostname !== 'string') return undefined;
    return {
      pid: parsed.pid,
      command: String(parsed.command ?? ''),
      startedAt: String(parsed.startedAt ?? ''),
      hostname: parsed.hostname,
      procStart: typeof parsed.procStart === 'string' ? parsed.procStart : undefined,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    return undefined;
  }
}

/** Whether the recorded holder is certainly gone (only decidable on this host). */
export function holderIsDead(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return false;
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the pid runs under another user, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  if (holder.procStart === undefined) return false;
  const now = procStartTime(holder.pid);
  // No /proc (macOS) or it vanished meanwhile: trust kill(0).
  return now !== undefined && now !== holder.procStart;
}

function tryCreate(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock on `dataDir` or throws StoreLockedError naming the holder. A stale lock
 * (holder dead) is replaced under a second short-lived O_EXCL file, so two processes
 * finding the same stale lock cannot both take it over.
 */
export function acquireStoreLock(dataDir: string): StoreLock {
  const path = join(dataDir, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    command: ownCommand(),
    startedAt: new Date().toISOString(),
    hostname: hostname(),
    procStart: procStartTime('self'),
  };
  const content = JSON.stringify(me) + '\n';
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, content)) return heldLock(path, me);
    let holder: LockHolder | undefined;
    try {
      holder = readHolder(path);
    } catch {
      continue; // released between our create and our read: try again
    }
    if (!holder || !holderIsDead(holder)) throw new StoreLockedError(dataDir, holder);
    takeOverStale(path, holder);
  }
  throw new StoreLockedError(dataDir, undefined);
}

function takeOverStale(path: string, stale: LockHolder): void {
  const guard = `${path}.takeover`;
  const guardContent = JSON.stringify({
    pid: process.pid,
    command: ownCommand(),
    startedAt: new Date().toISOString(),
    hostname: hostname(),
    procStart: procStartTime('self'),
  });
  if (!tryCreate(guard, guardContent)) {
    // Another process is taking over right now, or died doing so.
    let other: LockHolder | undefined;
    try {
      other = readHolder(guard);
    } catch {
      return;
    }
    if (other && holderIsDead(other)) unlinkSync(guard);
    return;
  }
  try {
    let current: LockHolder | undefined;
    try {
      current = readHolder(path);
    } catch {
      return;
    }
    // Remove only the very lock we judged stale, never one a live process just wrote.
    if (current && current.pid === stale.pid && current.startedAt === stale.startedAt) unlinkSync(path);
  } finally {
    unlinkSync(guard);
  }
}

function heldLock(path: string, me: LockHolder): StoreLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    try {
      const current = readHolder(path);
      if (current && current.pid === me.pid && current.startedAt === me.startedAt) unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  };
  // Covers process.exit() and a normal end; kill -9 leaves the file, which the pid check then treats as stale.
  process.on('exit', release);
  return { path, release };
}
