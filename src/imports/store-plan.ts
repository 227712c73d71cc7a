/**
 * Any ImportedPlan → the plan store, in one transaction with its audit entry: all or
 * nothing. Idempotent: the plan matches by slug, scales by plan and key, nodes by the
 * source's code when it has one (else by parent and name), ratings by node and fiscal
 * year, narratives by their place among the plan's narratives of the same year, role
 * and kind; so a re-import keeps every id. Nodes a later file no longer has are kept
 * (they may carry entered work); narratives it no longer has are removed.
 *
 * Over the usual size because each step is one table of the same transaction; the
 * steps read top to bottom in the order rows are created (ids follow it).
 */
import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/audit-log.js';
import type { Db, Queryable } from '../db/db.js';
import { invalidInput, invalidState } from '../errors.js';
import { countImportedPlan, type ImportedNode, type ImportedPlan, type ImportWarning, type NodePath, walkNodes } from './imported-plan.js';
import { defaultPlanSlug, inferEndedFromFiscalYear } from './report-facts.js';

export interface StorePlanOptions {
  slug?: string;
  actor?: string;
  /** Which reader produced the plan, for the audit entry. */
  reader?: string;
  /** More facts for the audit entry (the report's cross-check). */
  auditDetails?: Record<string, unknown>;
  /** One more step of the same transaction (the web import removes its pending upload). */
  alsoInTransaction?: (tx: Queryable) => Promise<void>;
  /** Refresh the planner's statistics after an import of at least this many ratings (default ANALYZE_AFTER_RATINGS). */
  analyzeAfterRatings?: number;
}

