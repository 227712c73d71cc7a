-- The yearly evaluation workflow: accounts, roles, sessions, per-round entries with
-- optimistic locking, review comments, opinions being written, corrections after
-- publication, and the reminder log. Published facts still live in ratings and
-- narratives (001); these tables hold the work in progress that leads to them.

create table users (
  id integer generated always as identity primary key,
  login text not null unique check (login ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name text not null,
  email text,
  -- scrypt$N$r$p$salt$hash (node:crypto scrypt, memory-hard).
  password_hash text not null,
  -- Admin-created accounts get a one-time initial password that must be changed.
  must_change_password boolean not null default true,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table user_roles (
  user_id integer not null references users(id) on delete cascade,
  role text not null check (role in ('admin', 'division', 'department', 'expert', 'viewer')),
  primary key (user_id, role)
);

create table user_departments (
  user_id integer not null references users(id) on delete cascade,
  department_id integer not null references departments(id) on delete cascade,
  primary key (user_id, department_id)
);

-- Server-side sessions, shared by every app process. The id is the SHA-256 of the
-- cookie's token, so a copy of this table does not let anyone sign in.
create table sessions (
  id text primary key,
  user_id integer not null references users(id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions(user_id);
create index sessions_expires on sessions(expires_at);

-- Every sign-in attempt, for rate limiting per address across processes.
create table login_attempts (
  id bigint generated always as identity primary key,
  login text not null,
  ip text not null,
  at timestamptz not null default now(),
  succeeded boolean not null
);
create index login_attempts_ip_at on login_attempts(ip, at);

alter table evaluation_rounds
  add column opened_at timestamptz,
  add column closed_at timestamptz,
  -- Bumped (by the triggers below) whenever the completion board of the round could
  -- change, so every app process can cache the board and know when it is stale.
  add column board_version bigint not null default 0;

-- One entry per sub-item per round: what the department writes, its workflow state,
-- and a version for optimistic locking (a save names the version it started from).
create table round_entries (
  id integer generated always as identity primary key,
  round_id integer not null references evaluation_rounds(id) on delete cascade,
  item_id integer not null references plan_items(id) on delete cascade,
  status text not null default 'not_started'
    check (status in ('not_started', 'draft', 'submitted', 'returned', 'accepted')),
  rating_code text,
  annotation_kind_ids integer[] not null default '{}',
  reason text not null default '',
  issues text not null default '',
  direction text not null default '',
  version integer not null default 1,
  -- Corrections after publication: 0 = as published.
  revision integer not null default 0,
  updated_by integer references users(id) on delete set null,
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  reviewed_at timestamptz,
  unique (round_id, item_id)
);
create index round_entries_round_status on round_entries(round_id, status);
create index round_entries_item on round_entries(item_id);

create function round_entries_bump_board() returns trigger language plpgsql as $$
begin
  update evaluation_rounds set board_version = board_version + 1
   where id in (select distinct round_id from changed_entries);
  return null;
end;
$$;
-- Text edits do not move the board; only inserts, deletes and status changes do.
create function round_entries_status_bump_board() returns trigger language plpgsql as $$
begin
  update evaluation_rounds set board_version = board_version + 1
   where id in (select distinct n.round_id from new_entries n join old_entries o on o.id = n.id where n.status is distinct from o.status);
  return null;
end;
$$;
create trigger round_entries_board_insert after insert on round_entries
  referencing new table as changed_entries for each statement execute function round_entries_bump_board();
create trigger round_entries_board_update after update on round_entries
  referencing new table as new_entries old table as old_entries for each statement execute function round_entries_status_bump_board();
create trigger round_entries_board_delete after delete on round_entries
  referencing old table as changed_entries for each statement execute function round_entries_bump_board();

-- Moving a sub-item to another department changes the boards of its plan's rounds.
create function plan_items_bump_board() returns trigger language plpgsql as $$
begin
  update evaluation_rounds r set board_version = board_version + 1
   where r.plan_id in (select distinct n.plan_id from new_items n join old_items o on o.id = n.id
                        where n.department_id is distinct from o.department_id);
  return null;
end;
$$;
create trigger plan_items_board_update after update on plan_items
  referencing new table as new_items old table as old_items for each statement execute function plan_items_bump_board();

create table review_comments (
  id integer generated always as identity primary key,
  entry_id integer not null references round_entries(id) on delete cascade,
  author_id integer references users(id) on delete set null,
  action text not null check (action in ('return', 'accept')),
  body text not null default '',
  created_at timestamptz not null default now()
);
create index review_comments_entry on review_comments(entry_id, id);

-- Opinions being written for a round: the division's per measure, the expert's per
-- pillar and for the whole plan (item_id null). Copied into narratives on publication.
create table round_opinions (
  id integer generated always as identity primary key,
  round_id integer not null references evaluation_rounds(id) on delete cascade,
  item_id integer references plan_items(id) on delete cascade,
  author_role text not null check (author_role in ('division', 'expert')),
  body text not null default '',
  version integer not null default 1,
  updated_by integer references users(id) on delete set null,
  updated_at timestamptz not null default now()
);
create unique index round_opinions_target on round_opinions(round_id, coalesce(item_id, 0), author_role);

-- A correction after publication is a new revision with a reason, never a silent edit.
create table entry_revisions (
  id integer generated always as identity primary key,
  entry_id integer not null references round_entries(id) on delete cascade,
  revision integer not null,
  reason text not null check (length(reason) > 0),
  before jsonb not null,
  after jsonb not null,
  created_by integer references users(id) on delete set null,
  created_at timestamptz not null default now(),
  unique (entry_id, revision)
);

create table reminder_log (
  id integer generated always as identity primary key,
  round_id integer not null references evaluation_rounds(id) on delete cascade,
  department_id integer references departments(id) on delete set null,
  recipient text not null,
  item_count integer not null,
  status text not null check (status in ('sent', 'failed')),
  error text,
  sent_at timestamptz not null default now()
);
create index reminder_log_round on reminder_log(round_id, sent_at);
