/**
 * A save is read and checked, then written by one statement that writes only if what it was
 * checked against still holds. Here something changes between the read and the write (the
 * store is wrapped so that the change lands just before the write): the entry's version, the
 * round's status, the sub-item's department. Nothing is written then, nor audited, and the
 * save answers as if it had started after the change.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../db/db.js';
import { engines, type TestDb } from '../test-support/db.js';
import { seededDb } from '../test-support/seed.js';
import { listAudit } from '../audit/audit-queries.js';
import { findUser } from '../users/users-queries.js';
import { isAppError } from '../errors.js';
import { ensureDemoData } from './demo-data.js';
import { saveEntry } from './entry-store.js';
import { loadEntry } from './entry-queries.js';
import { getRound, listEntries, type Round } from './round-queries.js';
import type { Actor, EntryInput } from './workflow.js';

const input: EntryInput = { ratingCode: 'A', annotationKindIds: [], reason: '読んだ後に変わった', issues: '', direction: '' };

/** The store, with `change` run once just before the first statement that writes an audited change. */
function changingBeforeWrite(db: Db, change: () => Promise<unknown>): Db {
  let changed = false;
  return new Proxy(db, {
    get(target, key, receiver) {
      if (key !== 'query') return Reflect.get(target, key, receiver);
      return async (sql: string, params?: never[]) => {
        if (!changed && sql.trimStart().startsWith('with written as')) {
          changed = true;
          await change();
        }
        return target.query(sql, params);
      };
    },
  });
}

for (const engine of engines()) {
  describe(`a save whose read changed before its write (${engine})`, () => {
    let t: TestDb;
    let round: Round;
    let editor: Actor & { id: number };
    let items: number[];

    before(async () => {
      t = await seededDb(engine);
      const demo = await ensureDemoData(t.db, { roundFiscalYear: 2023, today: new Date('2023-06-01') });
      round = await getRound(t.db, demo.roundId!);
      const u = (await findUser(t.db, 'demo-bosai'))!;
      editor = { id: u.id, login: u.login, roles: u.roles, departmentIds: u.departmentIds };
      items = (await listEntries(t.db, round.id, { departmentIds: editor.departmentIds })).map((e) => e.itemId);
    });
    after(async () => t.cleanup());

    const audited = async (itemId: number) => (await listAudit(t.db, { itemId, roundId: round.id })).length;

    test('another save in between: a conflict showing that save, one audit entry', async () => {
      const itemId = items[0]!;
      const other = changingBeforeWrite(t.db, () => saveEntry(t.db, round, itemId, { ...input, reason: '先に保存した文' }, 1, 'save', editor));
      const result = await saveEntry(other, round, itemId, input, 1, 'save', editor);
      assert.equal(result.kind, 'conflict');
      assert.equal(result.kind === 'conflict' && result.current.reason, '先に保存した文');
      assert.equal(await audited(itemId), 1, 'only the other save is audited');
    });

    test('the round closed in between: refused as in a closed round, nothing written', async () => {
      const itemId = items[1]!;
      const other = changingBeforeWrite(t.db, () => t.db.query(`update evaluation_rounds set status = 'closed' where id = $1`, [round.id]));
      await assert.rejects(saveEntry(other, round, itemId, input, 1, 'save', editor), (e: unknown) => isAppError(e, 'invalid-state'));
      await t.db.query(`update evaluation_rounds set status = 'open' where id = $1`, [round.id]);
      assert.equal((await loadEntry(t.db, round, itemId, editor)).version, 1);
      assert.equal(await audited(itemId), 0);
    });

    test('the sub-item moved to another department in between: not found for this editor, nothing written', async () => {
      const itemId = items[2]!;
      const other = changingBeforeWrite(t.db, () =>
        t.db.query(`update plan_items set department_id = (select id from departments where not (id = any($2::int[])) order by id limit 1) where id = $1`, [
          itemId,
          [...editor.departmentIds],
        ]),
      );
      await assert.rejects(saveEntry(other, round, itemId, input, 1, 'save', editor), (e: unknown) => isAppError(e, 'not-found'));
      assert.equal(
        (await t.db.query<{ version: number }>('select version from round_entries where round_id = $1 and item_id = $2', [round.id, itemId])).rows[0]?.version,
        1,
      );
      assert.equal(await audited(itemId), 0);
    });

    test('the sub-item moved or renamed after an earlier save: the next save reads it as it is now', async () => {
      const [moved, renamed] = [items[4]!, items[5]!];
      assert.equal((await saveEntry(t.db, round, moved, input, 1, 'save', editor)).kind, 'saved');
      assert.equal((await saveEntry(t.db, round, renamed, input, 1, 'save', editor)).kind, 'saved');
      await t.db.query(`update plan_items set department_id = (select id from departments where not (id = any($2::int[])) order by id limit 1) where id = $1`, [
        moved,
        [...editor.departmentIds],
      ]);
      await t.db.query(`update plan_items set name = '名前を変えた細目' where id = $1`, [renamed]);
      await assert.rejects(saveEntry(t.db, round, moved, input, 2, 'save', editor), (e: unknown) => isAppError(e, 'not-found'));
      const again = await saveEntry(t.db, round, renamed, input, 2, 'save', editor);
      assert.equal(again.kind === 'saved' && again.entry.item.name, '名前を変えた細目');
      assert.equal(await audited(moved), 1);
    });

    test('nothing changed: saved once, audited once', async () => {
      const itemId = items[3]!;
      const result = await saveEntry(t.db, round, itemId, input, 1, 'save', editor);
      assert.equal(result.kind === 'saved' && result.entry.version, 2);
      assert.equal(await audited(itemId), 1);
    });
  });
}
