/**
 * Reading plans and their item trees. One query per table, assembled in memory:
 * a plan of 2,000 sub-items × 10 years is a handful of round trips, never N+1.
 */
import { notFound } from '../errors.js';
import type { Queryable } from '../db/db.js';
import { ChangeCounterCache } from '../db/change-counter.js';
import { decideRatedTiers, primaryTier, type RatedTier, type TierRow } from './rated-tiers.js';

export interface PlanSummaryRow {
  id: number;
  slug: string;
  name: string;
  startFiscalYear: number;
  endFiscalYear: number;
}

export interface PlanDetail extends PlanSummaryRow {
  description: string;
  predecessorName: string | null;
  successorName: string | null;
  adoptedFiscalYear: number | null;
  ratingScaleId: number;
  /** End of the period after all extensions. */
  effectiveEndFiscalYear: number;
  tiers: string[];
  /** The rated tiers (rated-tiers.ts), top first; the last one is the primary. */
  ratedTiers: RatedTier[];
  /** Level of the primary rated tier (the deepest tier when the plan has none). */
  primaryLevel: number;
  extensions: { fromEndFiscalYear: number; toEndFiscalYear: number; decidedFiscalYear: number | null; reason: string }[];
  designations: { name: string; fromFiscalYear: number | null }[];
}

export async function listPlans(db: Queryable): Promise<PlanSummaryRow[]> {
  const r = await db.query<PlanSummaryRow>(
    `select id, slug, name, start_fiscal_year as "startFiscalYear", end_fiscal_year as "endFiscalYear" from plans order by id`,
  );
  return r.rows;
}

/** The plan named by slug, or the only plan when slug is omitted. */
export async function resolvePlan(db: Queryable, slug?: string): Promise<PlanDetail> {
  if (slug === undefined) {
    const plans = await listPlans(db);
    if (plans.length === 0) throw notFound('計画がありません。先に hyoka import で報告書を取り込んでください。');
    if (plans.length > 1) throw notFound(`計画が複数あります。--plan で指定してください: ${plans.map((p) => p.slug).join(', ')}`);
    return loadPlan(db, plans[0]!.id);
  }
  return loadPlan(db, await planIdBySlug(db, slug));
}

/** The plan's id alone (one indexed lookup), for callers that cache what they load of it. */
export async function planIdBySlug(db: Queryable, slug: string): Promise<number> {
  const r = await db.query<{ id: number }>('select id from plans where slug = $1', [slug]);
  const id = r.rows[0]?.id;
  if (id === undefined) throw notFound(`計画が見つかりません: ${slug}`);
  return id;
}

/**
 * Plans as read, kept while the change counter stands: every table read here moves it, so a
 * page asking again costs the counter's one-row query (none on the embedded store), not
 * five queries and a look over the plan's ratings.
 */
const plans = new ChangeCounterCache<number, PlanDetail>(64);

/** The plan with its tiers, period and designations; shared between callers, so never changed by one. */
export function loadPlan(db: Queryable, planId: number): Promise<PlanDetail> {
  return plans.get(db, planId, () => loadPlanNow(db, planId));
}

/**
 * The plan read now, past the cache: for a transaction that may have written to it already
 * (its writes move the counter only when it commits).
 */
export async function loadPlanNow(db: Queryable, planId: number): Promise<PlanDetail> {
  const [plan, tiers, ext, des] = await Promise.all([
    db.query<Omit<PlanDetail, 'tiers' | 'ratedTiers' | 'primaryLevel' | 'extensions' | 'designations' | 'effectiveEndFiscalYear'>>(
      `select id, slug, name, description, predecessor_name as "predecessorName", successor_name as "successorName",
              adopted_fiscal_year as "adoptedFiscalYear", start_fiscal_year as "startFiscalYear", end_fiscal_year as "endFiscalYear",
              rating_scale_id as "ratingScaleId"
         from plans where id = $1`,
      [planId],
    ),
    loadTierRows(db, planId),
    db.query<PlanDetail['extensions'][number]>(
      `select from_end_fiscal_year as "fromEndFiscalYear", to_end_fiscal_year as "toEndFiscalYear", decided_fiscal_year as "decidedFiscalYear", reason
         from plan_period_extensions where plan_id = $1 order by to_end_fiscal_year`,
      [planId],
    ),
    db.query<PlanDetail['designations'][number]>('select name, from_fiscal_year as "fromFiscalYear" from plan_designations where plan_id = $1 order by id', [
      planId,
    ]),
  ]);
  const row = plan.rows[0];
  if (!row) throw notFound(`計画が見つかりません: id=${planId}`);
  const effectiveEnd = Math.max(row.endFiscalYear, ...ext.rows.map((e) => e.toEndFiscalYear));
  const ratedTiers = await ratedTiersOf(db, planId, tiers);
  return {
    ...row,
    effectiveEndFiscalYear: effectiveEnd,
    tiers: tiers.map((t) => t.name),
    ratedTiers,
    primaryLevel: primaryTier(ratedTiers)?.level ?? tiers.length,
    extensions: ext.rows,
    designations: des.rows,
  };
}

