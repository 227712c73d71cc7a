import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from './db.js';
import { createTestDb, engines } from '../test-support/db.js';
import { loadMigrations, migrate } from './migrate.js';

/** `db` with every statement it is sent written down. */
function recording(db: Db): { db: Db; sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    db: {
      ...db,
      query: (sql, params) => {
        sent.push(sql);
        return db.query(sql, params);
      },
      exec: (sql) => {
        sent.push(sql);
        return db.exec(sql);
      },
    },
  };
}

for (const engine of engines()) {
  test(`[${engine}] migrations apply once and are recorded`, async () => {
    const { db, cleanup } = await createTestDb(engine, { migrate: false });
    try {
      const first = await migrate(db);
      assert.equal(first.applied.length, loadMigrations().length);
      const second = await migrate(db);
      assert.deepEqual(second.applied, []);
      const tables = await db.query<{ n: number }>(
        "select count(*)::int as n from information_schema.tables where table_schema = current_schema() and table_name in ('plans','plan_items','ratings','narratives','audit_log')",
      );
      assert.equal(tables.rows[0]?.n, 5);
    } finally {
      await cleanup();
    }
  });

  test(`[${engine}] an up-to-date store is checked with one statement, and a database without the table gets it`, async () => {
    const { db, cleanup } = await createTestDb(engine, { migrate: false });
    try {
      const fresh = recording(db);
      assert.equal((await migrate(fresh.db)).applied.length, loadMigrations().length);
      assert.match(fresh.sent[1] ?? '', /^create table if not exists schema_migrations/);
      const again = recording(db);
      assert.deepEqual(await migrate(again.db), { applied: [], alreadyApplied: loadMigrations().length });
      assert.deepEqual(again.sent, ['select version, checksum from schema_migrations']);
    } finally {
      await cleanup();
    }
  });

  test(`[${engine}] a changed migration is refused`, async () => {
    const { db, cleanup } = await createTestDb(engine);
    try {
      const changed = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
      await assert.rejects(migrate(db, changed), /was changed after it was applied/);
    } finally {
      await cleanup();
    }
  });

  test(`[${engine}] the audit log refuses updates and deletes`, async () => {
    const { db, cleanup } = await createTestDb(engine);
    try {
      await db.query("insert into audit_log (actor, action, entity) values ('t', 'create', 'plan')");
      await assert.rejects(db.query("update audit_log set actor = 'x'"), /append-only/);
      await assert.rejects(db.query('delete from audit_log'), /append-only/);
      await assert.rejects(db.exec('truncate audit_log'), /append-only/);
      const n = await db.query<{ n: number }>('select count(*)::int as n from audit_log');
      assert.equal(n.rows[0]?.n, 1);
    } finally {
      await cleanup();
    }
  });

  test(`[${engine}] a failed transaction leaves nothing behind`, async () => {
    const { db, cleanup } = await createTestDb(engine);
    try {
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query("insert into departments (code, name) values ('d1', '総務課')");
          throw new Error('boom');
        }),
        /boom/,
      );
      const n = await db.query<{ n: number }>('select count(*)::int as n from departments');
      assert.equal(n.rows[0]?.n, 0);
    } finally {
      await cleanup();
    }
  });
}
