/**
 * Reads what the year-over-year changes and the drafted sentences need: the rated
 * tiers' summaries, the rated items with their ratings, and the plan's rounds. Staff
 * see every stored rating; the portal and the API pass the published snapshot in.
 */
import type { Queryable } from '../db/db.js';
import { loadTierSummaries } from '../evaluations/summary.js';
import { loadPlan, loadPlanTree, type PlanDetail, type TreeNode } from '../plans/plan-queries.js';
import type { PublicDataset } from '../portal/public-data.js';
import type { InsightInput, InsightItem } from './year-changes.js';

export interface InsightRound {
  id: number;
  fiscalYear: number;
  kind: 'yearly' | 'midterm' | 'final';
  /** The last fiscal year the round evaluates (a midterm in H30 may cover until H29). */
  coversUntilFiscalYear: number | null;
  status: string;
}

export interface PlanInsightData {
  plan: PlanDetail;
  input: InsightInput;
  rounds: InsightRound[];
}

function ratedItemsOf(nodes: Iterable<TreeNode>, levels: ReadonlySet<number>): InsightItem[] {
  const out: InsightItem[] = [];
  const walk = (n: TreeNode) => {
    if (levels.has(n.level)) out.push({ id: n.id, code: n.code, name: n.name, level: n.level, ratings: n.ratings });
    n.children.forEach(walk);
  };
  for (const n of nodes) walk(n);
  return out;
}

export async function loadRounds(db: Queryable, planId: number): Promise<InsightRound[]> {
  const r = await db.query<InsightRound>(
    `select id, fiscal_year as "fiscalYear", kind, covers_until_fiscal_year as "coversUntilFiscalYear", status
       from evaluation_rounds where plan_id = $1 order by fiscal_year, id`,
    [planId],
  );
  return r.rows;
}

/** Everything stored for a plan (the staff's view), up to a fiscal year when given. */
export async function loadPlanInsightData(db: Queryable, planId: number, untilFiscalYear?: number): Promise<PlanInsightData> {
  const options = untilFiscalYear === undefined ? {} : { untilFiscalYear };
  const [plan, tree, tiers, rounds] = await Promise.all([loadPlan(db, planId), loadPlanTree(db, planId, options), loadTierSummaries(db, planId, options), loadRounds(db, planId)]);
  const levels = new Set(tiers.map((t) => t.level));
  return { plan, input: { tiers, items: ratedItemsOf(tree.roots, levels) }, rounds };
}

const inputs = new WeakMap<PublicDataset, InsightInput>();

/** The published snapshot as the changes' input (built once per snapshot). */
export function publicInsightInput(data: PublicDataset): InsightInput {
  let input = inputs.get(data);
  if (!input) {
    const levels = new Set(data.tierSummaries.map((t) => t.level));
    const items = data.items
      .filter((i) => levels.has(i.level))
      .map((i) => ({ id: i.id, code: i.code, name: i.name, level: i.level, ratings: new Map(i.ratings.map((r) => [r.fiscalYear, r])) }));
    input = { tiers: data.tierSummaries, items };
    inputs.set(data, input);
  }
  return input;
}
