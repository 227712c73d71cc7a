/**
 * What the plan's rule proposes for one item while its department is still entering the
 * year: the actuals typed on the entry (not yet published) take the place of the stored
 * ones for the round's year, so the proposal on the form is the one publication will
 * keep. Also the figures the form shows beside each indicator: its baseline and the
 * target in effect for the year, revisions applied. Pure functions over plain data.
 */
import type { RatingRule, RuleResult } from './rating-rules.js';
import { ruleTargetFor } from './indicator-years.js';
import {
  evaluateIndicator,
  indicatorDefinition,
  proposeForItem,
  targetFor,
  targetValueInEffect,
  type IndicatorSeries,
  type PlanPeriod,
} from './indicator-series.js';

/** An actual as an entry holds it: decimal text or not measurable, with where it comes from. */
export interface EnteredActual {
  value: string | null;
  notMeasurable: boolean;
  sourceNote: string;
}

export interface IndicatorOnEntry {
  id: number;
  name: string;
  unit: string;
  kind: IndicatorSeries['kind'];
  direction: IndicatorSeries['direction'];
  cumulative: boolean;
  baseline: { fiscalYear: number; value: string } | null;
  /** The target in effect for the year: its value after the revisions decided up to it. */
  target: { kind: 'yearly' | 'final'; fiscalYear: number; value: string; revised: boolean } | null;
  /** The rule's result for this indicator; null without a rule. */
  result: RuleResult | null;
  /** The target the rule judges against when it is not `target` (the pace rule's final target); null otherwise. */
  ruleTarget: { kind: 'yearly' | 'final'; fiscalYear: number; value: string; revised: boolean } | null;
}

export interface EntryProposal {
  indicators: IndicatorOnEntry[];
  /** The item's proposal (its weakest indicator); null without a rule or without indicators. */
  proposal: RuleResult | null;
}

/** The series with the entry's actual in place of the stored one for the year (kept ascending). */
export function withEnteredActual(series: IndicatorSeries, fiscalYear: number, entered: EnteredActual | undefined): IndicatorSeries {
  if (!entered) return series;
  const others = series.actuals.filter((a) => a.fiscalYear !== fiscalYear);
  const empty = entered.value === null && !entered.notMeasurable;
  const actuals = empty ? others : [...others, { fiscalYear, ...entered }].sort((a, b) => a.fiscalYear - b.fiscalYear);
  return { ...series, actuals };
}

/** The item's indicators for the year with the rule applied to the entered actuals. */
export function proposeForEntry(
  series: readonly IndicatorSeries[],
  rule: RatingRule | null,
  fiscalYear: number,
  period: PlanPeriod,
  entered: Readonly<Record<string, EnteredActual>>,
): EntryProposal {
  const indicators = series.map((s): IndicatorOnEntry => {
    const target = targetFor(s, fiscalYear);
    const value = target ? targetValueInEffect(target, fiscalYear) : null;
    const merged = withEnteredActual(s, fiscalYear, entered[String(s.id)]);
    const judged = ruleTargetFor(s, rule, fiscalYear);
    return {
      id: s.id,
      ...indicatorDefinition(s),
      baseline: s.baseline,
      target: target && value !== null ? { kind: target.kind, fiscalYear: target.fiscalYear, value, revised: value !== target.value } : null,
      result: rule ? evaluateIndicator(merged, rule, fiscalYear, period) : null,
      ruleTarget: judged && { kind: judged.kind, fiscalYear: judged.fiscalYear, value: judged.value, revised: judged.value !== judged.originalValue },
    };
  });
  const proposal =
    rule && rule.kind !== 'manual' && indicators.length > 0
      ? proposeForItem(
          indicators.map((i) => i.result!),
          rule,
        )
      : null;
  return { indicators, proposal };
}

/** The code the rule proposes for the item, when it proposes one (a not-evaluable result may carry the rule's fallback code). */
export function proposedCode(p: EntryProposal): string | null {
  return p.proposal?.code ?? null;
}

/**
 * A rating other than the rule's proposal needs a reason: the message to show beside the
 * reason field, or undefined when the choice stands. No rating chosen yet (a draft) and no
 * proposal (no rule, a manual rule, no indicators) need none.
 */
export function overrideError(proposed: string | null, chosen: string | null, reason: string): string | undefined {
  if (proposed === null || chosen === null || chosen === proposed) return undefined;
  if (reason.trim() !== '') return undefined;
  return `規則による提案は「${proposed}」です。「${chosen}」を選ぶ場合は、変更の理由を入力してください。`;
}
