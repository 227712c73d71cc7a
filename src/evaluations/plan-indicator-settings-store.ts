/**
 * Writes of the indicator part of a plan's settings: its rating rule, its 今後の方向性 list
 * and whether departments enter costs. Each is one transaction with its audit entry, taken
 * under the plan's row lock and refused (`conflict`) when what the form was loaded from
 * has changed since, so two people never overwrite each other silently.
 */
import type { Db, Queryable } from '../db/db.js';
import { forbidden, invalidInput, invalidState } from '../errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { can } from '../auth/roles.js';
import { ruleCodes, type RatingRule } from '../indicators/rating-rules.js';
import { loadPlanIndicatorSettings } from './plan-indicator-settings-queries.js';
import type { Actor } from './workflow.js';

export type SettingsSaveResult = { kind: 'saved' } | { kind: 'conflict' };

async function begin(tx: Queryable, planId: number, actor: Actor) {
  if (!can(actor.roles, 'managePlans')) throw forbidden('計画の設定を変更する権限がありません。');
  await tx.query('select 1 from plans where id = $1 for update', [planId]);
  return loadPlanIndicatorSettings(tx, planId);
}

/**
 * The plan's own rule; its codes must be codes of the plan's scale. Refused while a round
 * of the plan is open or closed and not yet published: its entries keep the proposal the
 * rule made when they were saved, and the division reviewed them against it.
 */
export async function savePlanRule(
  db: Db,
  planId: number,
  input: { rule: RatingRule; name: string; stamp: string },
  actor: Actor,
): Promise<SettingsSaveResult> {
  return db.transaction(async (tx) => {
    const current = await begin(tx, planId, actor);
    if (current.stamps.rule !== input.stamp) return { kind: 'conflict' } as const;
    const unknown = ruleCodes(input.rule).filter((c) => !current.scaleCodes.includes(c));
    if (unknown.length > 0)
      throw invalidInput(`評価の尺度（${current.scaleCodes.join('・')}）にない記号が規則に含まれています: ${unknown.join('、')}`, { field: 'parameters' });
    const active = await tx.query<{ fiscalYear: number }>(
      `select fiscal_year as "fiscalYear" from evaluation_rounds where plan_id = $1 and status in ('open', 'closed') order by fiscal_year`,
      [planId],
    );
    if (active.rows.length > 0)
      throw invalidState(
        `公表前の評価の回（${active.rows.map((r) => `${r.fiscalYear}年度`).join('・')}）があるため、評価の規則は変更できません。公表してから変更してください。`,
      );
    await tx.query(
      `insert into rating_rules (plan_id, kind, name, parameters) values ($1, $2, $3, $4::jsonb)
       on conflict (plan_id) do update set kind = excluded.kind, name = excluded.name, parameters = excluded.parameters, updated_at = clock_timestamp()`,
      [planId, input.rule.kind, input.name, JSON.stringify(input.rule.parameters)],
    );
    await recordAudit(tx, {
      actor: actor.login,
      action: current.stamps.rule ? 'update' : 'create',
      entity: 'rating_rule',
      entityId: `plan_id:${planId}`,
      planId,
      before: current.rule?.owner === 'plan' ? { name: current.rule.name, ...current.rule.rule } : null,
      after: { name: input.name, ...input.rule },
    });
    return { kind: 'saved' } as const;
  });
}

/**
 * The plan's 今後の方向性 list, in the order given: new codes are added, kept ones take
 * their new place, and codes no entry or published choice uses are removed. Removing a
 * code in use is refused with the codes named.
 */
export async function saveDirectionCodes(
  db: Db,
  planId: number,
  input: { codes: { code: string; label: string }[]; stamp: string },
  actor: Actor,
): Promise<SettingsSaveResult> {
  return db.transaction(async (tx) => {
    const current = await begin(tx, planId, actor);
    if (current.stamps.directions !== input.stamp) return { kind: 'conflict' } as const;
    const wanted = new Set(input.codes.map((c) => c.code));
    const removed = current.directionCodes.filter((c) => !wanted.has(c.code));
    if (removed.length > 0) {
      const used = await tx.query<{ code: string }>(
        `select c.code from direction_codes c where c.id = any($1::int[])
            and (exists (select 1 from item_directions d where d.direction_code_id = c.id)
                 or exists (select 1 from round_entries e join evaluation_rounds r on r.id = e.round_id where r.plan_id = $2 and e.direction_code = c.code))
          order by c.position`,
        [removed.map((c) => c.id), planId],
      );
      if (used.rows.length > 0) throw invalidInput(`使われている区分は削除できません: ${used.rows.map((r) => r.code).join('、')}`, { field: 'codes' });
      await tx.query('delete from direction_codes where id = any($1::int[])', [removed.map((c) => c.id)]);
    }
    // Positions are rewritten past the current ones first, so (plan, position) never collides midway.
    await tx.query('update direction_codes set position = position + 100000 where plan_id = $1', [planId]);
    for (const [i, c] of input.codes.entries()) {
      await tx.query(
        `insert into direction_codes (plan_id, code, label, position) values ($1, $2, $3, $4)
         on conflict (plan_id, code) do update set label = excluded.label, position = excluded.position`,
        [planId, c.code, c.label, i + 1],
      );
    }
    await recordAudit(tx, {
      actor: actor.login,
      action: 'update',
      entity: 'direction_codes',
      planId,
      before: current.directionCodes.map(({ code, label }) => ({ code, label })),
      after: input.codes,
    });
    return { kind: 'saved' } as const;
  });
}

/** Whether departments enter the costs of their items. */
export async function saveCostsEnabled(db: Db, planId: number, input: { costsEnabled: boolean; stamp: string }, actor: Actor): Promise<SettingsSaveResult> {
  return db.transaction(async (tx) => {
    const current = await begin(tx, planId, actor);
    if (current.stamps.costs !== input.stamp) return { kind: 'conflict' } as const;
    // The settings' own version is left alone: this switch is not part of their form.
    await tx.query(
      'insert into plan_settings (plan_id, costs_enabled) values ($1, $2) on conflict (plan_id) do update set costs_enabled = excluded.costs_enabled',
      [planId, input.costsEnabled],
    );
    await recordAudit(tx, {
      actor: actor.login,
      action: 'update',
      entity: 'plan-settings',
      entityId: planId,
      planId,
      before: { costsEnabled: current.costsEnabled },
      after: { costsEnabled: input.costsEnabled },
    });
    return { kind: 'saved' } as const;
  });
}
