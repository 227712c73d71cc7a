/**
 * Demo data (a data factory, used by `npm start`, `hyoka demo indicators` and tests): a
 * made-up plan named デモ, so nobody takes it for a city's, of three tiers and twelve
 * items whose 事業 carry indicators of every kind — higher and lower is better, cumulative,
 * a revised target, a missing and an unmeasurable actual, a zero baseline, yearly targets —
 * with the 達成率 A–D rule, two published years whose ratings are the rule's proposals
 * except two changed with their reasons, 今後の方向性 and costs, a period extended by two
 * years where most targets were not re-set, and an open round for the next year. Its
 * departments and rounds carry the demo mark. Idempotent: a second run changes nothing.
 */
import type { Db, Queryable } from '../db/db.js';
import { recordAudit } from '../audit/audit-log.js';
import type { ImportedNode, ImportedPlan } from '../imports/imported-plan.js';
import { storeImportedPlan } from '../imports/store-plan.js';
import { createRound, transitionRound } from '../evaluations/round-store.js';
import type { Actor } from '../evaluations/workflow.js';
import { findUser } from '../users/users-queries.js';
import { createUser } from '../users/users-store.js';
import { findPreset } from './rating-presets.js';
import { DEFAULT_DIRECTION_CODES } from './indicator-store.js';
import { evaluateIndicator, proposeForItem, type IndicatorSeries } from './indicator-series.js';
import { DEPARTMENTS, END, EXTENDED_TO, PROJECTS, PUBLISHED_YEARS, SCALE, START, type DemoProject } from './indicator-demo-data.js';

export const INDICATOR_DEMO_SLUG = 'demo-indicators';
export const INDICATOR_DEMO_ACCOUNT = { login: 'demo-shisaku', password: 'hyoka-shisaku-2023', displayName: 'デモ 施策担当課' } as const;
/** The year of the demo's open round: the one after its published years. */
export const INDICATOR_DEMO_ROUND_YEAR = 2023;

const ACTOR: Actor = { login: 'system:demo', roles: ['admin', 'division'], departmentIds: [] };
const RULE = findPreset('ratio-a-d')!;

/** The series as the engine reads it (ids are the project's index: the proposal needs none of the store's). */
function seriesOf(p: DemoProject, index: number): IndicatorSeries {
  const i = p.indicator;
  return {
    id: index + 1,
    itemId: index + 1,
    name: i.name,
    unit: i.unit,
    kind: i.kind,
    direction: i.direction,
    cumulative: i.cumulative ?? false,
    decimals: 0,
    position: 1,
    baseline: i.baseline,
    targets: i.targets.map((t, n) => ({
      id: n + 1,
      kind: t.kind,
      fiscalYear: t.fiscalYear,
      value: t.value,
      revisions: t.revision ? [{ id: 1, oldValue: t.value, ...t.revision }] : [],
    })),
    actuals: i.actuals.map((a) => ({ fiscalYear: a.fiscalYear, value: a.value, notMeasurable: a.value === null, sourceNote: a.note ?? '' })),
  };
}

/** A published year's rating: the rule's proposal, or the override, or — with no proposal — chosen by hand. */
export function demoRating(p: DemoProject, index: number, fiscalYear: number): { code: string; proposed: string | null; overrideReason: string | null } {
  const result = proposeForItem(
    [evaluateIndicator(seriesOf(p, index), RULE.rule, fiscalYear, { startFiscalYear: START, endFiscalYear: EXTENDED_TO })],
    RULE.rule,
  );
  const proposed = result?.status === 'proposed' ? result.code : null;
  if (p.override?.fiscalYear === fiscalYear) return { code: p.override.code, proposed, overrideReason: p.override.reason };
  return { code: proposed ?? 'C', proposed, overrideReason: null };
}