export interface StorePlanResult {
  planId: number;
  slug: string;
  roundIds: number[];
  counts: { nodesPerTier: number[]; ratings: number; narratives: number };
  warnings: ImportWarning[];
  /** True when this exact file had been imported before. */
  unchanged: boolean;
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** Checks the facts the database would refuse, so the user reads why instead of a constraint name. */
export function checkImportedPlan(plan: ImportedPlan): void {
  if (plan.tiers.length < 2) throw invalidInput('階層は2つ以上必要です');
  const scales = new Map(plan.scales.map((s) => [s.key, s]));
  for (const s of plan.scales) {
    if (s.tierIndex < 0 || s.tierIndex >= plan.tiers.length) throw invalidInput(`評価基準「${s.name}」の階層がありません`);
  }
  for (const { node } of walkNodes(plan.nodes)) {
    if (node.tierIndex < 0 || node.tierIndex >= plan.tiers.length) throw invalidInput(`「${node.name}」の階層がありません`);
    const years = new Set<number>();
    for (const r of node.ratings) {
      const scale = scales.get(r.scaleKey);
      if (!scale?.codes.some((c) => c.code === r.code)) throw invalidInput(`「${node.name}」の評価「${r.code}」は評価基準にありません`);
      // One rating per item and year is what the store keeps (ratings are unique by item and year).
      if (years.has(r.fiscalYear))
        throw invalidInput(`「${node.name}」に${r.fiscalYear}年度の評価が2つあります。1つの項目を2つの評価基準で評価する取り込みにはまだ対応していません`);
      years.add(r.fiscalYear);
    }
  }
}

export async function storeImportedPlan(db: Db, plan: ImportedPlan, options: StorePlanOptions = {}): Promise<StorePlanResult> {
  checkImportedPlan(plan);
  const slug = options.slug ?? plan.plan.slug ?? defaultPlanSlug(plan.plan.name);
  if (!SLUG.test(slug)) throw invalidInput(`計画の識別子 (slug)「${slug}」は英小文字・数字・ハイフンで書いてください`);
  const actor = options.actor ?? 'import';
  const sha256 = createHash('sha256').update(plan.file.content).digest('hex');
  const counted = countImportedPlan(plan);

  const result = await db.transaction(async (tx) => {
    const scaleIds = await writeScales(tx, slug, plan);
    const planId = await writePlan(tx, slug, plan, scaleIds);
    const annotationIds = await writeAnnotationKinds(tx, planId, plan);
    const roundIds = await writeRounds(tx, planId, plan);
    const departmentIds = await writeDepartments(tx, plan);
    const nodeIds = await writeNodes(tx, planId, plan, departmentIds);
    await writeRatings(tx, plan, nodeIds, scaleIds, annotationIds);
    await writeNarratives(tx, planId, plan, nodeIds);
    await writeFootnotes(tx, planId, plan, nodeIds, annotationIds);
    await writeReportedSummaries(tx, planId, plan, roundIds);
    const seen = await tx.query(
      `insert into import_sources (plan_id, file_name, sha256, content) values ($1, $2, $3, $4)
       on conflict (plan_id, sha256) do nothing returning id`,
      [planId, plan.file.name, sha256, plan.file.content],
    );
    const unchanged = seen.rowCount === 0;
    const counts = { nodesPerTier: counted.nodesPerTier, ratings: counted.ratings, narratives: counted.narratives };
    await options.alsoInTransaction?.(tx);
    await recordAudit(tx, {
      actor,
      action: 'import',
      entity: 'plan',
      entityId: slug,
      planId,
      roundId: roundIds[0] ?? null,
      after: { file: plan.file.name, sha256, unchanged, reader: options.reader ?? 'table', counts, warnings: plan.warnings.length, ...options.auditDetails },
    });
    return { planId, slug, roundIds, counts, warnings: plan.warnings, unchanged };
  });
  // The planner's statistics go stale after a large import (on PostgreSQL the summary of a
  // 20,000-item plan ran 2.5× slower until ANALYZE): refresh them for the tables it filled.
  if (!result.unchanged && counted.ratings >= (options.analyzeAfterRatings ?? ANALYZE_AFTER_RATINGS))
    await db.exec('analyze plan_items, ratings, rating_annotations, narratives');
  return result;
}

/** Imports with at least this many ratings refresh the planner's statistics afterwards. */
export const ANALYZE_AFTER_RATINGS = 5000;

/** The scale of the deepest rated tier is the plan's own; the others are bound to their tier. */
function primaryScaleKey(plan: ImportedPlan): string {
  return [...plan.scales].sort((a, b) => b.tierIndex - a.tierIndex)[0]!.key;
}

async function writeScales(tx: Queryable, slug: string, plan: ImportedPlan): Promise<Map<string, number>> {
  const primary = primaryScaleKey(plan);
  const ids = new Map<string, number>();
  for (const scale of plan.scales) {
    const row = await tx.query<{ id: number }>(
      `insert into rating_scales (slug, name) values ($1, $2)
       on conflict (slug) do update set name = excluded.name returning id`,
      [scale.key === primary ? `${slug}-scale` : `${slug}-scale-${scale.key}`, scale.name],
    );
    const scaleId = row.rows[0]!.id;
    ids.set(scale.key, scaleId);
    const codes = scale.codes;
    await tx.query(
      `insert into rating_codes (scale_id, code, label, criteria, position, counts_as_achieved, is_not_evaluated, is_default)
       select $1, code, label, criteria, position, code = any($6::text[]), code = any($7::text[]), code = any($8::text[])
         from unnest($2::text[], $3::text[], $4::text[], $5::int[]) as t(code, label, criteria, position)
       on conflict (scale_id, code) do update set label = excluded.label, criteria = excluded.criteria,
         position = excluded.position, counts_as_achieved = excluded.counts_as_achieved, is_not_evaluated = excluded.is_not_evaluated,
         is_default = excluded.is_default`,
      [
        scaleId,
        codes.map((c) => c.code),
        codes.map((c) => c.label),
        codes.map((c) => c.criteria),
        codes.map((c) => c.position),
        codes.filter((c) => c.countsAsAchieved).map((c) => c.code),
        codes.filter((c) => c.isNotEvaluated).map((c) => c.code),
        codes.filter((c) => c.isDefault).map((c) => c.code),
      ],
    );
  }
  return ids;
}

/** The plan row, its period extensions, designations, and its tiers with the scale each one is rated on. */
async function writePlan(tx: Queryable, slug: string, plan: ImportedPlan, scaleIds: ReadonlyMap<string, number>): Promise<number> {
  const p = plan.plan;
  const row = await tx.query<{ id: number }>(
    `insert into plans (slug, name, description, rating_scale_id, predecessor_name, successor_name, adopted_fiscal_year, start_fiscal_year, end_fiscal_year)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (slug) do update set name = excluded.name, description = case when excluded.description = '' then plans.description else excluded.description end,
       rating_scale_id = excluded.rating_scale_id, predecessor_name = coalesce(excluded.predecessor_name, plans.predecessor_name),
       successor_name = coalesce(excluded.successor_name, plans.successor_name), adopted_fiscal_year = coalesce(excluded.adopted_fiscal_year, plans.adopted_fiscal_year),
       start_fiscal_year = excluded.start_fiscal_year, end_fiscal_year = excluded.end_fiscal_year
     returning id`,
    [
      slug,
      p.name,
      p.description ?? '',
      scaleIds.get(primaryScaleKey(plan))!,
      p.predecessorName ?? null,
      p.successorName ?? null,
      p.adoptedFiscalYear ?? null,
      p.startFiscalYear,
      p.endFiscalYear,
    ],
  );
  const planId = row.rows[0]!.id;
  for (const e of p.extensions ?? []) {
    await tx.query(
      `insert into plan_period_extensions (plan_id, from_end_fiscal_year, to_end_fiscal_year, decided_fiscal_year, reason) values ($1, $2, $3, $4, $5)
       on conflict (plan_id, to_end_fiscal_year) do update set from_end_fiscal_year = excluded.from_end_fiscal_year, decided_fiscal_year = excluded.decided_fiscal_year, reason = excluded.reason`,
      [planId, e.fromEndFiscalYear, e.toEndFiscalYear, e.decidedFiscalYear ?? null, e.reason],
    );
  }
  for (const d of p.designations ?? []) {
    await tx.query(
      `insert into plan_designations (plan_id, name, from_fiscal_year) values ($1, $2, $3)
       on conflict (plan_id, name) do update set from_fiscal_year = excluded.from_fiscal_year`,
      [planId, d.name, d.fromFiscalYear ?? null],
    );
  }
  const tierScale = plan.tiers.map((_, i) => {
    const bound = plan.scales.find((s) => s.tierIndex === i);
    return bound ? scaleIds.get(bound.key)! : null;
  });
  await tx.query(
    `insert into plan_tiers (plan_id, level, name, rating_scale_id)
     select $1, level, name, scale_id from unnest($2::text[], $3::int[]) with ordinality as t(name, scale_id, level)
     on conflict (plan_id, level) do update set name = excluded.name, rating_scale_id = excluded.rating_scale_id`,
    [planId, plan.tiers, tierScale as number[]],
  );
  return planId;
}

/** Annotation kinds the plan declares and every mark its ratings use (a mark without a stated meaning gets ''). */
async function writeAnnotationKinds(tx: Queryable, planId: number, plan: ImportedPlan): Promise<Map<string, number>> {
  const meanings = new Map(plan.annotationKinds.map((a) => [a.mark, a.meaning]));
  for (const { node } of walkNodes(plan.nodes)) for (const r of node.ratings) for (const m of r.marks) if (!meanings.has(m)) meanings.set(m, '');
  const ids = new Map<string, number>();
  for (const [mark, meaning] of meanings) {
    const r = await tx.query<{ id: number }>(
      `insert into annotation_kinds (plan_id, mark, meaning) values ($1, $2, $3)
       on conflict (plan_id, mark) do update set meaning = case when excluded.meaning = '' then annotation_kinds.meaning else excluded.meaning end returning id`,
      [planId, mark, meaning],
    );
    ids.set(mark, r.rows[0]!.id);
  }
  return ids;
}

/** The source's own round (published now, its status kept on re-import), the earlier rounds it names, and the own round's sections. */
async function writeRounds(tx: Queryable, planId: number, plan: ImportedPlan): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, r] of plan.rounds.entries()) {
    const row = await tx.query<{ id: number }>(
      `insert into evaluation_rounds (plan_id, fiscal_year, kind, status, published_at, covers_until_fiscal_year)
       values ($1, $2, $3, 'published', case when $5 then now() end, $4)
       on conflict (plan_id, fiscal_year, kind) do update set covers_until_fiscal_year = coalesce(excluded.covers_until_fiscal_year, evaluation_rounds.covers_until_fiscal_year)
       returning id`,
      [planId, r.fiscalYear, r.kind, r.coversUntilFiscalYear ?? null, i === 0],
    );
    const roundId = row.rows[0]!.id;
    ids.push(roundId);
    if (r.sections) {
      await tx.query('delete from round_sections where round_id = $1', [roundId]);
      await tx.query(
        `insert into round_sections (round_id, key, position, heading, body)
         select $1, key, position, heading, body from unnest($2::text[], $3::text[], $4::text[]) with ordinality as t(key, heading, body, position)`,
        [roundId, r.sections.map((x) => x.key), r.sections.map((x) => x.heading), r.sections.map((x) => x.body)],
      );
    }
  }
  return ids;
}

