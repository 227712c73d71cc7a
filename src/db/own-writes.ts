/**
 * Reads kept until the next write, on a store whose every write passes through this
 * process: the embedded store is opened by one process only (store-lock.ts), so when no
 * statement that may write has been sent since a read was sent, the store still holds
 * what that read answered. A cached page then asks the store nothing at all instead of
 * one small query per request, and the store's thread stays free for real work. On
 * PostgreSQL other processes write too: there every call reads.
 */
import type { Db, Queryable } from './db.js';

/**
 * Whether a statement may change the store. Conservative: anything but a plain SELECT (or a
 * WITH that names no writing verb) counts, so a read is at worst asked again, never kept
 * past a write. `for update` in a read counts as a write, which only costs a read later.
 */
export function mayWrite(sql: string): boolean {
  if (!/^\s*(select|with)\b/i.test(sql)) return true;
  return /\b(insert|update|delete|merge|into|nextval|setval|copy|call|lock)\b/i.test(sql);
}

/** How many statements that may write the store has been sent so far; undefined where others write too. */
export function writesSent(db: Queryable): number | undefined {
  return (db as Partial<Pick<Db, 'writesSent'>>).writesSent?.();
}

interface Kept<V> {
  writes: number;
  value: Promise<V>;
}

/** Answers to reads by key, per store, each kept until that store is next sent a write. */
export class KeptUntilWrite<K, V> {
  private readonly perStore = new WeakMap<object, Map<K, Kept<V>>>();

  constructor(private readonly maxKeys = 256) {}

  read(db: Queryable, key: K, load: () => Promise<V>): Promise<V> {
    const writes = writesSent(db);
    if (writes === undefined) return load();
    let kept = this.perStore.get(db);
    if (!kept) {
      kept = new Map();
      this.perStore.set(db, kept);
    }
    const known = kept.get(key);
    if (known && known.writes === writes) {
      // Last asked goes last: the oldest to make room below is the one asked longest ago.
      kept.delete(key);
      kept.set(key, known);
      return known.value;
    }
    // Counted before the read is sent: a write sent after it moves the count, so the
    // next call reads again even if this read, sent first, answered before the write.
    const entry: Kept<V> = { writes, value: load() };
    kept.delete(key);
    kept.set(key, entry);
    // The oldest answers make room: a key not asked for a while is read again when next asked.
    for (const oldest of kept.keys()) {
      if (kept.size <= this.maxKeys) break;
      kept.delete(oldest);
    }
    const store = kept;
    entry.value.catch(() => {
      if (store.get(key) === entry) store.delete(key);
    });
    return entry.value;
  }
}
