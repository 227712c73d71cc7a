/**
 * Changes to departments (事務事業担当課) and to which sub-items they answer for; every
 * change audited in its transaction. A refused value is an `invalid-input` AppError whose
 * `details.field` names the form field.
 */
import type { Db } from '../db/db.js';
import { invalidInput } from '../errors.js';
import { recordAudit } from '../audit/audit-log.js';

const CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;

const refuse = (field: string, message: string) => invalidInput(message, { field });

function check(code: string, name: string): void {
  if (!CODE.test(code)) throw refuse('code', 'コードは英小文字・数字・ハイフンの40文字以内で入力してください。');
  if (!name.trim()) throw refuse('name', '課の名前を入力してください。');
  if (name.length > 100) throw refuse('name', '課の名前は100文字以内にしてください。');
}

export async function createDepartment(db: Db, code: string, name: string, actor: string): Promise<number> {
  check(code, name);
  return db.transaction(async (tx) => {
    const dup = await tx.query<{ code: string }>('select code from departments where code = $1 or name = $2', [code, name.trim()]);
    if (dup.rowCount > 0)
      throw dup.rows[0]!.code === code ? refuse('code', 'このコードは既に使われています。') : refuse('name', 'この名前の課は既にあります。');
    const r = await tx.query<{ id: number }>('insert into departments (code, name) values ($1, $2) returning id', [code, name.trim()]);
    await recordAudit(tx, { actor, action: 'create', entity: 'department', entityId: r.rows[0]!.id, after: { code, name: name.trim() } });
    return r.rows[0]!.id;
  });
}

export async function renameDepartment(db: Db, id: number, name: string, actor: string): Promise<void> {
  if (!name.trim()) throw refuse('name', '課の名前を入力してください。');
  await db.transaction(async (tx) => {
    const before = (await tx.query<{ name: string }>('select name from departments where id = $1', [id])).rows[0];
    if (!before) throw refuse('name', '課が見つかりません。');
    const dup = await tx.query('select 1 from departments where name = $1 and id <> $2', [name.trim(), id]);
    if (dup.rowCount > 0) throw refuse('name', 'この名前の課は既にあります。');
    await tx.query('update departments set name = $2 where id = $1', [id, name.trim()]);
    await recordAudit(tx, { actor, action: 'update', entity: 'department', entityId: id, before, after: { name: name.trim() } });
  });
}

/** Makes the department answer for a sub-item (and audits the move from its former department). */
export async function assignItem(db: Db, departmentId: number, itemId: number, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const item = (
      await tx.query<{ planId: number; departmentId: number | null }>(
        'select plan_id as "planId", department_id as "departmentId" from plan_items where id = $1',
        [itemId],
      )
    ).rows[0];
    if (!item) throw refuse('itemId', '項目が見つかりません。');
    const dept = await tx.query('select 1 from departments where id = $1', [departmentId]);
    if (dept.rowCount === 0) throw refuse('itemId', '課が見つかりません。');
    await tx.query('update plan_items set department_id = $2 where id = $1', [itemId, departmentId]);
    await recordAudit(tx, {
      actor,
      action: 'assign',
      entity: 'plan_item',
      entityId: itemId,
      planId: item.planId,
      itemId,
      before: { departmentId: item.departmentId },
      after: { departmentId },
    });
  });
}
