/**
 * The audit log: who changed what, when, before → after. Append-only; the table's
 * trigger refuses updates and deletes. Every writer of evaluation data calls
 * recordAudit inside the same transaction as its change, so the two commit together.
 */
import type { Queryable } from '../db/db.js';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  planId?: number | null;
  roundId?: number | null;
  itemId?: number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'entityId'>> {
  id: number;
  at: Date;
  entityId: string | null;
}

export async function recordAudit(tx: Queryable, e: AuditEntry): Promise<void> {
  await tx.query(
    `insert into audit_log (actor, action, entity, entity_id, plan_id, round_id, item_id, before, after)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)`,
    [
      e.actor,
      e.action,
      e.entity,
      e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
      e.planId ?? null,
      e.roundId ?? null,
      e.itemId ?? null,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
    ],
  );
}

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

/** Many entries in one statement (publishing 2,000 ratings), same transaction as the change. */
export async function recordAuditMany(tx: Queryable, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const col = <T>(f: (e: AuditEntry) => T) => entries.map(f);
  await tx.query(
    `insert into audit_log (actor, action, entity, entity_id, plan_id, round_id, item_id, before, after)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::jsonb[], $9::jsonb[])`,
    [
      col((e) => e.actor),
      col((e) => e.action),
      col((e) => e.entity),
      col((e) => (e.entityId === undefined || e.entityId === null ? null : String(e.entityId))) as string[],
      col((e) => e.planId ?? null) as number[],
      col((e) => e.roundId ?? null) as number[],
      col((e) => e.itemId ?? null) as number[],
      col((e) => (e.before === undefined ? null : JSON.stringify(e.before))) as string[],
      col((e) => (e.after === undefined ? null : JSON.stringify(e.after))) as string[],
    ],
  );
}
