-- What a department enters beside its rating while a round runs, kept on the entry until
-- publication copies it into the published tables: the 今後の方向性 code chosen from the
-- plan's list (the free text stays in `direction`), the actuals of the item's indicators
-- for the round's year (indicator id → value as decimal text or not measurable, with a
-- source note) and the year's costs (null: none entered). Whether a plan asks for costs
-- at all is one of its settings.
alter table round_entries
  add column direction_code text,
  add column actuals jsonb not null default '{}',
  add column costs jsonb;

alter table plan_settings add column costs_enabled boolean not null default false;
