/**
 * The indicator part of a plan's settings, as the settings screen shows it: the plan's own
 * rating rule (or its scale's), the presets to choose from, the 今後の方向性 list and
 * whether departments enter costs. Each part carries a stamp of what was read, so a save
 * based on an older reading is refused instead of overwriting. Nothing here writes.
 */
import type { Queryable } from '../db/db.js';
import { loadDirectionCodes, type DirectionCode } from '../indicators/indicator-queries.js';
import { parseRule, type RatingRule } from '../indicators/rating-rules.js';
import { describeRule } from '../indicators/rule-words.js';
import { costsEnabled } from './entry-figures-queries.js';
import { loadPlanVocabularyNow } from './plan-settings-queries.js';

export interface PlanIndicatorSettings {
  /** The rule in effect: the plan's own, else its scale's; null when ratings are entered by hand. */
  rule: { rule: RatingRule; name: string; owner: 'plan' | 'scale'; words: string[] } | null;
  /** The codes of the rated tier's scale (a rule may use only these). */
  scaleCodes: string[];
  directionCodes: DirectionCode[];
  costsEnabled: boolean;
  stamps: { rule: string; directions: string; costs: string };
}

export async function loadPlanIndicatorSettings(db: Queryable, planId: number): Promise<PlanIndicatorSettings> {
  // One after another: the stores read this inside their transaction, on one connection.
  // The rated tier's scale (the plan's when the tier has none): the one the entries are rated on.
  const { ratedLevel } = await loadPlanVocabularyNow(db, planId);
  const rules = await db.query<{ kind: string; parameters: unknown; name: string; owner: 'plan' | 'scale'; stamp: string }>(
    `select r.kind, r.parameters, r.name, case when r.plan_id is null then 'scale' else 'plan' end as owner, r.updated_at::text as stamp
       from plans p left join plan_tiers t on t.plan_id = p.id and t.level = $2
       join rating_rules r on r.plan_id = p.id or r.scale_id = coalesce(t.rating_scale_id, p.rating_scale_id)
      where p.id = $1 order by r.plan_id is null`,
    [planId, ratedLevel],
  );
  const codes = await db.query<{ code: string }>(
    `select c.code from plans p left join plan_tiers t on t.plan_id = p.id and t.level = $2
       join rating_codes c on c.scale_id = coalesce(t.rating_scale_id, p.rating_scale_id)
      where p.id = $1 order by c.position`,
    [planId, ratedLevel],
  );
  const directionCodes = await loadDirectionCodes(db, planId);
  const costs = await costsEnabled(db, planId);
  const row = rules.rows[0];
  const rule = row ? parseRule(row) : null;
  return {
    rule: row && rule ? { rule, name: row.name, owner: row.owner, words: describeRule(rule) } : null,
    scaleCodes: codes.rows.map((c) => c.code),
    directionCodes,
    costsEnabled: costs,
    stamps: {
      rule: rules.rows.find((r) => r.owner === 'plan')?.stamp ?? '',
      directions: directionStamp(directionCodes),
      costs: costs ? 'on' : 'off',
    },
  };
}

/** The list as read: its codes and labels in order. */
export function directionStamp(codes: readonly { code: string; label: string }[]): string {
  return codes.map((c) => `${c.code}=${c.label}`).join('\n');
}
