/**
 * Writes a round's entries into the published store (ratings, annotations, narratives)
 * that the plan page, the portal and the report read. Called inside the transaction of
 * a publication or of a correction after publication, which audit the change.
 */
import type { Queryable } from '../db/db.js';
import { recordAuditMany, type AuditEntry } from '../audit/audit-log.js';
import type { Actor } from './workflow.js';
import { ENTRY_COLUMNS, type EntryRow } from './entry-queries.js';
import type { Round } from './round-queries.js';

/** Writes the accepted entries of a round into the published store: ratings, annotations, narratives. */
export async function publishEntries(tx: Queryable, round: Round, actor: Actor): Promise<void> {
  const entries = (
    await tx.query<EntryRow>(`select ${ENTRY_COLUMNS} from round_entries e left join users u on u.id = e.updated_by where e.round_id = $1 order by e.item_id`, [
      round.id,
    ])
  ).rows;
  const before = new Map(
    (
      await tx.query<{ itemId: number; code: string; reason: string | null }>(
        'select item_id as "itemId", code, reason from ratings where fiscal_year = $2 and item_id = any($1::int[])',
        [entries.map((e) => e.itemId), round.fiscalYear],
      )
    ).rows.map((r) => [r.itemId, r]),
  );
  const rated = entries.filter((e) => e.ratingCode !== null);
  await tx.query(
    `insert into ratings (item_id, fiscal_year, scale_id, code, reason)
     select t.item_id, $2, coalesce(pt.rating_scale_id, p.rating_scale_id), t.code, t.reason
       from unnest($1::int[], $3::text[], $4::text[]) as t(item_id, code, reason)
       join plan_items i on i.id = t.item_id join plans p on p.id = i.plan_id
       left join plan_tiers pt on pt.plan_id = p.id and pt.level = i.level
      where p.id = $5
     on conflict (item_id, fiscal_year) do update set code = excluded.code, reason = excluded.reason, scale_id = excluded.scale_id, updated_at = now()`,
    [rated.map((e) => e.itemId), round.fiscalYear, rated.map((e) => e.ratingCode!), rated.map((e) => e.reason), round.planId],
  );
  await writeAnnotations(tx, round, rated);
  await tx.query(`delete from narratives where plan_id = $1 and fiscal_year = $2 and source = 'entered'`, [round.planId, round.fiscalYear]);
  await insertDepartmentNarratives(tx, round, entries);
  // Opinions, at the tiers the plan's settings give the division and the expert, and on the whole plan.
  await tx.query(
    `insert into narratives (plan_id, item_id, fiscal_year, author_role, kind, position, body, source)
     select $2, o.item_id, $3, o.author_role, 'progress', coalesce(o.item_id, 0), o.body, 'entered'
       from round_opinions o where o.round_id = $1 and length(trim(o.body)) > 0`,
    [round.id, round.planId, round.fiscalYear],
  );
  const audits: AuditEntry[] = rated.map((e) => ({
    actor: actor.login,
    action: 'publish',
    entity: 'rating',
    entityId: `${e.itemId}/${round.fiscalYear}`,
    planId: round.planId,
    roundId: round.id,
    itemId: e.itemId,
    before: before.get(e.itemId) ? { code: before.get(e.itemId)!.code, reason: before.get(e.itemId)!.reason } : null,
    after: { code: e.ratingCode, reason: e.reason, annotationKindIds: e.annotationKindIds, issues: e.issues, direction: e.direction },
  }));
  await recordAuditMany(tx, audits);
}

export async function writeAnnotations(tx: Queryable, round: Round, entries: readonly EntryRow[]): Promise<void> {
  const ids = entries.map((e) => e.itemId);
  await tx.query('delete from rating_annotations a using ratings r where r.id = a.rating_id and r.fiscal_year = $2 and r.item_id = any($1::int[])', [
    ids,
    round.fiscalYear,
  ]);
  const pairs = entries.flatMap((e) => e.annotationKindIds.map((k) => [e.itemId, k] as const));
  if (pairs.length === 0) return;
  await tx.query(
    `insert into rating_annotations (rating_id, annotation_kind_id)
     select r.id, t.kind_id from unnest($1::int[], $2::int[]) as t(item_id, kind_id) join ratings r on r.item_id = t.item_id and r.fiscal_year = $3`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1]), round.fiscalYear],
  );
}

/** The department's reason, issues and direction become narratives of the sub-item (positioned by item id). */
export async function insertDepartmentNarratives(tx: Queryable, round: Round, entries: readonly EntryRow[]): Promise<void> {
  const rows = entries.flatMap((e) =>
    (
      [
        ['progress', e.reason],
        ['issues', e.issues],
        ['direction', e.direction],
      ] as const
    )
      .filter(([, body]) => body.trim().length > 0)
      .map(([kind, body]) => ({ itemId: e.itemId, kind, body })),
  );
  if (rows.length === 0) return;
  await tx.query(
    `insert into narratives (plan_id, item_id, fiscal_year, author_role, kind, position, body, source)
     select $1, t.item_id, $2, 'department', t.kind, t.item_id, t.body, 'entered' from unnest($3::int[], $4::text[], $5::text[]) as t(item_id, kind, body)`,
    [round.planId, round.fiscalYear, rows.map((r) => r.itemId), rows.map((r) => r.kind), rows.map((r) => r.body)],
  );
}
