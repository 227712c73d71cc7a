-- A file an administrator uploaded for import, kept between the preview and the
-- confirmation so that confirming needs no second upload. Rows expire (expires_at);
-- each new upload removes the expired ones, and a confirmed import removes its own in
-- the same transaction as the plan it stores.
create table import_uploads (
  id text primary key,
  user_id integer not null references users(id) on delete cascade,
  file_name text not null,
  bytes bytea not null,
  mapping_name text,
  mapping_text text,
  encoding text,
  slug text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index import_uploads_expires on import_uploads(expires_at);
