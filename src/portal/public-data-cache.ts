/**
 * Each plan's public dataset (public-data.ts) kept in memory, and the list of public
 * plans, rebuilt only when the change counter and then the fingerprint say the data changed.
 */
import { readChangeCounter } from '../db/change-counter.js';
import type { Queryable } from '../db/db.js';
import { notFound } from '../errors.js';
import { listPublicPlans, loadPublicDataset, type PublicDataset, type PublicPlanRef } from './public-data.js';
import { publicFingerprint } from './public-fingerprint.js';

interface CacheEntry<T> {
  value: Promise<T>;
  fingerprint: Promise<string>;
  checkedAt: number;
  /** The change counter when the fingerprint was last compared. */
  counter: string | undefined;
  /** When the fingerprint was last compared. */
  comparedAt: number;
  /** The counter moved at the last check: compare once more at the next, in case a commit was still landing. */
  recheck: boolean;
  /** Another process announced a change since the last check: the next one compares, and requests wait for it. */
  announced: boolean;
  checking: boolean;
}

interface PlansEntry {
  value: Promise<PublicPlanRef[]>;
  /** Last checked. */
  at: number;
  loadedAt: number;
  counter: string | undefined;
  /** Reload once more at the next check, in case a commit was still landing when the counter moved. */
  recheck: boolean;
  checking: boolean;
}

/**
 * Tables the change counter does not watch (added later, written by hand) still show
 * within this time: the fingerprint is compared at least this often.
 */
const FINGERPRINT_SAFETY_MS = 60_000;

/**
 * Serves each plan's public dataset from memory. At most every `checkMs` one request
 * reads the change counter (a one-row query; requests for the plan arriving meanwhile
 * wait for that one check); only when it moved — or once a minute as a safety net — is the
 * data's fingerprint compared, and the dataset reloaded only when that changed. A newly
 * published round shows to every request made more than `checkMs` later, while an
 * unchanged snapshot — and every response memoised on it — lives on. checkMs = 0 loads
 * on every call (tests).
 */
export class PublicDataCache {
  private readonly entries = new Map<string, CacheEntry<PublicDataset>>();
  private plansEntry: PlansEntry | undefined;
  /** The check under way per plan, and the announcement count when it began. */
  private readonly checks = new Map<string, { seen: number; done: Promise<PublicDataset> }>();
  private counterRead: { value: Promise<string | undefined>; at: number } | undefined;
  /** Announcements so far (`changed`): a check that began before one must not count as done after it. */
  private changes = 0;

  constructor(
    private readonly db: Queryable,
    private readonly checkMs = 1000,
  ) {}

  /** The change counter, read at most once per interval for every caller; undefined when unreadable. */
  private counter(now: number): Promise<string | undefined> {
    if (!this.counterRead || now - this.counterRead.at >= this.checkMs) {
      this.counterRead = { value: readChangeCounter(this.db).catch(() => undefined), at: now };
    }
    return this.counterRead.value;
  }

  /**
   * A change was committed (another process's notification): the next request checks the
   * counter at once instead of up to checkMs later. Nothing is dropped before the check.
   */
  changed(): void {
    this.changes++;
    this.counterRead = undefined;
    if (this.plansEntry) this.plansEntry.at = Number.NEGATIVE_INFINITY;
    // The notification comes after the commit, when the counter may already have been read
    // in the instant before it: compare the fingerprint whether or not the counter moves again.
    for (const entry of this.entries.values()) {
      entry.checkedAt = Number.NEGATIVE_INFINITY;
      entry.recheck = true;
      entry.announced = true;
    }
  }

  /** When a check that began at announcement `seen` may count as done: at once again if another came meanwhile. */
  private stamp(seen: number, at: number): number {
    return this.changes === seen ? at : Number.NEGATIVE_INFINITY;
  }

  async plans(): Promise<PublicPlanRef[]> {
    const now = Date.now();
    const seen = this.changes;
    if (!this.plansEntry || this.checkMs === 0) {
      this.plansEntry = this.loadPlans(now, await this.counter(now));
    } else if (now - this.plansEntry.at >= this.checkMs && !this.plansEntry.checking) {
      // One request per interval waits for the (tiny) queries; the others keep the current list.
      this.plansEntry.checking = true;
      const counter = await this.counter(now);
      const current = this.plansEntry;
      if (counter === undefined || counter !== current.counter || current.recheck || now - current.loadedAt >= FINGERPRINT_SAFETY_MS) {
        const next = this.loadPlans(now, counter);
        next.recheck = counter !== current.counter;
        await next.value.catch(() => undefined);
        next.at = this.stamp(seen, next.at);
        this.plansEntry = next;
      } else {
        current.at = this.stamp(seen, now);
        current.checking = false;
      }
    }
    return this.plansEntry.value;
  }

