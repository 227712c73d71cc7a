/**
 * The audit log: who changed what, when, before → after. Append-only; the table's
 * trigger refuses updates and deletes. Every writer of evaluation data calls
 * recordAudit inside the same transaction as its change, so the two commit together (or
 * writeAudited, where the change is one statement).
 * Reading the log is ./audit-queries.ts.
 */
import type { Queryable, SqlParam } from '../db/db.js';

// Kept here so callers that read the log through this module keep compiling.

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
    auditValues(e),
  );
}

/**
 * A write and its audit entry as one statement, atomic without a transaction: the entry is
 * recorded only if the write changed its row. `write` is an UPDATE, INSERT or DELETE of at
 * most one row ending in RETURNING, its parameters numbered from $1. True when it wrote.
 */
export async function writeAudited(db: Queryable, write: { sql: string; params: readonly SqlParam[] }, e: AuditEntry): Promise<boolean> {
  const at = (n: number) => `$${write.params.length + n}`;
  const r = await db.query(
    `with written as (${write.sql})
     insert into audit_log (actor, action, entity, entity_id, plan_id, round_id, item_id, before, after)
     select ${at(1)}, ${at(2)}, ${at(3)}, ${at(4)}, ${at(5)}::int, ${at(6)}::int, ${at(7)}::int, ${at(8)}::jsonb, ${at(9)}::jsonb from written`,
    [...write.params, ...auditValues(e)],
  );
  return r.rowCount > 0;
}

function auditValues(e: AuditEntry): SqlParam[] {
  return [
    e.actor,
    e.action,
    e.entity,
    e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
    e.planId ?? null,
    e.roundId ?? null,
    e.itemId ?? null,
    e.before === undefined ? null : JSON.stringify(e.before),
    e.after === undefined ? null : JSON.stringify(e.after),
  ];
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
