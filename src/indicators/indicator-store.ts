/**
 * Writes of indicators and the figures around them: indicators, baselines, targets and
 * their revisions, actuals, the plan's rating rule, 今後の方向性 (vocabulary and choices)
 * and costs. Each change is one transaction with its audit entry. Targets are never
 * updated: a change is a revision row, so every earlier judgement can be retraced.
 *
 * Who may write: the division and admins define indicators, targets, rules and the
 * vocabulary; a department also enters the actuals, directions and costs of its own items.
 */
import type { z } from 'zod';
import type { Db, Queryable, SqlParam } from '../db/db.js';
import { conflict, forbidden, invalidInput, notFound } from '../errors.js';
import { recordAudit, type AuditEntry } from '../audit/audit-log.js';
import { can } from '../auth/roles.js';
import { ownsItem, type Actor } from '../evaluations/workflow.js';
import {
  actualInput,
  baselineInput,
  costInput,
  directionChoiceInput,
  directionCodeInput,
  indicatorInput,
  revisionInput,
  targetInput,
  type ActualInput,
  type BaselineInput,
  type CostInput,
  type DirectionChoiceInput,
  type DirectionCodeInput,
  type IndicatorInput,
  type RevisionInput,
  type TargetInput,
} from './indicator-schema.js';
import { parseRule, ruleCodes, type RatingRule } from './rating-rules.js';
import { fundingMismatch } from './cost-rollup.js';

/** 今後の方向性 as most municipalities publish it; a plan may replace or extend the list. */
export const DEFAULT_DIRECTION_CODES: readonly { code: string; label: string }[] = ['拡充', '継続', '改善', '縮小', '統合', '廃止・休止', '完了'].map(
  (label) => ({ code: label, label }),
);

function valid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  throw invalidInput(Object.values(fields).join(' '), { fields });
}

const mayDefine = (actor: Actor) => can(actor.roles, 'manageRounds');
const mayEnter = (actor: Actor, departmentId: number | null) => mayDefine(actor) || ownsItem(actor, departmentId);

interface ItemRef {
  id: number;
  planId: number;
  departmentId: number | null;
}

async function itemRef(tx: Queryable, itemId: number): Promise<ItemRef> {
  const r = await tx.query<ItemRef>('select id, plan_id as "planId", department_id as "departmentId" from plan_items where id = $1', [itemId]);
  const item = r.rows[0];
  if (!item) throw notFound(`事務事業が見つかりません: id=${itemId}`);
  return item;
}

async function indicatorRef(tx: Queryable, indicatorId: number): Promise<ItemRef & { indicatorId: number }> {
  const r = await tx.query<ItemRef & { indicatorId: number }>(
    `select x.id as "indicatorId", i.id, i.plan_id as "planId", i.department_id as "departmentId"
       from indicators x join plan_items i on i.id = x.item_id where x.id = $1`,
    [indicatorId],
  );
  const ref = r.rows[0];
  if (!ref) throw notFound(`指標が見つかりません: id=${indicatorId}`);
  return ref;
}

function requireDefine(actor: Actor): void {
  if (!mayDefine(actor)) throw forbidden('指標・目標値・評価の規則を設定する権限がありません。');
}

/** The item whose figures a department enters, refused (`refusal`) to anyone who may not enter them. */
async function enterableItem(tx: Queryable, itemId: number, actor: Actor, refusal: string): Promise<ItemRef> {
  const item = await itemRef(tx, itemId);
  if (!mayEnter(actor, item.departmentId)) throw forbidden(refusal);
  return item;
}

/** Inserts one row and returns its id. */
async function insertReturningId(tx: Queryable, sql: string, params: readonly SqlParam[]): Promise<number> {
  const r = await tx.query<{ id: number }>(sql, params);
  return r.rows[0]!.id;
}

/** Who did what to which of an indicator's targets: the audit record a target's writes share, before their own before and after. */
function targetAudit(actor: Actor, action: 'create' | 'revise', ref: ItemRef, targetId: number): AuditEntry {
  return { actor: actor.login, action, entity: 'indicator_target', entityId: targetId, planId: ref.planId, itemId: ref.id };
}

type Statement = readonly [sql: string, params: readonly SqlParam[]];

/**
 * Creates or replaces one row (a baseline, an actual, a rule, a direction, a year's costs):
 * `read` selects the row as it was, `write` upserts it, and the audit entry records the
 * old row as before, with 'update' when there was one and 'create' when there was none.
 */
async function replaceRow(tx: Queryable, actor: Actor, change: { read: Statement; write: Statement; audit: Omit<AuditEntry, 'actor' | 'action' | 'before'> }) {
  const before = await tx.query(...change.read);
  await tx.query(...change.write);
  await recordAudit(tx, { actor: actor.login, action: before.rowCount ? 'update' : 'create', ...change.audit, before: before.rows[0] });
}

