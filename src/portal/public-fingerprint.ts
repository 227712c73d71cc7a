/**
 * The fingerprint of a plan's public dataset (public-data.ts): what the cache compares
 * to decide whether a snapshot is still current.
 */
import type { Queryable } from '../db/db.js';

/**
 * A cheap fingerprint of everything a plan's public dataset is made of: rounds and
 * their status, ratings, narratives, items and departments, the plan row. Hashes
 * and sums of the content catch edits that do not touch updated_at.
 */
export async function publicFingerprint(db: Queryable, planId: number): Promise<string> {
  const r = await db.query<{ f: string }>(
    `select concat_ws('|',
       (select string_agg(id || ':' || status || ':' || coalesce(covers_until_fiscal_year, 0) || ':' || coalesce(published_at::text, ''), ',' order by id)
          from evaluation_rounds where plan_id = $1),
       -- The biggest table gets plain aggregates rather than hashes (3× cheaper at 20,000 rows).
       (select count(*) || ':' || coalesce(sum(r.id), 0) || ':' || coalesce(max(r.updated_at)::text, '') || ':'
               || coalesce(sum(ascii(r.code) * r.fiscal_year), 0) || ':' || coalesce(sum(length(r.reason)), 0)
          from ratings r join plan_items i on i.id = r.item_id where i.plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(id || body || fiscal_year || author_role || coalesce(item_id, 0))::bigint), 0)
          from narratives where plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(i.id || i.name || i.code || coalesce(i.department_id, 0) || coalesce(d.name, '') || coalesce(d.demo::text, '') || coalesce(i.ended_from_fiscal_year, 0))::bigint), 0)
          from plan_items i left join departments d on d.id = i.department_id where i.plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(a.rating_id || ':' || a.annotation_kind_id)::bigint), 0)
          from rating_annotations a join annotation_kinds k on k.id = a.annotation_kind_id where k.plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(l.kind || ':' || coalesce(l.predecessor_item_id, 0) || ':' || coalesce(l.successor_item_id, 0) || ':' || l.position)::bigint), 0)
          from plan_item_lineage l where l.successor_plan_id = $1 or l.predecessor_plan_id = $1),
       (select hashtext(name || description || updated_at::text || start_fiscal_year || end_fiscal_year) from plans where id = $1),
       (select version || ':' || updated_at::text from plan_settings where plan_id = $1),
       -- Indicators, rule, directions and costs (public-outputs.ts): counts and the latest change of each.
       (select count(*) || ':' || coalesce(max(a.updated_at)::text, '') from indicator_actuals a join indicators x on x.id = a.indicator_id join plan_items i on i.id = x.item_id where i.plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(x.name || x.unit || x.kind || x.direction || x.position || ':' || x.cumulative::text || ':' || x.decimals))::bigint, 0) from indicators x join plan_items i on i.id = x.item_id where i.plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(t.value::text || t.fiscal_year))::bigint, 0) || ':' || (select count(*) from indicator_target_revisions r join indicator_targets t2 on t2.id = r.target_id join indicators x2 on x2.id = t2.indicator_id join plan_items i2 on i2.id = x2.item_id where i2.plan_id = $1)
          from indicator_targets t join indicators x on x.id = t.indicator_id join plan_items i on i.id = x.item_id where i.plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(b.value::text || b.fiscal_year))::bigint, 0) from indicator_baselines b join indicators x on x.id = b.indicator_id join plan_items i on i.id = x.item_id where i.plan_id = $1),
       (select count(*) || ':' || coalesce(max(d.updated_at)::text, '') from item_directions d join plan_items i on i.id = d.item_id where i.plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(c.code || ':' || c.label || ':' || c.position))::bigint, 0) from direction_codes c where c.plan_id = $1),
       (select count(*) || ':' || coalesce(max(c.updated_at)::text, '') from item_costs c join plan_items i on i.id = c.item_id where i.plan_id = $1),
       (select coalesce(max(updated_at)::text, '') from rating_rules where plan_id = $1 or scale_id = (select rating_scale_id from plans where id = $1)),
       (select count(*) || ':' || coalesce(sum(hashtext(coalesce(r.proposed_code, '') || coalesce(r.override_reason, '')))::bigint, 0)
          from ratings r join plan_items i on i.id = r.item_id where i.plan_id = $1 and r.proposed_code is not null)
     ) as f`,
    [planId],
  );
  return r.rows[0]?.f ?? '';
}
