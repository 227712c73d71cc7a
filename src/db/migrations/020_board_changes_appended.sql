-- Which rounds' boards changed, as rows appended, never one row updated. Before, every entry
-- that changed state (a draft begun, a submission, an acceptance, a return) bumped its round's
-- board_version: concurrent saves in a busy round each held that one row until they committed,
-- so they committed one after another. Appended rows never wait for each other. A board is kept
-- while the count of its round's rows stays the same; board_version is no longer written, and no
-- longer moves the change counter (no public page shows a board). A few rows per entry and
-- round, never pruned: a board's version is their count.
create table round_board_changes (
  id bigint generated always as identity primary key,
  round_id integer not null references evaluation_rounds(id) on delete cascade
);
create index round_board_changes_round on round_board_changes(round_id, id);

-- Entries deleted with their round (a cascade) change no board that still exists.
create or replace function round_entries_bump_board() returns trigger language plpgsql as $$
begin
  insert into round_board_changes (round_id)
  select distinct c.round_id from changed_entries c where exists (select 1 from evaluation_rounds r where r.id = c.round_id);
  return null;
end;
$$;

create or replace function round_entries_status_bump_board() returns trigger language plpgsql as $$
begin
  insert into round_board_changes (round_id)
  select distinct n.round_id from new_entries n join old_entries o on o.id = n.id where n.status is distinct from o.status;
  return null;
end;
$$;

create or replace function plan_items_bump_board() returns trigger language plpgsql as $$
begin
  insert into round_board_changes (round_id)
  select r.id from evaluation_rounds r
   where r.plan_id in (select distinct n.plan_id from new_items n join old_items o on o.id = n.id
                        where (n.department_id, n.parent_id, n.level) is distinct from (o.department_id, o.parent_id, o.level));
  return null;
end;
$$;
