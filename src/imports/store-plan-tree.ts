/**
 * The store's steps for the item tree: departments by name, then the nodes level by
 * level, matched to stored items so that ids survive re-imports (steps of
 * storeImportedPlan's transaction).
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import { invalidState } from '../errors.js';
import { type ImportedNode, type ImportedPlan, type NodePath, walkNodes } from './imported-plan.js';
import { inferEndedFromFiscalYear } from './report-facts.js';

/** Departments are shared by every plan and matched by name; new ones get a code derived from the name. */
export async function writeDepartments(tx: Queryable, plan: ImportedPlan): Promise<Map<string, number>> {
  const names = [...new Set([...plan.departments, ...[...walkNodes(plan.nodes)].flatMap(({ node }) => (node.department ? [node.department] : []))])];
  if (!names.length) return new Map();
  await tx.query(
    `insert into departments (code, name) select code, name from unnest($1::text[], $2::text[]) as t(code, name)
     on conflict do nothing`,
    [names.map((n) => `import-${createHash('sha256').update(n).digest('hex').slice(0, 12)}`), names],
  );
  const rows = await tx.query<{ id: number; name: string }>('select id, name from departments where name = any($1::text[])', [names]);
  return new Map(rows.rows.map((r) => [r.name, r.id]));
}

interface NodeRow {
  node: ImportedNode;
  parentId: number | null;
  /** Stored code: the parent's stored code and this node's own code or position, dotted ("1.2.3"). */
  code: string;
  position: number;
}

/** A level's rows as the statements' column arrays, in their order: parent_id, level, code, position, name, department_id, ended_from_fiscal_year. */
type NodeColumns = [parentIds: number[], levels: number[], codes: string[], positions: number[], names: string[], departments: number[], ended: number[]];

/** The tree level by level (two statements a level), parents first; returns each node's id. */
export async function writeNodes(
  tx: Queryable,
  planId: number,
  plan: ImportedPlan,
  departmentIds: ReadonlyMap<string, number>,
): Promise<Map<ImportedNode, number>> {
  const existingRows = await tx.query<{ id: number; parent_id: number | null; name: string; code: string }>(
    'select id, parent_id, name, code from plan_items where plan_id = $1',
    [planId],
  );
  const byCode = new Map(existingRows.rows.map((r) => [r.code, r.id]));
  const byParentName = new Map(existingRows.rows.map((r) => [`${r.parent_id ?? ''}\u0000${r.name}`, r.id]));
  const ids = new Map<ImportedNode, number>();
  const storedCode = new Map<ImportedNode, string>();
  const columns = (list: NodeRow[]): NodeColumns => [
    list.map((r) => r.parentId) as number[],
    list.map((r) => r.node.tierIndex + 1),
    list.map((r) => r.code),
    list.map((r) => r.position),
    list.map((r) => r.node.name),
    list.map((r) => (r.node.department ? (departmentIds.get(r.node.department) ?? null) : null)) as number[],
    list.map((r) => r.node.endedFromFiscalYear ?? endedFromRatings(r.node, plan)) as number[],
  ];
  let level: { node: ImportedNode; parent?: ImportedNode; position: number }[] = plan.nodes.map((node, i) => ({ node, position: i + 1 }));
  while (level.length) {
    const rows: NodeRow[] = level.map(({ node, parent, position }) => {
      const own = node.code ?? String(position);
      const parentCode = parent ? storedCode.get(parent)! : '';
      const code = parentCode ? `${parentCode}.${own}` : own;
      storedCode.set(node, code);
      return { node, parentId: parent ? ids.get(parent)! : null, code, position };
    });
    const matched = rows.map((r) => (r.node.code !== undefined ? byCode.get(r.code) : byParentName.get(`${r.parentId ?? ''}\u0000${r.node.name}`)));
    const known = rows.flatMap((r, i) => (matched[i] === undefined ? [] : [{ ...r, id: matched[i]! }]));
    if (known.length) await updateKnownNodes(tx, planId, known, columns(known));
    for (const k of known) ids.set(k.node, k.id);
    const fresh = rows.filter((_, i) => matched[i] === undefined);
    if (fresh.length) for (const [node, id] of await insertFreshNodes(tx, planId, fresh, columns(fresh))) ids.set(node, id);
    level = level.flatMap(({ node }) => node.children.map((child, i) => ({ node: child, parent: node, position: i + 1 })));
  }
  return ids;
}

/** Stored items this file has again: only those that changed are written. */
async function updateKnownNodes(tx: Queryable, planId: number, known: (NodeRow & { id: number })[], values: NodeColumns): Promise<void> {
  await tx.query(
    `update plan_items p set parent_id = t.parent_id, level = t.level, code = t.code, position = t.position, name = t.name,
       department_id = coalesce(t.department_id, p.department_id), ended_from_fiscal_year = t.ended
       from unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::int[], $7::text[], $8::int[], $9::int[])
         as t(id, parent_id, level, code, position, name, department_id, ended)
      where p.id = t.id and p.plan_id = $1
        and (p.parent_id, p.level, p.code, p.position, p.name, p.department_id, p.ended_from_fiscal_year)
            is distinct from (t.parent_id, t.level, t.code, t.position, t.name, coalesce(t.department_id, p.department_id), t.ended)`,
    [planId, known.map((k) => k.id), ...values],
  );
}

async function insertFreshNodes(tx: Queryable, planId: number, fresh: NodeRow[], values: NodeColumns): Promise<Map<ImportedNode, number>> {
  const inserted = await tx.query<{ id: number; code: string }>(
    `insert into plan_items (plan_id, parent_id, level, code, position, name, department_id, ended_from_fiscal_year)
     select $1, * from unnest($2::int[], $3::int[], $4::text[], $5::int[], $6::text[], $7::int[], $8::int[])
     returning id, code`,
    [planId, ...values],
  );
  const insertedByCode = new Map(inserted.rows.map((r) => [r.code, r.id]));
  const ids = new Map<ImportedNode, number>();
  for (const f of fresh) {
    const id = insertedByCode.get(f.code);
    if (id === undefined) throw invalidState(`取り込み中の内部エラー: 「${f.node.name}」を保存できませんでした`, { code: f.code });
    ids.set(f.node, id);
  }
  return ids;
}

export function endedFromRatings(node: ImportedNode, plan: ImportedPlan): number | null {
  if (!node.ratings.length) return null;
  const notEvaluated = new Set(plan.scales.flatMap((s) => s.codes.filter((c) => c.isNotEvaluated).map((c) => c.code)));
  return inferEndedFromFiscalYear(node.ratings, notEvaluated);
}

/** The stored id of the node at a path; a path that leads nowhere is a reader's bug. */
export function nodeIdAt(plan: ImportedPlan, nodeIds: ReadonlyMap<ImportedNode, number>, path: NodePath): number {
  let nodes = plan.nodes;
  let node: ImportedNode | undefined;
  for (const i of path) {
    node = nodes[i];
    nodes = node?.children ?? [];
  }
  const id = node && nodeIds.get(node);
  if (id === undefined) throw invalidState('取り込み中の内部エラー: 記述の対象の項目が見つかりません', { path });
  return id;
}
