/**
 * The report's outputs part: indicators with their targets, actuals and what the plan's
 * rating rule says, ratings the rule proposed or that were changed (with the reason), 今後の
 * 方向性 and costs. Plain data assembled from the indicator tables by a pure function;
 * absent from the model when the plan has none of it, so a report without them reads as
 * before. Everything is printed in the source's order and words: numbers stay the text
 * the database gave, nothing is rounded but the achievement rate (one decimal).
 */
import { Dec } from '../indicators/decimal.js';
import { COST_FIELDS, type CostField, type CostFigures, type ItemCost } from '../indicators/cost-rollup.js';
import type { DirectionCode, ItemDirection } from '../indicators/indicator-queries.js';
import { finalTarget, targetsNotResetAfterExtension, type IndicatorSeries } from '../indicators/indicator-series.js';
import { indicatorYears, type IndicatorYear } from '../indicators/indicator-years.js';
import { compareItemCodes } from '../indicators/extension-warning.js';
import type { RatingRule } from '../indicators/rating-rules.js';
import { describeRule } from '../indicators/rule-words.js';

export interface ReportIndicator extends Pick<IndicatorSeries, 'id' | 'name' | 'unit' | 'kind' | 'direction' | 'cumulative' | 'baseline'> {
  /** Code of the item it belongs to. */
  itemCode: string;
  /** The judged year (the round's last covered year). */
  year: ReportIndicatorYear;
}

export interface ReportIndicatorYear {
  fiscalYear: number;
  target: IndicatorYear['target'];
  actual: IndicatorYear['actual'];
  comparedActual: string | null;
  achievementPercent: string | null;
  /** The rule's answer: a proposed code, or why none (code: the rule's not-evaluable code, if any). */
  rule: { status: 'proposed' | 'not-evaluable'; code: string | null; explanation: string } | null;
}

export interface ReportProposal {
  itemCode: string;
  fiscalYear: number;
  /** The rating given. */
  code: string;
  /** The rating the rule proposed. */
  proposedCode: string;
  /** Why another rating was given; null when the proposal was followed. */
  overrideReason: string | null;
}

export interface ReportDirectionYear {
  fiscalYear: number;
  /** Every code of the plan, in its order, zero included. */
  counts: { code: string; label: string; count: number }[];
}

export interface ReportCosts {
  /** Every figure is converted to this unit (rows may be kept in 円, 千円 or 百万円). */
  unit: '千円';
  /** Fields any row has a figure for, in the published order. */
  fields: CostField[];
  /** Years with any cost, ascending. */
  fiscalYears: number[];
  /** Per node (every tier, totals rolled up the tree) and year. */
  totals: { itemCode: string; fiscalYear: number; figures: CostFigures }[];
  /** Totals of the whole plan per year. */
  plan: { fiscalYear: number; figures: CostFigures }[];
}

export interface ReportOutputs {
  /** The year the indicators are judged in. */
  fiscalYear: number;
  /** The plan's rule, in words (one sentence a line); null: ratings are entered by hand. */
  rule: { name: string; kind: RatingRule['kind']; words: string[] } | null;
  /** The period was extended and these indicators' targets were not re-set since. */
  extension: { endFiscalYear: number; effectiveEndFiscalYear: number; notReset: { itemCode: string; indicator: string; targetFiscalYear: number }[] } | null;
  indicators: ReportIndicator[];
  proposals: ReportProposal[];
  directionCounts: ReportDirectionYear[];
  directions: { itemCode: string; fiscalYear: number; code: string; label: string; note: string }[];
  costs: ReportCosts | null;
}

/** What report-queries.ts reads for the outputs part. */
export interface OutputRows {
  rule: { rule: RatingRule; name: string } | null;
  series: IndicatorSeries[];
  proposals: { itemId: number; fiscalYear: number; code: string; proposedCode: string; overrideReason: string | null }[];
  directionCodes: DirectionCode[];
  directions: ItemDirection[];
  directionCounts: ReportDirectionYear[];
  costs: ItemCost[];
  /** Rolled-up totals per node id and year (cost-rollup.ts), in 千円. */
  costTotals: Map<number, Map<number, CostFigures>>;
}

