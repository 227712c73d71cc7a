/**
 * Counts and achievement rates per fiscal year: the table every report opens with.
 * Pure functions over plain data, plus the one query that feeds them.
 */
import type { Queryable } from '../db/db.js';
import { shortWareki } from '../fiscal/fiscal-year.js';
import { loadRatedTiers } from '../plans/plan-queries.js';

export interface ScaleCode {
  code: string;
  label: string;
  criteria: string;
  position: number;
  countsAsAchieved: boolean;
  isNotEvaluated: boolean;
  /** Added by an importer although the source never published it (kept visible as a default). */
  isDefault?: boolean;
}

export interface RatingFact {
  fiscalYear: number;
  code: string;
}

export interface ReportedCount {
  fiscalYear: number;
  code: string;
  count: number;
}

export interface YearSummary {
  fiscalYear: number;
  label: string;
  /** computed: counted from the stored ratings; reported: only the published figure exists. */
  source: 'computed' | 'reported';
  counts: Record<string, number>;
  total: number;
  /** Achieved / total, rounded to 4 decimals; null when total is 0. */
  achievementRate: number | null;
}

// Moved to the shared UI; re-exported for the report and CLI code that imports it from here.
export { formatRate } from '../web/ui/format.js';

export function roundRate(value: number): number {
  return Math.round(value * 10000) / 10000;
}

function emptyCounts(scale: readonly ScaleCode[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of [...scale].sort((a, b) => a.position - b.position)) counts[c.code] = 0;
  return counts;
}

function finish(fiscalYear: number, source: YearSummary['source'], counts: Record<string, number>, scale: readonly ScaleCode[]): YearSummary {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const achieved = scale.filter((c) => c.countsAsAchieved).reduce((sum, c) => sum + (counts[c.code] ?? 0), 0);
  return { fiscalYear, label: shortWareki(fiscalYear), source, counts, total, achievementRate: total === 0 ? null : roundRate(achieved / total) };
}

/** Tallies individual ratings into counts per fiscal year and code. */
export function countRatings(ratings: readonly RatingFact[]): ReportedCount[] {
  const tally = new Map<string, ReportedCount>();
  for (const r of ratings) {
    const key = `${r.fiscalYear}\u0000${r.code}`;
    const entry = tally.get(key);
    if (entry) entry.count++;
    else tally.set(key, { fiscalYear: r.fiscalYear, code: r.code, count: 1 });
  }
  return [...tally.values()];
}

/**
 * One row per fiscal year, ascending. A year with stored ratings is computed from
 * them; a year that exists only as published figures (H29 in the seed) is reported.
 */
export function summarizeCounts(computed: readonly ReportedCount[], reported: readonly ReportedCount[], scale: readonly ScaleCode[]): YearSummary[] {
  const group = (facts: readonly ReportedCount[], skip?: Map<number, unknown>) => {
    const byYear = new Map<number, Record<string, number>>();
    for (const f of facts) {
      if (skip?.has(f.fiscalYear)) continue;
      let counts = byYear.get(f.fiscalYear);
      if (!counts) {
        counts = emptyCounts(scale);
        byYear.set(f.fiscalYear, counts);
      }
      counts[f.code] = (counts[f.code] ?? 0) + f.count;
    }
    return byYear;
  };
  const computedYears = group(computed);
  const reportedOnly = group(reported, computedYears);
  const rows = [
    ...[...computedYears].map(([fy, counts]) => finish(fy, 'computed', counts, scale)),
    ...[...reportedOnly].map(([fy, counts]) => finish(fy, 'reported', counts, scale)),
  ];
  return rows.sort((a, b) => a.fiscalYear - b.fiscalYear);
}

export function summarizeRatings(ratings: readonly RatingFact[], scale: readonly ScaleCode[], reported: readonly ReportedCount[] = []): YearSummary[] {
  return summarizeCounts(countRatings(ratings), reported, scale);
}

export interface SummaryMismatch {
  fiscalYear: number;
  code: string;
  reported: number;
  computed: number;
}

/** Compares published figures with the counts computed from the detail ratings. */
export function crossCheckSummary(ratings: readonly RatingFact[], reported: readonly ReportedCount[], scale: readonly ScaleCode[]): SummaryMismatch[] {
  const computed = summarizeRatings(ratings, scale);
  const byYear = new Map(computed.map((y) => [y.fiscalYear, y]));
  const mismatches: SummaryMismatch[] = [];
  for (const r of reported) {
    const year = byYear.get(r.fiscalYear);
    if (!year) continue; // a reported-only year has nothing to compare with
    const value = year.counts[r.code] ?? 0;
    if (value !== r.count) mismatches.push({ fiscalYear: r.fiscalYear, code: r.code, reported: r.count, computed: value });
  }
  return mismatches;
}

