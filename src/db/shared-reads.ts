/**
 * Reads that concurrent callers share without ever seeing a stale answer: a call made while
 * a read of the same key is running waits for the one read that starts after it ends, and
 * shares that with every other call made meanwhile. Each caller thus gets a value read after
 * it asked (a write committed before the call is always seen), and under load the database
 * answers one read per key per round trip instead of one per request. Nothing is kept once
 * a read ends, so the map holds only keys being read.
 */
interface Reads<V> {
  running: Promise<V>;
  /** The read that starts when `running` ends, shared by every call made meanwhile. */
  next?: Promise<V>;
}

export class SharedReads<K, V> {
  private readonly reads = new Map<K, Reads<V>>();

  read(key: K, load: () => Promise<V>): Promise<V> {
    const reads = this.reads.get(key);
    if (!reads) return this.start(key, load);
    const ignore = () => undefined;
    reads.next ??= reads.running.then(ignore, ignore).then(() => this.start(key, load));
    return reads.next;
  }

  private start(key: K, load: () => Promise<V>): Promise<V> {
    const reads: Reads<V> = { running: load() };
    this.reads.set(key, reads);
    const settle = () => {
      if (this.reads.get(key) === reads) this.reads.delete(key);
    };
    reads.running.then(settle, settle);
    return reads.running;
  }
}

/** The reads shared on `store`, kept in `perStore` and made on its first use: reads are shared per store, never across stores. */
export function sharedReadsOn<K, V>(perStore: WeakMap<object, SharedReads<K, V>>, store: object): SharedReads<K, V> {
  let reads = perStore.get(store);
  if (!reads) {
    reads = new SharedReads();
    perStore.set(store, reads);
  }
  return reads;
}
