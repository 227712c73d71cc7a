/**
 * Indicators, a rule, 今後の方向性 and costs for a synthetic plan (synthetic-plan.ts), in
 * the tables the importer and the workflow fill: `count` indicators, three per sub-item
 * in document order, with baselines, final targets (a tenth revised), actuals over the
 * plan's years (syntheticIndicators), the plan's rule, the rule's proposals on the
 * ratings of those sub-items (a twentieth overridden, with the reason), a 今後の方向性
 * choice and costs for every one of those sub-items and years. Same seed, same data.
 */
import type { Db, Queryable } from '../src/db/db.js';
import { unnestColumns } from '../src/db/unnest-columns.js';
import { DEFAULT_DIRECTION_CODES } from '../src/indicators/indicator-store.js';
import { findPreset } from '../src/indicators/rating-presets.js';
import { syntheticIndicators } from './indicators.js';
import { seededRandom as prng } from './seeded-random.js';

/** Booleans as the text PostgreSQL reads into boolean[] (SqlParam has no boolean arrays). */
const bools = (xs: boolean[]): string[] => xs.map((x) => (x ? 't' : 'f'));
/** Array elements may be null: both drivers send them as SQL nulls; SqlParam does not spell nullable arrays. */
const nullable = (xs: (string | null)[]): string[] => xs as string[];

export interface SyntheticIndicatorsOptions {
  count: number;
  /** The plan's years: firstFiscalYear .. firstFiscalYear + years - 1. */
  firstFiscalYear: number;
  years: number;
  seed?: number;
}

const PER_ITEM = 3;
/** A rule on the synthetic scale's codes (A, B, C). */
const RULE_PRESET = 'ratio-a-c-110-95';

export async function addSyntheticIndicators(db: Db, planId: number, options: SyntheticIndicatorsOptions): Promise<{ indicators: number; items: number }> {
  const random = prng(options.seed ?? 4242);
  const series = syntheticIndicators(options.count, options.years, options.seed ?? 11, options.firstFiscalYear);
  return db.transaction(async (tx) => {
    const items = await leafItems(tx, planId, Math.ceil(options.count / PER_ITEM));
    const indicatorIds = await insertIndicators(tx, items, series);
    await insertSeries(tx, indicatorIds, series);
    await insertRule(tx, planId);
    await insertProposals(tx, items, random);
    const years = Array.from({ length: options.years }, (_, i) => options.firstFiscalYear + i);
    await insertDirections(tx, planId, items, years, random);
    await insertCosts(tx, items, years, random);
    return { indicators: indicatorIds.length, items: items.length };
  });
}

/** The plan's deepest items in document order, the first `n` of them. */
async function leafItems(tx: Queryable, planId: number, n: number): Promise<number[]> {
  const r = await tx.query<{ id: number }>(
    `select i.id from plan_items i where i.plan_id = $1 and not exists (select 1 from plan_items c where c.parent_id = i.id) order by i.code limit $2`,
    [planId, n],
  );
  if (r.rows.length < n) throw new Error(`the plan has ${r.rows.length} items without children, ${n} needed`);
  return r.rows.map((x) => x.id);
}

/** Returns the new indicator ids in the order of `series`. */
async function insertIndicators(tx: Queryable, items: number[], series: ReturnType<typeof syntheticIndicators>): Promise<number[]> {
  const r = await tx.query<{ id: number; itemId: number; position: number }>(
    `insert into indicators (item_id, name, unit, kind, direction, cumulative, decimals, position)
     select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::int[], $8::int[])
     returning id, item_id as "itemId", position`,
    [
      series.map((s) => items[s.itemId - 1]!),
      series.map((s) => s.name),
      series.map((s) => s.unit),
      series.map((s) => s.kind),
      series.map((s) => s.direction),
      bools(series.map((s) => s.cumulative)),
      series.map((s) => s.decimals),
      series.map((s) => s.position),
    ],
  );
  const byPlace = new Map(r.rows.map((x) => [`${x.itemId}/${x.position}`, x.id]));
  return series.map((s) => byPlace.get(`${items[s.itemId - 1]!}/${s.position}`)!);
}

