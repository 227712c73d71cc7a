/**
 * Writes a round's entries into the published store (ratings, annotations, narratives)
 * that the plan page, the portal and the report read. Called inside the transaction of
 * a publication or of a correction after publication, which audit the change.
 */
import type { Queryable } from '../db/db.js';
import { invalidState } from '../errors.js';
import { recordAuditMany, type AuditEntry } from '../audit/audit-log.js';
import { loadPlanNow } from '../plans/plan-queries.js';
import { loadIndicatorSeries, loadRatingRule } from '../indicators/indicator-queries.js';
import { overrideError, proposeForEntry, proposedCode } from '../indicators/entry-proposal.js';
import type { Actor } from './workflow.js';
import { ENTRY_COLUMNS, type EntryRow } from './entry-queries.js';
import type { Round } from './round-queries.js';

/** Writes the accepted entries of a round into the published store: ratings, annotations, narratives. */
export async function publishEntries(tx: Queryable, round: Round, actor: Actor): Promise<void> {
  const entries = (
    await tx.query<EntryRow>(`select ${ENTRY_COLUMNS} from round_entries e left join users u on u.id = e.updated_by where e.round_id = $1 order by e.item_id`, [
      round.id,
    ])
  ).rows;
  await refreshProposals(tx, round, entries, actor);
  const before = await publishedBefore(
    tx,
    round,
    entries.map((e) => e.itemId),
  );
  const rated = entries.filter((e) => e.ratingCode !== null);
  await tx.query(
    `insert into ratings (item_id, fiscal_year, scale_id, code, reason, proposed_code, override_reason)
     select t.item_id, $2, coalesce(pt.rating_scale_id, p.rating_scale_id), t.code, t.reason, e.proposed_rating_code,
            case when e.proposed_rating_code is not null and e.proposed_rating_code <> t.code then nullif(btrim(e.override_reason), '') end
       from unnest($1::int[], $3::text[], $4::text[]) as t(item_id, code, reason)
       join plan_items i on i.id = t.item_id join plans p on p.id = i.plan_id
       left join plan_tiers pt on pt.plan_id = p.id and pt.level = i.level
       left join round_entries e on e.round_id = $6 and e.item_id = t.item_id
      where p.id = $5
     on conflict (item_id, fiscal_year) do update set code = excluded.code, reason = excluded.reason, scale_id = excluded.scale_id,
            proposed_code = excluded.proposed_code, override_reason = excluded.override_reason, updated_at = now()`,
    [rated.map((e) => e.itemId), round.fiscalYear, rated.map((e) => e.ratingCode!), rated.map((e) => e.reason), round.planId, round.id],
  );
  await writeAnnotations(tx, round, rated);
  await publishFigures(tx, round);
  await tx.query(`delete from narratives where plan_id = $1 and fiscal_year = $2 and source = 'entered'`, [round.planId, round.fiscalYear]);
  await insertDepartmentNarratives(tx, round, entries);
  // Opinions, at the tiers the plan's settings give the division and the expert, and on the whole plan.
  await tx.query(
    `insert into narratives (plan_id, item_id, fiscal_year, author_role, kind, position, body, source)
     select $2, o.item_id, $3, o.author_role, 'progress', coalesce(o.item_id, 0), o.body, 'entered'
       from round_opinions o where o.round_id = $1 and length(trim(o.body)) > 0`,
    [round.id, round.planId, round.fiscalYear],
  );
  const audits: AuditEntry[] = rated.map((e) => ({
    actor: actor.login,
    action: 'publish',
    entity: 'rating',
    entityId: `${e.itemId}/${round.fiscalYear}`,
    planId: round.planId,
    roundId: round.id,
    itemId: e.itemId,
    before: before.get(e.itemId) ?? null,
    after: {
      code: e.ratingCode,
      reason: e.reason,
      annotationKindIds: e.annotationKindIds,
      issues: e.issues,
      direction: e.direction,
      proposedCode: e.proposedRatingCode,
      overrideReason: e.overrideReason,
      directionCode: e.directionCode,
      actuals: e.actuals,
      costs: e.costs,
    },
  }));
  await recordAuditMany(tx, audits);
}

/**
 * The rule's proposal for each entry, computed again from the data as it is now: the
 * stored one was made at the department's last save, and the indicators' targets or
 * actuals may have changed since. Where it changed:
 * - the publication is refused, naming the items, when the rating now differs from the
 *   rule's proposal without a reason: the department agreed with a proposal that no longer
 *   holds, and nobody has explained the difference;
 * - otherwise the entry takes the new proposal and goes on: the rating equals it (nothing
 *   to explain, and the reason, which explained a difference that is gone, is dropped), or
 *   the rule now proposes nothing, or the rating differs and the department's reason for
 *   choosing it stands, since it is a reason for the rating itself.
 * The entries (in memory and stored) are brought in step, so the ratings and the audit get
 * the proposal that was true at publication.
 */
