-- A round's board_version moves on every status change of one of its entries (a save that
-- starts a draft, a submission, an acceptance, a return): no public page and no kept plan
-- page shows it, so it no longer moves the change counter. Before, every submission during
-- a busy round made every kept page of every plan load again. Any other change to a round
-- (its status, deadline, publication) still moves it.
drop trigger evaluation_rounds_public_change on evaluation_rounds;
create constraint trigger evaluation_rounds_public_change
  after insert or delete on evaluation_rounds
  deferrable initially deferred for each row execute function note_public_change();
create constraint trigger evaluation_rounds_public_change_update
  after update on evaluation_rounds
  deferrable initially deferred for each row
  when ((to_jsonb(old) - 'board_version') is distinct from (to_jsonb(new) - 'board_version'))
  execute function note_public_change();
