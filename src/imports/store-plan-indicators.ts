/**
 * The store's steps for indicators and the figures around them (steps of
 * storeImportedPlan's transaction, audited by its import entry): the plan's 今後の方向性
 * list, each node's indicators with baseline, targets, target revisions and actuals,
 * its direction per year and its costs per year. Set-based (a few statements for the
 * whole plan, never one per indicator). Indicators match the item's stored ones by
 * name, so a re-import keeps their ids; targets match by kind and year and keep their
 * first-set value (writeTargets), revisions by all their facts (a revision already
 * stored is not added twice); actuals, directions and costs by year, their updated_at
 * moved only when the row changes. Nothing the file no longer has is removed: it may be entered work.
 * Numbers go to PostgreSQL as text and stay exact.
 */
import type { Queryable } from '../db/db.js';
import { unnestColumns } from '../db/unnest-columns.js';
import { invalidInput } from '../errors.js';
import { COST_FIELDS } from '../indicators/cost-rollup.js';
import { Dec } from '../indicators/decimal.js';
import { targetValueInEffect } from '../indicators/indicator-series.js';
import { DEFAULT_DIRECTION_CODES } from '../indicators/indicator-store.js';
import {
  type ImportedIndicator,
  type ImportedNode,
  type ImportedPlan,
  type ImportedTarget,
  ImportSourceError,
  type PlacedProblem,
  walkNodes,
} from './imported-plan.js';

/** The direction codes a plan's nodes may use: the file's own list, else the default one. */
export function directionCodesOf(plan: ImportedPlan): readonly { code: string; label: string }[] {
  return plan.directionCodes ?? DEFAULT_DIRECTION_CODES;
}

export async function writeIndicatorFacts(tx: Queryable, planId: number, plan: ImportedPlan, nodeIds: ReadonlyMap<ImportedNode, number>): Promise<void> {
  const nodes = [...walkNodes(plan.nodes)].map(({ node }) => ({ node, itemId: nodeIds.get(node)! }));
  await writeDirectionCodes(tx, planId, plan, nodes);
  await writeIndicators(tx, nodes);
  await writeDirections(tx, planId, nodes);
  await writeCosts(tx, nodes);
}

interface NodeWithId {
  node: ImportedNode;
  itemId: number;
}

/** The file's list replaces labels and order; without one, a plan whose nodes choose directions gets the default list once. */
async function writeDirectionCodes(tx: Queryable, planId: number, plan: ImportedPlan, nodes: readonly NodeWithId[]): Promise<void> {
  const used = nodes.some(({ node }) => node.directions?.length);
  if (!plan.directionCodes && !used) return;
  if (!plan.directionCodes) {
    const any = await tx.query('select 1 from direction_codes where plan_id = $1 limit 1', [planId]);
    if (any.rowCount > 0) return;
  }
  const codes = directionCodesOf(plan);
  await tx.query(
    `insert into direction_codes (plan_id, code, label, position)
     select $1, code, label, position from unnest($2::text[], $3::text[]) with ordinality as t(code, label, position)
     on conflict (plan_id, code) do update set label = excluded.label, position = excluded.position`,
    [planId, codes.map((c) => c.code), codes.map((c) => c.label)],
  );
}

