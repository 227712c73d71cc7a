-- A counter that moves whenever a row the public side shows is written, committed or
-- not yet: the portal's cache reads it (one tiny query) to know whether to compare its
-- fingerprint at all. A deferred trigger bumps it as the writing transaction commits,
-- so a long import moves it at its end, when its rows become visible. A sequence, not a
-- counter row: concurrent writers never wait on each other for it.
create sequence public_change_seq;

create function note_public_change() returns trigger language plpgsql as $$
begin
  perform nextval('public_change_seq');
  return null;
end
$$;

do $$
declare
  t text;
begin
  foreach t in array array[
    'plans', 'plan_tiers', 'plan_items', 'plan_period_extensions', 'plan_designations', 'departments',
    'rating_scales', 'rating_codes', 'annotation_kinds', 'annotation_footnotes', 'evaluation_rounds',
    'ratings', 'rating_annotations', 'narratives', 'narrative_mentions', 'reported_aggregates', 'round_sections',
    'indicators', 'indicator_baselines', 'indicator_targets', 'indicator_target_revisions', 'indicator_actuals',
    'rating_rules', 'direction_codes', 'item_directions', 'item_costs', 'plan_settings', 'plan_item_lineage'
  ] loop
    execute format(
      'create constraint trigger %I after insert or update or delete on %I deferrable initially deferred for each row execute function note_public_change()',
      t || '_public_change', t);
  end loop;
end
$$;