/** Departments are shared by every plan and matched by name; new ones get a code derived from the name. */
async function writeDepartments(tx: Queryable, plan: ImportedPlan): Promise<Map<string, number>> {
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

/** The tree level by level (two statements a level), parents first; returns each node's id. */
async function writeNodes(tx: Queryable, planId: number, plan: ImportedPlan, departmentIds: ReadonlyMap<string, number>): Promise<Map<ImportedNode, number>> {
  const existingRows = await tx.query<{ id: number; parent_id: number | null; name: string; code: string }>(
    'select id, parent_id, name, code from plan_items where plan_id = $1',
    [planId],
  );
  const byCode = new Map(existingRows.rows.map((r) => [r.code, r.id]));
  const byParentName = new Map(existingRows.rows.map((r) => [`${r.parent_id ?? ''}\u0000${r.name}`, r.id]));
  const ids = new Map<ImportedNode, number>();
  const storedCode = new Map<ImportedNode, string>();
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
    const values = (list: NodeRow[]) => ({
      levels: list.map((r) => r.node.tierIndex + 1),
      departments: list.map((r) => (r.node.department ? (departmentIds.get(r.node.department) ?? null) : null)) as number[],
      ended: list.map((r) => r.node.endedFromFiscalYear ?? endedFromRatings(r.node, plan)) as number[],
    });
    if (known.length) {
      const v = values(known);
      await tx.query(
        `update plan_items p set parent_id = t.parent_id, level = t.level, code = t.code, position = t.position, name = t.name,
           department_id = coalesce(t.department_id, p.department_id), ended_from_fiscal_year = t.ended
           from unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::int[], $7::text[], $8::int[], $9::int[])
             as t(id, parent_id, level, code, position, name, department_id, ended)
          where p.id = t.id and p.plan_id = $1
            and (p.parent_id, p.level, p.code, p.position, p.name, p.department_id, p.ended_from_fiscal_year)
                is distinct from (t.parent_id, t.level, t.code, t.position, t.name, coalesce(t.department_id, p.department_id), t.ended)`,
        [
          planId,
          known.map((k) => k.id),
          known.map((k) => k.parentId) as number[],
          v.levels,
          known.map((k) => k.code),
          known.map((k) => k.position),
          known.map((k) => k.node.name),
          v.departments,
          v.ended,
        ],
      );
      for (const k of known) ids.set(k.node, k.id);
    }
    const fresh = rows.filter((_, i) => matched[i] === undefined);
    if (fresh.length) {
      const v = values(fresh);
      const inserted = await tx.query<{ id: number; code: string }>(
        `insert into plan_items (plan_id, parent_id, level, code, position, name, department_id, ended_from_fiscal_year)
         select $1, * from unnest($2::int[], $3::int[], $4::text[], $5::int[], $6::text[], $7::int[], $8::int[])
         returning id, code`,
        [
          planId,
          fresh.map((f) => f.parentId) as number[],
          v.levels,
          fresh.map((f) => f.code),
          fresh.map((f) => f.position),
          fresh.map((f) => f.node.name),
          v.departments,
          v.ended,
        ],
      );
      const insertedByCode = new Map(inserted.rows.map((r) => [r.code, r.id]));
      for (const f of fresh) {
        const id = insertedByCode.get(f.code);
        if (id === undefined) throw invalidState(`取り込み中の内部エラー: 「${f.node.name}」を保存できませんでした`, { code: f.code });
        ids.set(f.node, id);
      }
    }
    level = level.flatMap(({ node }) => node.children.map((child, i) => ({ node: child, parent: node, position: i + 1 })));
  }
  return ids;
}

