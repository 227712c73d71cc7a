-- A plan may rate more than one tier, each with its own scale (施策 on ◎○△×, 事務事業
-- on A–D). The scale a tier's ratings use; null = the plan's own rating_scale_id, so
-- plans stored before this change read as they did.
alter table plan_tiers add column rating_scale_id integer references rating_scales(id);