async function writeIndicators(tx: Queryable, nodes: readonly NodeWithId[]): Promise<void> {
  const given = nodes.flatMap(({ node, itemId }) => (node.indicators ?? []).map((indicator) => ({ indicator, itemId })));
  if (!given.length) return;
  const itemIds = [...new Set(given.map((g) => g.itemId))];
  const existing = await tx.query<{ id: number; item_id: number; name: string; position: number }>(
    'select id, item_id, name, position from indicators where item_id = any($1::int[])',
    [itemIds],
  );
  const byName = new Map(existing.rows.map((r) => [`${r.item_id}\u0000${r.name}`, r.id]));
  const lastPosition = new Map<number, number>();
  for (const r of existing.rows) lastPosition.set(r.item_id, Math.max(lastPosition.get(r.item_id) ?? 0, r.position));
  const rows = given.map((g): { indicator: ImportedIndicator; itemId: number; id: number | undefined; position: number } => {
    const id = byName.get(`${g.itemId}\u0000${g.indicator.name}`);
    if (id !== undefined) return { ...g, id, position: 0 };
    const position = (lastPosition.get(g.itemId) ?? 0) + 1;
    lastPosition.set(g.itemId, position);
    return { ...g, id: undefined, position };
  });
  const columns = (list: typeof rows) => [
    list.map((r) => r.indicator.name),
    list.map((r) => r.indicator.unit),
    list.map((r) => r.indicator.kind),
    list.map((r) => r.indicator.direction),
    // Booleans travel as text ('true'/'false'): the drivers take text and number arrays.
    list.map((r) => String(r.indicator.cumulative)),
    list.map((r) => r.indicator.decimals),
  ];
  const known = rows.filter((r) => r.id !== undefined);
  if (known.length)
    await tx.query(
      `update indicators x set name = t.name, unit = t.unit, kind = t.kind, direction = t.direction, cumulative = t.cumulative, decimals = t.decimals
         from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::int[]) as t(id, name, unit, kind, direction, cumulative, decimals)
        where x.id = t.id`,
      [known.map((r) => r.id!), ...columns(known)],
    );
  const fresh = rows.filter((r) => r.id === undefined);
  if (fresh.length) {
    const inserted = await tx.query<{ id: number; item_id: number; position: number }>(
      `insert into indicators (item_id, position, name, unit, kind, direction, cumulative, decimals)
       select * from unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::int[])
       returning id, item_id, position`,
      [fresh.map((r) => r.itemId), fresh.map((r) => r.position), ...columns(fresh)],
    );
    const idAt = new Map(inserted.rows.map((r) => [`${r.item_id}/${r.position}`, r.id]));
    for (const r of fresh) r.id = idAt.get(`${r.itemId}/${r.position}`);
  }
  const withIds = rows.map((r) => ({ indicator: r.indicator, id: r.id! }));
  await writeBaselines(tx, withIds);
  await writeTargets(tx, withIds);
  await writeActuals(tx, withIds);
}

type IndicatorWithId = { indicator: ImportedIndicator; id: number };

async function writeBaselines(tx: Queryable, list: readonly IndicatorWithId[]): Promise<void> {
  const rows = list.flatMap(({ indicator, id }) => (indicator.baseline ? [{ id, ...indicator.baseline }] : []));
  if (!rows.length) return;
  await tx.query(
    `insert into indicator_baselines (indicator_id, fiscal_year, value)
     select * from unnest($1::int[], $2::int[], $3::numeric[])
     on conflict (indicator_id) do update set fiscal_year = excluded.fiscal_year, value = excluded.value`,
    [rows.map((r) => r.id), rows.map((r) => r.fiscalYear), rows.map((r) => r.value)],
  );
}

/**
 * Targets by kind and year (the one final target by kind alone), then the revisions not
 * stored yet. A stored target keeps its first-set value and year: a change is a revision,
 * never an update. When the file's value in effect (its target after its own revisions)
 * differs from what the stored target would be in effect with the file's new revisions,
 * the import is refused at the target's cell: a file that only states a different target
 * does not say why or when it was revised (hyoka's workbook says so in 目標値の見直し).
 */