async function refreshProposals(tx: Queryable, round: Round, entries: EntryRow[], actor: Actor): Promise<void> {
  const [plan, rule, series] = await Promise.all([loadPlanNow(tx, round.planId), loadRatingRule(tx, round.planId), loadIndicatorSeries(tx, round.planId)]);
  const period = { startFiscalYear: plan.startFiscalYear, endFiscalYear: plan.effectiveEndFiscalYear };
  const seriesByItem = new Map<number, typeof series>();
  for (const x of series) {
    const own = seriesByItem.get(x.itemId);
    if (own) own.push(x);
    else seriesByItem.set(x.itemId, [x]);
  }
  const changed: { entry: EntryRow; fresh: string | null; reason: string }[] = [];
  for (const e of entries) {
    if (e.ratingCode === null) continue;
    const own = seriesByItem.get(e.itemId) ?? [];
    const fresh = proposedCode(proposeForEntry(own, rule?.rule ?? null, round.fiscalYear, period, e.actuals ?? {}));
    if (fresh === e.proposedRatingCode) continue;
    const reason = e.overrideReason.trim();
    changed.push({ entry: e, fresh, reason: fresh !== null && e.ratingCode !== fresh ? reason : '' });
  }
  const unexplained = changed.filter((c) => overrideError(c.fresh, c.entry.ratingCode, c.reason) !== undefined);
  if (unexplained.length > 0) {
    const codes = await tx.query<{ code: string }>('select code from plan_items where id = any($1::int[]) order by code', [
      unexplained.map((c) => c.entry.itemId),
    ]);
    throw invalidState(
      `入力後に規則による提案が変わり、評価が提案と異なるのに理由のない項目があります: ${codes.rows.map((r) => r.code).join('、')}。差し戻して入力し直してから公表してください。`,
      { items: unexplained.map((c) => ({ itemId: c.entry.itemId, storedProposal: c.entry.proposedRatingCode, proposal: c.fresh })) },
    );
  }
  for (const c of changed) {
    await tx.query('update round_entries set proposed_rating_code = $3, override_reason = $4 where round_id = $1 and item_id = $2', [
      round.id,
      c.entry.itemId,
      c.fresh,
      c.reason,
    ]);
  }
  // What the department saved stays on record: the proposal it saw and the reason it wrote.
  await recordAuditMany(
    tx,
    changed.map((c) => ({
      actor: actor.login,
      action: 'refresh-proposal',
      entity: 'entry',
      entityId: c.entry.id,
      planId: round.planId,
      roundId: round.id,
      itemId: c.entry.itemId,
      before: { proposedRatingCode: c.entry.proposedRatingCode, overrideReason: c.entry.overrideReason },
      after: { proposedRatingCode: c.fresh, overrideReason: c.reason },
    })),
  );
  for (const c of changed) {
    c.entry.proposedRatingCode = c.fresh;
    c.entry.overrideReason = c.reason;
  }
}

/**
 * What the published tables hold for the items and the round's year before the
 * publication writes over them: the rating with its proposal and reason, the 今後の方向性,
 * the actuals of the items' indicators and the costs. Items with none of these are absent.
 */
async function publishedBefore(tx: Queryable, round: Round, itemIds: number[]): Promise<Map<number, Record<string, unknown>>> {
  const params = [itemIds, round.fiscalYear];
  const [ratings, directions, actuals, costs] = await Promise.all([
    tx.query<{ itemId: number; code: string; reason: string | null; proposedCode: string | null; overrideReason: string | null }>(
      `select item_id as "itemId", code, reason, proposed_code as "proposedCode", override_reason as "overrideReason"
         from ratings where fiscal_year = $2 and item_id = any($1::int[])`,
      params,
    ),
    tx.query<{ itemId: number; directionCode: string; note: string }>(
      `select d.item_id as "itemId", c.code as "directionCode", d.note from item_directions d join direction_codes c on c.id = d.direction_code_id
        where d.fiscal_year = $2 and d.item_id = any($1::int[])`,
      params,
    ),
    tx.query<{ itemId: number; indicatorId: number; value: string | null; notMeasurable: boolean; sourceNote: string }>(
      `select x.item_id as "itemId", a.indicator_id as "indicatorId", a.value::text as value, a.not_measurable as "notMeasurable", a.source_note as "sourceNote"
         from indicator_actuals a join indicators x on x.id = a.indicator_id where a.fiscal_year = $2 and x.item_id = any($1::int[]) order by a.indicator_id`,
      params,
    ),
    tx.query<{ itemId: number; unit: string | null } & Record<string, string | null>>(
      `select item_id as "itemId", unit, project_cost::text as "projectCost", personnel_cost::text as "personnelCost", total_cost::text as "totalCost",
              national_prefectural_funds::text as "nationalPrefecturalFunds", local_bonds::text as "localBonds", other_funds::text as "otherFunds",
              general_funds::text as "generalFunds", note
         from item_costs where fiscal_year = $2 and item_id = any($1::int[])`,
      params,
    ),
  ]);
  const before = new Map<number, Record<string, unknown>>();
  const of = (itemId: number) => before.get(itemId) ?? before.set(itemId, {}).get(itemId)!;
  for (const { itemId, ...r } of ratings.rows) Object.assign(of(itemId), r);
  for (const { itemId, directionCode, note } of directions.rows) Object.assign(of(itemId), { directionCode, directionNote: note });
  for (const { itemId, indicatorId, ...a } of actuals.rows) {
    const item = of(itemId);
    item.actuals = { ...(item.actuals as Record<string, unknown> | undefined), [String(indicatorId)]: a };
  }
  for (const { itemId, ...c } of costs.rows) of(itemId).costs = c;
  return before;
}