function endedFromRatings(node: ImportedNode, plan: ImportedPlan): number | null {
  if (!node.ratings.length) return null;
  const notEvaluated = new Set(plan.scales.flatMap((s) => s.codes.filter((c) => c.isNotEvaluated).map((c) => c.code)));
  return inferEndedFromFiscalYear(node.ratings, notEvaluated);
}

async function writeRatings(
  tx: Queryable,
  plan: ImportedPlan,
  nodeIds: ReadonlyMap<ImportedNode, number>,
  scaleIds: ReadonlyMap<string, number>,
  annotationIds: ReadonlyMap<string, number>,
): Promise<void> {
  const rows = [...walkNodes(plan.nodes)].flatMap(({ node }) =>
    node.ratings.map((r) => ({ itemId: nodeIds.get(node)!, fiscalYear: r.fiscalYear, scaleId: scaleIds.get(r.scaleKey)!, code: r.code, marks: r.marks })),
  );
  if (!rows.length) return;
  // No `returning`: handing every rating back costs more than joining the few marked ones (measured on 100,000 ratings).
  await tx.query(
    `insert into ratings (item_id, fiscal_year, scale_id, code)
     select * from unnest($1::int[], $2::int[], $3::int[], $4::text[])
     on conflict (item_id, fiscal_year) do update set code = excluded.code, scale_id = excluded.scale_id,
       updated_at = case when (ratings.code, ratings.scale_id) is distinct from (excluded.code, excluded.scale_id) then now() else ratings.updated_at end`,
    [rows.map((r) => r.itemId), rows.map((r) => r.fiscalYear), rows.map((r) => r.scaleId), rows.map((r) => r.code)],
  );
  await tx.query(
    `delete from rating_annotations a using ratings r, unnest($1::int[], $2::int[]) as t(item_id, fiscal_year)
      where a.rating_id = r.id and r.item_id = t.item_id and r.fiscal_year = t.fiscal_year`,
    [rows.map((r) => r.itemId), rows.map((r) => r.fiscalYear)],
  );
  const marked = rows.flatMap((r) => [...new Set(r.marks)].map((m) => ({ itemId: r.itemId, fiscalYear: r.fiscalYear, kindId: annotationIds.get(m)! })));
  if (marked.length) {
    await tx.query(
      `insert into rating_annotations (rating_id, annotation_kind_id)
       select r.id, t.kind_id from unnest($1::int[], $2::int[], $3::int[]) as t(item_id, fiscal_year, kind_id)
         join ratings r on r.item_id = t.item_id and r.fiscal_year = t.fiscal_year`,
      [marked.map((m) => m.itemId), marked.map((m) => m.fiscalYear), marked.map((m) => m.kindId)],
    );
  }
}

