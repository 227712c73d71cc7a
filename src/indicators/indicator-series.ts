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
import { add, exact, toDecimalText, ZERO, type Exact } from './exact-ratio.js';
import {
  evaluatePrepared,
  exactValue,
  ruleCodeOrder,
  type ExactValue,
  type PreparedRuleInput,
  type RatingRule,
  type RuleInput,
  type RuleResult,
} from './rating-rules.js';

/** The kinds and directions an indicator may have (the indicators table checks the same words). */
export const INDICATOR_KINDS = ['activity', 'outcome', 'other'] as const;
export const INDICATOR_DIRECTIONS = ['higher', 'lower'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export type Direction = (typeof INDICATOR_DIRECTIONS)[number];

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

/** What defines an indicator, apart from its figures: the fields every output of a series repeats first. */
export type IndicatorDefinition = Pick<IndicatorSeries, 'name' | 'unit' | 'kind' | 'direction' | 'cumulative'>;

export function indicatorDefinition(s: IndicatorDefinition): IndicatorDefinition {
  return { name: s.name, unit: s.unit, kind: s.kind, direction: s.direction, cumulative: s.cumulative };
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
  const indicator = { direction: series.direction, cumulative: series.cumulative };
  const baseline = series.baseline ? exactValue(series.baseline.value) : null;
  const periodTarget = rule.kind === 'progress_vs_elapsed' ? finalTarget(series) : null;
  const actuals = series.cumulative ? new CumulativeActuals(series, period) : new YearlyActuals(series);
  // Consecutive years nearly always share a target: keep the last one parsed.
  let lastTargetText: string | undefined;
  let lastTarget: ExactValue | null = null;
  const results: RuleResult[] = new Array(fiscalYears.length);
  for (let i = 0; i < fiscalYears.length; i++) {
    const fiscalYear = fiscalYears[i]!;
    const target = periodTarget ?? targetFor(series, fiscalYear);
    let targetValue: ExactValue | null = null;
    if (target) {
      const text = targetValueInEffect(target, fiscalYear);
      if (text !== lastTargetText) {
        lastTargetText = text;
        lastTarget = exactValue(text);
      }
      targetValue = lastTarget;
    }
    results[i] = evaluatePrepared(rule, {
      indicator,
      baseline,
      target: targetValue,
      targetFiscalYear: target?.fiscalYear,
      actual: actuals.of(fiscalYear),
      fiscalYear,
      period,
    });
  }
  return results;
}

class YearlyActuals {
  readonly #series: IndicatorSeries;
  constructor(series: IndicatorSeries) {
    this.#series = series;
  }
  of(fiscalYear: number): PreparedRuleInput['actual'] {
    // Actuals are few per indicator: a scan beats building a map.
    for (const a of this.#series.actuals) {
      if (a.fiscalYear !== fiscalYear) continue;
      return { value: a.value === null ? null : exactValue(a.value), notMeasurable: a.notMeasurable };
    }
    return null;
  }
}

/** A running sum, its text written only when an explanation asks for it. */
class SumValue implements ExactValue {
  #text: string | undefined;
  constructor(
    readonly x: Exact,
    private readonly places: number,
  ) {}
  get text(): string {
    this.#text ??= toDecimalText(this.x, this.places);
    return this.#text;
  }
}

/** Running sums from the period's start; the first missing or unmeasurable year decides every later one. */
class CumulativeActuals {
  readonly #series: IndicatorSeries;
  readonly #start: number;
  #year: number;
  #sum: Exact = ZERO;
  #places = 0;
  #broken: PreparedRuleInput['actual'] | undefined;
  #current: PreparedRuleInput['actual'] = null;
  constructor(series: IndicatorSeries, period: PlanPeriod) {
    this.#series = series;
    this.#start = period.startFiscalYear;
    this.#year = period.startFiscalYear - 1;
  }
  /** Years must be asked in ascending order (evaluateIndicatorYears does). */
  of(fiscalYear: number): PreparedRuleInput['actual'] {
    if (fiscalYear < this.#start) return null;
    if (fiscalYear < this.#year) throw new RangeError('cumulative actuals are read in ascending years');
    while (this.#year < fiscalYear) {
      this.#year += 1;
      if (this.#broken !== undefined) continue;
      const a = this.#series.actuals.find((x) => x.fiscalYear === this.#year);
      if (a?.notMeasurable) this.#broken = { value: null, notMeasurable: true };
      else if (!a || a.value === null) this.#broken = null;
      else {
        this.#sum = add(this.#sum, exact(a.value));
        const dot = a.value.indexOf('.');
        if (dot >= 0) this.#places = Math.max(this.#places, a.value.length - dot - 1);
        this.#current = { value: new SumValue(this.#sum, this.#places), notMeasurable: false };
      }
    }
    return this.#broken !== undefined ? this.#broken : this.#current;
  }
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
