/** Backup → change → restore gives back every table exactly, on PGlite and PostgreSQL. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, engines } from '../test-support/db.js';
import { importReportFile } from '../imports/import-report.js';
import { ensureDemoData } from '../evaluations/demo-data.js';
import { ensureLineageDemo } from '../lineage/lineage-demo.js';
import { SAMPLE_PLAN_SLUG, SAMPLE_REPORT } from '../imports/sample.js';
import type { Db } from '../db/db.js';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BackupError, createBackup, decodeBackup, encodeBackup, hyokaTableNames, restoreBackup, storeDigests } from './backup.js';

/** The seed, the demo workflow data and one row in each table the seed leaves empty, so no table is compared empty. */
async function seed(db: Db): Promise<void> {
  await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
  const demo = await ensureDemoData(db, { roundFiscalYear: 2023 });
  // The demo successor plan and its item mapping (plan_item_lineage).
  await ensureLineageDemo(db, SAMPLE_PLAN_SLUG);
  const user = (await db.query<{ id: number }>(`select id from users order by id limit 1`)).rows[0]!.id;
  const entry = (await db.query<{ id: number }>(`select id from round_entries where round_id = $1 order by id limit 1`, [demo.roundId!])).rows[0]!.id;
  await db.exec(`insert into sessions (id, user_id, csrf_token, expires_at) values ('s-backup-test', ${user}, 'c', now() + interval '1 hour')`);
  await db.exec(`insert into login_attempts (login, ip, succeeded) values ('demo-viewer', '127.0.0.1', false)`);
  await db.exec(`insert into login_throttles (login, ip, failures, last_failure_at) values ('demo-viewer', '127.0.0.1', 1, now())`);
  await db.exec(`insert into review_comments (entry_id, author_id, action, body) values (${entry}, ${user}, 'return', '確認しました 「引用」 \\ "quote" ☃')`);
  await db.exec(`insert into round_opinions (round_id, author_role, body, updated_by) values (${demo.roundId!}, 'expert', '意見', ${user})`);
  await db.exec(
    `insert into entry_revisions (entry_id, revision, reason, before, after, created_by) values (${entry}, 1, '訂正', '{"a":[1,2.5,null]}', '{"b":"x"}', ${user})`,
  );
  await db.exec(
    `insert into import_uploads (id, user_id, file_name, bytes, expires_at) values ('upload-backup-test', ${user}, 'x.csv', '\\x00ff81e5', now() + interval '1 hour')`,
  );
  await db.exec(
    `insert into reminder_log (round_id, department_id, recipient, item_count, status) select ${demo.roundId!}, min(id), 'a@example.jp', 3, 'sent' from departments`,
  );
  // Indicators: numeric values with more digits than a float holds must come back exactly.
  await db.exec(`insert into indicators (item_id, name, unit, position) select min(id), '電子申請の件数', '件', 1 from plan_items;
    insert into indicator_baselines (indicator_id, fiscal_year, value) select id, 2015, 0.1 from indicators;
    insert into indicator_targets (indicator_id, kind, fiscal_year, value) select id, 'final', 2020, 12345678901234567890.123456789 from indicators;
    insert into indicator_target_revisions (target_id, old_value, new_value, reason, decided_fiscal_year) select id, value, 1000, '再設定', 2020 from indicator_targets;
    insert into indicator_actuals (indicator_id, fiscal_year, value, source_note) select id, 2018, 0.3, '集計' from indicators;
    insert into rating_rules (plan_id, kind, parameters) select min(id), 'manual', '{}' from plans;
    insert into direction_codes (plan_id, code, label, position) select min(id), '継続', '継続', 1 from plans;
    insert into item_directions (item_id, fiscal_year, direction_code_id, note) select (select min(id) from plan_items), 2022, id, 'メモ' from direction_codes;
    insert into item_costs (item_id, fiscal_year, project_cost, general_funds) select min(id), 2022, 1234.5, 1234.5 from plan_items`);
  await db.exec(`insert into plan_settings (plan_id, division_levels, division_name, yearly_label) select min(id), '{2}', '企画課', '年次評価' from plans`);
}