async function writeTargets(tx: Queryable, list: readonly IndicatorWithId[]): Promise<void> {
  const rows = list.flatMap(({ indicator, id }) => indicator.targets.map((t) => ({ indicatorId: id, indicator, ...t })));
  if (!rows.length) return;
  await refuseChangedTargets(tx, rows);
  for (const kind of ['yearly', 'final'] as const) {
    const some = rows.filter((r) => r.kind === kind);
    if (!some.length) continue;
    await tx.query(
      `insert into indicator_targets (indicator_id, kind, fiscal_year, value)
       select t.indicator_id, $1, t.fiscal_year, t.value from unnest($2::int[], $3::int[], $4::numeric[]) as t(indicator_id, fiscal_year, value)
       on conflict do nothing`,
      [kind, some.map((r) => r.indicatorId), some.map((r) => r.fiscalYear), some.map((r) => r.value)],
    );
  }
  const revisions = rows.flatMap((r) => r.revisions.map((v) => ({ ...v, indicatorId: r.indicatorId, kind: r.kind, fiscalYear: r.fiscalYear })));
  if (!revisions.length) return;
  await tx.query(
    `insert into indicator_target_revisions (target_id, old_value, new_value, reason, decided_fiscal_year)
     select g.id, t.old_value, t.new_value, t.reason, t.decided
       from unnest($1::int[], $2::text[], $3::int[], $4::numeric[], $5::numeric[], $6::text[], $7::int[]) with ordinality
              as t(indicator_id, kind, fiscal_year, old_value, new_value, reason, decided, n)
       join indicator_targets g on g.indicator_id = t.indicator_id and g.kind = t.kind and (g.kind = 'final' or g.fiscal_year = t.fiscal_year)
      where not exists (select 1 from indicator_target_revisions r where r.target_id = g.id and r.old_value = t.old_value and r.new_value = t.new_value
                          and r.reason = t.reason and r.decided_fiscal_year = t.decided)
      order by t.n`,
    unnestColumns(revisions, ['indicatorId', 'kind', 'fiscalYear', 'oldValue', 'newValue', 'reason', 'decidedFiscalYear']),
  );
}

type TargetRow = ImportedTarget & { indicatorId: number; indicator: ImportedIndicator };

/** The stored targets the file names again, with their revisions; a change without a revision is a placed problem. */
async function refuseChangedTargets(tx: Queryable, rows: readonly TargetRow[]): Promise<void> {
  const stored = await tx.query<{
    id: number;
    indicator_id: number;
    kind: 'yearly' | 'final';
    fiscal_year: number;
    value: string;
    revisions: StoredRevision[] | null;
  }>(
    `select t.id, t.indicator_id, t.kind, t.fiscal_year, t.value::text as value,
            (select json_agg(json_build_object('id', r.id, 'oldValue', r.old_value::text, 'newValue', r.new_value::text, 'reason', r.reason,
                                               'decidedFiscalYear', r.decided_fiscal_year) order by r.id)
               from indicator_target_revisions r where r.target_id = t.id) as revisions
       from indicator_targets t where t.indicator_id = any($1::int[])`,
    [[...new Set(rows.map((r) => r.indicatorId))]],
  );
  const problems: PlacedProblem[] = [];
  for (const row of rows) {
    const known = stored.rows.find(
      (t) => t.indicator_id === row.indicatorId && t.kind === row.kind && (t.kind === 'final' || t.fiscal_year === row.fiscalYear),
    );
    if (!known) continue;
    const what = `指標「${row.indicator.name}」の${row.kind === 'final' ? '最終目標値' : `${row.fiscalYear}年度の目標値`}`;
    const at = row.source ?? row.indicator.source;
    if (known.fiscal_year !== row.fiscalYear) {
      problems.push({
        message: `${what}の年度 ${row.fiscalYear} は、登録済みの年度 ${known.fiscal_year} と違います（目標の年度は変えられません）`,
        ...(at ? { place: at } : {}),
      });
      continue;
    }
    const revisions = known.revisions ?? [];
    let nextId = Math.max(0, ...revisions.map((r) => r.id));
    for (const r of row.revisions) {
      const same = revisions.some(
        (x) => sameNumber(x.oldValue, r.oldValue) && sameNumber(x.newValue, r.newValue) && x.reason === r.reason && x.decidedFiscalYear === r.decidedFiscalYear,
      );
      if (!same) revisions.push({ ...r, id: ++nextId });
    }
    const inEffect = targetValueInEffect({ id: known.id, kind: known.kind, fiscalYear: known.fiscal_year, value: known.value, revisions });
    const fileInEffect = targetValueInEffect({ ...row, id: 0, revisions: row.revisions.map((r, i) => ({ ...r, id: i + 1 })) });
    if (!sameNumber(inEffect, fileInEffect))
      problems.push({
        message: `${what} ${fileInEffect} は、登録済みの目標値（現在 ${inEffect}）と違います。目標値は最初に決めた値のまま残ります。変えるときは見直し（見直し前後の値、理由、決定年度）として記録してください（hyoka のブックでは「目標値の見直し」シート）`,
        ...(at ? { place: at } : {}),
      });
  }
  if (problems.length) throw new ImportSourceError(problems);
}

