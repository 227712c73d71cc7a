-- Ratings proposed by the plan's rule from its indicators, and the reason a department gave
-- when it chose another rating. Kept beside the rating (published) and the entry (being
-- written), so the report and the portal can say which ratings follow the rule and which
-- were overridden, and why. A rating set by hand where no rule applies has no proposal.
alter table ratings
  add column proposed_code text,
  add column override_reason text,
  add constraint ratings_override_has_reason
    check (proposed_code is null or proposed_code = code or coalesce(btrim(override_reason), '') <> '');

alter table round_entries
  add column proposed_rating_code text,
  add column override_reason text not null default '';
