/**
 * Plans of other depths and scales than the sample, built directly as an
 * ImportedPlan and stored through the import's own store (one published round):
 *  - a 3-tier plan 基本目標 → 施策 → KPI rated ◎ / ○ / △ / × / －;
 *  - a 5-tier plan 基本目標 → 政策 → 基本施策 → 施策 → 事務事業 whose 施策 are rated
 *    A / B / C and whose 事務事業 are rated 順調 / 概ね順調 / やや遅れ / 遅れ (the primary tier).
 * Ratings follow a fixed rule of the item's index and year; `expectedCounts` tallies the
 * plan as built, so a test compares what a page or the API shows with what was stored.
 */
import type { Db } from '../db/db.js';
import type { ImportedNode, ImportedPlan, ImportedScale } from '../imports/imported-plan.js';
import { walkNodes } from '../imports/imported-plan.js';
import { storeImportedPlan } from '../imports/store-plan.js';

export interface TieredPlanSpec {
  slug: string;
  name: string;
  tiers: string[];
  /** Children per node at each tier (fanout[0] = number of roots). */
  fanout: number[];
  /** Scales by the tier (0 = top) they rate; the deepest is the plan's own. */
  scales: ImportedScale[];
  fiscalYears: number[];
  departments: string[];
}

const code = (c: string, position: number, achieved: boolean, notEvaluated = false) => ({
  code: c,
  label: c,
  criteria: '',
  position,
  countsAsAchieved: achieved,
  isNotEvaluated: notEvaluated,
});

export const THREE_TIER: TieredPlanSpec = {
  slug: 'three-tier-kpi',
  name: '三層総合戦略',
  tiers: ['基本目標', '施策', 'KPI'],
  fanout: [2, 2, 3],
  scales: [
    {
      key: 'kpi',
      name: '達成度',
      tierIndex: 2,
      codes: [code('◎', 1, true), code('○', 2, true), code('△', 3, false), code('×', 4, false), code('－', 5, false, true)],
    },
  ],
  fiscalYears: [2020, 2021, 2022],
  departments: ['企画課', '財政課'],
};

export const FIVE_TIER: TieredPlanSpec = {
  slug: 'five-tier-sogo',
  name: '五層総合計画',
  tiers: ['基本目標', '政策', '基本施策', '施策', '事務事業'],
  fanout: [2, 1, 2, 2, 3],
  scales: [
    { key: 'measure', name: '施策評価', tierIndex: 3, codes: [code('A', 1, true), code('B', 2, false), code('C', 3, false)] },
    {
      key: 'program',
      name: '進捗',
      tierIndex: 4,
      codes: [code('順調', 1, true), code('概ね順調', 2, true), code('やや遅れ', 3, false), code('遅れ', 4, false)],
    },
  ],
  fiscalYears: [2020, 2021, 2022],
  departments: ['総務課', '福祉課', '都市計画課'],
};

/**
 * The rule every rated item follows: its index among the items of its tier and the
 * year's index pick a code of the tier's scale (the not-evaluated code never, except
 * the tier's last item, which ends after the first year). Item 0 of each tier is
 * never achieved: a stagnant run over every year.
 */
function ratingCode(scale: ImportedScale, index: number, count: number, yearIndex: number): string {
  const evaluated = scale.codes.filter((c) => !c.isNotEvaluated);
  const notEvaluated = scale.codes.find((c) => c.isNotEvaluated);
  if (notEvaluated && index === count - 1 && yearIndex > 0) return notEvaluated.code;
  if (index === 0) return evaluated.find((c) => !c.countsAsAchieved)!.code;
  return evaluated[(index + yearIndex) % evaluated.length]!.code;
}

export function buildTieredPlan(spec: TieredPlanSpec): ImportedPlan {
  const perTier = spec.tiers.map(() => 0);
  const totals: number[] = [];
  for (const [i, n] of spec.fanout.entries()) totals.push((totals[i - 1] ?? 1) * n);
  const make = (tierIndex: number, own: number, path: string): ImportedNode => {
    const index = perTier[tierIndex]!++;
    const scale = spec.scales.find((s) => s.tierIndex === tierIndex);
    const isDeepest = tierIndex === spec.tiers.length - 1;
    const childCount = isDeepest ? 0 : spec.fanout[tierIndex + 1]!;
    const full = path ? `${path}.${own}` : String(own);
    return {
      code: String(own),
      name: `${spec.tiers[tierIndex]}${full}`,
      tierIndex,
      ...(isDeepest ? { department: spec.departments[index % spec.departments.length]! } : {}),
      ratings: scale
        ? spec.fiscalYears.map((fiscalYear, y) => ({ fiscalYear, scaleKey: scale.key, code: ratingCode(scale, index, totals[tierIndex]!, y), marks: [] }))
        : [],
      narratives:
        isDeepest && index === 0
          ? [
              {
                fiscalYear: spec.fiscalYears.at(-1)!,
                role: 'department' as const,
                kind: 'progress' as const,
                text: `${spec.tiers[tierIndex]}${full}の進捗の記述`,
              },
            ]
          : [],
      children: Array.from({ length: childCount }, (_, i) => make(tierIndex + 1, i + 1, full)),
    };
  };
  const nodes = Array.from({ length: spec.fanout[0]! }, (_, i) => make(0, i + 1, ''));
  const last = spec.fiscalYears.at(-1)!;
  return {
    plan: { name: spec.name, slug: spec.slug, startFiscalYear: spec.fiscalYears[0]!, endFiscalYear: last + 2 },
    tiers: spec.tiers,
    scales: spec.scales,
    annotationKinds: [],
    departments: spec.departments,
    nodes,
    planNarratives: [{ fiscalYear: last, role: 'expert', kind: 'opinion', text: `${spec.name}全体への意見` }],
    rounds: [{ fiscalYear: last, kind: 'yearly' }],
    annotationFootnotes: [],
    reportedSummaries: [],
    warnings: [],
    file: { name: `${spec.slug}.json`, content: JSON.stringify({ slug: spec.slug }) },
  };
}

/** Stores the plan (its one round published) and returns its id and slug. */
export async function storeTieredPlan(db: Db, spec: TieredPlanSpec): Promise<{ planId: number; slug: string }> {
  const result = await storeImportedPlan(db, buildTieredPlan(spec), { actor: 'test' });
  return { planId: result.planId, slug: result.slug };
}

export interface ExpectedCounts {
  /** Items per tier, top first. */
  itemsPerTier: number[];
  /** Per rated tier (level from 1): per year, per code. */
  ratings: Map<number, Map<number, Record<string, number>>>;
}

/** What the built plan holds, tallied from the ImportedPlan itself. */
export function expectedCounts(spec: TieredPlanSpec): ExpectedCounts {
  const plan = buildTieredPlan(spec);
  const itemsPerTier = spec.tiers.map(() => 0);
  const ratings = new Map<number, Map<number, Record<string, number>>>();
  for (const { node } of walkNodes(plan.nodes)) {
    itemsPerTier[node.tierIndex]!++;
    for (const r of node.ratings) {
      const byYear = ratings.get(node.tierIndex + 1) ?? new Map<number, Record<string, number>>();
      ratings.set(node.tierIndex + 1, byYear);
      const counts = byYear.get(r.fiscalYear) ?? {};
      byYear.set(r.fiscalYear, counts);
      counts[r.code] = (counts[r.code] ?? 0) + 1;
    }
  }
  return { itemsPerTier, ratings };
}
