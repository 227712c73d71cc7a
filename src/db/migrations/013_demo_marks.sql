-- Demo data is marked as such, so every screen and public page can say デモ beside it:
-- the departments the demo assigns to the sample's items and the round it opens.
alter table departments add column demo boolean not null default false;
alter table evaluation_rounds add column demo boolean not null default false;
