-- The plan store: plans and their history, tiers, the item tree, departments,
-- rating scales, ratings with annotations, narratives, rounds, reported aggregates.
-- Fiscal years are stored as the Gregorian start year (2022 = 令和4年度).

create table departments (
  id integer generated always as identity primary key,
  code text not null unique,
  name text not null unique,
  created_at timestamptz not null default now()
);

-- A scale is data: codes, labels, criteria, order, and which codes count as achieved.
create table rating_scales (
  id integer generated always as identity primary key,
  slug text not null unique,
  name text not null
);

create table rating_codes (
  scale_id integer not null references rating_scales(id) on delete cascade,
  code text not null,
  label text not null,
  criteria text not null default '',
  position integer not null,
  counts_as_achieved boolean not null default false,
  is_not_evaluated boolean not null default false,
  primary key (scale_id, code)
);

create table plans (
  id integer generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]*$'),
  name text not null,
  description text not null default '',
  rating_scale_id integer not null references rating_scales(id),
  predecessor_name text,
  predecessor_plan_id integer references plans(id) on delete set null,
  successor_name text,
  successor_plan_id integer references plans(id) on delete set null,
  adopted_fiscal_year integer,
  start_fiscal_year integer not null,
  end_fiscal_year integer not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (end_fiscal_year >= start_fiscal_year)
);

-- The period as planned is start..end; each extension moves the end with a reason.
create table plan_period_extensions (
  id integer generated always as identity primary key,
  plan_id integer not null references plans(id) on delete cascade,
  from_end_fiscal_year integer not null,
  to_end_fiscal_year integer not null,
  decided_fiscal_year integer,
  reason text not null,
  unique (plan_id, to_end_fiscal_year),
  check (to_end_fiscal_year > from_end_fiscal_year)
);

create table plan_designations (
  id integer generated always as identity primary key,
  plan_id integer not null references plans(id) on delete cascade,
  name text not null,
  from_fiscal_year integer,
  unique (plan_id, name)
);

-- Tiers are data: a plan names its levels (施策展開の柱 → 施策 → 事務事業 → 事務事業細目).
create table plan_tiers (
  plan_id integer not null references plans(id) on delete cascade,
  level integer not null check (level >= 1),
  name text not null,
  primary key (plan_id, level)
);

-- The item tree. `code` is the stable dotted position ("2.1.4.3") within the plan,
-- so a re-import keeps ids; `position` orders siblings.
create table plan_items (
  id integer generated always as identity primary key,
  plan_id integer not null references plans(id) on delete cascade,
  parent_id integer references plan_items(id) on delete cascade,
  level integer not null,
  code text not null,
  position integer not null,
  name text not null,
  department_id integer references departments(id) on delete set null,
  -- 事業終了: from this fiscal year on the item is rated "—".
  ended_from_fiscal_year integer,
  -- Name of the item in the successor plan that carries this one over, if any.
  carried_over_to text,
  unique (plan_id, code),
  foreign key (plan_id, level) references plan_tiers(plan_id, level)
);
create index plan_items_parent on plan_items(parent_id, position);
create index plan_items_plan_level on plan_items(plan_id, level);

create table annotation_kinds (
  id integer generated always as identity primary key,
  plan_id integer not null references plans(id) on delete cascade,
  mark text not null,
  meaning text not null,
  unique (plan_id, mark)
);

create table evaluation_rounds (
  id integer generated always as identity primary key,
  plan_id integer not null references plans(id) on delete cascade,
  fiscal_year integer not null,
  kind text not null check (kind in ('yearly', 'midterm', 'final')),
  status text not null default 'preparing' check (status in ('preparing', 'open', 'closed', 'published')),
  -- Last fiscal year whose results the round covers (a midterm in H30 covered to H29).
  covers_until_fiscal_year integer,
  deadline date,
  published_at timestamptz,
  created_at timestamptz not null default now(),
  unique (plan_id, fiscal_year, kind)
);

-- One rating per sub-item per fiscal year.
create table ratings (
  id integer generated always as identity primary key,
  item_id integer not null references plan_items(id) on delete cascade,
  fiscal_year integer not null,
  scale_id integer not null,
  code text not null,
  reason text,
  updated_at timestamptz not null default now(),
  unique (item_id, fiscal_year),
  foreign key (scale_id, code) references rating_codes(scale_id, code)
);
create index ratings_fiscal_year on ratings(fiscal_year);

create table rating_annotations (
  rating_id integer not null references ratings(id) on delete cascade,
  annotation_kind_id integer not null references annotation_kinds(id) on delete cascade,
  primary key (rating_id, annotation_kind_id)
);

-- Narratives per node per fiscal year by author role. item_id null = the whole plan.
-- `position` keeps the source order among narratives of the same plan, year and role.
create table narratives (
  id integer generated always as identity primary key,
  plan_id integer not null references plans(id) on delete cascade,
  item_id integer references plan_items(id) on delete cascade,
  fiscal_year integer not null,
  author_role text not null check (author_role in ('department', 'division', 'expert')),
  kind text not null default 'progress' check (kind in ('progress', 'issues', 'direction', 'opinion')),
  position integer not null,
  body text not null,
  source text not null default 'entered' check (source in ('imported', 'entered')),
  updated_at timestamptz not null default now(),
  unique (plan_id, fiscal_year, author_role, kind, position)
);
create index narratives_item on narratives(item_id, fiscal_year);

-- Other items a narrative names (a paragraph about two programs).
create table narrative_mentions (
  narrative_id integer not null references narratives(id) on delete cascade,
  item_id integer not null references plan_items(id) on delete cascade,
  primary key (narrative_id, item_id)
);

-- Annotation footnotes as published per measure: which sub-items the footnote lists.
create table annotation_footnotes (
  plan_id integer not null references plans(id) on delete cascade,
  fiscal_year integer not null,
  measure_item_id integer not null references plan_items(id) on delete cascade,
  annotation_kind_id integer not null references annotation_kinds(id) on delete cascade,
  item_id integer not null references plan_items(id) on delete cascade,
  position integer not null,
  primary key (fiscal_year, measure_item_id, annotation_kind_id, item_id)
);

-- Summary counts that exist only as figures in a published report (H29 in the seed),
-- and the printed figures of every other year, kept to cross-check computed counts.
create table reported_aggregates (
  plan_id integer not null references plans(id) on delete cascade,
  fiscal_year integer not null,
  code text not null,
  count integer not null check (count >= 0),
  round_id integer references evaluation_rounds(id) on delete set null,
  primary key (plan_id, fiscal_year, code)
);

-- Text sections of a report that belong to the round, not to a node: 評価要領, closing.
create table round_sections (
  round_id integer not null references evaluation_rounds(id) on delete cascade,
  key text not null,
  position integer not null,
  heading text not null,
  body text not null,
  primary key (round_id, key)
);

-- Every imported file, byte for byte, so an imported fact can be traced to its source.
create table import_sources (
  id integer generated always as identity primary key,
  plan_id integer not null references plans(id) on delete cascade,
  file_name text not null,
  sha256 text not null,
  content text not null,
  imported_at timestamptz not null default now(),
  unique (plan_id, sha256)
);

-- Append-only audit log of changes to evaluation data. The trigger below refuses
-- updates and deletes, so no code path (nor a stray SQL console) can rewrite history.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor text not null,
  action text not null,
  entity text not null,
  entity_id text,
  plan_id integer,
  round_id integer,
  item_id integer,
  before jsonb,
  after jsonb
);
create index audit_log_at on audit_log(at);
create index audit_log_item on audit_log(item_id);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each statement execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();
