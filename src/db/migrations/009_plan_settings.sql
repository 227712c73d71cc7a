-- How a plan's yearly workflow runs and what it calls things: which tier departments
-- rate, at which tiers the reviewing division and the outside expert write opinions,
-- which tier the completion board counts by, the reviewing division's name, the role
-- titles and the names of the round kinds. One optional row per plan; a null column
-- means "the default" (evaluations/plan-settings-queries.ts says which), so plans stored
-- before this table keep working as they did.
create table plan_settings (
  plan_id integer primary key references plans(id) on delete cascade,
  rated_level integer check (rated_level >= 1),
  board_level integer check (board_level >= 1),
  division_levels integer[],
  expert_levels integer[],
  -- Who writes the opinion on the whole plan: 'expert', 'division' or 'none'.
  plan_opinion_role text check (plan_opinion_role in ('expert', 'division', 'none')),
  division_name text,
  department_title text,
  division_title text,
  expert_title text,
  yearly_label text,
  midterm_label text,
  final_label text,
  version integer not null default 1,
  updated_by integer references users(id) on delete set null,
  updated_at timestamptz not null default now()
);
