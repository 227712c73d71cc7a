/**
 * Reads a plan's lineage: the plan it continues (or that continues it), the item
 * mapping with both sides' codes and names, and the carried-over items' ratings on
 * both sides for the comparison (lineage-compare.ts).
 */
import type { Queryable } from '../db/db.js';
import type { LineageKind } from './lineage-mapping.js';

export interface LineageItemRef {
  id: number;
  code: string;
  name: string;
}

export interface LineageRow {
  kind: LineageKind;
  predecessor: LineageItemRef | null;
  successor: LineageItemRef | null;
}

export interface PlanRef {
  id: number;
  slug: string;
  name: string;
}

export interface PlanLineage {
  predecessor: PlanRef;
  successor: PlanRef;
  rows: LineageRow[];
}

/** The mapping that makes `successorPlanId` continue its predecessor, or null. */
export async function loadLineage(db: Queryable, successorPlanId: number): Promise<PlanLineage | null> {
  const [plans, rows] = await Promise.all([
    db.query<{ sid: number; sslug: string; sname: string; pid: number; pslug: string; pname: string }>(
      `select s.id as sid, s.slug as sslug, s.name as sname, p.id as pid, p.slug as pslug, p.name as pname
         from plans s join plans p on p.id = (select predecessor_plan_id from plan_item_lineage where successor_plan_id = s.id limit 1)
        where s.id = $1`,
      [successorPlanId],
    ),
    db.query<{
      kind: LineageKind;
      pid: number | null;
      pcode: string | null;
      pname: string | null;
      sid: number | null;
      scode: string | null;
      sname: string | null;
    }>(
      `select l.kind, pi.id as pid, pi.code as pcode, pi.name as pname, si.id as sid, si.code as scode, si.name as sname
         from plan_item_lineage l
         left join plan_items pi on pi.id = l.predecessor_item_id
         left join plan_items si on si.id = l.successor_item_id
        where l.successor_plan_id = $1 order by l.position`,
      [successorPlanId],
    ),
  ]);
  const p = plans.rows[0];
  if (!p) return null;
  return {
    successor: { id: p.sid, slug: p.sslug, name: p.sname },
    predecessor: { id: p.pid, slug: p.pslug, name: p.pname },
    rows: rows.rows.map((r) => ({
      kind: r.kind,
      predecessor: r.pid === null ? null : { id: r.pid, code: r.pcode!, name: r.pname! },
      successor: r.sid === null ? null : { id: r.sid, code: r.scode!, name: r.sname! },
    })),
  };
}

/** The lineages a plan takes part in: as successor (the mapping it owns) and as predecessor. */
export async function lineagesOf(db: Queryable, planId: number): Promise<PlanLineage[]> {
  const r = await db.query<{ sid: number }>(
    'select distinct successor_plan_id as sid from plan_item_lineage where successor_plan_id = $1 or predecessor_plan_id = $1',
    [planId],
  );
  const out: PlanLineage[] = [];
  for (const { sid } of r.rows) {
    const l = await loadLineage(db, sid);
    if (l) out.push(l);
  }
  return out;
}

export interface ItemRatingFact {
  itemId: number;
  fiscalYear: number;
  code: string;
}

/** Ratings of the given items (any plans), for timelines and comparisons. */
export async function loadItemRatings(db: Queryable, itemIds: readonly number[]): Promise<ItemRatingFact[]> {
  if (itemIds.length === 0) return [];
  const r = await db.query<ItemRatingFact>(
    'select item_id as "itemId", fiscal_year as "fiscalYear", code from ratings where item_id = any($1::int[]) order by fiscal_year',
    [[...itemIds]],
  );
  return r.rows;
}
