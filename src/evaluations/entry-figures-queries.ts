/**
 * What an entry's figures are judged against: the item's indicators with their baselines,
 * targets, revisions and stored actuals, the plan's rating rule (with its words), the
 * plan's 今後の方向性 list and whether it asks for costs. Nothing here writes.
 */
import type { Queryable } from '../db/db.js';
import { ChangeCounterCache } from '../db/change-counter.js';
import { loadPlan } from '../plans/plan-queries.js';
import { loadDirectionCodes, loadItemIndicatorSeries, loadRatingRule, type DirectionCode } from '../indicators/indicator-queries.js';
import type { IndicatorSeries, PlanPeriod } from '../indicators/indicator-series.js';
import type { RatingRule } from '../indicators/rating-rules.js';
import { describeRule } from '../indicators/rule-words.js';
import { proposeForEntry, type EnteredActual, type EntryProposal } from '../indicators/entry-proposal.js';
import type { EntryFigures } from './entry-figures.js';

export interface FiguresBasis {
  rule: { rule: RatingRule; name: string; words: string[] } | null;
  /** The item's indicators, in their order. */
  series: IndicatorSeries[];
  period: PlanPeriod;
  fiscalYear: number;
  directionCodes: DirectionCode[];
  costsEnabled: boolean;
}

export async function costsEnabled(db: Queryable, planId: number): Promise<boolean> {
  const r = await db.query<{ on: boolean }>('select costs_enabled as on from plan_settings where plan_id = $1', [planId]);
  return r.rows[0]?.on ?? false;
}

/**
 * Bases as read per plan, item and year, kept while the change counter stands: every table
 * read here moves it, so a draft save asks the store for one counter instead of a dozen reads.
 */
const bases = new ChangeCounterCache<string, FiguresBasis>(256);

/**
 * Everything an item's figures need for one fiscal year. Kept between calls: inside a
 * transaction, read it before writing to the plan (those writes move the counter only at commit).
 */
export function loadFiguresBasis(db: Queryable, planId: number, itemId: number, fiscalYear: number): Promise<FiguresBasis> {
  return bases.get(db, `${planId}/${itemId}/${fiscalYear}`, () => readFiguresBasis(db, planId, itemId, fiscalYear));
}

async function readFiguresBasis(db: Queryable, planId: number, itemId: number, fiscalYear: number): Promise<FiguresBasis> {
  const [plan, rule, series, directionCodes, costs] = await Promise.all([
    loadPlan(db, planId),
    loadRatingRule(db, planId),
    loadItemIndicatorSeries(db, planId, itemId),
    loadDirectionCodes(db, planId),
    costsEnabled(db, planId),
  ]);
  return {
    rule: rule ? { rule: rule.rule, name: rule.name, words: describeRule(rule.rule) } : null,
    series,
    period: { startFiscalYear: plan.startFiscalYear, endFiscalYear: plan.effectiveEndFiscalYear },
    fiscalYear,
    directionCodes,
    costsEnabled: costs,
  };
}

/** The proposal for the entered actuals. */
export function proposalOf(basis: FiguresBasis, entered: Readonly<Record<string, EnteredActual>>): EntryProposal {
  return proposeForEntry(basis.series, basis.rule?.rule ?? null, basis.fiscalYear, basis.period, entered);
}

/** The entry's figures, with the year's stored actuals where the entry has none yet (so the form starts from what is known). */
export function withStoredActuals(figures: EntryFigures, basis: FiguresBasis): EntryFigures {
  const actuals = { ...figures.actuals };
  for (const s of basis.series) {
    const stored = s.actuals.find((a) => a.fiscalYear === basis.fiscalYear);
    if (stored && actuals[String(s.id)] === undefined)
      actuals[String(s.id)] = { value: stored.value, notMeasurable: stored.notMeasurable, sourceNote: stored.sourceNote };
  }
  return { ...figures, actuals };
}
