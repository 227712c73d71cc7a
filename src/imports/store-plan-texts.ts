/**
 * The store's steps for what the source wrote around the ratings: narratives (with the
 * nodes they mention), annotation footnotes and the summary figures it printed (steps
 * of storeImportedPlan's transaction).
 */
import type { Queryable } from '../db/db.js';
import { type ImportedNode, type ImportedPlan, walkNodes } from './imported-plan.js';
import { nodeIdAt } from './store-plan-tree.js';

/**
 * Narratives are placed by their order among the plan's narratives of the same year,
 * role and kind; a re-import keeps their ids, and imported ones past the last place
 * of a group this file has are removed.
 */
export async function writeNarratives(tx: Queryable, planId: number, plan: ImportedPlan, nodeIds: ReadonlyMap<ImportedNode, number>): Promise<void> {
  const all = [
    ...plan.planNarratives.map((n) => ({ n, itemId: null as number | null })),
    ...[...walkNodes(plan.nodes)].flatMap(({ node }) => node.narratives.map((n) => ({ n, itemId: nodeIds.get(node)! }))),
  ];
  if (!all.length) return;
  const next = new Map<string, number>();
  const rows = all.map(({ n, itemId }) => {
    const group = `${n.fiscalYear}/${n.role}/${n.kind}`;
    const position = (next.get(group) ?? 0) + 1;
    next.set(group, position);
    return { ...n, itemId, position };
  });
  // No `returning` (see writeRatings): mentions are joined by their narrative's place.
  await tx.query(
    `insert into narratives (plan_id, item_id, fiscal_year, author_role, kind, position, body, source)
     select $1, item_id, fiscal_year, role, kind, position, body, 'imported'
       from unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::int[], $7::text[]) as t(item_id, fiscal_year, role, kind, position, body)
     on conflict (plan_id, fiscal_year, author_role, kind, position) do update
       set item_id = excluded.item_id, body = excluded.body, source = excluded.source,
           updated_at = case when (narratives.item_id, narratives.body) is distinct from (excluded.item_id, excluded.body) then now() else narratives.updated_at end`,
    [
      planId,
      rows.map((r) => r.itemId) as number[],
      rows.map((r) => r.fiscalYear),
      rows.map((r) => r.role),
      rows.map((r) => r.kind),
      rows.map((r) => r.position),
      rows.map((r) => r.text),
    ],
  );
  const groups = [...next.entries()].map(([key, last]) => {
    const [fy, role, kind] = key.split('/');
    return { fy: Number(fy), role: role!, kind: kind!, last };
  });
  const groupParams = [planId, groups.map((g) => g.fy), groups.map((g) => g.role), groups.map((g) => g.kind), groups.map((g) => g.last)];
  await tx.query(
    `delete from narrative_mentions m using narratives n, unnest($2::int[], $3::text[], $4::text[], $5::int[]) as t(fy, role, kind, last)
      where m.narrative_id = n.id and n.plan_id = $1 and n.fiscal_year = t.fy and n.author_role = t.role and n.kind = t.kind and n.position <= t.last`,
    groupParams,
  );
  const pairs = rows.flatMap((r) =>
    [...new Set((r.mentions ?? []).map((path) => nodeIdAt(plan, nodeIds, path)))].filter((m) => m !== r.itemId).map((m) => ({ ...r, mentioned: m })),
  );
  if (pairs.length) {
    await tx.query(
      `insert into narrative_mentions (narrative_id, item_id)
       select n.id, t.mentioned from unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::int[]) as t(fy, role, kind, position, mentioned)
         join narratives n on n.plan_id = $1 and n.fiscal_year = t.fy and n.author_role = t.role and n.kind = t.kind and n.position = t.position`,
      [planId, pairs.map((p) => p.fiscalYear), pairs.map((p) => p.role), pairs.map((p) => p.kind), pairs.map((p) => p.position), pairs.map((p) => p.mentioned)],
    );
  }
  await tx.query(
    `delete from narratives n using unnest($2::int[], $3::text[], $4::text[], $5::int[]) as t(fy, role, kind, last)
      where n.plan_id = $1 and n.fiscal_year = t.fy and n.author_role = t.role and n.kind = t.kind and n.source = 'imported' and n.position > t.last`,
    groupParams,
  );
}

/** The footnotes of each year the source has, replaced as a set: which nodes each mark's note lists under its node. */
export async function writeFootnotes(
  tx: Queryable,
  planId: number,
  plan: ImportedPlan,
  nodeIds: ReadonlyMap<ImportedNode, number>,
  annotationIds: ReadonlyMap<string, number>,
): Promise<void> {
  const years = [...new Set(plan.annotationFootnotes.map((f) => f.fiscalYear))];
  if (!years.length) return;
  await tx.query('delete from annotation_footnotes where plan_id = $1 and fiscal_year = any($2::int[])', [planId, years]);
  const rows = plan.annotationFootnotes.flatMap((f) => {
    const kindId = annotationIds.get(f.mark);
    const nodeId = nodeIdAt(plan, nodeIds, f.node);
    return kindId === undefined
      ? []
      : f.targets.map((t, i) => ({ fiscalYear: f.fiscalYear, nodeId, kindId, itemId: nodeIdAt(plan, nodeIds, t), position: i + 1 }));
  });
  if (!rows.length) return;
  await tx.query(
    `insert into annotation_footnotes (plan_id, fiscal_year, measure_item_id, annotation_kind_id, item_id, position)
     select $1, * from unnest($2::int[], $3::int[], $4::int[], $5::int[], $6::int[])`,
    [planId, rows.map((r) => r.fiscalYear), rows.map((r) => r.nodeId), rows.map((r) => r.kindId), rows.map((r) => r.itemId), rows.map((r) => r.position)],
  );
}

/** Figures the source prints, kept beside the computed ones; a round's figures are replaced as a set. */
export async function writeReportedSummaries(tx: Queryable, planId: number, plan: ImportedPlan, roundIds: readonly number[]): Promise<void> {
  const rows = plan.reportedSummaries.flatMap((s) =>
    Object.entries(s.counts).map(([code, count]) => ({
      fiscalYear: s.fiscalYear,
      code,
      count,
      roundId: s.roundIndex === undefined ? null : (roundIds[s.roundIndex] ?? null),
    })),
  );
  const rounds = [...new Set(rows.flatMap((r) => (r.roundId === null ? [] : [r.roundId])))];
  if (rounds.length) await tx.query('delete from reported_aggregates where plan_id = $1 and round_id = any($2::int[])', [planId, rounds]);
  if (!rows.length) return;
  await tx.query(
    `insert into reported_aggregates (plan_id, fiscal_year, code, count, round_id)
     select $1, * from unnest($2::int[], $3::text[], $4::int[], $5::int[])
     on conflict (plan_id, fiscal_year, code) do update set count = excluded.count, round_id = excluded.round_id`,
    [planId, rows.map((r) => r.fiscalYear), rows.map((r) => r.code), rows.map((r) => r.count), rows.map((r) => r.roundId) as number[]],
  );
}