export async function createIndicator(db: Db, itemId: number, input: IndicatorInput, actor: Actor): Promise<number> {
  requireDefine(actor);
  const v = valid(indicatorInput, input);
  return db.transaction(async (tx) => {
    const item = await itemRef(tx, itemId);
    const id = await insertReturningId(
      tx,
      `insert into indicators (item_id, name, unit, kind, direction, cumulative, decimals, position)
       values ($1, $2, $3, $4, $5, $6, $7, (select coalesce(max(position), 0) + 1 from indicators where item_id = $1)) returning id`,
      [itemId, v.name, v.unit, v.kind, v.direction, v.cumulative, v.decimals],
    );
    await recordAudit(tx, { actor: actor.login, action: 'create', entity: 'indicator', entityId: id, planId: item.planId, itemId, after: v });
    return id;
  });
}

export async function setBaseline(db: Db, indicatorId: number, input: BaselineInput, actor: Actor): Promise<void> {
  requireDefine(actor);
  const v = valid(baselineInput, input);
  await db.transaction(async (tx) => {
    const ref = await indicatorRef(tx, indicatorId);
    await replaceRow(tx, actor, {
      read: ['select fiscal_year as "fiscalYear", value::text as value from indicator_baselines where indicator_id = $1', [indicatorId]],
      write: [
        `insert into indicator_baselines (indicator_id, fiscal_year, value) values ($1, $2, $3::numeric)
         on conflict (indicator_id) do update set fiscal_year = excluded.fiscal_year, value = excluded.value`,
        [indicatorId, v.fiscalYear, v.value],
      ],
      audit: { entity: 'indicator_baseline', entityId: indicatorId, planId: ref.planId, itemId: ref.id, after: v },
    });
  });
}

/** A new target; an existing one is changed only by `reviseTarget`. */
export async function addTarget(db: Db, indicatorId: number, input: TargetInput, actor: Actor): Promise<number> {
  requireDefine(actor);
  const v = valid(targetInput, input);
  return db.transaction(async (tx) => {
    const ref = await indicatorRef(tx, indicatorId);
    const dup = await tx.query(
      `select 1 from indicator_targets where indicator_id = $1 and (kind = 'final' and $2 = 'final' or kind = $2 and fiscal_year = $3)`,
      [indicatorId, v.kind, v.fiscalYear],
    );
    if (dup.rowCount > 0)
      throw conflict(
        v.kind === 'final'
          ? 'この指標には最終目標が既にあります。変更は目標値の見直しとして登録してください。'
          : `${v.fiscalYear}年度の目標値は既にあります。変更は目標値の見直しとして登録してください。`,
      );
    const id = await insertReturningId(
      tx,
      'insert into indicator_targets (indicator_id, kind, fiscal_year, value) values ($1, $2, $3, $4::numeric) returning id',
      [indicatorId, v.kind, v.fiscalYear, v.value],
    );
    await recordAudit(tx, { ...targetAudit(actor, 'create', ref, id), after: { indicatorId, ...v } });
    return id;
  });
}

/** Records a revision; its old value is the target's current value (after every earlier revision). */
export async function reviseTarget(db: Db, targetId: number, input: RevisionInput, actor: Actor): Promise<number> {
  requireDefine(actor);
  const v = valid(revisionInput, input);
  return db.transaction(async (tx) => {
    const t = await tx.query<{ indicatorId: number; current: string }>(
      `select t.indicator_id as "indicatorId",
              coalesce((select r.new_value from indicator_target_revisions r where r.target_id = t.id order by r.decided_fiscal_year desc, r.id desc limit 1), t.value)::text as current
         from indicator_targets t where t.id = $1 for update`,
      [targetId],
    );
    const target = t.rows[0];
    if (!target) throw notFound(`目標値が見つかりません: id=${targetId}`);
    const latest = await tx.query<{ year: number | null }>('select max(decided_fiscal_year) as year from indicator_target_revisions where target_id = $1', [
      targetId,
    ]);
    const lastYear = latest.rows[0]?.year ?? null;
    if (lastYear !== null && v.decidedFiscalYear < lastYear)
      throw invalidInput(`${lastYear}年度の見直しより前の年度の見直しは登録できません。`, { fields: { decidedFiscalYear: '見直しの年度が前回より前です。' } });
    const ref = await indicatorRef(tx, target.indicatorId);
    const id = await insertReturningId(
      tx,
      'insert into indicator_target_revisions (target_id, old_value, new_value, reason, decided_fiscal_year) values ($1, $2::numeric, $3::numeric, $4, $5) returning id',
      [targetId, target.current, v.newValue, v.reason, v.decidedFiscalYear],
    );
    await recordAudit(tx, {
      ...targetAudit(actor, 'revise', ref, targetId),
      before: { value: target.current },
      after: { value: v.newValue, reason: v.reason, decidedFiscalYear: v.decidedFiscalYear, revisionId: id },
    });
    return id;
  });
}