async function insertSeries(tx: Queryable, ids: number[], series: ReturnType<typeof syntheticIndicators>): Promise<void> {
  const withBaseline = series.flatMap((s, i) => (s.baseline ? [{ id: ids[i]!, ...s.baseline }] : []));
  await tx.query('insert into indicator_baselines (indicator_id, fiscal_year, value) select * from unnest($1::int[], $2::int[], $3::numeric[])', [
    withBaseline.map((b) => b.id),
    withBaseline.map((b) => b.fiscalYear),
    withBaseline.map((b) => b.value),
  ]);
  const targets = series.flatMap((s, i) => s.targets.map((t) => ({ ...t, indicatorId: ids[i]! })));
  const targetIds = await tx.query<{ id: number; indicatorId: number; fiscalYear: number }>(
    `insert into indicator_targets (indicator_id, kind, fiscal_year, value) select * from unnest($1::int[], $2::text[], $3::int[], $4::numeric[])
     returning id, indicator_id as "indicatorId", fiscal_year as "fiscalYear"`,
    [targets.map((t) => t.indicatorId), targets.map((t) => t.kind), targets.map((t) => t.fiscalYear), targets.map((t) => t.value)],
  );
  const targetOf = new Map(targetIds.rows.map((t) => [`${t.indicatorId}/${t.fiscalYear}`, t.id]));
  const revisions = targets.flatMap((t) => t.revisions.map((r) => ({ targetId: targetOf.get(`${t.indicatorId}/${t.fiscalYear}`)!, ...r })));
  await tx.query(
    `insert into indicator_target_revisions (target_id, old_value, new_value, reason, decided_fiscal_year)
     select * from unnest($1::int[], $2::numeric[], $3::numeric[], $4::text[], $5::int[])`,
    unnestColumns(revisions, ['targetId', 'oldValue', 'newValue', 'reason', 'decidedFiscalYear']),
  );
  const actuals = series.flatMap((s, i) => s.actuals.map((a) => ({ id: ids[i]!, ...a })));
  await tx.query(
    `insert into indicator_actuals (indicator_id, fiscal_year, value, not_measurable, source_note)
     select * from unnest($1::int[], $2::int[], $3::numeric[], $4::boolean[], $5::text[])`,
    [
      actuals.map((a) => a.id),
      actuals.map((a) => a.fiscalYear),
      nullable(actuals.map((a) => a.value)),
      bools(actuals.map((a) => a.notMeasurable)),
      actuals.map((a) => a.sourceNote),
    ],
  );
}

async function insertRule(tx: Queryable, planId: number): Promise<void> {
  const preset = findPreset(RULE_PRESET)!;
  await tx.query('insert into rating_rules (plan_id, kind, name, parameters) values ($1, $2, $3, $4)', [
    planId,
    preset.rule.kind,
    preset.name,
    JSON.stringify(preset.rule.parameters),
  ]);
}

/** The rule's proposal on every rating of these items: the rating itself, or (one in twenty) another code with the reason. */
async function insertProposals(tx: Queryable, items: number[], random: () => number): Promise<void> {
  const ratings = await tx.query<{ id: number; code: string }>("select id, code from ratings where item_id = any($1::int[]) and code <> '—' order by id", [
    items,
  ]);
  const overridden = ratings.rows.map(() => random() < 0.05);
  await tx.query(
    `update ratings r set proposed_code = p.proposed, override_reason = p.reason
       from unnest($1::int[], $2::text[], $3::text[]) as p(id, proposed, reason) where r.id = p.id`,
    [
      ratings.rows.map((r) => r.id),
      ratings.rows.map((r, i) => (overridden[i] ? (r.code === 'A' ? 'B' : 'A') : r.code)),
      nullable(ratings.rows.map((_, i) => (overridden[i] ? '年度末の申請集中を含めると評価が変わるため。' : null))),
    ],
  );
}

async function insertDirections(tx: Queryable, planId: number, items: number[], years: number[], random: () => number): Promise<void> {
  const codes = await tx.query<{ id: number }>(
    `insert into direction_codes (plan_id, code, label, position) select $1, code, label, position from unnest($2::text[], $3::text[], $4::int[]) as t(code, label, position)
     returning id`,
    [planId, DEFAULT_DIRECTION_CODES.map((c) => c.code), DEFAULT_DIRECTION_CODES.map((c) => c.label), DEFAULT_DIRECTION_CODES.map((_, i) => i + 1)],
  );
  const ids = codes.rows.map((c) => c.id);
  const rows = items.flatMap((item) => years.map((fy) => ({ item, fy, code: ids[random() < 0.6 ? 1 : Math.floor(random() * ids.length)]! })));
  await tx.query(
    `insert into item_directions (item_id, fiscal_year, direction_code_id, note) select item, fy, code, note from unnest($1::int[], $2::int[], $3::int[], $4::text[]) as t(item, fy, code, note)`,
    [rows.map((r) => r.item), rows.map((r) => r.fy), rows.map((r) => r.code), rows.map((_, i) => (i % 7 === 0 ? '対象を広げて継続する' : ''))],
  );
}

async function insertCosts(tx: Queryable, items: number[], years: number[], random: () => number): Promise<void> {
  const rows = items.flatMap((item) =>
    years.map((fy) => {
      const project = Math.round(1000 + random() * 50000);
      const personnel = Math.round(500 + random() * 8000);
      const yen = random() < 0.1;
      const scale = yen ? 1000 : 1;
      return { item, fy, unit: yen ? '円' : '千円', project: project * scale, personnel: personnel * scale, general: Math.round(project * 0.6) * scale };
    }),
  );
  await tx.query(
    `insert into item_costs (item_id, fiscal_year, unit, project_cost, personnel_cost, total_cost, general_funds)
     select item, fy, unit, project, personnel, project + personnel, general from unnest($1::int[], $2::int[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[])
       as t(item, fy, unit, project, personnel, general)`,
    unnestColumns(rows, ['item', 'fy', 'unit', 'project', 'personnel', 'general']),
  );
}
