/**
 * The plan's item tree as a recursive CTE, for queries that sort items in document
 * order or group them under an ancestor at a given tier. Codes are a plan's own
 * spelling ("1.2.3", "A-1", full-width, or missing), so order comes from the tree
 * (each item's position under its parent), never from parsing a code.
 */

/**
 * `item_tree(id, level, sort_path, ancestors, group_id)`: every item of the plan
 * `planParam` with the positions from its root down to itself (sort by `sort_path`),
 * the ids from its root down to itself, and its ancestor (or itself) at the tier
 * `groupLevelParam` (null above that tier or when no tier is given). With `maxLevelParam`
 * the walk stops at that tier (opinion targets and board rows need only the upper tiers).
 */
export function itemTreeCte(planParam: string, groupLevelParam: string, maxLevelParam = 'null'): string {
  return `item_tree(id, level, sort_path, ancestors, group_id) as (
      select i.id, i.level, array[i.position, i.id], array[i.id], case when i.level = ${groupLevelParam}::int then i.id end
        from plan_items i where i.plan_id = ${planParam} and i.parent_id is null
      union all
      select c.id, c.level, p.sort_path || array[c.position, c.id], p.ancestors || c.id, case when c.level = ${groupLevelParam}::int then c.id else p.group_id end
        from plan_items c join item_tree p on c.parent_id = p.id where ${maxLevelParam}::int is null or c.level <= ${maxLevelParam}::int)`;
}
