/**
 * Test factories for the workflow at other depths than the sample's: a plan of any
 * number of tiers with `fanout` children per item, codes that are not dotted numbers
 * (the first tier's codes run backwards, Z, Y, …, so code order is not document order),
 * an A/B/C/— scale, two departments that share the rated items, and one account per
 * role (no password: tests sign in through sessionAs).
 */
import type { Db, Queryable } from '../db/db.js';
import type { Role } from '../auth/roles.js';

export interface WorkflowPlanOptions {
  slug: string;
  /** Tier names from the top, e.g. ['基本目標', '施策', 'KPI']. */
  tiers: string[];
  /** Children per item at each level below the first; the first number is the count of top items. */
  fanout: number[];
  /** Bind the scale to the deepest tier (plan_tiers.rating_scale_id). */
  bindScaleToDeepest?: boolean;
}

export interface WorkflowUser {
  id: number;
  login: string;
  roles: Role[];
  departmentIds: number[];
}

export interface WorkflowPlan {
  planId: number;
  slug: string;
  /** Items per level, from the top. */
  counts: number[];
  /** Ids of each level's items in document order, from the top. */
  idsPerLevel: number[][];
  departments: { id: number; name: string }[];
  users: { admin: WorkflowUser; division: WorkflowUser; expert: WorkflowUser; viewer: WorkflowUser; editors: WorkflowUser[] };
}

async function addUser(tx: Queryable, login: string, roles: Role[], departmentIds: number[]): Promise<WorkflowUser> {
  const r = await tx.query<{ id: number }>(
    "insert into users (login, display_name, password_hash, must_change_password) values ($1, $1, 'unused', false) returning id",
    [login],
  );
  const id = r.rows[0]!.id;
  for (const role of roles) await tx.query('insert into user_roles (user_id, role) values ($1, $2)', [id, role]);
  for (const d of departmentIds) await tx.query('insert into user_departments (user_id, department_id) values ($1, $2)', [id, d]);
  return { id, login, roles, departmentIds };
}

/** A plan of `tiers.length` tiers built directly in the store (one transaction). */
export async function createWorkflowPlan(db: Db, o: WorkflowPlanOptions): Promise<WorkflowPlan> {
  if (o.fanout.length !== o.tiers.length) throw new Error('fanout needs one number per tier');
  return db.transaction(async (tx) => {
    const scale = (await tx.query<{ id: number }>('insert into rating_scales (slug, name) values ($1, $2) returning id', [`${o.slug}-scale`, '進捗'])).rows[0]!
      .id;
    const codes = [
      ['A', '達成', true, false],
      ['B', '一部未達成', false, false],
      ['C', '未達成', false, false],
      ['—', '評価対象外', false, true],
    ] as const;
    for (const [i, [code, label, achieved, notEvaluated]] of codes.entries()) {
      await tx.query('insert into rating_codes (scale_id, code, label, position, counts_as_achieved, is_not_evaluated) values ($1, $2, $3, $4, $5, $6)', [
        scale,
        code,
        label,
        i + 1,
        achieved,
        notEvaluated,
      ]);
    }
    const planId = (
      await tx.query<{ id: number }>(
        'insert into plans (slug, name, rating_scale_id, start_fiscal_year, end_fiscal_year) values ($1, $2, $3, 2022, 2026) returning id',
        [o.slug, `${o.tiers.length}階層のテスト計画`, scale],
      )
    ).rows[0]!.id;
    for (const [i, name] of o.tiers.entries()) {
      const bound = o.bindScaleToDeepest && i === o.tiers.length - 1 ? scale : null;
      await tx.query('insert into plan_tiers (plan_id, level, name, rating_scale_id) values ($1, $2, $3, $4)', [planId, i + 1, name, bound]);
    }
    const departments = [];
    for (const name of ['企画政策課', '市民協働課']) {
      const d = await tx.query<{ id: number }>(
        'insert into departments (code, name) values ($1, $2) on conflict (code) do update set name = excluded.name returning id',
        [`${o.slug}-${name}`, `${name}（${o.slug}）`],
      );
      departments.push({ id: d.rows[0]!.id, name: `${name}（${o.slug}）` });
    }
    const idsPerLevel: number[][] = [];
    let parents: { id: number | null; code: string }[] = [{ id: null, code: '' }];
    for (const [level, count] of o.fanout.entries()) {
      const rated = level === o.tiers.length - 1;
      const next: { id: number; code: string }[] = [];
      for (const parent of parents) {
        for (let n = 1; n <= count; n += 1) {
          // Top codes run backwards (Z, Y, …); deeper ones append "-n": no code is a dotted number.
          const code = parent.id === null ? String.fromCharCode(91 - n) : `${parent.code}-${n}`;
          const department = rated ? departments[(next.length + (idsPerLevel[level - 1]?.length ?? 0)) % 2]!.id : null;
          const r = await tx.query<{ id: number }>(
            'insert into plan_items (plan_id, parent_id, level, code, position, name, department_id) values ($1, $2, $3, $4, $5, $6, $7) returning id',
            [planId, parent.id, level + 1, code, n, `${o.tiers[level]} ${code}`, department],
          );
          next.push({ id: r.rows[0]!.id, code });
        }
      }
      idsPerLevel.push(next.map((x) => x.id));
      parents = next;
    }
    const users = {
      admin: await addUser(tx, `${o.slug}-admin`, ['admin'], []),
      division: await addUser(tx, `${o.slug}-division`, ['division'], []),
      expert: await addUser(tx, `${o.slug}-expert`, ['expert'], []),
      viewer: await addUser(tx, `${o.slug}-viewer`, ['viewer'], []),
      editors: [
        await addUser(tx, `${o.slug}-editor1`, ['department'], [departments[0]!.id]),
        await addUser(tx, `${o.slug}-editor2`, ['department'], [departments[1]!.id]),
      ],
    };
    return { planId, slug: o.slug, counts: idsPerLevel.map((ids) => ids.length), idsPerLevel, departments, users };
  });
}

/** The editor who owns a rated item. */
export async function editorOf(db: Queryable, plan: WorkflowPlan, itemId: number): Promise<WorkflowUser> {
  const d = (await db.query<{ departmentId: number }>('select department_id as "departmentId" from plan_items where id = $1', [itemId])).rows[0]!.departmentId;
  return plan.users.editors.find((e) => e.departmentIds.includes(d))!;
}
