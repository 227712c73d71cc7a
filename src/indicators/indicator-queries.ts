/**
 * Reads of indicators, rules, directions and costs of a plan: one query per table,
 * assembled in memory (a plan of 2,000 indicators × 10 years is a handful of round
 * trips). Numbers leave the database as text (`::text`) and stay exact.
 */
import type { Queryable } from '../db/db.js';
import { loadPlan, loadPlanTree } from '../plans/plan-queries.js';
import { loadPlanVocabulary } from '../evaluations/plan-settings-queries.js';
import { parseRule, type RatingRule, type RuleResult } from './rating-rules.js';
import { evaluateIndicator, proposeForItem, type IndicatorSeries, type IndicatorTarget } from './indicator-series.js';
import { rollUpCosts, type CostFigures, type CostUnit, type ItemCost } from './cost-rollup.js';

export async function loadIndicatorSeries(db: Queryable, planId: number): Promise<IndicatorSeries[]> {
  return loadSeriesWhere(db, 'i.plan_id = $1', [planId]);
}

/** One item's indicators in their order (none when the item is not the plan's): what an entry form needs, without the rest of the plan. */
export async function loadItemIndicatorSeries(db: Queryable, planId: number, itemId: number): Promise<IndicatorSeries[]> {
  return loadSeriesWhere(db, 'i.plan_id = $1 and i.id = $2', [planId, itemId]);
}

/** The series of the indicators whose item `i` matches `itemScope`: one query per table. */
async function loadSeriesWhere(db: Queryable, itemScope: 'i.plan_id = $1' | 'i.plan_id = $1 and i.id = $2', params: number[]): Promise<IndicatorSeries[]> {
  const [indicators, baselines, targets, revisions, actuals] = await Promise.all([
    db.query<Omit<IndicatorSeries, 'baseline' | 'targets' | 'actuals'>>(
      `select x.id, x.item_id as "itemId", x.name, x.unit, x.kind, x.direction, x.cumulative, x.decimals, x.position
         from indicators x join plan_items i on i.id = x.item_id where ${itemScope} order by i.level, i.position, x.position`,
      params,
    ),
    db.query<{ indicatorId: number; fiscalYear: number; value: string }>(
      `select b.indicator_id as "indicatorId", b.fiscal_year as "fiscalYear", b.value::text as value
         from indicator_baselines b join indicators x on x.id = b.indicator_id join plan_items i on i.id = x.item_id where ${itemScope}`,
      params,
    ),
    db.query<Omit<IndicatorTarget, 'revisions'> & { indicatorId: number }>(
      `select t.id, t.indicator_id as "indicatorId", t.kind, t.fiscal_year as "fiscalYear", t.value::text as value
         from indicator_targets t join indicators x on x.id = t.indicator_id join plan_items i on i.id = x.item_id where ${itemScope}
        order by t.fiscal_year, t.id`,
      params,
    ),
    db.query<{ id: number; targetId: number; oldValue: string; newValue: string; reason: string; decidedFiscalYear: number }>(
      `select r.id, r.target_id as "targetId", r.old_value::text as "oldValue", r.new_value::text as "newValue", r.reason, r.decided_fiscal_year as "decidedFiscalYear"
         from indicator_target_revisions r join indicator_targets t on t.id = r.target_id join indicators x on x.id = t.indicator_id
         join plan_items i on i.id = x.item_id where ${itemScope} order by r.decided_fiscal_year, r.id`,
      params,
    ),
    db.query<{ indicatorId: number; fiscalYear: number; value: string | null; notMeasurable: boolean; sourceNote: string }>(
      `select a.indicator_id as "indicatorId", a.fiscal_year as "fiscalYear", a.value::text as value, a.not_measurable as "notMeasurable", a.source_note as "sourceNote"
         from indicator_actuals a join indicators x on x.id = a.indicator_id join plan_items i on i.id = x.item_id where ${itemScope}
        order by a.fiscal_year`,
      params,
    ),
  ]);
  const byId = new Map<number, IndicatorSeries>();
  for (const row of indicators.rows) byId.set(row.id, { ...row, baseline: null, targets: [], actuals: [] });
  for (const { indicatorId, ...b } of baselines.rows) {
    const s = byId.get(indicatorId);
    if (s) s.baseline = b;
  }
  const targetsById = new Map<number, IndicatorTarget>();
  for (const { indicatorId, ...t } of targets.rows) {
    const target: IndicatorTarget = { ...t, revisions: [] };
    targetsById.set(t.id, target);
    byId.get(indicatorId)?.targets.push(target);
  }
  for (const { targetId, ...r } of revisions.rows) targetsById.get(targetId)?.revisions.push(r);
  for (const { indicatorId, ...a } of actuals.rows) byId.get(indicatorId)?.actuals.push(a);
  return [...byId.values()];
}

/**
 * The plan's own rule, else the rule of the rated tier's scale (the plan's scale when the
 * tier has none), else none (ratings are entered by hand).
 */
