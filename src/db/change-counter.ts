/**
 * The database's change counter (migration 015): a sequence that deferred triggers on
 * every table the plan pages and the portal show move as each writing transaction
 * commits. Reading it is one tiny query, so a cache can ask "did anything change?" on
 * every request and rebuild only when it did.
 */
import type { Db, Queryable } from './db.js';
import { KeptUntilWrite, writesSent } from './own-writes.js';
import { type SharedReads, sharedReadsOn } from './shared-reads.js';

/** The counter, prefixed with the schema it belongs to (tests keep many schemas on one connection). */
async function queryChangeCounter(db: Queryable): Promise<string> {
  const r = await db.query<{ v: string }>(`select current_schema() || ':' || last_value::text || ':' || is_called::text as v from public_change_seq`);
  return r.rows[0]?.v ?? '';
}

const counterReads = new WeakMap<Queryable, SharedReads<'counter', string>>();
const keptCounters = new KeptUntilWrite<'counter', string>();

/**
 * The counter as of some moment after this call; concurrent calls share reads
 * (shared-reads.ts), so under load it costs one query per round trip, not per request.
 * On the embedded store it costs none until this process sends a write (own-writes.ts).
 */
export function readChangeCounter(db: Queryable): Promise<string> {
  return keptCounters.read(db, 'counter', () => sharedReadsOn(counterReads, db).read('counter', () => queryChangeCounter(db), writesSent(db)));
}

/**
 * Moves when PostgreSQL announces a committed change (LISTEN/NOTIFY, after the commit): a
 * value loaded in the instant between the counter's move and its commit becoming visible
 * is then loaded again even though the counter stays where it was.
 */
let announcements = 0;

/** Called for each notification of a committed change (db.onPublicChange). */
export function noteAnnouncedChange(): void {
  announcements++;
}

interface Entry<V> {
  counter: string;
  announcements: number;
  value: Promise<V>;
  /**
   * A value loaded right after the counter moved is loaded once more on its next use:
   * on PostgreSQL the counter can move an instant before the commit it announces is
   * visible to other sessions.
   */
  confirmed: boolean;
  /**
   * The connection (the store, or one transaction) whose load is still running, if any. Only
   * callers on that same connection wait for it: on the embedded store a load sent through the
   * store waits behind an open transaction, so a transaction waiting for it would never end.
   */
  loadingOn: Queryable | undefined;
}

/**
 * PGlite is one connection that runs a transaction from BEGIN to COMMIT before any other
 * query, so the counter is never read between a write's move and its commit: a value loaded
 * there needs no second load to confirm it (on a 20,000-item plan that second load is seconds).
 */
function commitsAreSeenAtOnce(db: Queryable): boolean {
  return (db as Partial<Db>).engine === 'pglite';
}

/**
 * Values keyed by K, each kept for as long as the change counter does not move. `get`
 * reads the counter (every call: staff pages must show a change at once) and loads
 * only when it moved since the value was loaded.
 */
export class ChangeCounterCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(private readonly maxEntries = 32) {}

  async get(db: Queryable, key: K, load: () => Promise<V>): Promise<V> {
    const counter = await readChangeCounter(db);
    const entry = this.entries.get(key);
    if (entry && entry.counter === counter && entry.announcements === announcements) {
      // Still loading on another connection: load on this one, keeping nothing.
      if (entry.loadingOn !== undefined && entry.loadingOn !== db) return load();
      if (entry.confirmed) return entry.value;
      entry.confirmed = true;
      entry.value = this.track(key, entry, db, load());
      return entry.value;
    }
    const fresh: Entry<V> = {
      counter,
      announcements,
      value: Promise.resolve() as Promise<V>,
      confirmed: commitsAreSeenAtOnce(db),
      loadingOn: undefined,
    };
    fresh.value = this.track(key, fresh, db, load());
    this.entries.set(key, fresh);
    return fresh.value;
  }

  /**
   * A failed load is not kept: the next call tries again. Only a value that loaded makes room
   * (the oldest go), so requests for keys that fail (a mistyped address) evict nothing.
   */
  private track(key: K, entry: Entry<V>, db: Queryable, value: Promise<V>): Promise<V> {
    entry.loadingOn = db;
    const settled = () => {
      if (entry.value === value) entry.loadingOn = undefined;
    };
    value.then(
      () => {
        settled();
        for (const oldest of this.entries.keys()) {
          if (this.entries.size <= this.maxEntries) break;
          if (oldest !== key) this.entries.delete(oldest);
        }
      },
      () => {
        settled();
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }
}
