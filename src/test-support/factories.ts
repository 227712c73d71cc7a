/**
 * Test factories: data added on top of the seed. Draft (unpublished) data that must
 * never show in the portal, the API, the downloads or the static export, and
 * departments the seed report does not name.
 */
import type { Db } from '../db/db.js';

/** A marker no published text contains: finding it anywhere public is a leak. */
export const DRAFT_MARKER = '未公表ドラフト記述XYZZY';

export interface DraftData {
  roundId: number;
  fiscalYear: number;
  draftPlanSlug: string;
}

/**
 * Adds to the plan: an 'open' yearly round for FY2023 with a C rating for every
 * sub-item and a narrative; a narrative for a year without any published round;
 * and a second plan whose only round is 'open'.
 */
export async function addDraftRound(db: Db, planSlug: string): Promise<DraftData> {
  return db.transaction(async (tx) => {
    const plan = (await tx.query<{ id: number; scaleId: number }>('select id, rating_scale_id as "scaleId" from plans where slug = $1', [planSlug])).rows[0];
    if (!plan) throw new Error(`no plan ${planSlug}`);
    const fiscalYear = 2023;
    const round = await tx.query<{ id: number }>(
      "insert into evaluation_rounds (plan_id, fiscal_year, kind, status) values ($1, $2, 'yearly', 'open') returning id",
      [plan.id, fiscalYear],
    );
    await tx.query(
      `insert into ratings (item_id, fiscal_year, scale_id, code, reason)
       select i.id, $2, $3, 'C', $4 from plan_items i
        where i.plan_id = $1 and not exists (select 1 from plan_items c where c.parent_id = i.id)`,
      [plan.id, fiscalYear, plan.scaleId, DRAFT_MARKER],
    );
    const leaf = (await tx.query<{ id: number }>("select id from plan_items where plan_id = $1 and code = '2.1.4.3'", [plan.id])).rows[0]!;
    for (const [fy, position] of [
      [fiscalYear, 1],
      [2021, 900],
    ] as const) {
      await tx.query(
        `insert into narratives (plan_id, item_id, fiscal_year, author_role, kind, position, body, source)
         values ($1, $2, $3, 'department', 'progress', $4, $5, 'entered')`,
        [plan.id, leaf.id, fy, position, `${DRAFT_MARKER} 電子申請とマイナンバーカードの下書き`],
      );
    }
    const draftPlanSlug = 'draft-only-plan';
    const draftPlan = await tx.query<{ id: number }>(
      `insert into plans (slug, name, rating_scale_id, start_fiscal_year, end_fiscal_year) values ($1, $2, $3, 2023, 2027) returning id`,
      [draftPlanSlug, `${DRAFT_MARKER} 計画`, plan.scaleId],
    );
    await tx.query("insert into evaluation_rounds (plan_id, fiscal_year, kind, status) values ($1, 2023, 'yearly', 'open')", [draftPlan.rows[0]!.id]);
    return { roundId: round.rows[0]!.id, fiscalYear, draftPlanSlug };
  });
}

/**
 * Makes a department responsible for every sub-item under `underCode` (the seed
 * report names no departments; the workflow assigns them). Returns its id.
 */
export async function assignDepartment(db: Db, planSlug: string, department: { code: string; name: string }, underCode: string): Promise<number> {
  return db.transaction(async (tx) => {
    const d = await tx.query<{ id: number }>(
      'insert into departments (code, name) values ($1, $2) on conflict (code) do update set name = excluded.name returning id',
      [department.code, department.name],
    );
    const id = d.rows[0]!.id;
    await tx.query(
      `update plan_items i set department_id = $1 from plans p
        where p.id = i.plan_id and p.slug = $2 and (i.code = $3 or i.code like $3 || '.%')
          and not exists (select 1 from plan_items c where c.parent_id = i.id)`,
      [id, planSlug, underCode],
    );
    return id;
  });
}
