/** Shared reads: concurrent callers share round trips, and none gets a value read before it asked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SharedReads } from './shared-reads.js';

test('calls made during a read share the one read after it; a write committed before a call is always seen', async () => {
  // A store whose value is whatever `committed` says when a read begins; reads end when told.
  let committed = 'v1';
  const running: (() => void)[] = [];
  let reads = 0;
  const load = async () => {
    reads++;
    const seen = committed;
    await new Promise<void>((resolve) => running.push(resolve));
    return seen;
  };
  const endRead = async () => {
    running.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  const shared = new SharedReads<string, string>();
  const first = shared.read('k', load);
  const sameTurn = shared.read('k', load);
  assert.equal(reads, 1, 'a call in the same turn shares the read just started: nothing can have committed in between');
  // A commit is learned from an answer, which arrives in a later turn.
  await new Promise((resolve) => setImmediate(resolve));
  committed = 'v2';
  const second = shared.read('k', load);
  const third = shared.read('k', load);
  const otherKey = shared.read('other', load);
  assert.equal(reads, 2, 'the later calls of k wait for its running read; another key reads at once');
  await endRead();
  assert.equal(await first, 'v1');
  assert.equal(await sameTurn, 'v1');
  await endRead();
  assert.equal(await otherKey, 'v2');
  assert.equal(reads, 3, 'then the waiting calls share one read that began after they were made');
  await endRead();
  assert.equal(await second, 'v2', 'a write committed before the call is seen');
  assert.equal(await third, 'v2');
  const alone = shared.read('k', load);
  assert.equal(reads, 4, 'with nothing running, a call reads at once');
  await endRead();
  assert.equal(await alone, 'v2');
});

test('a failed read fails its callers only; the next call reads again', async () => {
  const shared = new SharedReads<string, number>();
  let n = 0;
  await assert.rejects(
    shared.read('k', async () => Promise.reject(new Error(`failed ${++n}`))),
    /failed 1/,
  );
  assert.equal(await shared.read('k', async () => ++n), 2);
});