for (const engine of engines()) {
  describe(`backup and restore (${engine})`, () => {
    test('every table identical after backup → change → restore; the rewrite is audited', async (t) => {
      const first = await createTestDb(engine);
      let cleanup = first.cleanup;
      t.after(() => cleanup());
      await seed(first.db);
      const before = await storeDigests(first.db);
      const empty = Object.entries(before)
        .filter(([, d]) => d.rows === 0)
        .map(([name]) => name);
      const backup = decodeBackup(encodeBackup(await createBackup(first.db)));
      assert.deepEqual(Object.fromEntries(backup.tables.map((x) => [x.name, x.digest])), before, 'the manifest is the store’s own digest');
      assert.deepEqual(new Set(backup.tables.map((x) => x.name)), new Set(hyokaTableNames().filter((n) => n !== 'schema_migrations')));
      assert.deepEqual(empty, [], 'no table is compared empty');

      // Into a brand-new store: exactly the same rows, no --force needed.
      await first.cleanup();
      const second = await createTestDb(engine, { migrate: false });
      cleanup = second.cleanup;
      const fresh = await restoreBackup(second.db, backup, { actor: 'test' });
      assert.equal(fresh.replaced, false);
      assert.deepEqual(await storeDigests(second.db), before);

      // Change things, including the append-only audit log and a board-version trigger.
      await second.db.exec(`insert into departments (code, name) values ('999', '新しい課')`);
      await second.db.exec(`update users set display_name = '変更後' where login = 'demo-viewer'`);
      await second.db.exec(`delete from sessions`);
      await second.db.exec(`update round_entries set status = 'submitted' where id = (select min(id) from round_entries)`);
      await second.db.exec(`insert into audit_log (actor, action, entity) values ('test', 'changed', 'x')`);
      assert.notDeepEqual(await storeDigests(second.db), before);

      await assert.rejects(
        restoreBackup(second.db, backup, { actor: 'test' }),
        (error: unknown) => error instanceof BackupError && /空ではありません.*--force/.test(error.message),
      );
      const changed = await storeDigests(second.db);
      assert.equal(changed.departments!.rows, before.departments!.rows + 1, 'a refused restore changes nothing');

      const forced = await restoreBackup(second.db, backup, { force: true, actor: 'cli:tester' });
      assert.equal(forced.replaced, true);
      const maxId = backup.tables.find((x) => x.name === 'audit_log')!.rows.reduce((m, line) => Math.max(m, (JSON.parse(line) as { id: number }).id), 0);
      const after = await storeDigests(second.db, { audit_log: `where id <= ${maxId}` });
      assert.deepEqual(after, before, 'every table identical (audit_log: every saved row)');
      const appended = await second.db.query<{ action: string; actor: string }>(`select action, actor from audit_log where id > $1`, [maxId]);
      assert.deepEqual(appended.rows, [{ action: 'store.restore', actor: 'cli:tester' }], 'the replacement itself is on record');

      // Identity sequences continue after the restored ids; triggers work again.
      const next = await second.db.query<{ id: number }>(`insert into departments (code, name) values ('998', '復元後の課') returning id`);
      const maxDept = (await second.db.query<{ m: number }>(`select max(id) as m from departments where code <> '998'`)).rows[0]!.m;
      assert.ok(next.rows[0]!.id > maxDept);
      await assert.rejects(second.db.exec(`delete from audit_log`), /append-only/);
    });
  });
}

test('a damaged or truncated backup file is refused before anything is touched', async () => {
  const { db, cleanup } = await createTestDb('pglite');
  try {
    await importReportFile(db, SAMPLE_REPORT, { slug: SAMPLE_PLAN_SLUG });
    const good = encodeBackup(await createBackup(db));
    const text = gunzipSync(good).toString('utf8');
    const tampered = gzipSync(text.replace('茅ヶ崎市地域情報化計画', '茅ヶ崎市地域情報化計劃'));
    assert.throws(() => decodeBackup(tampered), /チェックサムが一致しません/);
    const lines = text.trimEnd().split('\n');
    assert.throws(() => decodeBackup(gzipSync(lines.slice(0, -1).join('\n'))), /途中で切れています/);
    assert.throws(() => decodeBackup(Buffer.from('not a backup')), /gzip/);
  } finally {
    await cleanup();
  }
});
