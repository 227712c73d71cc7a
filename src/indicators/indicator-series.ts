/**
 * An indicator with everything the rule engine reads — baseline, targets with their
 * revisions, actuals by year — and the plain functions that turn it into the engine's
 * input for one fiscal year.
 *
 * - Target in effect for year Y: the yearly target for Y if there is one, else the final
 *   target; its value after the revisions decided in Y or earlier (later revisions do not
 *   rewrite how an earlier year was judged). The latest revision wins (by decided year, then entry order).
 * - Cumulative (延べ) indicators: targets are totals since the start of the plan period and
 *   actuals are yearly amounts; the actual compared for Y is the sum of the yearly actuals
 *   from the period's first year to Y. A year without an actual leaves the sum missing; a
 *   year marked not measurable makes the sum not measurable.
 */
import { add, exact, toDecimalText, ZERO } from './exact-ratio.js';
import { evaluatePrepared, exactValue, ruleCodeOrder, type ExactValue, type PreparedRuleInput, type RatingRule, type RuleInput, type RuleResult } from './rating-rules.js';

export type IndicatorKind = 'activity' | 'outcome' | 'other';
export type Direction = 'higher' | 'lower';

export interface TargetRevision {
  id: number;
  oldValue: string;
  newValue: string;
  reason: string;
  decidedFiscalYear: number;
}

export interface IndicatorTarget {
  id: number;
  kind: 'yearly' | 'final';
  fiscalYear: number;
  /** As first set; see `targetValueInEffect` for the value after revisions. */
  value: string;
  revisions: TargetRevision[];
}

export interface IndicatorActual {
  fiscalYear: number;
  value: string | null;
  notMeasurable: boolean;
  sourceNote: string;
}

export interface IndicatorSeries {
  id: number;
  itemId: number;
  name: string;
  unit: string;
  kind: IndicatorKind;
  direction: Direction;
  cumulative: boolean;
  decimals: number;
  position: number;
  baseline: { fiscalYear: number; value: string } | null;
  targets: IndicatorTarget[];
  /** Ascending by fiscal year. */
  actuals: IndicatorActual[];
}

export interface PlanPeriod {
  startFiscalYear: number;
  endFiscalYear: number;
}

/** The revisions that apply to year `fiscalYear` (all of them when omitted), latest last. */
/** The target's value when year `fiscalYear` is judged; omitted: its current value. */
export function targetValueInEffect(target: IndicatorTarget, fiscalYear?: number): string {
  let latest: TargetRevision | undefined;
  for (const r of target.revisions) {
    if (fiscalYear !== undefined && r.decidedFiscalYear > fiscalYear) continue;
    if (!latest || r.decidedFiscalYear > latest.decidedFiscalYear || (r.decidedFiscalYear === latest.decidedFiscalYear && r.id > latest.id)) latest = r;
  }
  return latest?.newValue ?? target.value;
}

/** The target that applies to a year: its own yearly target, else the final target. */
export function targetFor(series: IndicatorSeries, fiscalYear: number): IndicatorTarget | null {
  return series.targets.find((t) => t.kind === 'yearly' && t.fiscalYear === fiscalYear) ?? finalTarget(series);
}

/** The period's target: the final one, else the yearly target of the latest year. */
export function finalTarget(series: IndicatorSeries): IndicatorTarget | null {
  const final = series.targets.find((t) => t.kind === 'final');
  if (final) return final;
  let latest: IndicatorTarget | null = null;
  for (const t of series.targets) if (!latest || t.fiscalYear > latest.fiscalYear) latest = t;
  return latest;
}

/** The actual compared for a year: the year's own, or for cumulative indicators the sum since the period's start. */
export function actualFor(series: IndicatorSeries, fiscalYear: number, period: PlanPeriod): RuleInput['actual'] {
  if (!series.cumulative) {
    const own = series.actuals.find((a) => a.fiscalYear === fiscalYear);
    return own ? { value: own.value, notMeasurable: own.notMeasurable } : null;
  }
  if (fiscalYear < period.startFiscalYear) return null;
  // Actuals are ascending by year: each year of the period up to this one must be there once.
  let sum = ZERO;
  let expected = period.startFiscalYear;
  let digits = 0;
  for (const a of series.actuals) {
    if (a.fiscalYear < expected) continue;
    if (a.fiscalYear > expected || a.fiscalYear > fiscalYear) break;
    if (a.notMeasurable) return { value: null, notMeasurable: true };
    if (a.value === null) return null;
    sum = add(sum, exact(a.value));
    digits = Math.max(digits, a.value.includes('.') ? a.value.length - a.value.indexOf('.') - 1 : 0);
    expected += 1;
  }
  if (expected <= fiscalYear) return null;
  return { value: toDecimalText(sum, digits), notMeasurable: false };
}

export function ruleInputFor(series: IndicatorSeries, rule: RatingRule, fiscalYear: number, period: PlanPeriod): RuleInput {
  const target = rule.kind === 'progress_vs_elapsed' ? finalTarget(series) : targetFor(series, fiscalYear);
  return {
    indicator: { direction: series.direction, cumulative: series.cumulative },
    baseline: series.baseline?.value ?? null,
    target: target ? targetValueInEffect(target, fiscalYear) : null,
    targetFiscalYear: target?.fiscalYear,
    actual: actualFor(series, fiscalYear, period),
    fiscalYear,
    period,
  };
}

