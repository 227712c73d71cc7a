/**
 * The test database of a suite: a fresh one of `engine` (or what `open` opens) before the
 * suite's first test, filled by `setup`, dropped after its last test. Read `db` inside the
 * tests (it exists once the suite's `before` has run).
 */
import { after, before } from 'node:test';
import type { Db } from '../db/db.js';
import { createTestDb, type Engine, type TestDb } from './db.js';

export function suiteDb(open: Engine | (() => Promise<TestDb>), setup: (db: Db) => Promise<void> = async () => {}): { readonly db: Db } {
  let opened: TestDb | undefined;
  before(async () => {
    opened = await (typeof open === 'string' ? createTestDb(open) : open());
    await setup(opened.db);
  });
  after(async () => opened?.cleanup());
  return {
    get db() {
      if (!opened) throw new Error('the suite’s database opens before its first test');
      return opened.db;
    },
  };
}
