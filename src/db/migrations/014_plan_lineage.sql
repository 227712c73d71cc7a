-- A successor plan continues its predecessor (plans.predecessor_plan_id and
-- successor_plan_id link the two); this maps their items: carried over (one to one),
-- merged into (many to one), split into (one to many), ended (no successor item) and
-- new (no predecessor item). A mapping is entered or imported as a whole and replaced
-- as a whole; position keeps the order it was given in.
create table plan_item_lineage (
  id integer generated always as identity primary key,
  successor_plan_id integer not null references plans(id) on delete cascade,
  predecessor_plan_id integer not null references plans(id) on delete cascade,
  kind text not null check (kind in ('carried_over', 'merged_into', 'split_into', 'ended', 'new')),
  predecessor_item_id integer references plan_items(id) on delete cascade,
  successor_item_id integer references plan_items(id) on delete cascade,
  position integer not null,
  check (successor_plan_id <> predecessor_plan_id),
  check (
    (kind in ('carried_over', 'merged_into', 'split_into') and predecessor_item_id is not null and successor_item_id is not null)
    or (kind = 'ended' and predecessor_item_id is not null and successor_item_id is null)
    or (kind = 'new' and predecessor_item_id is null and successor_item_id is not null)
  ),
  unique (predecessor_item_id, successor_item_id)
);
create index plan_item_lineage_successor_plan on plan_item_lineage(successor_plan_id, position);
create index plan_item_lineage_predecessor_item on plan_item_lineage(predecessor_item_id);
create index plan_item_lineage_successor_item on plan_item_lineage(successor_item_id);

-- The report's generated section (参考：この年度の変化（自動生成）) per round: null follows the
-- default — shown for a round run in the app (it has entries), not for an imported report,
-- whose text is the published one; true or false overrides it.
alter table evaluation_rounds add column generated_section boolean;
