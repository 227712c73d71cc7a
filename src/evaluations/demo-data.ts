/**
 * Demo data for `npm start`: the seed report names no department per sub-item, so the
 * sample's programs are assigned to plausible 課 (samples/demo-departments.json), one
 * account per role is created, and — on the first start only, and only when the year
 * after the last rated one lies within the plan's period — a yearly round is opened so
 * the workflow can be tried at once. Departments and round it makes are marked `demo`
 * (every screen and public page says デモ beside them). Idempotent: running it again
 * changes nothing that exists, and a restart never creates a round.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/db.js';
import { recordAudit } from '../audit/audit-log.js';
import { findUser } from '../users/users-queries.js';
import { createUser } from '../users/users-store.js';
import type { Role } from '../auth/roles.js';
import { createRound, transitionRound } from './round-store.js';
import type { Actor } from './workflow.js';
import { SAMPLE_PLAN_SLUG } from '../imports/sample.js';
import { longWareki } from '../fiscal/fiscal-year.js';

export const DEMO_DEPARTMENTS_FILE = fileURLToPath(new URL('../../../samples/demo-departments.json', import.meta.url));

interface DemoDepartments {
  departments: { code: string; name: string; programs: string[] }[];
}

export interface DemoAccount {
  login: string;
  password: string;
  role: Role;
  displayName: string;
  departments: string[];
}

/** Demo passwords are printed on purpose; never use these accounts with real data. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { login: 'demo-admin', password: 'hyoka-admin-2023', role: 'admin', displayName: 'デモ 管理者', departments: [] },
  { login: 'demo-division', password: 'hyoka-division-2023', role: 'division', displayName: 'デモ 評価担当課', departments: [] },
  { login: 'demo-bosai', password: 'hyoka-editor-2023', role: 'department', displayName: 'デモ 防災対策課', departments: ['防災対策課', '消防指令課'] },
  { login: 'demo-expert', password: 'hyoka-expert-2023', role: 'expert', displayName: 'デモ 学識経験者', departments: [] },
  { login: 'demo-viewer', password: 'hyoka-viewer-2023', role: 'viewer', displayName: 'デモ 閲覧者', departments: [] },
];

const SYSTEM: Actor = { login: 'system:demo', roles: ['admin', 'division'], departmentIds: [] };

export interface DemoResult {
  accounts: readonly DemoAccount[];
  createdAccounts: string[];
  assignedItems: number;
  roundId: number | null;
  /** Why no demo round was opened, when none was (Japanese, for the console). */
  roundSkipped?: string;
}

export interface DemoOptions {
  planSlug?: string;
  /** Open the demo round for this year (tests, demos of another plan): the caller chose it. */
  roundFiscalYear?: number;
  /** The store was created by this start; only then is a round chosen and opened automatically. */
  firstStart?: boolean;
  today?: Date;
}

export async function ensureDemoData(db: Db, options: DemoOptions = {}): Promise<DemoResult> {
  const planSlug = options.planSlug ?? SAMPLE_PLAN_SLUG;
  const plan = (await db.query<{ id: number }>('select id from plans where slug = $1', [planSlug])).rows[0];
  if (!plan) throw new Error(`demo data: plan ${planSlug} not found`);
  const demo = JSON.parse(readFileSync(DEMO_DEPARTMENTS_FILE, 'utf8')) as DemoDepartments;

  const assignedItems = await db.transaction(async (tx) => {
    let assigned = 0;
    for (const d of demo.departments) {
      // A department that exists already (a real one of the same name) is not marked as demo.
      await tx.query('insert into departments (code, name, demo) values ($1, $2, true) on conflict do nothing', [d.code, d.name]);
      const id = (await tx.query<{ id: number }>('select id from departments where name = $1', [d.name])).rows[0]!.id;
      // A program and its sub-items; items someone already assigned keep their department.
      const r = await tx.query(
        `update plan_items i set department_id = $3 from plan_items g
          where g.plan_id = $1 and g.code = any($2::text[]) and (i.id = g.id or i.parent_id = g.id) and i.department_id is null`,
        [plan.id, d.programs, id],
      );
      assigned += r.rowCount;
    }
    if (assigned > 0) {
      await recordAudit(tx, {
        actor: SYSTEM.login,
        action: 'assign-demo-departments',
        entity: 'plan',
        entityId: planSlug,
        planId: plan.id,
        after: { items: assigned, file: 'samples/demo-departments.json' },
      });
    }
    return assigned;
  });

  const createdAccounts: string[] = [];
  for (const a of DEMO_ACCOUNTS) {
    if (await findUser(db, a.login)) continue;
    const departmentIds = (await db.query<{ id: number }>('select id from departments where name = any($1::text[]) order by id', [a.departments])).rows.map(
      (r) => r.id,
    );
    await createUser(
      db,
      { login: a.login, displayName: a.displayName, roles: [a.role], departmentIds, password: a.password, mustChangePassword: false },
      SYSTEM.login,
    );
    createdAccounts.push(a.login);
  }

  const round = await ensureDemoRound(db, plan.id, options);
  return { accounts: DEMO_ACCOUNTS, createdAccounts, assignedItems, ...round };
}