/**
 * Narratives are placed by their order among the plan's narratives of the same year,
 * role and kind; a re-import keeps their ids, and imported ones past the last place
 * of a group this file has are removed.
 */
async function writeNarratives(tx: Queryable, planId: number, plan: ImportedPlan, nodeIds: ReadonlyMap<ImportedNode, number>): Promise<void> {
  const all = [
    ...plan.planNarratives.map((n) => ({ n, itemId: null as number | null })),
    ...[...walkNodes(plan.nodes)].flatMap(({ node }) => node.narratives.map((n) => ({ n, itemId: nodeIds.get(node)! }))),
  ];
  if (!all.length) return;
  const next = new Map<string, number>();
  const rows = all.map(({ n, itemId }) => {
    const group = `${n.fiscalYear}/${n.role}/${n.kind}`;
    const position = (next.get(group) ?? 0) + 1;
    next.set(group, position);
    return { ...n, itemId, position };
  });
  // No `returning` (see writeRatings): mentions are joined by their narrative's place.
  await tx.query(
    `insert into narratives (plan_id, item_id, fiscal_year, author_role, kind, position, body, source)
     select $1, item_id, fiscal_year, role, kind, position, body, 'imported'
       from unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::int[], $7::text[]) as t(item_id, fiscal_year, role, kind, position, body)
     on conflict (plan_id, fiscal_year, author_role, kind, position) do update
       set item_id = excluded.item_id, body = excluded.body, source = excluded.source,
           updated_at = case when (narratives.item_id, narratives.body) is distinct from (excluded.item_id, excluded.body) then now() else narratives.updated_at end`,
    [
      planId,
      rows.map((r) => r.itemId) as number[],
      rows.map((r) => r.fiscalYear),
      rows.map((r) => r.role),
      rows.map((r) => r.kind),
      rows.map((r) => r.position),
      rows.map((r) => r.text),
    ],
  );
  const groups = [...next.entries()].map(([key, last]) => {
    const [fy, role, kind] = key.split('/');
    return { fy: Number(fy), role: role!, kind: kind!, last };
  });
  const groupParams = [planId, groups.map((g) => g.fy), groups.map((g) => g.role), groups.map((g) => g.kind), groups.map((g) => g.last)];
  await tx.query(
    `delete from narrative_mentions m using narratives n, unnest($2::int[], $3::text[], $4::text[], $5::int[]) as t(fy, role, kind, last)
      where m.narrative_id = n.id and n.plan_id = $1 and n.fiscal_year = t.fy and n.author_role = t.role and n.kind = t.kind and n.position <= t.last`,
    groupParams,
  );
  const pairs = rows.flatMap((r) =>
    [...new Set((r.mentions ?? []).map((path) => nodeIdAt(plan, nodeIds, path)))].filter((m) => m !== r.itemId).map((m) => ({ ...r, mentioned: m })),
  );
  if (pairs.length) {
    await tx.query(
      `insert into narrative_mentions (narrative_id, item_id)
       select n.id, t.mentioned from unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::int[]) as t(fy, role, kind, position, mentioned)
         join narratives n on n.plan_id = $1 and n.fiscal_year = t.fy and n.author_role = t.role and n.kind = t.kind and n.position = t.position`,
      [planId, pairs.map((p) => p.fiscalYear), pairs.map((p) => p.role), pairs.map((p) => p.kind), pairs.map((p) => p.position), pairs.map((p) => p.mentioned)],
    );
  }
  await tx.query(
    `delete from narratives n using unnest($2::int[], $3::text[], $4::text[], $5::int[]) as t(fy, role, kind, last)
      where n.plan_id = $1 and n.fiscal_year = t.fy and n.author_role = t.role and n.kind = t.kind and n.source = 'imported' and n.position > t.last`,
    groupParams,
  );
}

