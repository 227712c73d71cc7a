/**
 * Writes a plan's workflow settings and words (plan_settings) with optimistic locking
 * (version 0 = no row yet), audited in the same transaction with what was before.
 */
import type { Db } from '../db/db.js';
import { forbidden, invalidInput } from '../errors.js';
import { recordAudit } from '../audit/audit-log.js';
import { can } from '../auth/roles.js';
import type { Actor } from './workflow.js';
import { loadPlanVocabularyNow, resolveVocabulary, type StoredPlanSettings } from './plan-settings-queries.js';
import type { PlanSettingsInput } from './plan-settings-schema.js';

export type PlanSettingsResult = { kind: 'saved' } | { kind: 'conflict'; current: StoredPlanSettings | null };

export async function savePlanSettings(
  db: Db,
  planId: number,
  input: PlanSettingsInput,
  expectedVersion: number,
  actor: Actor & { id: number },
): Promise<PlanSettingsResult> {
  if (!can(actor.roles, 'managePlans')) throw forbidden('計画の設定を変更する権限がありません。');
  return db.transaction(async (tx) => {
    await tx.query('select 1 from plans where id = $1 for update', [planId]);
    const current = await loadPlanVocabularyNow(tx, planId);
    const before = current.stored;
    if ((before?.version ?? 0) !== expectedVersion) return { kind: 'conflict', current: before };
    // A round under way has one entry per item of the rated tier: that tier stays until it is published.
    const next = resolveVocabulary(planId, current.tiers, { ...input, version: 0 }, null, current.primaryRated);
    if (next.ratedLevel !== current.ratedLevel) {
      const running = await tx.query("select 1 from evaluation_rounds where plan_id = $1 and status in ('open', 'closed') limit 1", [planId]);
      if (running.rowCount > 0)
        throw invalidInput('入力受付中または締切後の評価の回があるため、評価する階層は変更できません。公表した後に変更してください。', { field: 'ratedLevel' });
    }
    const values = [
      planId,
      input.ratedLevel,
      input.boardLevel,
      input.divisionLevels,
      input.expertLevels,
      input.planOpinionRole,
      input.divisionName,
      input.departmentTitle,
      input.divisionTitle,
      input.expertTitle,
      input.yearlyLabel,
      input.midtermLabel,
      input.finalLabel,
      actor.id,
    ];
    await tx.query(
      `insert into plan_settings (plan_id, rated_level, board_level, division_levels, expert_levels, plan_opinion_role, division_name,
                                  department_title, division_title, expert_title, yearly_label, midterm_label, final_label, updated_by)
       values ($1, $2, $3, $4::int[], $5::int[], $6, $7, $8, $9, $10, $11, $12, $13, $14)
       on conflict (plan_id) do update set rated_level = excluded.rated_level, board_level = excluded.board_level,
              division_levels = excluded.division_levels, expert_levels = excluded.expert_levels, plan_opinion_role = excluded.plan_opinion_role,
              division_name = excluded.division_name, department_title = excluded.department_title, division_title = excluded.division_title,
              expert_title = excluded.expert_title, yearly_label = excluded.yearly_label, midterm_label = excluded.midterm_label,
              final_label = excluded.final_label, updated_by = excluded.updated_by, updated_at = now(), version = plan_settings.version + 1`,
      values,
    );
    // The settings are part of the plan the public side shows (its authors' names): touching
    // the plan row moves the portal's change counter and fingerprint, so its cache reloads.
    await tx.query('update plans set updated_at = now() where id = $1', [planId]);
    const { version: _v, ...beforeValues } = before ?? { version: 0 };
    await recordAudit(tx, {
      actor: actor.login,
      action: 'save',
      entity: 'plan-settings',
      entityId: planId,
      planId,
      before: before ? beforeValues : null,
      after: input,
    });
    return { kind: 'saved' };
  });
}
