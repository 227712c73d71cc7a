/**
 * The public part of a plan's indicators, 今後の方向性, costs and rating proposals, for the
 * portal, the API, the downloads and the static export. What is public follows the
 * ratings: figures of a fiscal year (actuals, directions, costs, proposals, target
 * revisions decided in it) show once that year is covered by a published round. The
 * indicators themselves, their baselines and targets as first set are the plan's own
 * definition and show with the plan.
 */
import type { Queryable } from '../db/db.js';
import { COST_FIELDS, rollUpCosts, type CostFigures, type CostUnit, type TreeLike } from '../indicators/cost-rollup.js';
import { targetsNotResetAfterExtension, type IndicatorSeries, type TargetRevision } from '../indicators/indicator-series.js';
import { indicatorYears, yearsOfIndicator } from '../indicators/indicator-years.js';
import type { RatingRule } from '../indicators/rating-rules.js';
import { describeRule } from '../indicators/rule-words.js';
import { loadOutputRows } from '../reports/report-queries.js';

export interface PublicIndicatorYear {
  fiscalYear: number;
  /** The target in effect for the year (revisions decided up to it applied); null: none. */
  target: { kind: 'yearly' | 'final'; fiscalYear: number; value: string; revised: boolean } | null;
  actual: string | null;
  notMeasurable: boolean;
  sourceNote: string;
  /** Cumulative indicators: the total since the period's start compared with the target. */
  comparedActual: string | null;
  achievementPercent: string | null;
  rule: { status: 'proposed' | 'not-evaluable'; code: string | null; explanation: string } | null;
}

export interface PublicIndicator extends Pick<IndicatorSeries, 'id' | 'name' | 'unit' | 'kind' | 'direction' | 'cumulative' | 'decimals' | 'baseline'> {
  itemCode: string;
  targets: { kind: 'yearly' | 'final'; fiscalYear: number; value: string; currentValue: string; revisions: Omit<TargetRevision, 'id'>[] }[];
  /** Years with an actual or a yearly target, up to the published year, ascending. */
  years: PublicIndicatorYear[];
}

export interface PublicCost {
  itemCode: string;
  fiscalYear: number;
  /** As entered (円, 千円 or 百万円). */
  unit: CostUnit;
  figures: CostFigures;
  note: string;
}

export interface PublicOutputs {
  rule: { name: string; kind: RatingRule['kind']; words: string[] } | null;
  indicators: PublicIndicator[];
  proposals: { itemCode: string; fiscalYear: number; code: string; proposedCode: string; overrideReason: string | null }[];
  directionCodes: { code: string; label: string }[];
  directions: { itemCode: string; fiscalYear: number; code: string; label: string; note: string }[];
  directionCounts: { fiscalYear: number; counts: { code: string; label: string; count: number }[] }[];
  /** Each item's own costs as entered. */
  costs: PublicCost[];
  /** Totals of every node in 千円, rolled up the tree. */
  costTotals: { itemCode: string; fiscalYear: number; figures: CostFigures }[];
  /** Indicators whose targets were not re-set after the plan period was extended. */
  targetsNotReset: { itemCode: string; indicatorId: number }[];
}

export const EMPTY_OUTPUTS: PublicOutputs = {
  rule: null,
  indicators: [],
  proposals: [],
  directionCodes: [],
  directions: [],
  directionCounts: [],
  costs: [],
  costTotals: [],
  targetsNotReset: [],
};

interface PlanFacts {
  id: number;
  startFiscalYear: number;
  endFiscalYear: number;
  effectiveEndFiscalYear: number;
  extensions: { decidedFiscalYear: number | null; toEndFiscalYear: number }[];
}