export interface PlanFacts {
  startFiscalYear: number;
  endFiscalYear: number;
  effectiveEndFiscalYear: number;
  extensions: { decidedFiscalYear: number | null; toEndFiscalYear: number }[];
}

/**
 * The plan and its indicators as they stood in the report's year: extensions and target
 * revisions decided later are not yet known there, so a past year's report never states
 * them. An extension without a decided year (as published reports often give it) counts
 * as known.
 */
export function asKnownIn(series: readonly IndicatorSeries[], plan: PlanFacts, until: number): { series: IndicatorSeries[]; plan: PlanFacts } {
  const extensions = plan.extensions.filter((e) => e.decidedFiscalYear === null || e.decidedFiscalYear <= until);
  const effectiveEndFiscalYear = Math.max(plan.endFiscalYear, ...extensions.map((e) => e.toEndFiscalYear));
  return {
    plan: { ...plan, extensions, effectiveEndFiscalYear },
    series: series.map((s) => ({ ...s, targets: s.targets.map((t) => ({ ...t, revisions: t.revisions.filter((r) => r.decidedFiscalYear <= until) })) })),
  };
}

/** The outputs part, or null when the plan has no indicators, rule, proposals, directions or costs up to `until`. */
export function assembleOutputs(
  rows: OutputRows,
  plan: PlanFacts,
  codeOf: (itemId: number) => string | undefined,
  rootIds: readonly number[],
  until: number,
): ReportOutputs | null {
  const period = { startFiscalYear: plan.startFiscalYear, endFiscalYear: plan.effectiveEndFiscalYear };
  const indicators: ReportIndicator[] = [];
  for (const s of rows.series) {
    const itemCode = codeOf(s.itemId);
    if (itemCode === undefined) continue;
    const [y] = indicatorYears(s, rows.rule?.rule ?? null, [until], period);
    const { id, name, unit, kind, direction, cumulative, baseline } = s;
    indicators.push({
      ...{ id, itemCode, name, unit, kind, direction, cumulative, baseline },
      year: {
        fiscalYear: until,
        target: y!.target,
        actual: y!.actual,
        comparedActual: y!.comparedActual,
        achievementPercent: y!.achievementPercent,
        rule: y!.rule ? { status: y!.rule.status, code: y!.rule.code, explanation: y!.rule.explanation } : null,
      },
    });
  }
  const proposals = rows.proposals
    .filter((p) => p.fiscalYear <= until)
    .flatMap((p) => {
      const itemCode = codeOf(p.itemId);
      return itemCode === undefined
        ? []
        : [{ itemCode, fiscalYear: p.fiscalYear, code: p.code, proposedCode: p.proposedCode, overrideReason: p.overrideReason }];
    });
  const directions = rows.directions
    .filter((d) => d.fiscalYear <= until)
    .flatMap((d) => {
      const itemCode = codeOf(d.itemId);
      return itemCode === undefined ? [] : [{ itemCode, fiscalYear: d.fiscalYear, code: d.code, label: d.label, note: d.note }];
    });
  const directionCounts = rows.directionCounts.filter((y) => y.fiscalYear <= until);
  const costs = costsOf(rows, codeOf, rootIds, until);
  const known = asKnownIn(rows.series, plan, until);
  const notReset = targetsNotResetAfterExtension(known.series, known.plan)
    .flatMap((s) => {
      const itemCode = codeOf(s.itemId);
      const target = finalTarget(s);
      return itemCode === undefined || !target ? [] : [{ itemCode, indicator: s.name, targetFiscalYear: target.fiscalYear }];
    })
    // The series come tier by tier; the statement lists them in the plan's reading order.
    .sort((a, b) => compareItemCodes(a.itemCode, b.itemCode));
  const rule = rows.rule ? { name: rows.rule.name, kind: rows.rule.rule.kind, words: describeRule(rows.rule.rule) } : null;
  if (indicators.length === 0 && proposals.length === 0 && directions.length === 0 && costs === null && rule === null) return null;
  return {
    fiscalYear: until,
    rule,
    extension: notReset.length > 0 ? { endFiscalYear: plan.endFiscalYear, effectiveEndFiscalYear: known.plan.effectiveEndFiscalYear, notReset } : null,
    indicators,
    proposals,
    directionCounts,
    directions,
    costs,
  };
}

