/** Departments (事務事業担当課) and which sub-items they answer for; every change audited. */
import type { Db, Queryable } from '../db/db.js';
import { recordAudit } from '../audit/audit-log.js';

export interface DepartmentRow {
  id: number;
  code: string;
  name: string;
  items: number;
  users: number;
}

export class DepartmentError extends Error {
  override name = 'DepartmentError';
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

export async function listDepartments(db: Queryable): Promise<DepartmentRow[]> {
  return (
    await db.query<DepartmentRow>(
      `select d.id, d.code, d.name,
              (select count(*)::int from plan_items i where i.department_id = d.id and not exists (select 1 from plan_items c where c.parent_id = i.id)) as items,
              (select count(*)::int from user_departments u where u.department_id = d.id) as users
         from departments d order by d.name`,
    )
  ).rows;
}

const CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;

function check(code: string, name: string): void {
  if (!CODE.test(code)) throw new DepartmentError('コードは英小文字・数字・ハイフンの40文字以内で入力してください。', 'code');
  if (!name.trim()) throw new DepartmentError('課の名前を入力してください。', 'name');
  if (name.length > 100) throw new DepartmentError('課の名前は100文字以内にしてください。', 'name');
}

export async function createDepartment(db: Db, code: string, name: string, actor: string): Promise<number> {
  check(code, name);
  return db.transaction(async (tx) => {
    const dup = await tx.query<{ code: string }>('select code from departments where code = $1 or name = $2', [code, name.trim()]);
    if (dup.rowCount > 0) throw new DepartmentError(dup.rows[0]!.code === code ? 'このコードは既に使われています。' : 'この名前の課は既にあります。', dup.rows[0]!.code === code ? 'code' : 'name');
    const r = await tx.query<{ id: number }>('insert into departments (code, name) values ($1, $2) returning id', [code, name.trim()]);
    await recordAudit(tx, { actor, action: 'create', entity: 'department', entityId: r.rows[0]!.id, after: { code, name: name.trim() } });
    return r.rows[0]!.id;
  });
}

export async function renameDepartment(db: Db, id: number, name: string, actor: string): Promise<void> {
  if (!name.trim()) throw new DepartmentError('課の名前を入力してください。', 'name');
  await db.transaction(async (tx) => {
    const before = (await tx.query<{ name: string }>('select name from departments where id = $1', [id])).rows[0];
    if (!before) throw new DepartmentError('課が見つかりません。', 'name');
    const dup = await tx.query('select 1 from departments where name = $1 and id <> $2', [name.trim(), id]);
    if (dup.rowCount > 0) throw new DepartmentError('この名前の課は既にあります。', 'name');
    await tx.query('update departments set name = $2 where id = $1', [id, name.trim()]);
    await recordAudit(tx, { actor, action: 'update', entity: 'department', entityId: id, before, after: { name: name.trim() } });
  });
}

/** Makes the department answer for a sub-item (and audits the move from its former department). */
export async function assignItem(db: Db, departmentId: number, itemId: number, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const item = (await tx.query<{ planId: number; departmentId: number | null }>('select plan_id as "planId", department_id as "departmentId" from plan_items where id = $1', [itemId])).rows[0];
    if (!item) throw new DepartmentError('細目が見つかりません。', 'itemId');
    const dept = await tx.query('select 1 from departments where id = $1', [departmentId]);
    if (dept.rowCount === 0) throw new DepartmentError('課が見つかりません。', 'itemId');
    await tx.query('update plan_items set department_id = $2 where id = $1', [itemId, departmentId]);
    await recordAudit(tx, { actor, action: 'assign', entity: 'plan_item', entityId: itemId, planId: item.planId, itemId, before: { departmentId: item.departmentId }, after: { departmentId } });
  });
}

export interface LeafRow {
  id: number;
  code: string;
  name: string;
  departmentId: number | null;
  departmentName: string | null;
}

export async function listLeaves(db: Queryable): Promise<LeafRow[]> {
  return (
    await db.query<LeafRow>(
      `select i.id, i.code, i.name, i.department_id as "departmentId", d.name as "departmentName"
         from plan_items i left join departments d on d.id = i.department_id
        where not exists (select 1 from plan_items c where c.parent_id = i.id)
        order by i.plan_id, string_to_array(i.code, '.')::int[]`,
    )
  ).rows;
}
