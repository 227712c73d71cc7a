/** Reading the audit log, newest first, by item, actor, round or plan. */
import type { Queryable } from '../db/db.js';
import type { AuditRecord } from './audit-log.js';

export interface AuditFilter {
  itemId?: number;
  actor?: string;
  roundId?: number;
  planId?: number;
  limit?: number;
  /** Entries with id below this one (newest first paging). */
  beforeId?: number;
}

export async function listAudit(db: Queryable, f: AuditFilter = {}): Promise<AuditRecord[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, v: string | number) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.itemId !== undefined) add('item_id = ?', f.itemId);
  if (f.actor !== undefined) add('actor = ?', f.actor);
  if (f.roundId !== undefined) add('round_id = ?', f.roundId);
  if (f.planId !== undefined) add('plan_id = ?', f.planId);
  if (f.beforeId !== undefined) add('id < ?', f.beforeId);
  params.push(Math.min(Math.max(f.limit ?? 100, 1), 1000));
  const r = await db.query<AuditRecord>(
    `select id::int as id, at, actor, action, entity, entity_id as "entityId", plan_id as "planId", round_id as "roundId",
            item_id as "itemId", before, after
       from audit_log ${where.length ? `where ${where.join(' and ')}` : ''}
      order by id desc limit $${params.length}`,
    params,
  );
  return r.rows;
}

const BATCH = 1000;

/** Every entry that matches (the CSV export), paged through newest first. */
export async function listAllAudit(db: Queryable, filter: Omit<AuditFilter, 'limit'>): Promise<AuditRecord[]> {
  const rows: AuditRecord[] = [];
  for (let beforeId = filter.beforeId; ; ) {
    const page = await listAudit(db, { ...filter, ...(beforeId !== undefined ? { beforeId } : {}), limit: BATCH });
    rows.push(...page);
    if (page.length < BATCH) return rows;
    beforeId = page.at(-1)!.id;
  }
}