function importedPlan(): ImportedPlan {
  const project = (p: DemoProject, index: number): ImportedNode => ({
    code: p.code.split('.').pop()!,
    name: p.name,
    tierIndex: 2,
    department: p.department,
    ratings: PUBLISHED_YEARS.map((fy) => ({ fiscalYear: fy, scaleKey: SCALE.key, code: demoRating(p, index, fy).code, marks: [] })),
    narratives: [],
    children: [],
  });
  const under = (prefix: string) => PROJECTS.flatMap((p, i) => (p.code.startsWith(`${prefix}.`) ? [project(p, i)] : []));
  const node = (code: string, name: string, tierIndex: number, children: ImportedNode[]): ImportedNode => ({
    code: code.split('.').pop()!,
    name,
    tierIndex,
    ratings: [],
    narratives: [],
    children,
  });
  return {
    plan: {
      name: '【デモ】指標で評価する計画（架空のまちの行政計画）',
      slug: INDICATOR_DEMO_SLUG,
      startFiscalYear: START,
      endFiscalYear: END,
      description: 'デモ用の架空の計画です。指標・目標値・評価の規則・今後の方向性・事業費の使い方を試すためのもので、実在の自治体のデータではありません。',
      extensions: [{ fromEndFiscalYear: END, toEndFiscalYear: EXTENDED_TO, decidedFiscalYear: 2024, reason: '上位計画の改定時期に合わせて2年延長（デモ）' }],
    },
    tiers: ['基本目標', '施策', '事業'],
    scales: [SCALE],
    annotationKinds: [],
    departments: [...DEPARTMENTS],
    nodes: [
      node('1', '【デモ】便利で開かれた市役所', 0, [
        node('1.1', '【デモ】行政手続のデジタル化', 1, under('1.1')),
        node('1.2', '【デモ】情報発信の充実', 1, under('1.2')),
      ]),
      node('2', '【デモ】災害に強いまち', 0, [node('2.1', '【デモ】地域防災力の向上', 1, under('2.1'))]),
    ],
    planNarratives: [],
    rounds: PUBLISHED_YEARS.map((fiscalYear) => ({ fiscalYear, kind: 'yearly' as const })).reverse(),
    annotationFootnotes: [],
    reportedSummaries: [],
    warnings: [],
    file: { name: `${INDICATOR_DEMO_SLUG}.json`, content: JSON.stringify({ demo: true }) },
  };
}

/** Costs split into funding that adds up to 事業費: a quarter national/prefectural, the rest general funds. */
function costRow(projectCost: string, personnelCost: string) {
  const pc = Number(projectCost);
  const national = String(Math.floor(pc / 4));
  return { projectCost, personnelCost, national, general: String(pc - Number(national)) };
}

async function writeIndicators(tx: Queryable, planId: number): Promise<number> {
  const items = await tx.query<{ id: number; code: string }>('select id, code from plan_items where plan_id = $1', [planId]);
  const idOf = new Map(items.rows.map((r) => [r.code, r.id]));
  let count = 0;
  for (const [index, p] of PROJECTS.entries()) {
    const itemId = idOf.get(p.code)!;
    const i = p.indicator;
    const x = await tx.query<{ id: number }>(
      `insert into indicators (item_id, name, unit, kind, direction, cumulative, decimals, position) values ($1, $2, $3, $4, $5, $6, $7, 1) returning id`,
      [itemId, i.name, i.unit, i.kind, i.direction, i.cumulative ?? false, i.actuals.some((a) => a.value?.includes('.')) ? 1 : 0],
    );
    const indicatorId = x.rows[0]!.id;
    count += 1;
    await tx.query('insert into indicator_baselines (indicator_id, fiscal_year, value) values ($1, $2, $3::numeric)', [
      indicatorId,
      i.baseline.fiscalYear,
      i.baseline.value,
    ]);
    for (const t of i.targets) {
      const r = await tx.query<{ id: number }>(
        'insert into indicator_targets (indicator_id, kind, fiscal_year, value) values ($1, $2, $3, $4::numeric) returning id',
        [indicatorId, t.kind, t.fiscalYear, t.value],
      );
      if (t.revision) {
        await tx.query(
          'insert into indicator_target_revisions (target_id, old_value, new_value, reason, decided_fiscal_year) values ($1, $2::numeric, $3::numeric, $4, $5)',
          [r.rows[0]!.id, t.value, t.revision.newValue, t.revision.reason, t.revision.decidedFiscalYear],
        );
      }
    }
    for (const a of i.actuals) {
      await tx.query('insert into indicator_actuals (indicator_id, fiscal_year, value, not_measurable, source_note) values ($1, $2, $3::numeric, $4, $5)', [
        indicatorId,
        a.fiscalYear,
        a.value,
        a.value === null,
        a.note ?? '',
      ]);
    }
    for (const [n, fy] of PUBLISHED_YEARS.entries()) {
      const rating = demoRating(p, index, fy);
      await tx.query('update ratings set proposed_code = $3, override_reason = $4 where item_id = $1 and fiscal_year = $2', [
        itemId,
        fy,
        rating.proposed,
        rating.overrideReason,
      ]);
      await tx.query(
        `insert into item_directions (item_id, fiscal_year, direction_code_id, note)
         select $1, $2, id, $4 from direction_codes where plan_id = $3 and code = $5`,
        [itemId, fy, planId, `${p.directions[n]!}の方向で取り組む（デモ）。`, p.directions[n]!],
      );
      const c = costRow(p.costs[0], p.costs[1]);
      await tx.query(
        `insert into item_costs (item_id, fiscal_year, unit, project_cost, personnel_cost, national_prefectural_funds, local_bonds, other_funds, general_funds, note)
         values ($1, $2, '千円', $3::numeric, $4::numeric, $5::numeric, 0, 0, $6::numeric, 'デモ用の架空の金額')`,
        [itemId, fy, c.projectCost, c.personnelCost, c.national, c.general],
      );
    }
  }
  return count;
}