export async function loadScale(db: Queryable, planId: number): Promise<ScaleCode[]> {
  const r = await db.query<ScaleCode>(
    `select c.code, c.label, c.criteria, c.position, c.counts_as_achieved as "countsAsAchieved", c.is_not_evaluated as "isNotEvaluated", c.is_default as "isDefault"
       from plans p join rating_codes c on c.scale_id = p.rating_scale_id
      where p.id = $1 order by c.position`,
    [planId],
  );
  return r.rows;
}

/** Published figures for one plan. */
export async function loadReportedCounts(db: Queryable, planId: number): Promise<ReportedCount[]> {
  const r = await db.query<ReportedCount>(
    'select fiscal_year as "fiscalYear", code, count from reported_aggregates where plan_id = $1 order by fiscal_year, code',
    [planId],
  );
  return r.rows;
}

export interface SummaryOptions {
  /** Only years up to this fiscal year (a report for R3 must not show R4). */
  untilFiscalYear?: number;
}

/** The per-year table of one rated tier, counted on that tier's own scale. */
export interface TierSummary {
  level: number;
  tierName: string;
  /** The deepest rated tier: the plan's own summary. */
  primary: boolean;
  scale: ScaleCode[];
  years: YearSummary[];
}

/** Codes of the given scales, by scale id. */
async function loadScalesById(db: Queryable, ids: readonly number[]): Promise<Map<number, ScaleCode[]>> {
  const r = await db.query<ScaleCode & { scaleId: number }>(
    `select c.scale_id as "scaleId", c.code, c.label, c.criteria, c.position, c.counts_as_achieved as "countsAsAchieved", c.is_not_evaluated as "isNotEvaluated", c.is_default as "isDefault"
       from rating_codes c where c.scale_id = any($1::int[]) order by c.scale_id, c.position`,
    [[...ids]],
  );
  const out = new Map<number, ScaleCode[]>(ids.map((id) => [id, []]));
  for (const { scaleId, ...code } of r.rows) out.get(scaleId)?.push(code);
  return out;
}

/**
 * One table per rated tier (rated-tiers.ts), top first. Counting happens in the
 * database (one grouped query over the plan's ratings), so it stays fast at 20,000
 * ratings. A tier not bound to a scale counts on the plan's scale; the figures a
 * report published itself belong to the primary tier.
 */
export async function loadTierSummaries(db: Queryable, planId: number, options: SummaryOptions = {}): Promise<TierSummary[]> {
  const until = options.untilFiscalYear ?? 9999;
  const [rated, planScale, grouped, reported] = await Promise.all([
    loadRatedTiers(db, planId),
    loadScale(db, planId),
    db.query<{ level: number; fiscalYear: number; code: string; n: number }>(
      `select i.level, r.fiscal_year as "fiscalYear", r.code, count(*)::int as n
         from ratings r join plan_items i on i.id = r.item_id
        where i.plan_id = $1 and r.fiscal_year <= $2
        group by i.level, r.fiscal_year, r.code`,
      [planId, until],
    ),
    loadReportedCounts(db, planId),
  ]);
  const scales = await loadScalesById(
    db,
    rated.flatMap((t) => (t.scaleId === null ? [] : [t.scaleId])),
  );
  return rated.map((tier) => {
    const scale = tier.scaleId === null ? planScale : (scales.get(tier.scaleId) ?? planScale);
    const counts = grouped.rows.filter((g) => g.level === tier.level).map((g) => ({ fiscalYear: g.fiscalYear, code: g.code, count: g.n }));
    const published = tier.primary ? reported.filter((r) => r.fiscalYear <= until) : [];
    return { level: tier.level, tierName: tier.name, primary: tier.primary, scale, years: summarizeCounts(counts, published, scale) };
  });
}

/** The plan's per-year table: the primary rated tier's (only its items are counted). */
export async function loadSummary(db: Queryable, planId: number, options: SummaryOptions = {}): Promise<YearSummary[]> {
  const tiers = await loadTierSummaries(db, planId, options);
  const primary = tiers.find((t) => t.primary);
  if (primary) return primary.years;
  // A plan with neither tiers nor ratings: only the figures a report published, if any.
  const until = options.untilFiscalYear ?? 9999;
  const [scale, reported] = await Promise.all([loadScale(db, planId), loadReportedCounts(db, planId)]);
  return summarizeCounts(
    [],
    reported.filter((r) => r.fiscalYear <= until),
    scale,
  );
}