type StoredRevision = { id: number; oldValue: string; newValue: string; reason: string; decidedFiscalYear: number };

const sameNumber = (a: string, b: string) => new Dec(a).equals(new Dec(b));

async function writeActuals(tx: Queryable, list: readonly IndicatorWithId[]): Promise<void> {
  const rows = list.flatMap(({ indicator, id }) => indicator.actuals.map((a) => ({ id, ...a })));
  if (!rows.length) return;
  await tx.query(
    `insert into indicator_actuals (indicator_id, fiscal_year, value, not_measurable, source_note)
     select * from unnest($1::int[], $2::int[], $3::numeric[], $4::boolean[], $5::text[])
     on conflict (indicator_id, fiscal_year) do update set value = excluded.value, not_measurable = excluded.not_measurable, source_note = excluded.source_note,
       updated_at = case when (indicator_actuals.value, indicator_actuals.not_measurable, indicator_actuals.source_note)
                         is distinct from (excluded.value, excluded.not_measurable, excluded.source_note) then now() else indicator_actuals.updated_at end`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.fiscalYear),
      rows.map((r) => r.value) as string[],
      rows.map((r) => String(r.notMeasurable)),
      rows.map((r) => r.sourceNote),
    ],
  );
}

async function writeDirections(tx: Queryable, planId: number, nodes: readonly NodeWithId[]): Promise<void> {
  const rows = nodes.flatMap(({ node, itemId }) => (node.directions ?? []).map((d) => ({ itemId, ...d })));
  if (!rows.length) return;
  const written = await tx.query(
    `insert into item_directions (item_id, fiscal_year, direction_code_id, note)
     select t.item_id, t.fiscal_year, c.id, t.note from unnest($2::int[], $3::int[], $4::text[], $5::text[]) as t(item_id, fiscal_year, code, note)
       join direction_codes c on c.plan_id = $1 and c.code = t.code
     on conflict (item_id, fiscal_year) do update set direction_code_id = excluded.direction_code_id, note = excluded.note,
       updated_at = case when (item_directions.direction_code_id, item_directions.note) is distinct from (excluded.direction_code_id, excluded.note)
                         then now() else item_directions.updated_at end`,
    [planId, rows.map((r) => r.itemId), rows.map((r) => r.fiscalYear), rows.map((r) => r.code), rows.map((r) => r.note)],
  );
  // checkImportedPlan refuses codes outside the list; a difference here means the stored list lacks one.
  if (written.rowCount !== rows.length) throw invalidInput('今後の方向性に、この計画の選択肢にないコードがあります');
}

async function writeCosts(tx: Queryable, nodes: readonly NodeWithId[]): Promise<void> {
  const rows = nodes.flatMap(({ node, itemId }) => (node.costs ?? []).map((c) => ({ itemId, ...c })));
  if (!rows.length) return;
  await tx.query(
    `insert into item_costs (item_id, fiscal_year, unit, note, project_cost, personnel_cost, total_cost, national_prefectural_funds, local_bonds, other_funds, general_funds)
     select * from unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[])
     on conflict (item_id, fiscal_year) do update set unit = excluded.unit, note = excluded.note, project_cost = excluded.project_cost,
       personnel_cost = excluded.personnel_cost, total_cost = excluded.total_cost, national_prefectural_funds = excluded.national_prefectural_funds,
       local_bonds = excluded.local_bonds, other_funds = excluded.other_funds, general_funds = excluded.general_funds,
       updated_at = case when (item_costs.unit, item_costs.note, item_costs.project_cost, item_costs.personnel_cost, item_costs.total_cost,
                               item_costs.national_prefectural_funds, item_costs.local_bonds, item_costs.other_funds, item_costs.general_funds)
                         is distinct from (excluded.unit, excluded.note, excluded.project_cost, excluded.personnel_cost, excluded.total_cost,
                               excluded.national_prefectural_funds, excluded.local_bonds, excluded.other_funds, excluded.general_funds)
                         then now() else item_costs.updated_at end`,
    unnestColumns(rows, ['itemId', 'fiscalYear', 'unit', 'note', ...COST_FIELDS]),
  );
}