export interface IndicatorDemoResult {
  slug: string;
  /** True when this run created the plan (false: it was there already). */
  created: boolean;
  roundId: number | null;
  createdAccount: boolean;
}

/** Creates the demo plan once, its department account and its open round; a second run changes nothing. */
export async function ensureIndicatorDemo(db: Db): Promise<IndicatorDemoResult> {
  const existing = await db.query<{ id: number }>('select id from plans where slug = $1', [INDICATOR_DEMO_SLUG]);
  let planId = existing.rows[0]?.id;
  const created = planId === undefined;
  if (planId === undefined) {
    await storeImportedPlan(db, importedPlan(), {
      actor: ACTOR.login,
      // All in the import's transaction: the plan exists with all of its figures, or not at all.
      alsoInTransaction: async (tx) => {
        const plan = (await tx.query<{ id: number }>('select id from plans where slug = $1', [INDICATOR_DEMO_SLUG])).rows[0]!;
        await tx.query('update departments set demo = true where name = any($1::text[])', [[...DEPARTMENTS]]);
        await tx.query('update evaluation_rounds set demo = true where plan_id = $1', [plan.id]);
        await tx.query('insert into rating_rules (plan_id, kind, name, parameters) values ($1, $2, $3, $4::jsonb)', [
          plan.id,
          RULE.rule.kind,
          RULE.name,
          JSON.stringify(RULE.rule.parameters),
        ]);
        await tx.query(
          `insert into direction_codes (plan_id, code, label, position) select $1, c, l, p from unnest($2::text[], $3::text[]) with ordinality as x(c, l, p)`,
          [plan.id, DEFAULT_DIRECTION_CODES.map((d) => d.code), DEFAULT_DIRECTION_CODES.map((d) => d.label)],
        );
        await tx.query('insert into plan_settings (plan_id, costs_enabled) values ($1, true)', [plan.id]);
        const indicators = await writeIndicators(tx, plan.id);
        await recordAudit(tx, {
          actor: ACTOR.login,
          action: 'create-demo',
          entity: 'plan',
          entityId: INDICATOR_DEMO_SLUG,
          planId: plan.id,
          after: { indicators, rule: RULE.slug, directionCodes: DEFAULT_DIRECTION_CODES.length, costsEnabled: true, demo: true },
        });
      },
    });
    planId = (await db.query<{ id: number }>('select id from plans where slug = $1', [INDICATOR_DEMO_SLUG])).rows[0]!.id;
  }
  let createdAccount = false;
  if (!(await findUser(db, INDICATOR_DEMO_ACCOUNT.login))) {
    const departmentIds = (await db.query<{ id: number }>('select id from departments where name = any($1::text[]) order by id', [[...DEPARTMENTS]])).rows.map(
      (r) => r.id,
    );
    await createUser(
      db,
      {
        login: INDICATOR_DEMO_ACCOUNT.login,
        displayName: INDICATOR_DEMO_ACCOUNT.displayName,
        roles: ['department'],
        departmentIds,
        password: INDICATOR_DEMO_ACCOUNT.password,
        mustChangePassword: false,
      },
      ACTOR.login,
    );
    createdAccount = true;
  }
  const round = await db.query<{ id: number }>('select id from evaluation_rounds where plan_id = $1 and fiscal_year = $2', [planId, INDICATOR_DEMO_ROUND_YEAR]);
  let roundId = round.rows[0]?.id ?? null;
  if (roundId === null) {
    const r = await createRound(db, { planId, fiscalYear: INDICATOR_DEMO_ROUND_YEAR, kind: 'yearly', deadline: null, demo: true }, ACTOR);
    await transitionRound(db, r.id, 'open', ACTOR);
    roundId = r.id;
  }
  return { slug: INDICATOR_DEMO_SLUG, created, roundId, createdAccount };
}

export function describeIndicatorDemo(r: IndicatorDemoResult): string {
  return [
    `デモの指標つき計画: /plans/${r.slug}（架空のデータです）`,
    `  担当課のデモ用アカウント: ログインID: ${INDICATOR_DEMO_ACCOUNT.login}  パスワード: ${INDICATOR_DEMO_ACCOUNT.password}`,
  ].join('\n');
}