export async function loadRatingRule(db: Queryable, planId: number): Promise<{ rule: RatingRule; name: string; owner: 'plan' | 'scale' } | null> {
  const { ratedLevel } = await loadPlanVocabulary(db, planId);
  const r = await db.query<{ kind: string; parameters: unknown; name: string; owner: 'plan' | 'scale' }>(
    `select r.kind, r.parameters, r.name, case when r.plan_id is null then 'scale' else 'plan' end as owner
       from plans p left join plan_tiers t on t.plan_id = p.id and t.level = $2
       join rating_rules r on r.plan_id = p.id or r.scale_id = coalesce(t.rating_scale_id, p.rating_scale_id)
      where p.id = $1 order by r.plan_id is null limit 1`,
    [planId, ratedLevel],
  );
  const row = r.rows[0];
  return row ? { rule: parseRule(row), name: row.name, owner: row.owner } : null;
}

export interface ItemProposal {
  itemId: number;
  proposal: RuleResult | null;
  indicators: { indicatorId: number; name: string; result: RuleResult }[];
}

/** What the plan's rule proposes for every item with indicators in a fiscal year; empty without a rule. */
export async function proposeRatings(db: Queryable, planId: number, fiscalYear: number): Promise<ItemProposal[]> {
  const [plan, rule, series] = await Promise.all([loadPlan(db, planId), loadRatingRule(db, planId), loadIndicatorSeries(db, planId)]);
  if (!rule) return [];
  const period = { startFiscalYear: plan.startFiscalYear, endFiscalYear: plan.effectiveEndFiscalYear };
  const byItem = new Map<number, ItemProposal>();
  for (const s of series) {
    const entry = byItem.get(s.itemId) ?? { itemId: s.itemId, proposal: null, indicators: [] };
    entry.indicators.push({ indicatorId: s.id, name: s.name, result: evaluateIndicator(s, rule.rule, fiscalYear, period) });
    byItem.set(s.itemId, entry);
  }
  for (const entry of byItem.values())
    entry.proposal = proposeForItem(
      entry.indicators.map((i) => i.result),
      rule.rule,
    );
  return [...byItem.values()];
}

export interface DirectionCode {
  id: number;
  code: string;
  label: string;
  position: number;
}

export async function loadDirectionCodes(db: Queryable, planId: number): Promise<DirectionCode[]> {
  const r = await db.query<DirectionCode>('select id, code, label, position from direction_codes where plan_id = $1 order by position, id', [planId]);
  return r.rows;
}

export interface ItemDirection {
  itemId: number;
  fiscalYear: number;
  code: string;
  label: string;
  note: string;
}

export async function loadItemDirections(db: Queryable, planId: number, fiscalYear?: number): Promise<ItemDirection[]> {
  const r = await db.query<ItemDirection>(
    `select d.item_id as "itemId", d.fiscal_year as "fiscalYear", c.code, c.label, d.note
       from item_directions d join direction_codes c on c.id = d.direction_code_id
      where c.plan_id = $1 and ($2::int is null or d.fiscal_year = $2) order by d.fiscal_year, d.item_id`,
    [planId, fiscalYear ?? null],
  );
  return r.rows;
}

/** Counts per 今後の方向性 code for each year that has a choice, every code listed (zero included), in the plan's order. */
export async function loadDirectionCounts(
  db: Queryable,
  planId: number,
): Promise<{ fiscalYear: number; counts: { code: string; label: string; count: number }[] }[]> {
  const r = await db.query<{ fiscalYear: number; code: string; label: string; count: number }>(
    `select y.fiscal_year as "fiscalYear", c.code, c.label, count(d.item_id)::int as count
       from (select distinct d.fiscal_year from item_directions d join direction_codes c on c.id = d.direction_code_id where c.plan_id = $1) y
       cross join direction_codes c
       left join item_directions d on d.direction_code_id = c.id and d.fiscal_year = y.fiscal_year
      where c.plan_id = $1
      group by y.fiscal_year, c.id, c.code, c.label, c.position
      order by y.fiscal_year, c.position, c.id`,
    [planId],
  );
  const years = new Map<number, { code: string; label: string; count: number }[]>();
  for (const { fiscalYear, ...c } of r.rows) {
    const list = years.get(fiscalYear) ?? [];
    list.push(c);
    years.set(fiscalYear, list);
  }
  return [...years].map(([fiscalYear, counts]) => ({ fiscalYear, counts }));
}

export async function loadItemCosts(db: Queryable, planId: number): Promise<ItemCost[]> {
  const r = await db.query<ItemCost>(
    `select c.item_id as "itemId", c.fiscal_year as "fiscalYear", c.unit, c.project_cost::text as "projectCost", c.personnel_cost::text as "personnelCost",
            c.total_cost::text as "totalCost", c.national_prefectural_funds::text as "nationalPrefecturalFunds", c.local_bonds::text as "localBonds",
            c.other_funds::text as "otherFunds", c.general_funds::text as "generalFunds", c.note
       from item_costs c join plan_items i on i.id = c.item_id where i.plan_id = $1 order by c.fiscal_year, c.item_id`,
    [planId],
  );
  return r.rows;
}

/** Cost totals of every node of the plan's tree by fiscal year, in one unit. */
export async function loadCostTotals(db: Queryable, planId: number, unit: CostUnit = '千円'): Promise<Map<number, Map<number, CostFigures>>> {
  const [tree, costs] = await Promise.all([loadPlanTree(db, planId), loadItemCosts(db, planId)]);
  return rollUpCosts(tree.roots, costs, unit);
}
