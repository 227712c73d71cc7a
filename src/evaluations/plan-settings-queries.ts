/**
 * A plan's workflow settings and words (plan_settings), resolved with their defaults:
 * which tier departments rate, which tier the completion board counts by, at which
 * tiers the reviewing division and the outside expert write opinions, the division's
 * name, role titles and round-kind names. Pages and stores take these from here and
 * never name a municipality's words themselves. Nothing here writes.
 *
 * Defaults, for a plan that sets nothing (the sample keeps its behaviour):
 *   rated tier      the plan's primary rated tier (plans/rated-tiers.ts: the deepest tier bound
 *                   to a scale, else the deepest tier with ratings, else the deepest tier)
 *   division        the second tier (the first when only one tier is above the rated one)
 *   expert          the first tier (none when only one tier is above the rated one), and the whole plan
 *   board           the deepest tier the division writes at, else the tier above the rated one
 *   division's name as the plan's imported report names it in its opinion headings, else the role title
 *   role titles and round kinds: the generic words of auth/roles.ts and round-kinds.ts
 */
import { ChangeCounterCache } from '../db/change-counter.js';
import type { Queryable } from '../db/db.js';
import { ROLE_LABELS } from '../auth/roles.js';
import { loadRatedTiers } from '../plans/plan-queries.js';
import { primaryTier } from '../plans/rated-tiers.js';
import type { Lang } from '../web/preferences.js';
import { roundKindLabel, type RoundKind } from './round-kinds.js';

export type OpinionRole = 'division' | 'expert';
export type WorkflowRole = 'department' | OpinionRole;

export interface PlanTier {
  level: number;
  name: string;
  /** The tier carries its own scale (plan_tiers.rating_scale_id). */
  hasScale: boolean;
}

/** The settings stored and typed alike: single levels, the plan's opinion author and the words (null: the default). */
export interface PlanSettingsFields {
  ratedLevel: number | null;
  boardLevel: number | null;
  planOpinionRole: OpinionRole | 'none' | null;
  divisionName: string | null;
  departmentTitle: string | null;
  divisionTitle: string | null;
  expertTitle: string | null;
  yearlyLabel: string | null;
  midtermLabel: string | null;
  finalLabel: string | null;
}

/** What plan_settings holds for a plan, as stored (null: the default). */
export interface StoredPlanSettings extends PlanSettingsFields {
  divisionLevels: number[] | null;
  expertLevels: number[] | null;
  version: number;
}

export interface PlanVocabulary {
  planId: number;
  tiers: PlanTier[];
  ratedLevel: number;
  /** The tier the completion board counts by; null: totals only. */
  boardLevel: number | null;
  divisionLevels: number[];
  expertLevels: number[];
  /** Who writes on the whole plan; null: nobody. */
  planOpinionRole: OpinionRole | null;
  /** The division's name from the settings or, failing that, from the plan's imported report. */
  divisionName: string | null;
  /** The division's name as the plan's imported report gives it (the default of divisionName). */
  importedDivisionName: string | null;
  /** Stored words (null: the generic default in the reader's language). */
  titles: Record<WorkflowRole, string | null>;
  kindLabels: Record<RoundKind, string | null>;
  /** The row as stored, for the settings form; null when the plan has none. */
  stored: StoredPlanSettings | null;
  /** The rated tier when the settings leave it to the default (the plan's primary rated tier). */
  primaryRated: number;
}

const SETTINGS_COLUMNS = `rated_level as "ratedLevel", board_level as "boardLevel", division_levels as "divisionLevels", expert_levels as "expertLevels",
  plan_opinion_role as "planOpinionRole", division_name as "divisionName", department_title as "departmentTitle", division_title as "divisionTitle",
  expert_title as "expertTitle", yearly_label as "yearlyLabel", midterm_label as "midtermLabel", final_label as "finalLabel", version`;

/** The settings row of a plan as stored, or null. */
export async function loadStoredPlanSettings(db: Queryable, planId: number): Promise<StoredPlanSettings | null> {
  return (await db.query<StoredPlanSettings>(`select ${SETTINGS_COLUMNS} from plan_settings where plan_id = $1`, [planId])).rows[0] ?? null;
}

/** The reviewing division as an imported report names it: "（デジタル推進課）" at the end of its opinion headings. */
async function importedDivisionName(db: Queryable, planId: number): Promise<string | null> {
  const r = await db.query<{ heading: string }>(
    `select s.heading from round_sections s join evaluation_rounds r on r.id = s.round_id
      where r.plan_id = $1 and s.key like 'division-opinion%' order by r.fiscal_year desc, s.position limit 20`,
    [planId],
  );
  for (const { heading } of r.rows) {
    const named = /[（(]([^（）()]+)[）)]\s*$/.exec(heading);
    if (named?.[1]) return named[1].trim();
  }
  return null;
}

/**
 * The defaults and the stored settings together; levels outside the plan's tiers are
 * ignored. `primaryRated` is the plan's primary rated tier when known (else: the deepest
 * tier bound to a scale, else the deepest tier).
 */