export async function saveActual(db: Db, indicatorId: number, fiscalYear: number, input: ActualInput, actor: Actor): Promise<void> {
  const v = valid(actualInput, input);
  if (!Number.isInteger(fiscalYear)) throw invalidInput('年度が正しくありません。');
  await db.transaction(async (tx) => {
    const ref = await indicatorRef(tx, indicatorId);
    if (!mayEnter(actor, ref.departmentId)) throw forbidden('この指標の実績を入力する権限がありません。');
    await replaceRow(tx, actor, {
      read: [
        'select value::text as value, not_measurable as "notMeasurable", source_note as "sourceNote" from indicator_actuals where indicator_id = $1 and fiscal_year = $2',
        [indicatorId, fiscalYear],
      ],
      write: [
        `insert into indicator_actuals (indicator_id, fiscal_year, value, not_measurable, source_note) values ($1, $2, $3::numeric, $4, $5)
         on conflict (indicator_id, fiscal_year) do update set value = excluded.value, not_measurable = excluded.not_measurable, source_note = excluded.source_note, updated_at = now()`,
        [indicatorId, fiscalYear, v.value, v.notMeasurable, v.sourceNote],
      ],
      audit: { entity: 'indicator_actual', entityId: `${indicatorId}:${fiscalYear}`, planId: ref.planId, itemId: ref.id, after: { fiscalYear, ...v } },
    });
  });
}

export type RuleOwner = { planId: number } | { scaleId: number };

/** Sets the rule of a plan (or of every plan on a scale); its codes must be codes of that scale. */
export async function setRatingRule(db: Db, owner: RuleOwner, rule: { kind: string; parameters: unknown; name?: string }, actor: Actor): Promise<RatingRule> {
  requireDefine(actor);
  let parsed: RatingRule;
  try {
    parsed = parseRule(rule);
  } catch (error) {
    const issues = (error as { issues?: { message: string }[] }).issues;
    throw invalidInput(issues?.map((i) => i.message).join(' ') || '評価の規則が正しくありません。');
  }
  return db.transaction(async (tx) => {
    const scale = await tx.query<{ scaleId: number; planId: number | null }>(
      'planId' in owner
        ? 'select rating_scale_id as "scaleId", id as "planId" from plans where id = $1'
        : 'select id as "scaleId", null::int as "planId" from rating_scales where id = $1',
      ['planId' in owner ? owner.planId : owner.scaleId],
    );
    const target = scale.rows[0];
    if (!target) throw notFound('planId' in owner ? '計画が見つかりません。' : '評価の尺度が見つかりません。');
    const codes = await tx.query<{ code: string }>('select code from rating_codes where scale_id = $1', [target.scaleId]);
    const known = new Set(codes.rows.map((c) => c.code));
    const unknown = ruleCodes(parsed).filter((c) => !known.has(c));
    if (unknown.length > 0) throw invalidInput(`評価の尺度にない記号が規則に含まれています: ${unknown.join('、')}`);
    const column = 'planId' in owner ? 'plan_id' : 'scale_id';
    const ownerId = 'planId' in owner ? owner.planId : owner.scaleId;
    await replaceRow(tx, actor, {
      read: [`select kind, parameters from rating_rules where ${column} = $1`, [ownerId]],
      write: [
        `insert into rating_rules (${column}, kind, name, parameters) values ($1, $2, $3, $4::jsonb)
         on conflict (${column}) do update set kind = excluded.kind, name = excluded.name, parameters = excluded.parameters, updated_at = now()`,
        [ownerId, parsed.kind, rule.name ?? '', JSON.stringify(parsed.parameters)],
      ],
      audit: { entity: 'rating_rule', entityId: `${column}:${ownerId}`, planId: target.planId, after: parsed },
    });
    return parsed;
  });
}

/** Gives the plan the default 今後の方向性 list when it has none yet; returns how many codes were added. */
export async function ensureDirectionCodes(db: Db, planId: number, actor: Actor): Promise<number> {
  requireDefine(actor);
  return db.transaction(async (tx) => {
    const any = await tx.query('select 1 from direction_codes where plan_id = $1 limit 1', [planId]);
    if (any.rowCount > 0) return 0;
    await tx.query(
      `insert into direction_codes (plan_id, code, label, position) select $1, c, l, p from unnest($2::text[], $3::text[]) with ordinality as x(c, l, p)`,
      [planId, DEFAULT_DIRECTION_CODES.map((d) => d.code), DEFAULT_DIRECTION_CODES.map((d) => d.label)],
    );
    await recordAudit(tx, { actor: actor.login, action: 'create', entity: 'direction_codes', planId, after: DEFAULT_DIRECTION_CODES });
    return DEFAULT_DIRECTION_CODES.length;
  });
}

