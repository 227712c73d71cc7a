/**
 * Reading the audit log, newest first, with what a reader needs to make sense of an
 * entry: the person's name and departments, the item's number and name, the round's
 * year. Filters: item (id or number), person (login or part of the name), department
 * (the person's or the item's), action, round, plan and a range of days in Japan time.
 */
import type { Queryable } from '../db/db.js';
import type { AuditRecord } from './audit-log.js';

export interface AuditFilter {
  itemId?: number;
  /** The item's number in its plan (1.2.2.1). */
  itemCode?: string;
  /** A login, or part of a person's name. */
  actor?: string;
  /** Changes by a person of this department or about an item of it. */
  departmentId?: number;
  action?: string;
  roundId?: number;
  planId?: number;
  /** First and last calendar day (YYYY-MM-DD, Japan time), both included. */
  fromDate?: string;
  toDate?: string;
  limit?: number;
  /** Entries with id below this one (newest first paging). */
  beforeId?: number;
}

/** An entry with its context; people, items and rounds as they are now (the log keeps logins and ids). */
export interface AuditView extends AuditRecord {
  actorName: string | null;
  /** The person's departments, the item's own first. */
  actorDepartments: string[];
  actorRoles: string[];
  itemCode: string | null;
  itemName: string | null;
  roundFiscalYear: number | null;
  roundKind: string | null;
}

function whereOf(f: AuditFilter): { where: string[]; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, v: string | number) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.itemId !== undefined) add('a.item_id = ?', f.itemId);
  if (f.itemCode !== undefined) add('i.code = ?', f.itemCode);
  if (f.actor !== undefined) add(`(a.actor = ? or strpos(u.display_name, ?) > 0)`, f.actor);
  if (f.departmentId !== undefined) {
    add('(i.department_id = ? or exists (select 1 from user_departments ud where ud.user_id = u.id and ud.department_id = ?))', f.departmentId);
  }
  if (f.action !== undefined) add('a.action = ?', f.action);
  if (f.roundId !== undefined) add('a.round_id = ?', f.roundId);
  if (f.planId !== undefined) add('a.plan_id = ?', f.planId);
  if (f.fromDate !== undefined) add(`a.at >= (?::date::timestamp at time zone 'Asia/Tokyo')`, f.fromDate);
  if (f.toDate !== undefined) add(`a.at < ((?::date + 1)::timestamp at time zone 'Asia/Tokyo')`, f.toDate);
  if (f.beforeId !== undefined) add('a.id < ?', f.beforeId);
  return { where, params };
}

export async function listAudit(db: Queryable, f: AuditFilter = {}): Promise<AuditView[]> {
  const { where, params } = whereOf(f);
  params.push(Math.min(Math.max(f.limit ?? 100, 1), 1000));
  const r = await db.query<AuditView>(
    `select a.id::int as id, a.at, a.actor, a.action, a.entity, a.entity_id as "entityId", a.plan_id as "planId", a.round_id as "roundId",
            a.item_id as "itemId", a.before, a.after, u.display_name as "actorName",
            coalesce((select array_agg(d.name order by coalesce(d.id = i.department_id, false) desc, d.id)
                        from user_departments ud join departments d on d.id = ud.department_id where ud.user_id = u.id), '{}') as "actorDepartments",
            coalesce((select array_agg(ur.role order by ur.role) from user_roles ur where ur.user_id = u.id), '{}') as "actorRoles",
            i.code as "itemCode", i.name as "itemName", r.fiscal_year as "roundFiscalYear", r.kind as "roundKind"
       from audit_log a
       left join users u on u.login = a.actor
       left join plan_items i on i.id = a.item_id
       left join evaluation_rounds r on r.id = a.round_id
       ${where.length ? `where ${where.join(' and ')}` : ''}
      order by a.id desc limit $${params.length}`,
    params,
  );
  return r.rows;
}

const BATCH = 1000;

/** Every entry that matches (the CSV export), paged through newest first. */
export async function listAllAudit(db: Queryable, filter: Omit<AuditFilter, 'limit'>): Promise<AuditView[]> {
  const rows: AuditView[] = [];
  for (let beforeId = filter.beforeId; ; ) {
    const page = await listAudit(db, { ...filter, ...(beforeId !== undefined ? { beforeId } : {}), limit: BATCH });
    rows.push(...page);
    if (page.length < BATCH) return rows;
    beforeId = page.at(-1)!.id;
  }
}

/** The choices of the filter form: departments and the actions the log holds. */
export async function auditFilterChoices(db: Queryable): Promise<{ departments: { id: number; name: string }[]; actions: string[] }> {
  const [departments, actions] = await Promise.all([
    db.query<{ id: number; name: string }>('select id, name from departments order by code, id'),
    db.query<{ action: string }>('select distinct action from audit_log order by action'),
  ]);
  return { departments: departments.rows, actions: actions.rows.map((r) => r.action) };
}