/** The stored id of the node at a path; a path that leads nowhere is a reader's bug. */
function nodeIdAt(plan: ImportedPlan, nodeIds: ReadonlyMap<ImportedNode, number>, path: NodePath): number {
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

/** The footnotes of each year the source has, replaced as a set: which nodes each mark's note lists under its node. */
async function writeFootnotes(
  tx: Queryable,
  planId: number,
  plan: ImportedPlan,
  nodeIds: ReadonlyMap<ImportedNode, number>,
  annotationIds: ReadonlyMap<string, number>,
): Promise<void> {
  const years = [...new Set(plan.annotationFootnotes.map((f) => f.fiscalYear))];
  if (!years.length) return;
  await tx.query('delete from annotation_footnotes where plan_id = $1 and fiscal_year = any($2::int[])', [planId, years]);
  const rows = plan.annotationFootnotes.flatMap((f) => {
    const kindId = annotationIds.get(f.mark);
    const nodeId = nodeIdAt(plan, nodeIds, f.node);
    return kindId === undefined
      ? []
      : f.targets.map((t, i) => ({ fiscalYear: f.fiscalYear, nodeId, kindId, itemId: nodeIdAt(plan, nodeIds, t), position: i + 1 }));
  });
  if (!rows.length) return;
  await tx.query(
    `insert into annotation_footnotes (plan_id, fiscal_year, measure_item_id, annotation_kind_id, item_id, position)
     select $1, * from unnest($2::int[], $3::int[], $4::int[], $5::int[], $6::int[])`,
    [planId, rows.map((r) => r.fiscalYear), rows.map((r) => r.nodeId), rows.map((r) => r.kindId), rows.map((r) => r.itemId), rows.map((r) => r.position)],
  );
}

/** Figures the source prints, kept beside the computed ones; a round's figures are replaced as a set. */
async function writeReportedSummaries(tx: Queryable, planId: number, plan: ImportedPlan, roundIds: readonly number[]): Promise<void> {
  const rows = plan.reportedSummaries.flatMap((s) =>
    Object.entries(s.counts).map(([code, count]) => ({
      fiscalYear: s.fiscalYear,
      code,
      count,
      roundId: s.roundIndex === undefined ? null : (roundIds[s.roundIndex] ?? null),
    })),
  );
  const rounds = [...new Set(rows.flatMap((r) => (r.roundId === null ? [] : [r.roundId])))];
  if (rounds.length) await tx.query('delete from reported_aggregates where plan_id = $1 and round_id = any($2::int[])', [planId, rounds]);
  if (!rows.length) return;
  await tx.query(
    `insert into reported_aggregates (plan_id, fiscal_year, code, count, round_id)
     select $1, * from unnest($2::int[], $3::text[], $4::int[], $5::int[])
     on conflict (plan_id, fiscal_year, code) do update set count = excluded.count, round_id = excluded.round_id`,
    [planId, rows.map((r) => r.fiscalYear), rows.map((r) => r.code), rows.map((r) => r.count), rows.map((r) => r.roundId) as number[]],
  );
}
