-- The completion board groups its counts by the items above the rated tier, and is kept
-- per board_version. Moving an item under another parent or tier (a re-import can) changes
-- that grouping as much as a change of department does, so it moves the board too.
create or replace function plan_items_bump_board() returns trigger language plpgsql as $$
begin
  update evaluation_rounds r set board_version = board_version + 1
   where r.plan_id in (select distinct n.plan_id from new_items n join old_items o on o.id = n.id
                        where (n.department_id, n.parent_id, n.level) is distinct from (o.department_id, o.parent_id, o.level));
  return null;
end;
$$;