  private loadPlans(at: number, counter: string | undefined): PlansEntry {
    const entry: PlansEntry = { value: listPublicPlans(this.db), at, loadedAt: at, counter, recheck: true, checking: false };
    entry.value.catch(() => {
      if (this.plansEntry === entry) this.plansEntry = undefined;
    });
    return entry;
  }

  async dataset(slug: string): Promise<PublicDataset> {
    const ref = (await this.plans()).find((p) => p.slug === slug);
    if (!ref) throw notFound(`公開されている計画が見つかりません: ${slug}`);
    const entry = this.entries.get(slug);
    if (!entry || this.checkMs === 0) return this.load(ref);
    if ((await entry.value).publishedUntilFiscalYear !== ref.publishedUntilFiscalYear) {
      // Requests that waited beside this one share the reload the first of them started.
      // Only a reload to this request's cut-off: one begun from an older plan list would show less.
      const latest = this.entries.get(slug);
      if (latest && latest !== entry && (await latest.value).publishedUntilFiscalYear === ref.publishedUntilFiscalYear) return latest.value;
      return this.load(ref);
    }
    const now = Date.now();
    if (now - entry.checkedAt < this.checkMs) return entry.value;
    // One check per plan at a time, and every request that arrives meanwhile waits for its
    // answer: at 100 connections each would otherwise start a fingerprint of its own. A check
    // begun before the latest announcement may have missed it, so it is not joined.
    const running = this.checks.get(slug);
    if (running && running.seen === this.changes) return running.done;
    const seen = this.changes;
    const done = this.check(ref, entry, now, seen).finally(() => {
      if (this.checks.get(slug)?.done === done) this.checks.delete(slug);
    });
    this.checks.set(slug, { seen, done });
    return done;
  }

  /**
   * Reads the counter (and, when it moved, the fingerprint), so that any request made later
   * than checkMs after a change sees it.
   */
  private async check(ref: PublicPlanRef, entry: CacheEntry<PublicDataset>, now: number, seen: number): Promise<PublicDataset> {
    const counter = await this.counter(now);
    const moved = counter === undefined || counter !== entry.counter;
    if (moved || entry.announced) {
      // The data may have changed: this request and those waiting with it get the answer.
      entry.announced = false;
      await this.revalidate(ref, entry, counter);
      const current = this.entries.get(ref.slug);
      if (current) current.recheck = moved;
      return current?.value ?? entry.value;
    }
    if (entry.recheck || now - entry.comparedAt >= FINGERPRINT_SAFETY_MS) {
      // Only a safety net (after a load, or once a minute): nothing says the data changed, so
      // the fingerprint is compared behind the current snapshot instead of holding every request.
      if (!entry.checking) {
        void this.revalidate(ref, entry, counter).then(() => {
          const current = this.entries.get(ref.slug);
          if (current) current.recheck = false;
        });
      }
      return entry.value;
    }
    entry.checkedAt = this.stamp(seen, now);
    return entry.value;
  }

  /** Compares the fingerprint now and reloads when it changed; resolves when done. */
  async revalidate(ref: PublicPlanRef, entry = this.entries.get(ref.slug), counter?: string): Promise<void> {
    if (!entry) return void (await this.load(ref));
    entry.checking = true;
    const seen = this.changes;
    try {
      const [now, before] = await Promise.all([publicFingerprint(this.db, ref.id), entry.fingerprint]);
      entry.comparedAt = Date.now();
      entry.checkedAt = this.stamp(seen, entry.comparedAt);
      entry.counter = counter;
      if (now !== before && this.entries.get(ref.slug) === entry) await this.load(ref, now, counter);
    } catch {
      // A failed check keeps the snapshot; the next request tries again.
    } finally {
      entry.checking = false;
    }
  }

  private load(ref: PublicPlanRef, knownFingerprint?: string, knownCounter?: string): Promise<PublicDataset> {
    // Counter, then fingerprint, then data: a change racing with the load is seen by the next check.
    const counter = knownCounter !== undefined ? Promise.resolve(knownCounter) : this.counter(Date.now());
    const fingerprint = counter.then(() => knownFingerprint ?? publicFingerprint(this.db, ref.id));
    const value = fingerprint.then(() => loadPublicDataset(this.db, ref));
    const now = Date.now();
    // recheck: the counter read may have run just before a commit that the fingerprint missed.
    const entry: CacheEntry<PublicDataset> = {
      value,
      fingerprint,
      checkedAt: now,
      comparedAt: now,
      counter: undefined,
      recheck: true,
      announced: false,
      checking: false,
    };
    void counter.then((read) => {
      entry.counter = read;
    });
    // Kept at once, before any query returns: requests arriving meanwhile share this load.
    this.entries.set(ref.slug, entry);
    value.catch(() => {
      if (this.entries.get(ref.slug) === entry) this.entries.delete(ref.slug);
    });
    return value;
  }
}