/** The public outputs of a plan whose ratings are public up to `until`. */
export async function loadPublicOutputs(
  db: Queryable,
  plan: PlanFacts,
  until: number,
  codeById: ReadonlyMap<number, string>,
  roots: readonly TreeLike[],
): Promise<PublicOutputs> {
  const { rule, series, proposals, directionCodes: codes, directions, directionCounts: counts, costs } = await loadOutputRows(db, plan.id);
  const period = { startFiscalYear: plan.startFiscalYear, endFiscalYear: plan.effectiveEndFiscalYear };
  const withCode = <T extends { itemId: number }>(rows: readonly T[]) =>
    rows.flatMap((r) => {
      const itemCode = codeById.get(r.itemId);
      return itemCode === undefined ? [] : [{ ...r, itemCode }];
    });
  const published = publishedSeries(series, until);
  const publicCosts = costs.filter((c) => c.fiscalYear <= until);
  const totals = rollUpCosts(roots, publicCosts);
  return {
    rule: rule ? { name: rule.name, kind: rule.rule.kind, words: describeRule(rule.rule) } : null,
    indicators: withCode(published.map((s) => ({ ...s, itemId: s.itemId }))).map(({ itemCode, ...s }) =>
      indicatorOf(s, itemCode, rule?.rule ?? null, period, until),
    ),
    proposals: withCode(proposals.filter((p) => p.fiscalYear <= until)).map(({ itemId: _, ...p }) => p),
    directionCodes: codes.map((c) => ({ code: c.code, label: c.label })),
    directions: withCode(directions.filter((d) => d.fiscalYear <= until)).map(({ itemId: _, ...d }) => d),
    directionCounts: counts.filter((y) => y.fiscalYear <= until),
    costs: withCode(publicCosts).map((c) => ({
      itemCode: c.itemCode,
      fiscalYear: c.fiscalYear,
      unit: c.unit,
      figures: Object.fromEntries(COST_FIELDS.map((f) => [f, c[f]])) as CostFigures,
      note: c.note,
    })),
    costTotals: [...totals].flatMap(([itemId, years]) => {
      const itemCode = codeById.get(itemId);
      return itemCode === undefined ? [] : [...years].map(([fiscalYear, figures]) => ({ itemCode, fiscalYear, figures }));
    }),
    targetsNotReset: withCode(targetsNotResetAfterExtension(published, plan)).map((s) => ({ itemCode: s.itemCode, indicatorId: s.id })),
  };
}

/** The series with only what is public: actuals of published years, revisions decided in them. */
function publishedSeries(series: readonly IndicatorSeries[], until: number): IndicatorSeries[] {
  return series.map((s) => ({
    ...s,
    actuals: s.actuals.filter((a) => a.fiscalYear <= until),
    targets: s.targets.map((t) => ({ ...t, revisions: t.revisions.filter((r) => r.decidedFiscalYear <= until) })),
  }));
}

function indicatorOf(
  s: IndicatorSeries,
  itemCode: string,
  rule: RatingRule | null,
  period: { startFiscalYear: number; endFiscalYear: number },
  until: number,
): PublicIndicator {
  const years = yearsOfIndicator(s).filter((y) => y <= until);
  const { id, name, unit, kind, direction, cumulative, decimals, baseline } = s;
  return {
    ...{ id, itemCode, name, unit, kind, direction, cumulative, decimals, baseline },
    targets: s.targets.map((t) => ({
      kind: t.kind,
      fiscalYear: t.fiscalYear,
      value: t.value,
      currentValue: t.revisions.at(-1)?.newValue ?? t.value,
      revisions: t.revisions.map(({ id: _, ...r }) => r),
    })),
    years: indicatorYears(s, rule, years, period).map((y) => ({
      fiscalYear: y.fiscalYear,
      target: y.target ? { kind: y.target.kind, fiscalYear: y.target.fiscalYear, value: y.target.value, revised: y.target.revisions.length > 0 } : null,
      actual: y.actual?.value ?? null,
      notMeasurable: y.actual?.notMeasurable ?? false,
      sourceNote: y.actual?.sourceNote ?? '',
      comparedActual: y.comparedActual,
      achievementPercent: y.achievementPercent,
      rule: y.rule ? { status: y.rule.status, code: y.rule.code, explanation: y.rule.explanation } : null,
    })),
  };
}

/** A plan's public outputs hold anything to show. */
export function hasOutputs(o: PublicOutputs): boolean {
  return o.indicators.length > 0 || o.directions.length > 0 || o.costs.length > 0 || o.proposals.length > 0;
}

/** The outputs of one item. */
export function outputsOfPublicItem(o: PublicOutputs, itemCode: string) {
  return {
    indicators: o.indicators.filter((i) => i.itemCode === itemCode),
    proposals: o.proposals.filter((p) => p.itemCode === itemCode),
    directions: o.directions.filter((d) => d.itemCode === itemCode),
    costs: o.costTotals.filter((c) => c.itemCode === itemCode),
  };
}