export async function addDirectionCode(db: Db, planId: number, input: DirectionCodeInput, actor: Actor): Promise<void> {
  requireDefine(actor);
  const v = valid(directionCodeInput, input);
  await db.transaction(async (tx) => {
    const dup = await tx.query('select 1 from direction_codes where plan_id = $1 and code = $2', [planId, v.code]);
    if (dup.rowCount > 0) throw conflict(`方向性のコード「${v.code}」は既にあります。`);
    await tx.query(
      'insert into direction_codes (plan_id, code, label, position) values ($1, $2, $3, (select coalesce(max(position), 0) + 1 from direction_codes where plan_id = $1))',
      [planId, v.code, v.label],
    );
    await recordAudit(tx, { actor: actor.login, action: 'create', entity: 'direction_code', entityId: v.code, planId, after: v });
  });
}

export async function chooseDirection(db: Db, itemId: number, fiscalYear: number, input: DirectionChoiceInput, actor: Actor): Promise<void> {
  const v = valid(directionChoiceInput, input);
  await db.transaction(async (tx) => {
    const item = await enterableItem(tx, itemId, actor, 'この事務事業の今後の方向性を入力する権限がありません。');
    const code = await tx.query<{ id: number }>('select id from direction_codes where plan_id = $1 and code = $2', [item.planId, v.code]);
    const codeId = code.rows[0]?.id;
    if (codeId === undefined)
      throw invalidInput(`今後の方向性「${v.code}」はこの計画の選択肢にありません。`, { fields: { code: '選択肢から選んでください。' } });
    await replaceRow(tx, actor, {
      read: [
        'select c.code, d.note from item_directions d join direction_codes c on c.id = d.direction_code_id where d.item_id = $1 and d.fiscal_year = $2',
        [itemId, fiscalYear],
      ],
      write: [
        `insert into item_directions (item_id, fiscal_year, direction_code_id, note) values ($1, $2, $3, $4)
         on conflict (item_id, fiscal_year) do update set direction_code_id = excluded.direction_code_id, note = excluded.note, updated_at = now()`,
        [itemId, fiscalYear, codeId, v.note],
      ],
      audit: { entity: 'item_direction', entityId: `${itemId}:${fiscalYear}`, planId: item.planId, itemId, after: { fiscalYear, ...v } },
    });
  });
}

/** Saves an item's costs for a year; funding sources that do not add up to 事業費 are refused. */
export async function saveCost(db: Db, itemId: number, fiscalYear: number, input: CostInput, actor: Actor): Promise<void> {
  const v = valid(costInput, input);
  const mismatch = fundingMismatch(v);
  if (mismatch) throw invalidInput(mismatch, { fields: { generalFunds: mismatch } });
  await db.transaction(async (tx) => {
    const item = await enterableItem(tx, itemId, actor, 'この事務事業の事業費を入力する権限がありません。');
    await replaceRow(tx, actor, {
      read: [
        'select unit, project_cost::text, personnel_cost::text, total_cost::text, note from item_costs where item_id = $1 and fiscal_year = $2',
        [itemId, fiscalYear],
      ],
      write: [
        `insert into item_costs (item_id, fiscal_year, unit, project_cost, personnel_cost, total_cost, national_prefectural_funds, local_bonds, other_funds, general_funds, note)
         values ($1, $2, $3, $4::numeric, $5::numeric, $6::numeric, $7::numeric, $8::numeric, $9::numeric, $10::numeric, $11)
         on conflict (item_id, fiscal_year) do update set unit = excluded.unit, project_cost = excluded.project_cost, personnel_cost = excluded.personnel_cost,
           total_cost = excluded.total_cost, national_prefectural_funds = excluded.national_prefectural_funds, local_bonds = excluded.local_bonds,
           other_funds = excluded.other_funds, general_funds = excluded.general_funds, note = excluded.note, updated_at = now()`,
        [
          itemId,
          fiscalYear,
          v.unit,
          v.projectCost,
          v.personnelCost,
          v.totalCost,
          v.nationalPrefecturalFunds,
          v.localBonds,
          v.otherFunds,
          v.generalFunds,
          v.note,
        ],
      ],
      audit: { entity: 'item_cost', entityId: `${itemId}:${fiscalYear}`, planId: item.planId, itemId, after: { fiscalYear, ...v } },
    });
  });
}
