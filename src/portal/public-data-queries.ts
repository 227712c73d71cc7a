/**
 * The reads of the public snapshot (public-data.ts) that are its own: published rounds
 * and narratives, mentions, departments and lineage links of one plan.
 */
import type { Queryable } from '../db/db.js';
import type { AuthorRole, PublicLineageLink, PublicNarrative, PublicRound } from './public-data.js';

/** The published rounds, oldest first. */
export function publishedRounds(db: Queryable, planId: number) {
  return db.query<{
    id: number;
    fiscalYear: number;
    kind: PublicRound['kind'];
    coversUntilFiscalYear: number | null;
    publishedAt: Date | string | null;
    demo: boolean;
  }>(
    `select id, fiscal_year as "fiscalYear", kind, covers_until_fiscal_year as "coversUntilFiscalYear", published_at as "publishedAt", demo
       from evaluation_rounds where plan_id = $1 and status = 'published' order by fiscal_year, id`,
    [planId],
  );
}

/** The narratives of the published years, in document order. */
export function publishedNarratives(db: Queryable, planId: number) {
  return db.query<{
    id: number;
    itemId: number | null;
    fiscalYear: number;
    authorRole: AuthorRole;
    kind: PublicNarrative['kind'];
    position: number;
    body: string;
  }>(
    `select n.id, n.item_id as "itemId", n.fiscal_year as "fiscalYear", n.author_role as "authorRole", n.kind, n.position, n.body
       from narratives n
      where n.plan_id = $1
        and exists (select 1 from evaluation_rounds r where r.plan_id = n.plan_id and r.status = 'published'
                      and (r.fiscal_year = n.fiscal_year or r.covers_until_fiscal_year = n.fiscal_year))
      order by n.fiscal_year, n.position, n.id`,
    [planId],
  );
}

/** Which items each narrative of the plan mentions. */
export function narrativeMentions(db: Queryable, planId: number) {
  return db.query<{ narrativeId: number; itemId: number }>(
    `select m.narrative_id as "narrativeId", m.item_id as "itemId"
       from narrative_mentions m join narratives n on n.id = m.narrative_id where n.plan_id = $1`,
    [planId],
  );
}

/** The departments of the plan's items. */
export function planDepartments(db: Queryable, planId: number) {
  return db.query<{ id: number; code: string; name: string; demo: boolean }>(
    `select distinct d.id, d.code, d.name, d.demo from departments d join plan_items i on i.department_id = d.id where i.plan_id = $1 order by d.id`,
    [planId],
  );
}

/** The lineage links from and to the plan, each seen from this plan. */
export function lineageLinks(db: Queryable, planId: number) {
  return db.query<PublicLineageLink>(
    `select case when l.successor_plan_id = $1 then 'predecessor' else 'successor' end as direction, l.kind,
            case when l.successor_plan_id = $1 then si.code else pi.code end as "itemCode",
            o.slug as "otherPlanSlug", o.name as "otherPlanName",
            case when l.successor_plan_id = $1 then pi.code else si.code end as "otherCode"
       from plan_item_lineage l
       join plans o on o.id = case when l.successor_plan_id = $1 then l.predecessor_plan_id else l.successor_plan_id end
       left join plan_items pi on pi.id = l.predecessor_item_id
       left join plan_items si on si.id = l.successor_item_id
      where l.successor_plan_id = $1 or l.predecessor_plan_id = $1
      order by l.position`,
    [planId],
  );
}