export async function writeAnnotations(tx: Queryable, round: Round, entries: readonly EntryRow[]): Promise<void> {
  const ids = entries.map((e) => e.itemId);
  await tx.query('delete from rating_annotations a using ratings r where r.id = a.rating_id and r.fiscal_year = $2 and r.item_id = any($1::int[])', [
    ids,
    round.fiscalYear,
  ]);
  const pairs = entries.flatMap((e) => e.annotationKindIds.map((k) => [e.itemId, k] as const));
  if (pairs.length === 0) return;
  await tx.query(
    `insert into rating_annotations (rating_id, annotation_kind_id)
     select r.id, t.kind_id from unnest($1::int[], $2::int[]) as t(item_id, kind_id) join ratings r on r.item_id = t.item_id and r.fiscal_year = $3`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1]), round.fiscalYear],
  );
}

/** The department's reason, issues and direction become narratives of the sub-item (positioned by item id). */
export async function insertDepartmentNarratives(tx: Queryable, round: Round, entries: readonly EntryRow[]): Promise<void> {
  const rows = entries.flatMap((e) =>
    (
      [
        ['progress', e.reason],
        ['issues', e.issues],
        ['direction', e.direction],
      ] as const
    )
      .filter(([, body]) => body.trim().length > 0)
      .map(([kind, body]) => ({ itemId: e.itemId, kind, body })),
  );
  if (rows.length === 0) return;
  await tx.query(
    `insert into narratives (plan_id, item_id, fiscal_year, author_role, kind, position, body, source)
     select $1, t.item_id, $2, 'department', t.kind, t.item_id, t.body, 'entered' from unnest($3::int[], $4::text[], $5::text[]) as t(item_id, kind, body)`,
    [round.planId, round.fiscalYear, rows.map((r) => r.itemId), rows.map((r) => r.kind), rows.map((r) => r.body)],
  );
}

/**
 * The entries' figures into the published tables for the round's year, straight from the
 * entries: the 今後の方向性 code (with the entry's free text as its note) into
 * item_directions, the actuals into indicator_actuals and the costs into item_costs. The
 * publication's audit entries carry them per item. An actual entered for an indicator no
 * longer on the item is skipped.
 */
export async function publishFigures(tx: Queryable, round: Round): Promise<void> {
  await tx.query(
    `insert into item_directions (item_id, fiscal_year, direction_code_id, note)
     select e.item_id, $2, c.id, e.direction from round_entries e join direction_codes c on c.plan_id = $3 and c.code = e.direction_code
      where e.round_id = $1
     on conflict (item_id, fiscal_year) do update set direction_code_id = excluded.direction_code_id, note = excluded.note, updated_at = now()`,
    [round.id, round.fiscalYear, round.planId],
  );
  await tx.query(
    `insert into indicator_actuals (indicator_id, fiscal_year, value, not_measurable, source_note)
     select x.id, $2, (a.v->>'value')::numeric, coalesce((a.v->>'notMeasurable')::boolean, false), coalesce(a.v->>'sourceNote', '')
       from round_entries e cross join lateral jsonb_each(e.actuals) as a(k, v)
       join indicators x on x.id::text = a.k and x.item_id = e.item_id
      where e.round_id = $1
     on conflict (indicator_id, fiscal_year) do update set value = excluded.value, not_measurable = excluded.not_measurable,
            source_note = excluded.source_note, updated_at = now()`,
    [round.id, round.fiscalYear],
  );
  await tx.query(
    `insert into item_costs (item_id, fiscal_year, unit, project_cost, personnel_cost, total_cost, national_prefectural_funds, local_bonds, other_funds, general_funds, note)
     select e.item_id, $2, e.costs->>'unit', (e.costs->>'projectCost')::numeric, (e.costs->>'personnelCost')::numeric, (e.costs->>'totalCost')::numeric,
            (e.costs->>'nationalPrefecturalFunds')::numeric, (e.costs->>'localBonds')::numeric, (e.costs->>'otherFunds')::numeric,
            (e.costs->>'generalFunds')::numeric, coalesce(e.costs->>'note', '')
       from round_entries e where e.round_id = $1 and e.costs is not null
     on conflict (item_id, fiscal_year) do update set unit = excluded.unit, project_cost = excluded.project_cost, personnel_cost = excluded.personnel_cost,
            total_cost = excluded.total_cost, national_prefectural_funds = excluded.national_prefectural_funds, local_bonds = excluded.local_bonds,
            other_funds = excluded.other_funds, general_funds = excluded.general_funds, note = excluded.note, updated_at = now()`,
    [round.id, round.fiscalYear],
  );
}
