import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from '../test-support/db.js';
import { suiteDb } from '../test-support/suite-db.js';
import { auditCsv } from './audit-csv.js';
import { auditFilterChoices, listAllAudit, listAudit } from './audit-queries.js';

for (const engine of engines()) {
  describe(`audit log queries (${engine})`, () => {
    let bosai: number;
    const t = suiteDb(engine, async (db) => {
      const scale = await db.query<{ id: number }>("insert into rating_scales (slug, name) values ('a-c', 'A-C') returning id");
      const plan = await db.query<{ id: number }>(
        "insert into plans (slug, name, rating_scale_id, start_fiscal_year, end_fiscal_year) values ('p', '計画', $1, 2022, 2026) returning id",
        [scale.rows[0]!.id],
      );
      await db.query("insert into plan_tiers (plan_id, level, name) values ($1, 1, '細目')", [plan.rows[0]!.id]);
      bosai = (await db.query<{ id: number }>("insert into departments (code, name) values ('d1', '防災対策課') returning id")).rows[0]!.id;
      const other = (await db.query<{ id: number }>("insert into departments (code, name) values ('d2', '市民課') returning id")).rows[0]!.id;
      const items = await db.query<{ id: number }>(
        `insert into plan_items (plan_id, level, position, code, name, department_id) values ($1, 1, 1, '1.2.2.1', '災害情報の管理', $2), ($1, 1, 2, '3.1', '窓口', $3) returning id`,
        [plan.rows[0]!.id, bosai, other],
      );
      const tanaka = (await db.query<{ id: number }>("insert into users (login, display_name, password_hash) values ('tanaka', '田中 一郎', 'x') returning id"))
        .rows[0]!.id;
      await db.query('insert into user_departments (user_id, department_id) values ($1, $2)', [tanaka, bosai]);
      const insert = `insert into audit_log (at, actor, action, entity, item_id, before, after) values ($1, $2, $3, 'entry', $4, $5::jsonb, $6::jsonb)`;
      await db.query(insert, ['2026-04-01T00:30:00+09:00', 'tanaka', 'save', items.rows[0]!.id, '{"ratingCode":"B"}', '{"ratingCode":"A"}']);
      await db.query(insert, ['2026-04-02T23:59:00+09:00', 'tanaka', 'submit', items.rows[0]!.id, null, '{"status":"submitted"}']);
      await db.query(insert, ['2026-04-03T00:00:00+09:00', 'sato', 'save', items.rows[1]!.id, null, '{"reason":"ok"}']);
    });

    const ids = async (f: Parameters<typeof listAudit>[1]) => (await listAudit(t.db, f)).map((r) => `${r.actor}:${r.action}`);

    test('filters by item number, person, department, action and days in Japan time', async () => {
      assert.deepEqual(await ids({ itemCode: '1.2.2.1' }), ['tanaka:submit', 'tanaka:save']);
      assert.deepEqual(await ids({ actor: '田中' }), ['tanaka:submit', 'tanaka:save'], 'part of the name');
      assert.deepEqual(await ids({ actor: 'sato' }), ['sato:save'], 'a login');
      assert.deepEqual(await ids({ departmentId: bosai }), ['tanaka:submit', 'tanaka:save']);
      assert.deepEqual(await ids({ action: 'save' }), ['sato:save', 'tanaka:save']);
      assert.deepEqual(await ids({ fromDate: '2026-04-01', toDate: '2026-04-01' }), ['tanaka:save'], '00:30 in Japan is still the 1st');
      assert.deepEqual(await ids({ fromDate: '2026-04-02', toDate: '2026-04-02' }), ['tanaka:submit'], '23:59 in Japan is the 2nd');
      assert.deepEqual(await ids({ fromDate: '2026-04-03' }), ['sato:save']);
    });

    test('each entry with the person, their department and the item', async () => {
      const [row] = await listAudit(t.db, { action: 'submit' });
      assert.equal(row!.actorName, '田中 一郎');
      assert.deepEqual(row!.actorDepartments, ['防災対策課']);
      assert.equal(row!.itemCode, '1.2.2.1');
      assert.equal(row!.itemName, '災害情報の管理');
      const choices = await auditFilterChoices(t.db);
      assert.deepEqual(choices.actions, ['save', 'submit']);
      assert.deepEqual(
        choices.departments.map((d) => d.name),
        ['防災対策課', '市民課'],
      );
    });

    test('CSV: Japan time with its offset, a sentence and readable changes', async () => {
      const csv = auditCsv(await listAllAudit(t.db, { itemCode: '1.2.2.1' }), { lang: 'ja', era: 'wareki' });
      const lines = csv.replace('\ufeff', '').trim().split('\n');
      assert.match(lines[0]!, /^ID,日時,ログインID,氏名,課,操作,内容/);
      assert.match(
        csv,
        /2026-04-01T00:30:00\+09:00,tanaka,田中 一郎,防災対策課,save,防災対策課 田中 一郎 が 1\.2\.2\.1 災害情報の管理 の評価を B→A に変更,1\.2\.2\.1,,評価: B → A,/,
      );
      assert.match(csv, /2026-04-02T23:59:00\+09:00/);
    });
  });
}