export function evaluateIndicator(series: IndicatorSeries, rule: RatingRule, fiscalYear: number, period: PlanPeriod): RuleResult {
  return evaluateIndicatorYears(series, rule, [fiscalYear], period)[0]!;
}

/**
 * The results for several years (ascending), in their order: each stored number is parsed
 * once and a cumulative sum grows year by year, so a report's ten years cost little more than one.
 */
export function evaluateIndicatorYears(series: IndicatorSeries, rule: RatingRule, fiscalYears: readonly number[], period: PlanPeriod): RuleResult[] {
  const parsed = new Map<string, ExactValue>();
  const value = (text: string): ExactValue => {
    let v = parsed.get(text);
    if (!v) {
      v = exactValue(text);
      parsed.set(text, v);
    }
    return v;
  };
  const indicator = { direction: series.direction, cumulative: series.cumulative };
  const baseline = series.baseline ? value(series.baseline.value) : null;
  const periodTarget = rule.kind === 'progress_vs_elapsed' ? finalTarget(series) : null;
  const actualOf = series.cumulative ? cumulativeActuals(series, period, fiscalYears.at(-1) ?? period.startFiscalYear) : yearlyActuals(series, value);
  return fiscalYears.map((fiscalYear) => {
    const target = periodTarget ?? targetFor(series, fiscalYear);
    const input: PreparedRuleInput = {
      indicator,
      baseline,
      target: target ? value(targetValueInEffect(target, fiscalYear)) : null,
      targetFiscalYear: target?.fiscalYear,
      actual: actualOf(fiscalYear),
      fiscalYear,
      period,
    };
    return evaluatePrepared(rule, input);
  });
}

type ActualOf = (fiscalYear: number) => PreparedRuleInput['actual'];

function yearlyActuals(series: IndicatorSeries, value: (text: string) => ExactValue): ActualOf {
  const byYear = new Map<number, IndicatorActual>();
  for (const a of series.actuals) byYear.set(a.fiscalYear, a);
  return (fiscalYear) => {
    const a = byYear.get(fiscalYear);
    if (!a) return null;
    return { value: a.value === null ? null : value(a.value), notMeasurable: a.notMeasurable };
  };
}

/** Running sums from the period's start; the first missing or unmeasurable year decides every later one. */
function cumulativeActuals(series: IndicatorSeries, period: PlanPeriod, lastYear: number): ActualOf {
  const byYear = new Map<number, IndicatorActual>();
  for (const a of series.actuals) byYear.set(a.fiscalYear, a);
  const sums = new Map<number, PreparedRuleInput['actual']>();
  let sum = ZERO;
  let digits = 0;
  let broken: PreparedRuleInput['actual'] | undefined;
  for (let year = period.startFiscalYear; year <= lastYear; year++) {
    const a = byYear.get(year);
    if (broken === undefined) {
      if (a?.notMeasurable) broken = { value: null, notMeasurable: true };
      else if (!a || a.value === null) broken = null;
    }
    if (broken !== undefined) {
      sums.set(year, broken);
      continue;
    }
    const text = a!.value!;
    sum = add(sum, exact(text));
    digits = Math.max(digits, text.includes('.') ? text.length - text.indexOf('.') - 1 : 0);
    const x = sum;
    const places = digits;
    let words: string | undefined;
    sums.set(year, {
      value: {
        x,
        get text() {
          words ??= toDecimalText(x, places);
          return words;
        },
      },
      notMeasurable: false,
    });
  }
  return (fiscalYear) => sums.get(fiscalYear) ?? null;
}

/**
 * One proposal for an item with several indicators: the worst proposed code under the
 * rule's order (an item is only as far along as its weakest indicator). Not evaluable
 * when no indicator is.
 */
export function proposeForItem(results: readonly RuleResult[], rule: RatingRule): RuleResult | null {
  const order = ruleCodeOrder(rule);
  let worst: Extract<RuleResult, { status: 'proposed' }> | null = null;
  for (const r of results) {
    if (r.status !== 'proposed') continue;
    if (!worst || order.indexOf(r.code) > order.indexOf(worst.code)) worst = r;
  }
  return worst ?? results[0] ?? null;
}

/**
 * Indicators whose targets were not re-set after the plan's period was extended: the
 * target year is before the period's new end and no revision was decided in or after the
 * year the extension was decided (or after the original end, when that year is unknown).
 */
export function targetsNotResetAfterExtension(
  series: readonly IndicatorSeries[],
  plan: { endFiscalYear: number; effectiveEndFiscalYear: number; extensions: { decidedFiscalYear: number | null; toEndFiscalYear: number }[] },
): IndicatorSeries[] {
  if (plan.effectiveEndFiscalYear <= plan.endFiscalYear) return [];
  const lastExtension = plan.extensions.reduce((a, b) => (b.toEndFiscalYear > a.toEndFiscalYear ? b : a), plan.extensions[0]!);
  const decided = lastExtension?.decidedFiscalYear ?? plan.endFiscalYear;
  return series.filter((s) => {
    const target = finalTarget(s);
    if (!target || target.fiscalYear >= plan.effectiveEndFiscalYear) return false;
    return !s.targets.some((t) => t.fiscalYear >= plan.effectiveEndFiscalYear || t.revisions.some((r) => r.decidedFiscalYear >= decided));
  });
}
