/**
 * An indicator year by year as the outputs print it (report, API, downloads, portal): the
 * target in effect with the revisions decided up to that year, the year's own actual,
 * the actual compared (the running total for cumulative indicators), the achievement
 * rate and what the plan's rule says. One function, so every output says the same thing.
 */
import { exact, toFixedText } from './exact-ratio.js';
import { achievementPercent, type RatingRule, type RuleResult } from './rating-rules.js';
import {
  actualFor,
  evaluateIndicatorYears,
  finalTarget,
  targetFor,
  targetValueInEffect,
  type IndicatorSeries,
  type IndicatorTarget,
  type PlanPeriod,
  type TargetRevision,
} from './indicator-series.js';

export interface IndicatorYear {
  fiscalYear: number;
  /** The target that applies to the year, its value after the revisions decided up to it; null: none. */
  target: {
    kind: 'yearly' | 'final';
    fiscalYear: number;
    /** As first set. */
    originalValue: string;
    value: string;
    /** Revisions decided in the year or earlier, oldest first. */
    revisions: TargetRevision[];
  } | null;
  /** The year's own entry; null: none entered. */
  actual: { value: string | null; notMeasurable: boolean; sourceNote: string } | null;
  /** The value compared with the target (cumulative: the total since the period's start); null: cannot be said. */
  comparedActual: string | null;
  /** Achievement rate in percent to one decimal (lower-is-better: target ÷ actual); null: cannot be computed. */
  achievementPercent: string | null;
  /** What the plan's rule says; null when the plan has no rule. */
  rule: RuleResult | null;
  /**
   * The target the rule judges against when it is not `target`: the pace rule
   * (progress_vs_elapsed) measures the year against the period's final target, while
   * `target` and `achievementPercent` are the year's own. Null for every other rule, and
   * when the year's target is the final one. Printed labelled beside the rule's answer.
   */
  ruleTarget: IndicatorYear['target'];
}

/** The target the rule judges the year against, when it differs from the year's own target (see IndicatorYear.ruleTarget). */
export function ruleTargetFor(series: IndicatorSeries, rule: RatingRule | null, fiscalYear: number): IndicatorYear['target'] {
  if (rule?.kind !== 'progress_vs_elapsed') return null;
  const t = finalTarget(series);
  if (!t || t === targetFor(series, fiscalYear)) return null;
  return targetInYear(t, fiscalYear);
}

function targetInYear(t: IndicatorTarget, fiscalYear: number): NonNullable<IndicatorYear['target']> {
  return {
    kind: t.kind,
    fiscalYear: t.fiscalYear,
    originalValue: t.value,
    value: targetValueInEffect(t, fiscalYear),
    revisions: t.revisions.filter((r) => r.decidedFiscalYear <= fiscalYear),
  };
}

/** The indicator's years, ascending, each with what applies to it. */
export function indicatorYears(series: IndicatorSeries, rule: RatingRule | null, fiscalYears: readonly number[], period: PlanPeriod): IndicatorYear[] {
  const years = [...fiscalYears].sort((a, b) => a - b);
  const results = rule ? evaluateIndicatorYears(series, rule, years, period) : null;
  return years.map((fiscalYear, i) => {
    const t = targetFor(series, fiscalYear);
    const target = t ? targetInYear(t, fiscalYear) : null;
    const own = series.actuals.find((a) => a.fiscalYear === fiscalYear);
    const compared = actualFor(series, fiscalYear, period);
    const comparedActual = compared && !compared.notMeasurable ? compared.value : null;
    return {
      fiscalYear,
      target,
      actual: own ? { value: own.value, notMeasurable: own.notMeasurable, sourceNote: own.sourceNote } : null,
      comparedActual,
      achievementPercent: percentOf(comparedActual, target?.value ?? null, series.direction === 'lower'),
      rule: results?.[i] ?? null,
      ruleTarget: ruleTargetFor(series, rule, fiscalYear),
    };
  });
}

/** The years an indicator has anything for (baseline excluded), ascending. */
export function yearsOfIndicator(series: IndicatorSeries): number[] {
  const years = new Set<number>();
  for (const a of series.actuals) years.add(a.fiscalYear);
  for (const t of series.targets) if (t.kind === 'yearly') years.add(t.fiscalYear);
  return [...years].sort((a, b) => a - b);
}

function percentOf(actual: string | null, target: string | null, lower: boolean): string | null {
  if (actual === null || target === null) return null;
  const p = achievementPercent(exact(actual), exact(target), lower);
  return p === null || p === 'undefined' ? null : toFixedText(p, 1);
}
