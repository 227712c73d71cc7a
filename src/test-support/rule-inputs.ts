/**
 * Inputs and readings of the rating-rule engine for its tests: a preset by slug, a rule
 * input from the few values a test names (the rest fixed: baseline 50, target 100, actual
 * 100, fiscal year 2022 of a 2020–2024 plan), and a result as one comparable string.
 */
import assert from 'node:assert/strict';
import { evaluateRule, type RatingRule, type RuleInput, type RuleResult } from '../indicators/rating-rules.js';
import { findPreset } from '../indicators/rating-presets.js';
import type { IndicatorSeries } from '../indicators/indicator-series.js';

/** The rule of the preset with this slug. */
export const preset = (slug: string): RatingRule => {
  const p = findPreset(slug);
  assert.ok(p, slug);
  return p.rule;
};

export const period = { startFiscalYear: 2020, endFiscalYear: 2024 };

export function input(over: {
  actual?: string | null;
  target?: string | null;
  baseline?: string | null;
  direction?: 'higher' | 'lower';
  fiscalYear?: number;
  notMeasurable?: boolean;
  cumulative?: boolean;
}): RuleInput {
  const actual = over.actual === undefined ? '100' : over.actual;
  return {
    indicator: { direction: over.direction ?? 'higher', cumulative: over.cumulative ?? false },
    baseline: over.baseline === undefined ? '50' : over.baseline,
    target: over.target === undefined ? '100' : over.target,
    actual: over.notMeasurable ? { value: null, notMeasurable: true } : actual === null ? null : { value: actual, notMeasurable: false },
    fiscalYear: over.fiscalYear ?? 2022,
    period,
  };
}

/** The proposed code, or `not-evaluable:` and the cause. */
export const codeOf = (r: RuleResult) => (r.status === 'proposed' ? r.code : `not-evaluable:${r.cause}`);

/** Each example maps an actual to the code the rule gives it, the input's other values from `over`. */
export function assertCodes(rule: RatingRule, over: Omit<Parameters<typeof input>[0], 'actual'>, examples: Record<string, string>): void {
  for (const [actual, expected] of Object.entries(examples)) assert.equal(codeOf(evaluateRule(rule, input({ ...over, actual }))), expected, actual);
}

/** An indicator (電子申請の利用件数, higher is better, baseline 0 in 2019) with no targets or actuals unless `over` gives them. */
export const indicatorSeries = (over: Partial<IndicatorSeries> = {}): IndicatorSeries => ({
  id: 1,
  itemId: 1,
  name: '電子申請の利用件数',
  unit: '件',
  kind: 'outcome',
  direction: 'higher',
  cumulative: false,
  decimals: 0,
  position: 1,
  baseline: { fiscalYear: 2019, value: '0' },
  targets: [],
  actuals: [],
  ...over,
});
