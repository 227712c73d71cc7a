/**
 * The store's steps for ratings: the plan's scales and codes, its annotation kinds, and
 * each node's ratings with their marks (steps of storeImportedPlan's transaction).
 */
import type { Queryable } from '../db/db.js';
import { type ImportedNode, type ImportedPlan, walkNodes } from './imported-plan.js';

/** The scale of the deepest rated tier is the plan's own; the others are bound to their tier. */
export function primaryScaleKey(plan: ImportedPlan): string {
  return [...plan.scales].sort((a, b) => b.tierIndex - a.tierIndex)[0]!.key;
}

export async function writeScales(tx: Queryable, slug: string, plan: ImportedPlan): Promise<Map<string, number>> {
  const primary = primaryScaleKey(plan);
  const ids = new Map<string, number>();
  for (const scale of plan.scales) {
    const row = await tx.query<{ id: number }>(
      `insert into rating_scales (slug, name) values ($1, $2)
       on conflict (slug) do update set name = excluded.name returning id`,
      [scale.key === primary ? `${slug}-scale` : `${slug}-scale-${scale.key}`, scale.name],
    );
    const scaleId = row.rows[0]!.id;
    ids.set(scale.key, scaleId);
    const codes = scale.codes;
    await tx.query(
      `insert into rating_codes (scale_id, code, label, criteria, position, counts_as_achieved, is_not_evaluated, is_default)
       select $1, code, label, criteria, position, code = any($6::text[]), code = any($7::text[]), code = any($8::text[])
         from unnest($2::text[], $3::text[], $4::text[], $5::int[]) as t(code, label, criteria, position)
       on conflict (scale_id, code) do update set label = excluded.label, criteria = excluded.criteria,
         position = excluded.position, counts_as_achieved = excluded.counts_as_achieved, is_not_evaluated = excluded.is_not_evaluated,
         is_default = excluded.is_default`,
      [
        scaleId,
        codes.map((c) => c.code),
        codes.map((c) => c.label),
        codes.map((c) => c.criteria),
        codes.map((c) => c.position),
        codes.filter((c) => c.countsAsAchieved).map((c) => c.code),
        codes.filter((c) => c.isNotEvaluated).map((c) => c.code),
        codes.filter((c) => c.isDefault).map((c) => c.code),
      ],
    );
  }
  return ids;
}

/** Annotation kinds the plan declares and every mark its ratings use (a mark without a stated meaning gets ''). */
export async function writeAnnotationKinds(tx: Queryable, planId: number, plan: ImportedPlan): Promise<Map<string, number>> {
  const meanings = new Map(plan.annotationKinds.map((a) => [a.mark, a.meaning]));
  for (const { node } of walkNodes(plan.nodes)) for (const r of node.ratings) for (const m of r.marks) if (!meanings.has(m)) meanings.set(m, '');
  const ids = new Map<string, number>();
  for (const [mark, meaning] of meanings) {
    const r = await tx.query<{ id: number }>(
      `insert into annotation_kinds (plan_id, mark, meaning) values ($1, $2, $3)
       on conflict (plan_id, mark) do update set meaning = case when excluded.meaning = '' then annotation_kinds.meaning else excluded.meaning end returning id`,
      [planId, mark, meaning],
    );
    ids.set(mark, r.rows[0]!.id);
  }
  return ids;
}

export async function writeRatings(
  tx: Queryable,
  plan: ImportedPlan,
  nodeIds: ReadonlyMap<ImportedNode, number>,
  scaleIds: ReadonlyMap<string, number>,
  annotationIds: ReadonlyMap<string, number>,
): Promise<void> {
  const rows = [...walkNodes(plan.nodes)].flatMap(({ node }) =>
    node.ratings.map((r) => ({ itemId: nodeIds.get(node)!, fiscalYear: r.fiscalYear, scaleId: scaleIds.get(r.scaleKey)!, code: r.code, marks: r.marks })),
  );
  if (!rows.length) return;
  // No `returning`: handing every rating back costs more than joining the few marked ones (measured on 100,000 ratings).
  await tx.query(
    `insert into ratings (item_id, fiscal_year, scale_id, code)
     select * from unnest($1::int[], $2::int[], $3::int[], $4::text[])
     on conflict (item_id, fiscal_year) do update set code = excluded.code, scale_id = excluded.scale_id,
       updated_at = case when (ratings.code, ratings.scale_id) is distinct from (excluded.code, excluded.scale_id) then now() else ratings.updated_at end`,
    [rows.map((r) => r.itemId), rows.map((r) => r.fiscalYear), rows.map((r) => r.scaleId), rows.map((r) => r.code)],
  );
  await tx.query(
    `delete from rating_annotations a using ratings r, unnest($1::int[], $2::int[]) as t(item_id, fiscal_year)
      where a.rating_id = r.id and r.item_id = t.item_id and r.fiscal_year = t.fiscal_year`,
    [rows.map((r) => r.itemId), rows.map((r) => r.fiscalYear)],
  );
  const marked = rows.flatMap((r) => [...new Set(r.marks)].map((m) => ({ itemId: r.itemId, fiscalYear: r.fiscalYear, kindId: annotationIds.get(m)! })));
  if (marked.length) {
    await tx.query(
      `insert into rating_annotations (rating_id, annotation_kind_id)
       select r.id, t.kind_id from unnest($1::int[], $2::int[], $3::int[]) as t(item_id, fiscal_year, kind_id)
         join ratings r on r.item_id = t.item_id and r.fiscal_year = t.fiscal_year`,
      [marked.map((m) => m.itemId), marked.map((m) => m.fiscalYear), marked.map((m) => m.kindId)],
    );
  }
}