function costsOf(rows: OutputRows, codeOf: (itemId: number) => string | undefined, rootIds: readonly number[], until: number): ReportCosts | null {
  const own = rows.costs.filter((c) => c.fiscalYear <= until);
  if (own.length === 0) return null;
  const fields = COST_FIELDS.filter(
    (f) => own.some((c) => c[f] !== null) || (f === 'totalCost' && own.some((c) => c.projectCost !== null || c.personnelCost !== null)),
  );
  const fiscalYears = [...new Set(own.map((c) => c.fiscalYear))].sort((a, b) => a - b);
  const totals: ReportCosts['totals'] = [];
  for (const [itemId, years] of rows.costTotals) {
    const itemCode = codeOf(itemId);
    if (itemCode === undefined) continue;
    for (const [fiscalYear, figures] of years) if (fiscalYear <= until) totals.push({ itemCode, fiscalYear, figures });
  }
  totals.sort((a, b) => a.fiscalYear - b.fiscalYear);
  const plan = fiscalYears.map((fiscalYear) => {
    const figures = Object.fromEntries(COST_FIELDS.map((k) => [k, null])) as CostFigures;
    for (const id of rootIds) {
      const f = rows.costTotals.get(id)?.get(fiscalYear);
      if (f) for (const k of COST_FIELDS) if (f[k] !== null) figures[k] = addText(figures[k], f[k]);
    }
    return { fiscalYear, figures };
  });
  return { unit: '千円', fields, fiscalYears, totals, plan };
}

/** Sums of root totals: exact, through the same decimals the roll-up uses. */
function addText(a: string | null, b: string | null): string | null {
  if (b === null) return a;
  if (a === null) return b;
  return new Dec(a).plus(b).toString();
}

export interface ItemOutputs {
  indicators: ReportIndicator[];
  /** The judged year's proposal, direction and cost totals. */
  proposal: ReportProposal | null;
  direction: ReportOutputs['directions'][number] | null;
  cost: CostFigures | null;
}

/**
 * Every item's outputs, indexed once per outputs object: renderers ask for each of a
 * report's thousands of rows, and a scan of every list per row grew with the square of
 * the plan's size. The outputs are never changed after assembly, so the index stays true.
 */
const byItemCache = new WeakMap<ReportOutputs, Map<string, ItemOutputs>>();

function outputsByItem(outputs: ReportOutputs): Map<string, ItemOutputs> {
  let index = byItemCache.get(outputs);
  if (index) return index;
  const built = new Map<string, ItemOutputs>();
  const entry = (itemCode: string): ItemOutputs => {
    let e = built.get(itemCode);
    if (!e) {
      e = { indicators: [], proposal: null, direction: null, cost: null };
      built.set(itemCode, e);
    }
    return e;
  };
  for (const i of outputs.indicators) entry(i.itemCode).indicators.push(i);
  // The first of each, as a search through the list in its order would find.
  for (const p of outputs.proposals) if (p.fiscalYear === outputs.fiscalYear) entry(p.itemCode).proposal ??= p;
  for (const d of outputs.directions) if (d.fiscalYear === outputs.fiscalYear) entry(d.itemCode).direction ??= d;
  for (const c of outputs.costs?.totals ?? []) if (c.fiscalYear === outputs.fiscalYear) entry(c.itemCode).cost ??= c.figures;
  index = built;
  byItemCache.set(outputs, index);
  return index;
}

/** The outputs of one item. */
export function outputsOfItem(outputs: ReportOutputs, itemCode: string): ItemOutputs {
  return outputsByItem(outputs).get(itemCode) ?? { indicators: [], proposal: null, direction: null, cost: null };
}
