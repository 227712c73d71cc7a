-- What a round's opening copied into each entry from the year before (null: nothing was
-- copied). The entry page marks a text that still equals its copy, and submitting an
-- unchanged copy asks once; the copy itself is never shown as the department's own words.
alter table round_entries add column prefilled_reason text;
alter table round_entries add column prefilled_issues text;
alter table round_entries add column prefilled_direction text;