/** The demo round: the one already made, a new one on the first start within the plan period, or none with the reason. */
async function ensureDemoRound(db: Db, planId: number, options: DemoOptions): Promise<Pick<DemoResult, 'roundId' | 'roundSkipped'>> {
  const existing = await db.query<{ id: number; fiscalYear: number }>(
    `select id, fiscal_year as "fiscalYear" from evaluation_rounds where plan_id = $1 and demo and ($2::int is null or fiscal_year = $2) order by id limit 1`,
    [planId, options.roundFiscalYear ?? null],
  );
  if (existing.rows[0]) return { roundId: existing.rows[0].id };
  let fiscalYear = options.roundFiscalYear;
  if (fiscalYear === undefined) {
    if (!options.firstStart) return { roundId: null, roundSkipped: 'デモの評価の回は最初の起動のときだけ作ります。' };
    const next = await nextFiscalYear(db, planId);
    const end = await periodEnd(db, planId);
    if (next > end) {
      return { roundId: null, roundSkipped: `${longWareki(next)}は計画期間（${longWareki(end)}まで）の外なので、デモの評価の回は作りません。` };
    }
    fiscalYear = next;
  }
  const taken = await db.query('select 1 from evaluation_rounds where plan_id = $1 and fiscal_year = $2 and kind = $3', [planId, fiscalYear, 'yearly']);
  if (taken.rowCount > 0) return { roundId: null, roundSkipped: `${longWareki(fiscalYear)}の年度評価は既にあります。` };
  const deadline = new Date((options.today ?? new Date()).getTime() + 14 * 86400_000).toISOString().slice(0, 10);
  const round = await createRound(db, { planId, fiscalYear, kind: 'yearly', deadline, demo: true }, SYSTEM);
  await transitionRound(db, round.id, 'open', SYSTEM);
  return { roundId: round.id };
}

/** The last fiscal year of the plan, its extensions included. */
async function periodEnd(db: Db, planId: number): Promise<number> {
  const r = await db.query<{ end: number }>(
    `select greatest(p.end_fiscal_year, coalesce(max(x.to_end_fiscal_year), p.end_fiscal_year)) as end
       from plans p left join plan_period_extensions x on x.plan_id = p.id where p.id = $1 group by p.id`,
    [planId],
  );
  return r.rows[0]!.end;
}

/** The year after the last rated one (2023 for the seed). */
async function nextFiscalYear(db: Db, planId: number): Promise<number> {
  const r = await db.query<{ fy: number | null }>('select max(r.fiscal_year) as fy from ratings r join plan_items i on i.id = r.item_id where i.plan_id = $1', [
    planId,
  ]);
  return (r.rows[0]?.fy ?? new Date().getFullYear() - 1) + 1;
}

export function describeDemoAccounts(result: DemoResult): string {
  const lines = ['デモ用アカウント（サンプルデータ専用。実運用では使わないでください）:'];
  for (const a of result.accounts) {
    lines.push(
      `  ${a.role.padEnd(10)} ログインID: ${a.login.padEnd(14)} パスワード: ${a.password}${a.departments.length ? `  担当課: ${a.departments.join('・')}` : ''}`,
    );
  }
  lines.push('  ※ 担当課はデモ用の割り当てです（samples/demo-departments.json）。');
  if (result.roundSkipped) lines.push(`  ※ ${result.roundSkipped}`);
  return lines.join('\n');
}
