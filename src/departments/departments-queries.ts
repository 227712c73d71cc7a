/** Reading departments (事務事業担当課) and the sub-items they answer for. */
import type { Queryable } from '../db/db.js';
import { invalidInput } from '../errors.js';

export interface DepartmentRow {
  id: number;
  code: string;
  name: string;
  items: number;
  users: number;
}

const DEPARTMENT_SELECT = `select d.id, d.code, d.name,
       (select count(*)::int from plan_items i where i.department_id = d.id and not exists (select 1 from plan_items c where c.parent_id = i.id)) as items,
       (select count(*)::int from user_departments u where u.department_id = d.id) as users
  from departments d`;

export async function listDepartments(db: Queryable): Promise<DepartmentRow[]> {
  return (await db.query<DepartmentRow>(`${DEPARTMENT_SELECT} order by d.name`)).rows;
}

export async function findDepartment(db: Queryable, id: number): Promise<DepartmentRow | undefined> {
  return (await db.query<DepartmentRow>(`${DEPARTMENT_SELECT} where d.id = $1`, [id])).rows[0];
}

/** Department names by id, for lists that show a user's departments. */
export async function departmentNames(db: Queryable): Promise<Map<number, string>> {
  return new Map((await db.query<{ id: number; name: string }>('select id, name from departments')).rows.map((d) => [d.id, d.name]));
}

/** The ids of departments given by name or code (the CLI); an unknown one is refused, all named in the message. */
export async function departmentIdsByNameOrCode(db: Queryable, names: readonly string[]): Promise<number[]> {
  if (names.length === 0) return [];
  const r = await db.query<{ id: number; name: string; code: string }>(
    'select id, name, code from departments where name = any($1::text[]) or code = any($1::text[])',
    [[...names]],
  );
  const missing = names.filter((n) => !r.rows.some((d) => d.name === n || d.code === n));
  if (missing.length) throw invalidInput(`担当課が見つかりません: ${missing.join(', ')}`, { field: 'department' });
  return r.rows.map((d) => d.id);
}

export interface LeafRow {
  id: number;
  code: string;
  name: string;
  departmentId: number | null;
  departmentName: string | null;
}

/**
 * Every sub-item (an item without children) of every plan, in plan and document order:
 * the tree's positions, since codes are each plan's own spelling ("A-1", full-width, none).
 */
export async function listLeaves(db: Queryable): Promise<LeafRow[]> {
  return (
    await db.query<LeafRow>(
      `with recursive tree(id, sort_path) as (
          select id, array[plan_id, position, id] from plan_items where parent_id is null
          union all
          select c.id, t.sort_path || array[c.position, c.id] from plan_items c join tree t on c.parent_id = t.id)
       select i.id, i.code, i.name, i.department_id as "departmentId", d.name as "departmentName"
         from plan_items i join tree t on t.id = i.id left join departments d on d.id = i.department_id
        where not exists (select 1 from plan_items c where c.parent_id = i.id)
        order by t.sort_path`,
    )
  ).rows;
}
