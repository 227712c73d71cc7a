-- The change counter's trigger also sends a notification, delivered when the writing
-- transaction commits: every app process listening on PostgreSQL learns at once that
-- the public data changed, whichever process (or CLI command) wrote it. The payload is
-- the schema, so processes on other schemas of the same database ignore it. Identical
-- notifications of one transaction are folded into one by PostgreSQL.
create or replace function note_public_change() returns trigger language plpgsql as $$
begin
  perform nextval('public_change_seq');
  perform pg_notify('hyoka_public_change', current_schema());
  return null;
end
$$;
