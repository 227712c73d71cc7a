/**
 * Writes a plan's lineage: the successor linked to its predecessor (both plans' rows)
 * and the item mapping, replaced as a whole in one transaction with its audit entry.
 * A mapping with any problem writes nothing and lists every problem with its line.
 */
import { recordAudit } from '../audit/audit-log.js';
import type { Db, Queryable } from '../db/db.js';
import { invalidInput, notFound } from '../errors.js';
import { parseMappingCsv, resolveMapping, type MappingItem, type MappingProblem, type MappingRow } from './lineage-mapping.js';

async function planIdOf(db: Queryable, slug: string): Promise<{ id: number; name: string }> {
  const r = await db.query<{ id: number; name: string }>('select id, name from plans where slug = $1', [slug]);
  if (!r.rows[0]) throw notFound(`計画が見つかりません: ${slug}`);
  return r.rows[0];
}

async function itemsOf(db: Queryable, planId: number): Promise<MappingItem[]> {
  return (await db.query<MappingItem>('select id, code from plan_items where plan_id = $1', [planId])).rows;
}

function refuse(problems: readonly MappingProblem[]): never {
  const lines = problems.slice(0, 20).map((p) => `${p.line} 行目: ${p.message}`);
  throw invalidInput(`対応づけを保存できませんでした（${problems.length} 件の問題。何も変更していません）。\n${lines.join('\n')}`, { problems: [...problems] });
}

export interface SaveLineageInput {
  successorSlug: string;
  predecessorSlug: string;
  rows: readonly MappingRow[];
}

export interface SaveLineageResult {
  successorPlanId: number;
  predecessorPlanId: number;
  rows: number;
}

export async function saveLineage(db: Db, input: SaveLineageInput, actor: string): Promise<SaveLineageResult> {
  if (input.successorSlug === input.predecessorSlug) throw invalidInput('後継計画と前計画に同じ計画は指定できません。');
  return db.transaction(async (tx) => {
    const successor = await planIdOf(tx, input.successorSlug);
    const predecessor = await planIdOf(tx, input.predecessorSlug);
    const { resolved, problems } = resolveMapping(input.rows, await itemsOf(tx, predecessor.id), await itemsOf(tx, successor.id));
    if (problems.length > 0) refuse(problems);
    const before = await tx.query<{ n: number; predecessorPlanId: number | null }>(
      `select (select count(*)::int from plan_item_lineage where successor_plan_id = $1) as n,
              (select predecessor_plan_id from plans where id = $1) as "predecessorPlanId"`,
      [successor.id],
    );
    await tx.query('delete from plan_item_lineage where successor_plan_id = $1', [successor.id]);
    await tx.query(
      `insert into plan_item_lineage (successor_plan_id, predecessor_plan_id, kind, predecessor_item_id, successor_item_id, position)
       select $1, $2, e->>'kind', (e->>'predecessorItemId')::int, (e->>'successorItemId')::int, o
         from jsonb_array_elements($3::jsonb) with ordinality as t(e, o)`,
      [successor.id, predecessor.id, JSON.stringify(resolved)],
    );
    // A plan has one predecessor and one successor: links left from an earlier pairing are cleared.
    await tx.query(`update plans set successor_plan_id = null, updated_at = now() where successor_plan_id = $1 and id <> $2`, [successor.id, predecessor.id]);
    await tx.query(`update plans set predecessor_plan_id = null, updated_at = now() where predecessor_plan_id = $1 and id <> $2`, [
      predecessor.id,
      successor.id,
    ]);
    await tx.query(`update plans set predecessor_plan_id = $2, predecessor_name = coalesce(predecessor_name, $3), updated_at = now() where id = $1`, [
      successor.id,
      predecessor.id,
      predecessor.name,
    ]);
    await tx.query(`update plans set successor_plan_id = $2, successor_name = coalesce(successor_name, $3), updated_at = now() where id = $1`, [
      predecessor.id,
      successor.id,
      successor.name,
    ]);
    const counts: Record<string, number> = {};
    for (const r of resolved) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
    await recordAudit(tx, {
      actor,
      action: 'replace',
      entity: 'plan_lineage',
      entityId: successor.id,
      planId: successor.id,
      before: { predecessorPlanId: before.rows[0]?.predecessorPlanId ?? null, rows: before.rows[0]?.n ?? 0 },
      after: { predecessorPlanId: predecessor.id, rows: resolved.length, counts },
    });
    return { successorPlanId: successor.id, predecessorPlanId: predecessor.id, rows: resolved.length };
  });
}

/** Reads a CSV mapping and saves it; a CSV that does not read is refused like a bad row. */
export async function importLineageCsv(db: Db, successorSlug: string, predecessorSlug: string, csv: string, actor: string): Promise<SaveLineageResult> {
  let parsed: ReturnType<typeof parseMappingCsv>;
  try {
    parsed = parseMappingCsv(csv);
  } catch (error) {
    throw invalidInput(`CSV として読めません: ${(error as Error).message}`);
  }
  if (parsed.problems.length > 0) refuse(parsed.problems);
  return saveLineage(db, { successorSlug, predecessorSlug, rows: parsed.rows }, actor);
}