async function loadTierRows(db: Queryable, planId: number): Promise<TierRow[]> {
  const r = await db.query<TierRow>('select level, name, rating_scale_id as "scaleId" from plan_tiers where plan_id = $1 order by level', [planId]);
  return r.rows;
}

/** Only a plan that binds no tier to a scale needs to look at where its ratings are. */
async function ratedTiersOf(db: Queryable, planId: number, tiers: readonly TierRow[]): Promise<RatedTier[]> {
  if (tiers.some((t) => t.scaleId !== null)) return decideRatedTiers(tiers);
  const levels = await db.query<{ level: number }>(
    'select distinct i.level from plan_items i where i.plan_id = $1 and exists (select 1 from ratings r where r.item_id = i.id)',
    [planId],
  );
  return decideRatedTiers(
    tiers,
    levels.rows.map((l) => l.level),
  );
}

/** The plan's rated tiers (rated-tiers.ts) without the rest of the plan. */
export async function loadRatedTiers(db: Queryable, planId: number): Promise<RatedTier[]> {
  return ratedTiersOf(db, planId, await loadTierRows(db, planId));
}

export interface RatingCell {
  code: string;
  /** Annotation marks, e.g. ["※"]. */
  marks: string[];
  reason: string | null;
}

export interface TreeNode {
  id: number;
  code: string;
  level: number;
  name: string;
  departmentId: number | null;
  departmentName: string | null;
  endedFromFiscalYear: number | null;
  children: TreeNode[];
  /** Ratings by fiscal year; only leaves carry them. */
  ratings: Map<number, RatingCell>;
}

export interface PlanTree {
  roots: TreeNode[];
  /** Every fiscal year that has at least one rating, ascending. */
  fiscalYears: number[];
  byId: Map<number, TreeNode>;
}

export interface TreeOptions {
  fromFiscalYear?: number;
  untilFiscalYear?: number;
}

export async function loadPlanTree(db: Queryable, planId: number, options: TreeOptions = {}): Promise<PlanTree> {
  const from = options.fromFiscalYear ?? 0;
  const until = options.untilFiscalYear ?? 9999;
  // Three flat queries joined here: joining ratings to an aggregate of their marks in
  // SQL turned into a nested loop on freshly imported data (stale statistics).
  const [items, ratings, marks] = await Promise.all([
    db.query<Omit<TreeNode, 'children' | 'ratings'> & { parentId: number | null }>(
      `select i.id, i.parent_id as "parentId", i.code, i.level, i.name, i.department_id as "departmentId", d.name as "departmentName",
              i.ended_from_fiscal_year as "endedFromFiscalYear"
         from plan_items i left join departments d on d.id = i.department_id
        where i.plan_id = $1 order by i.level, i.position`,
      [planId],
    ),
    db.query<{ id: number; itemId: number; fiscalYear: number; code: string; reason: string | null }>(
      `select r.id, r.item_id as "itemId", r.fiscal_year as "fiscalYear", r.code, r.reason
         from ratings r join plan_items i on i.id = r.item_id
        where i.plan_id = $1 and r.fiscal_year between $2 and $3`,
      [planId, from, until],
    ),
    db.query<{ ratingId: number; mark: string }>(
      `select a.rating_id as "ratingId", k.mark
         from rating_annotations a join annotation_kinds k on k.id = a.annotation_kind_id
        where k.plan_id = $1 order by k.mark`,
      [planId],
    ),
  ]);
  const marksOf = new Map<number, string[]>();
  for (const m of marks.rows) {
    const list = marksOf.get(m.ratingId);
    if (list) list.push(m.mark);
    else marksOf.set(m.ratingId, [m.mark]);
  }
  const byId = new Map<number, TreeNode>();
  const roots: TreeNode[] = [];
  for (const row of items.rows) {
    const { parentId, ...fields } = row;
    const node: TreeNode = { ...fields, children: [], ratings: new Map() };
    byId.set(node.id, node);
    // Rows come level by level, so a parent is always seen before its children.
    if (parentId === null) roots.push(node);
    else byId.get(parentId)?.children.push(node);
  }
  const years = new Set<number>();
  for (const r of ratings.rows) {
    byId.get(r.itemId)?.ratings.set(r.fiscalYear, { code: r.code, marks: marksOf.get(r.id) ?? [], reason: r.reason });
    years.add(r.fiscalYear);
  }
  return { roots, byId, fiscalYears: [...years].sort((a, b) => a - b) };
}

export interface AnnotationKind {
  mark: string;
  meaning: string;
}

/** The plan's annotation kinds (※ and its meaning), in the order they were defined. */
export async function loadAnnotationKinds(db: Queryable, planId: number): Promise<AnnotationKind[]> {
  const r = await db.query<AnnotationKind>('select mark, meaning from annotation_kinds where plan_id = $1 order by id', [planId]);
  return r.rows;
}

/** Leaves of the tree in document order. */
export function leaves(nodes: readonly TreeNode[]): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (n: TreeNode) => (n.children.length === 0 ? out.push(n) : n.children.forEach(walk));
  nodes.forEach(walk);
  return out;
}