export function resolveVocabulary(
  planId: number,
  tiers: readonly PlanTier[],
  stored: StoredPlanSettings | null,
  importedDivision: string | null,
  primaryRated?: number,
): PlanVocabulary {
  const levels = new Set(tiers.map((t) => t.level));
  const deepest = Math.max(1, ...tiers.map((t) => t.level));
  const scaled = tiers.filter((t) => t.hasScale).map((t) => t.level);
  const fallback = primaryRated !== undefined && levels.has(primaryRated) ? primaryRated : scaled.length ? Math.max(...scaled) : deepest;
  const ratedLevel = stored?.ratedLevel && levels.has(stored.ratedLevel) ? stored.ratedLevel : fallback;
  const above = (list: readonly number[]) => [...new Set(list)].filter((l) => levels.has(l) && l < ratedLevel).sort((a, b) => a - b);
  const divisionLevels = above(stored?.divisionLevels ?? (ratedLevel >= 3 ? [2] : [1]));
  const expertLevels = above(stored?.expertLevels ?? (ratedLevel >= 3 ? [1] : [])).filter((l) => !divisionLevels.includes(l));
  const boardDefault = divisionLevels.length ? Math.max(...divisionLevels) : ratedLevel - 1;
  const board = stored?.boardLevel ?? boardDefault;
  const role = stored?.planOpinionRole ?? 'expert';
  return {
    planId,
    tiers: [...tiers],
    ratedLevel,
    boardLevel: levels.has(board) && board < ratedLevel ? board : null,
    divisionLevels,
    expertLevels,
    planOpinionRole: role === 'none' ? null : role,
    divisionName: stored?.divisionName ?? importedDivision,
    importedDivisionName: importedDivision,
    titles: { department: stored?.departmentTitle ?? null, division: stored?.divisionTitle ?? null, expert: stored?.expertTitle ?? null },
    kindLabels: { yearly: stored?.yearlyLabel ?? null, midterm: stored?.midtermLabel ?? null, final: stored?.finalLabel ?? null },
    stored,
    primaryRated: fallback,
  };
}

/** What the rated and the board tier would be if the settings left them to the default (the rest as stored). */
export function defaultLevels(v: PlanVocabulary): { ratedLevel: number; boardLevel: number | null } {
  const without = (key: 'ratedLevel' | 'boardLevel') => (v.stored ? { ...v.stored, [key]: null } : null);
  return {
    ratedLevel: v.primaryRated,
    boardLevel: resolveVocabulary(v.planId, v.tiers, without('boardLevel'), null, v.primaryRated).boardLevel,
  };
}

/** Everything a workflow page or store needs to know about how the plan is evaluated and what it calls things. */
export async function loadPlanVocabulary(db: Queryable, planId: number): Promise<PlanVocabulary> {
  return vocabularies.get(db, planId, () => assembleVocabulary(db, planId));
}

/**
 * Every table the vocabulary reads (tiers, settings, sections, rounds, items, ratings) moves
 * the change counter: kept until it moves, the vocabulary costs one one-row query a request
 * instead of a scan of the plan's ratings (every workflow page asks for it).
 */
const vocabularies = new ChangeCounterCache<number, PlanVocabulary>(64);

/** The vocabulary read now, past the cache: for stores, inside their transaction (their own writes are not counted until commit). */
export async function loadPlanVocabularyNow(db: Queryable, planId: number): Promise<PlanVocabulary> {
  return assembleVocabulary(db, planId);
}

async function assembleVocabulary(db: Queryable, planId: number): Promise<PlanVocabulary> {
  const [tiers, stored, imported, rated] = await Promise.all([
    db.query<PlanTier>('select level, name, rating_scale_id is not null as "hasScale" from plan_tiers where plan_id = $1 order by level', [planId]),
    loadStoredPlanSettings(db, planId),
    importedDivisionName(db, planId),
    loadRatedTiers(db, planId),
  ]);
  return resolveVocabulary(planId, tiers.rows, stored, imported, primaryTier(rated)?.level);
}

/** The title of a role in this plan: "担当課", "評価担当課", "学識経験者" unless the plan names them. */
export function roleTitle(v: Pick<PlanVocabulary, 'titles'>, role: WorkflowRole, lang: Lang): string {
  return v.titles[role] ?? ROLE_LABELS[role][lang];
}

/** Who reviews: the division's own name when known ("デジタル推進課" in the sample), else its role title. */
export function reviewerName(v: Pick<PlanVocabulary, 'titles' | 'divisionName'>, lang: Lang): string {
  return v.divisionName ?? roleTitle(v, 'division', lang);
}

/** Who writes an opinion of this role, as pages name them. */
export function opinionAuthor(v: Pick<PlanVocabulary, 'titles' | 'divisionName'>, role: OpinionRole, lang: Lang): string {
  return role === 'division' ? reviewerName(v, lang) : roleTitle(v, 'expert', lang);
}

export function kindLabelOf(v: Pick<PlanVocabulary, 'kindLabels'>, kind: RoundKind, lang: Lang): string {
  return v.kindLabels[kind] ?? roundKindLabel(kind, lang);
}

/** The kinds every given plan names alike (the form that creates a round offers one list for all plans). */
export function commonKindLabels(vs: readonly Pick<PlanVocabulary, 'kindLabels'>[], lang: Lang): Partial<Record<RoundKind, string>> {
  const out: Partial<Record<RoundKind, string>> = {};
  for (const kind of ['yearly', 'midterm', 'final'] as const) {
    const labels = new Set(vs.map((v) => kindLabelOf(v, kind, lang)));
    const [only] = labels;
    if (labels.size === 1 && only !== undefined) out[kind] = only;
  }
  return out;
}

/** The tier's name, or "第N階層" for a level the plan does not name. */
export function tierName(v: Pick<PlanVocabulary, 'tiers'>, level: number): string {
  return v.tiers.find((t) => t.level === level)?.name ?? `第${level}階層`;
}
