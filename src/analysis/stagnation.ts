/**
 * Stagnation and trends: which rated items stayed below target year after year.
 * The expert's words in the seed: "B 評価の事業が 5 件残っている … 停滞気味".
 * Pure functions over plain data — the scale decides which codes count as "not achieved".
 */

/** What the analysis needs of a scale code. */
export interface ScaleCodeInfo {
  code: string;
  position: number;
  countsAsAchieved: boolean;
  isNotEvaluated: boolean;
}

export interface RatedItem {
  id: number;
  code: string;
  name: string;
  /** Rating code per fiscal year. */
  ratings: ReadonlyMap<number, { code: string }>;
}

export interface StagnantRun {
  fromFiscalYear: number;
  toFiscalYear: number;
  years: number;
  /** Codes in the run, by year ascending (e.g. ["B","B","C"]). */
  codes: string[];
}

export interface StagnantItem {
  itemId: number;
  itemCode: string;
  name: string;
  /** The longest run (the latest one when two are equally long). */
  longest: StagnantRun;
  /** True when the run reaches the latest rated fiscal year: still stagnant now. */
  ongoing: boolean;
  /** Every qualifying run, oldest first. */
  runs: StagnantRun[];
}

/**
 * Codes that mean "rated, but not achieved" (B and C on the seed's scale):
 * neither achieved nor "not evaluated".
 */
export function stagnantCodes(scale: readonly ScaleCodeInfo[]): Set<string> {
  return new Set(scale.filter((c) => !c.countsAsAchieved && !c.isNotEvaluated).map((c) => c.code));
}

/** Runs of consecutive fiscal years (no gaps) whose code is in `codes`, of at least `minYears`. */
export function stagnantRuns(ratings: ReadonlyMap<number, { code: string }>, codes: ReadonlySet<string>, minYears: number): StagnantRun[] {
  const years = [...ratings.keys()].sort((a, b) => a - b);
  const runs: StagnantRun[] = [];
  let current: StagnantRun | undefined;
  const close = () => {
    if (current && current.years >= minYears) runs.push(current);
    current = undefined;
  };
  for (const fy of years) {
    const code = ratings.get(fy)!.code;
    if (!codes.has(code)) {
      close();
      continue;
    }
    if (current && current.toFiscalYear === fy - 1) {
      current.toFiscalYear = fy;
      current.years++;
      current.codes.push(code);
    } else {
      close();
      current = { fromFiscalYear: fy, toFiscalYear: fy, years: 1, codes: [code] };
    }
  }
  close();
  return runs;
}

/**
 * Items rated not-achieved for `minYears` or more consecutive fiscal years,
 * ongoing ones first, then by run length (longest first), then by item code order as given.
 */
/** Years in a row without achievement that make an item stagnant, unless a caller says otherwise. */
export const DEFAULT_STAGNANT_YEARS = 3;

export function findStagnantItems(items: readonly RatedItem[], scale: readonly ScaleCodeInfo[], minYears = DEFAULT_STAGNANT_YEARS): StagnantItem[] {
  if (!Number.isInteger(minYears) || minYears < 1) throw new RangeError(`minYears must be a positive integer: ${minYears}`);
  const codes = stagnantCodes(scale);
  let latest = -Infinity;
  for (const item of items) for (const fy of item.ratings.keys()) latest = Math.max(latest, fy);
  const out: (StagnantItem & { order: number })[] = [];
  items.forEach((item, order) => {
    const runs = stagnantRuns(item.ratings, codes, minYears);
    if (runs.length === 0) return;
    const longest = runs.reduce((best, r) => (r.years >= best.years ? r : best));
    const last = runs[runs.length - 1]!;
    out.push({ itemId: item.id, itemCode: item.code, name: item.name, longest, runs, ongoing: last.toFiscalYear === latest, order });
  });
  out.sort((a, b) => Number(b.ongoing) - Number(a.ongoing) || b.longest.years - a.longest.years || a.order - b.order);
  return out.map(({ order: _order, ...rest }) => rest);
}

export type Trend = 'improved' | 'worsened' | 'unchanged' | 'unknown';

/**
 * Direction from the first to the last evaluated year on the scale's order
 * (a lower position is better: A before B before C). Years rated "not evaluated" are skipped.
 */
export function ratingTrend(ratings: ReadonlyMap<number, { code: string }>, scale: readonly ScaleCodeInfo[]): Trend {
  const positions = new Map(scale.filter((c) => !c.isNotEvaluated).map((c) => [c.code, c.position]));
  const evaluated = [...ratings.entries()]
    .filter(([, r]) => positions.has(r.code))
    .sort(([a], [b]) => a - b)
    .map(([, r]) => positions.get(r.code)!);
  if (evaluated.length < 2) return 'unknown';
  const first = evaluated[0]!;
  const last = evaluated[evaluated.length - 1]!;
  return last < first ? 'improved' : last > first ? 'worsened' : 'unchanged';
}

/** Counts of items per trend. */
export function trendCounts(items: readonly RatedItem[], scale: readonly ScaleCodeInfo[]): Record<Trend, number> {
  const counts: Record<Trend, number> = { improved: 0, worsened: 0, unchanged: 0, unknown: 0 };
  for (const item of items) counts[ratingTrend(item.ratings, scale)]++;
  return counts;
}
