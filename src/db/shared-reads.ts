/**
 * Reads that concurrent callers share without ever seeing a stale answer: a call made in the
 * same turn as a read of the same key shares it (two caches asked together in one request); a
 * call made later while it is running waits for the one read that starts after it ends, and
 * shares that with every other call made meanwhile. Each caller thus gets a value read after
 * it asked (a write committed before the call is always seen), and under load the database
 * answers one read per key per round trip instead of one per request. Nothing is kept once
 * a read ends, so the map holds only keys being read.
 */
interface Reads<V> {
  running: Promise<V>;
  /**
   * Until the microtasks of the turn that started it have run: calls made meanwhile share it.
   * No answer from anywhere (a commit's included) is taken in between, so whatever such a
   * caller knows was committed was known before this read was sent, and the read sees it.
   */
  sameTurn: boolean;
  /** The caller's stamp when it started (the writes its store had been sent, own-writes.ts): a same-turn call shares it only at the same stamp. */
  stamp: number | undefined;
  /** The read that starts when `running` ends, shared by every call made meanwhile. */
  next?: Promise<V>;
}

export class SharedReads<K, V> {
  private readonly reads = new Map<K, Reads<V>>();

  /**
   * `stamp`, when given, tells states of the store apart within a turn: a write sent after
   * a read began (in the same turn) changes it, and that read is then not shared.
   */
  read(key: K, load: () => Promise<V>, stamp?: number): Promise<V> {
    const reads = this.reads.get(key);
    if (!reads) return this.start(key, load, stamp);
    if (reads.sameTurn && reads.stamp === stamp) return reads.running;
    const ignore = () => undefined;
    reads.next ??= reads.running.then(ignore, ignore).then(() => this.start(key, load, stamp));
    return reads.next;
  }

  private start(key: K, load: () => Promise<V>, stamp: number | undefined): Promise<V> {
    const reads: Reads<V> = { running: load(), sameTurn: true, stamp };
    this.reads.set(key, reads);
    queueMicrotask(() => {
      reads.sameTurn = false;
    });
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
