-- Indicators (KPIs) of plan items with baselines, targets and their revisions, actuals
-- per fiscal year; rating rules as data; 今後の方向性 as a coded vocabulary per plan;
-- costs per item per fiscal year. Every number is numeric: read as text, computed with
-- exact decimals, never a float.

create table indicators (
  id integer generated always as identity primary key,
  item_id integer not null references plan_items(id) on delete cascade,
  name text not null check (name <> ''),
  unit text not null default '',
  -- 活動指標 / 成果指標 / other.
  kind text not null default 'outcome' check (kind in ('activity', 'outcome', 'other')),
  direction text not null default 'higher' check (direction in ('higher', 'lower')),
  -- 延べ: targets are totals since the start of the plan period; actuals are yearly amounts.
  cumulative boolean not null default false,
  decimals integer not null default 0 check (decimals between 0 and 6),
  position integer not null,
  unique (item_id, position)
);

create table indicator_baselines (
  indicator_id integer primary key references indicators(id) on delete cascade,
  fiscal_year integer not null,
  value numeric not null
);

-- A target as first set. `final` is the one target of the whole period (its year is the
-- target year); `yearly` targets name the year they are for. Changes are revisions below.
create table indicator_targets (
  id integer generated always as identity primary key,
  indicator_id integer not null references indicators(id) on delete cascade,
  kind text not null check (kind in ('yearly', 'final')),
  fiscal_year integer not null,
  value numeric not null,
  unique (indicator_id, kind, fiscal_year)
);
create unique index indicator_targets_one_final on indicator_targets(indicator_id) where kind = 'final';

-- Target revisions are rows, never updates of the target: the value in effect for a
-- year is the target's value after the revisions decided up to that year.
create table indicator_target_revisions (
  id integer generated always as identity primary key,
  target_id integer not null references indicator_targets(id) on delete cascade,
  old_value numeric not null,
  new_value numeric not null,
  reason text not null check (reason <> ''),
  decided_fiscal_year integer not null,
  created_at timestamptz not null default now()
);
create index indicator_target_revisions_target on indicator_target_revisions(target_id, decided_fiscal_year, id);

create table indicator_actuals (
  indicator_id integer not null references indicators(id) on delete cascade,
  fiscal_year integer not null,
  value numeric,
  not_measurable boolean not null default false,
  source_note text not null default '',
  updated_at timestamptz not null default now(),
  primary key (indicator_id, fiscal_year),
  check (not (not_measurable and value is not null))
);

-- The rule that proposes ratings from indicators, for a plan or for every plan on a scale.
-- `parameters` is validated by the rule kind's schema before it is stored.
create table rating_rules (
  id integer generated always as identity primary key,
  plan_id integer unique references plans(id) on delete cascade,
  scale_id integer unique references rating_scales(id) on delete cascade,
  kind text not null check (kind in ('ratio_thresholds', 'band_around_target', 'progress_vs_elapsed', 'manual')),
  name text not null default '',
  parameters jsonb not null default '{}',
  updated_at timestamptz not null default now(),
  check ((plan_id is null) <> (scale_id is null))
);

-- 今後の方向性: the plan's own list of codes (拡充 / 継続 / … by default).
create table direction_codes (
  id integer generated always as identity primary key,
  plan_id integer not null references plans(id) on delete cascade,
  code text not null check (code <> ''),
  label text not null,
  position integer not null,
  unique (plan_id, code)
);

create table item_directions (
  item_id integer not null references plan_items(id) on delete cascade,
  fiscal_year integer not null,
  direction_code_id integer not null references direction_codes(id),
  note text not null default '',
  updated_at timestamptz not null default now(),
  primary key (item_id, fiscal_year)
);
create index item_directions_code on item_directions(direction_code_id);

-- Costs per item per fiscal year. トータルコスト is kept as published (some cities
-- include more than 事業費 + 人件費); when absent it is derived as their sum.
create table item_costs (
  item_id integer not null references plan_items(id) on delete cascade,
  fiscal_year integer not null,
  unit text not null default '千円' check (unit in ('円', '千円', '百万円')),
  project_cost numeric,
  personnel_cost numeric,
  total_cost numeric,
  national_prefectural_funds numeric,
  local_bonds numeric,
  other_funds numeric,
  general_funds numeric,
  note text not null default '',
  updated_at timestamptz not null default now(),
  primary key (item_id, fiscal_year)
);
