/**
 * Reads what the year-over-year changes and the drafted sentences need: the rated
 * tiers' summaries, the rated items with their ratings, and the plan's rounds. Staff
 * see every stored rating; the portal and the API pass the published snapshot in.
 */
import type { Queryable } from '../db/db.js';
import { notFound } from '../errors.js';
import { loadTierSummaries, summarizeRatings, type TierSummary } from '../evaluations/summary.js';
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

/** The changes' input with the tiers' summaries as stored (labels and criteria kept). */
export interface StoredInput extends InsightInput {
  tiers: TierSummary[];
  items: InsightItem[];
}

export interface PlanInsightData {
  plan: PlanDetail;
  input: StoredInput;
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
  const [plan, tree, tiers, rounds] = await Promise.all([
    loadPlan(db, planId),
    loadPlanTree(db, planId, options),
    loadTierSummaries(db, planId, options),
    loadRounds(db, planId),
  ]);
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

/** How the round's own entries entered the figures of an unpublished round. */
export interface EntryOverlay {
  accepted: number;
  total: number;
}

/**
 * The figures a round's writers see: everything stored up to the year the round
 * evaluates and, while the round is not published, its accepted entries as that year's
 * ratings (publication copies exactly these into the ratings), that year's counts
 * recomputed from them.
 */
export async function loadRoundInsightData(
  db: Queryable,
  roundId: number,
): Promise<PlanInsightData & { round: InsightRound; year: number; overlay: EntryOverlay | null }> {
  const r = await db.query<InsightRound & { planId: number }>(
    `select id, plan_id as "planId", fiscal_year as "fiscalYear", kind, covers_until_fiscal_year as "coversUntilFiscalYear", status from evaluation_rounds where id = $1`,
    [roundId],
  );
  const row = r.rows[0];
  if (!row) throw notFound('評価の回が見つかりません。');
  const { planId, ...round } = row;
  const year = round.coversUntilFiscalYear ?? round.fiscalYear;
  const data = await loadPlanInsightData(db, planId, year);
  if (round.status === 'published') return { ...data, round, year, overlay: null };
  const entries = await db.query<{ itemId: number; status: string; code: string | null; marks: string[] }>(
    `select e.item_id as "itemId", e.status, e.rating_code as code,
            coalesce((select array_agg(k.mark order by k.mark) from annotation_kinds k where k.id = any(e.annotation_kind_ids)), '{}') as marks
       from round_entries e where e.round_id = $1`,
    [roundId],
  );
  const accepted = new Map(entries.rows.filter((e) => e.status === 'accepted' && e.code !== null).map((e) => [e.itemId, e]));
  const items = data.input.items.map((item) => {
    const entry = accepted.get(item.id);
    if (!entry) return item;
    const ratings = new Map(item.ratings);
    ratings.set(year, { code: entry.code!, marks: entry.marks });
    return { ...item, ratings };
  });
  const tiers = data.input.tiers.map((tier) => {
    const facts = items
      .filter((i) => i.level === tier.level)
      .flatMap((i) => (i.ratings.has(year) ? [{ fiscalYear: year, code: i.ratings.get(year)!.code }] : []));
    const recount = summarizeRatings(facts, tier.scale)[0];
    const years = tier.years.filter((y) => y.fiscalYear !== year);
    if (recount) years.push(recount);
    return { ...tier, years: years.sort((a, b) => a.fiscalYear - b.fiscalYear) };
  });
  return { ...data, input: { tiers, items }, round, year, overlay: { accepted: accepted.size, total: entries.rows.length } };
}
