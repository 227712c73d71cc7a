-- A scale code the importer added because the published criteria table did not list it
-- (the not-evaluated mark "—" the rating tables use). Kept so ratings can refer to it,
-- flagged so a generated report prints only the rows the city published.
alter table rating_codes add column is_default boolean not null default false;
