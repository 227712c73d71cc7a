/**
 * A stored plan read back into the neutral ImportedPlan: what `hyoka export --format
 * xlsx` writes and what comparing two stores means. Everything storeImportedPlan keeps
 * comes back so that storing the result again gives the same plan: node codes are the
 * node's own part of the stored dotted code, the scale of the deepest rated tier is the
 * plan's own (key "main"), rounds are the published ones in the order they were
 * created, narratives follow their stored order within each year, role and kind.
 *
 * A handful of queries, assembled in memory (never one query per node): one step per
 * table, read top to bottom in the order of the ImportedPlan's fields.
 */
import type { Queryable } from '../db/db.js';
import { notFound } from '../errors.js';
import {
  type ImportedFootnote,
  type ImportedNarrative,
  type ImportedNode,
  type ImportedPlan,
  importedPlanOf,
  type ImportedRound,
  type ImportedScale,
  type NarrativeKind,
  type NarrativeRole,
  type NodePath,
} from './imported-plan.js';
import type { RoundKind } from '../evaluations/round-kinds.js';
import { loadDirectionCodes, loadIndicatorSeries, loadItemCosts, loadItemDirections } from '../indicators/indicator-queries.js';
import { indicatorDefinition } from '../indicators/indicator-series.js';

/** The key of the plan's own scale (the one plans.rating_scale_id names). */
export const PRIMARY_SCALE_KEY = 'main';

interface PlanRow {
  id: number;
  slug: string;
  name: string;
  description: string;
  rating_scale_id: number;
  predecessor_name: string | null;
  successor_name: string | null;
  adopted_fiscal_year: number | null;
  start_fiscal_year: number;
  end_fiscal_year: number;
}

async function loadScales(db: Queryable, plan: PlanRow, tierScaleIds: (number | null)[]): Promise<{ scales: ImportedScale[]; keyOf: Map<number, string> }> {
  const ids = [...new Set([plan.rating_scale_id, ...tierScaleIds.filter((x): x is number => x !== null)])];
  const rows = await db.query<{ id: number; slug: string; name: string }>('select id, slug, name from rating_scales where id = any($1::int[]) order by id', [
    ids,
  ]);
  const codes = await db.query<{
    scale_id: number;
    code: string;
    label: string;
    criteria: string;
    position: number;
    counts_as_achieved: boolean;
    is_not_evaluated: boolean;
    is_default: boolean;
  }>('select * from rating_codes where scale_id = any($1::int[]) order by scale_id, position, code', [ids]);
  const prefix = `${plan.slug}-scale-`;
  const keyOf = new Map(
    rows.rows.map((s) => [s.id, s.id === plan.rating_scale_id ? PRIMARY_SCALE_KEY : s.slug.startsWith(prefix) ? s.slug.slice(prefix.length) : s.slug]),
  );
  const scales = rows.rows.map((s): ImportedScale => {
    const bound = tierScaleIds.indexOf(s.id);
    return {
      key: keyOf.get(s.id)!,
      name: s.name,
      tierIndex: bound >= 0 ? bound : tierScaleIds.length - 1,
      codes: codes.rows
        .filter((c) => c.scale_id === s.id)
        .map((c) => ({
          code: c.code,
          label: c.label,
          criteria: c.criteria,
          position: c.position,
          countsAsAchieved: c.counts_as_achieved,
          isNotEvaluated: c.is_not_evaluated,
          ...(c.is_default ? { isDefault: true } : {}),
        })),
    };
  });
  // The plan's own scale first, as readers write it.
  scales.sort((a, b) => Number(b.key === PRIMARY_SCALE_KEY) - Number(a.key === PRIMARY_SCALE_KEY));
  return { scales, keyOf };
}

interface ItemRow {
  id: number;
  parent_id: number | null;
  level: number;
  code: string;
  position: number;
  name: string;
  department: string | null;
  ended_from_fiscal_year: number | null;
}

/** The item tree, with each node's path and the departments in tree order. */
function buildTree(items: ItemRow[]): { roots: ImportedNode[]; nodeOf: Map<number, ImportedNode>; pathOf: Map<number, NodePath>; departments: string[] } {
  const children = new Map<number | null, ItemRow[]>();
  for (const item of items) children.set(item.parent_id, [...(children.get(item.parent_id) ?? []), item]);
  const nodeOf = new Map<number, ImportedNode>();
  const pathOf = new Map<number, NodePath>();
  const departments: string[] = [];
  const build = (parent: ItemRow | null, parentPath: NodePath): ImportedNode[] =>
    (children.get(parent?.id ?? null) ?? [])
      .sort((a, b) => a.position - b.position || a.id - b.id)
      .map((item, i) => {
        const path = [...parentPath, i];
        const own = parent && item.code.startsWith(`${parent.code}.`) ? item.code.slice(parent.code.length + 1) : item.code;
        if (item.department && !departments.includes(item.department)) departments.push(item.department);
        const node: ImportedNode = {
          code: own,
          name: item.name,
          tierIndex: item.level - 1,
          ...(item.department ? { department: item.department } : {}),
          ...(item.ended_from_fiscal_year !== null ? { endedFromFiscalYear: item.ended_from_fiscal_year } : {}),
          ratings: [],
          narratives: [],
          children: [],
        };
        nodeOf.set(item.id, node);
        pathOf.set(item.id, path);
        node.children = build(item, path);
        return node;
      });
  return { roots: build(null, []), nodeOf, pathOf, departments };
}

async function loadRounds(db: Queryable, planId: number): Promise<{ rounds: ImportedRound[]; indexOf: Map<number, number> }> {
  const rows = await db.query<{ id: number; fiscal_year: number; kind: RoundKind; covers_until_fiscal_year: number | null }>(
    `select id, fiscal_year, kind, covers_until_fiscal_year from evaluation_rounds where plan_id = $1 and status = 'published' order by id`,
    [planId],
  );
  const sections = await db.query<{ round_id: number; key: string; heading: string; body: string }>(
    'select round_id, key, heading, body from round_sections where round_id = any($1::int[]) order by round_id, position',
    [rows.rows.map((r) => r.id)],
  );
  const rounds = rows.rows.map((r): ImportedRound => {
    const own = sections.rows.filter((s) => s.round_id === r.id).map((s) => ({ key: s.key, heading: s.heading, body: s.body }));
    return {
      fiscalYear: r.fiscal_year,
      kind: r.kind,
      ...(r.covers_until_fiscal_year !== null ? { coversUntilFiscalYear: r.covers_until_fiscal_year } : {}),
      ...(own.length ? { sections: own } : {}),
    };
  });
  return { rounds, indexOf: new Map(rows.rows.map((r, i) => [r.id, i])) };
}

function comparePaths(a: NodePath, b: NodePath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export async function loadStoredPlan(db: Queryable, slug: string): Promise<ImportedPlan> {
  const plan = (await db.query<PlanRow>('select * from plans where slug = $1', [slug])).rows[0];
  if (!plan) throw notFound(`計画が見つかりません: ${slug}`);
  const tiers = (
    await db.query<{ name: string; rating_scale_id: number | null }>('select name, rating_scale_id from plan_tiers where plan_id = $1 order by level', [
      plan.id,
    ])
  ).rows;
  const { scales, keyOf } = await loadScales(
    db,
    plan,
    tiers.map((t) => t.rating_scale_id),
  );
  const items = await db.query<ItemRow>(
    `select i.id, i.parent_id, i.level, i.code, i.position, i.name, d.name as department, i.ended_from_fiscal_year
       from plan_items i left join departments d on d.id = i.department_id where i.plan_id = $1`,
    [plan.id],
  );
  const tree = buildTree(items.rows);
  const marks = await db.query<{ id: number; mark: string; meaning: string }>('select id, mark, meaning from annotation_kinds where plan_id = $1 order by id', [
    plan.id,
  ]);
  await loadRatings(db, plan.id, tree, keyOf);
  const planNarratives = await loadNarratives(db, plan.id, tree);
  const { rounds, indexOf } = await loadRounds(db, plan.id);
  const annotationFootnotes = await loadFootnotes(db, plan.id, tree);
  const reportedSummaries = await loadSummaries(db, plan.id, indexOf);
  const directionCodes = await loadIndicatorFacts(db, plan.id, tree);
  return importedPlanOf({
    plan: await loadPlanFacts(db, plan),
    tiers: tiers.map((t) => t.name),
    scales,
    annotationKinds: marks.rows.map((m) => ({ mark: m.mark, meaning: m.meaning })),
    departments: tree.departments,
    nodes: tree.roots,
    planNarratives,
    rounds,
    annotationFootnotes,
    reportedSummaries,
    directionCodes,
    file: { name: `${plan.slug}.xlsx`, content: '' },
  });
}

type Tree = ReturnType<typeof buildTree>;

async function loadRatings(db: Queryable, planId: number, tree: Tree, keyOf: ReadonlyMap<number, string>): Promise<void> {
  const ratings = await db.query<{ item_id: number; fiscal_year: number; scale_id: number; code: string; marks: string[] }>(
    `select r.item_id, r.fiscal_year, r.scale_id, r.code,
            coalesce(array_agg(k.mark order by k.id) filter (where k.id is not null), '{}') as marks
       from ratings r join plan_items i on i.id = r.item_id
       left join rating_annotations a on a.rating_id = r.id left join annotation_kinds k on k.id = a.annotation_kind_id
      where i.plan_id = $1 group by r.id order by r.item_id, r.fiscal_year`,
    [planId],
  );
  for (const r of ratings.rows)
    tree.nodeOf.get(r.item_id)?.ratings.push({ fiscalYear: r.fiscal_year, scaleKey: keyOf.get(r.scale_id) ?? PRIMARY_SCALE_KEY, code: r.code, marks: r.marks });
}

/** Puts each narrative on its node; returns those about the whole plan. */
async function loadNarratives(db: Queryable, planId: number, tree: Tree): Promise<ImportedNarrative[]> {
  const narratives = await db.query<{
    id: number;
    item_id: number | null;
    fiscal_year: number;
    author_role: NarrativeRole;
    kind: NarrativeKind;
    body: string;
    mentions: number[];
  }>(
    `select n.id, n.item_id, n.fiscal_year, n.author_role, n.kind, n.body,
            coalesce(array_agg(m.item_id) filter (where m.item_id is not null), '{}') as mentions
       from narratives n left join narrative_mentions m on m.narrative_id = n.id
      where n.plan_id = $1 group by n.id order by n.fiscal_year, n.author_role, n.kind, n.position`,
    [planId],
  );
  const planNarratives: ImportedNarrative[] = [];
  for (const n of narratives.rows) {
    const mentions = n.mentions
      .map((id) => tree.pathOf.get(id))
      .filter((p): p is NodePath => p !== undefined)
      .sort(comparePaths);
    const narrative: ImportedNarrative = {
      fiscalYear: n.fiscal_year,
      role: n.author_role,
      kind: n.kind,
      text: n.body,
      ...(mentions.length ? { mentions } : {}),
    };
    const node = n.item_id === null ? undefined : tree.nodeOf.get(n.item_id);
    (node ? node.narratives : planNarratives).push(narrative);
  }
  return planNarratives;
}

async function loadFootnotes(db: Queryable, planId: number, tree: Tree): Promise<ImportedFootnote[]> {
  const footnoteRows = await db.query<{ fiscal_year: number; measure_item_id: number; mark: string; item_id: number }>(
    `select f.fiscal_year, f.measure_item_id, k.mark, f.item_id from annotation_footnotes f join annotation_kinds k on k.id = f.annotation_kind_id
      where f.plan_id = $1 order by f.fiscal_year, f.measure_item_id, k.id, f.position`,
    [planId],
  );
  const footnotes: ImportedFootnote[] = [];
  for (const f of footnoteRows.rows) {
    const node = tree.pathOf.get(f.measure_item_id)!;
    const last = footnotes.at(-1);
    const target = tree.pathOf.get(f.item_id)!;
    if (last && last.fiscalYear === f.fiscal_year && last.mark === f.mark && last.node.join('.') === node.join('.')) last.targets.push(target);
    else footnotes.push({ fiscalYear: f.fiscal_year, node, mark: f.mark, targets: [target] });
  }
  return footnotes;
}

async function loadSummaries(db: Queryable, planId: number, roundIndexOf: ReadonlyMap<number, number>): Promise<ImportedPlan['reportedSummaries']> {
  const aggregates = await db.query<{ fiscal_year: number; code: string; count: number; round_id: number | null }>(
    'select fiscal_year, code, count, round_id from reported_aggregates where plan_id = $1 order by fiscal_year, round_id, code',
    [planId],
  );
  const summaries: ImportedPlan['reportedSummaries'] = [];
  for (const a of aggregates.rows) {
    const roundIndex = a.round_id === null ? undefined : roundIndexOf.get(a.round_id);
    let s = summaries.find((x) => x.fiscalYear === a.fiscal_year && x.roundIndex === roundIndex);
    if (!s) {
      s = { fiscalYear: a.fiscal_year, scaleKey: PRIMARY_SCALE_KEY, ...(roundIndex !== undefined ? { roundIndex } : {}), counts: {} };
      summaries.push(s);
    }
    s.counts[a.code] = a.count;
  }
  return summaries;
}

/** The plan row's own facts with its period extensions and designations. */
async function loadPlanFacts(db: Queryable, plan: PlanRow): Promise<ImportedPlan['plan']> {
  const extensions = await db.query<{ from_end_fiscal_year: number; to_end_fiscal_year: number; decided_fiscal_year: number | null; reason: string }>(
    'select from_end_fiscal_year, to_end_fiscal_year, decided_fiscal_year, reason from plan_period_extensions where plan_id = $1 order by id',
    [plan.id],
  );
  const designations = await db.query<{ name: string; from_fiscal_year: number | null }>(
    'select name, from_fiscal_year from plan_designations where plan_id = $1 order by id',
    [plan.id],
  );
  return {
    name: plan.name,
    slug: plan.slug,
    startFiscalYear: plan.start_fiscal_year,
    endFiscalYear: plan.end_fiscal_year,
    ...(plan.description ? { description: plan.description } : {}),
    ...(plan.predecessor_name !== null ? { predecessorName: plan.predecessor_name } : {}),
    ...(plan.successor_name !== null ? { successorName: plan.successor_name } : {}),
    ...(plan.adopted_fiscal_year !== null ? { adoptedFiscalYear: plan.adopted_fiscal_year } : {}),
    extensions: extensions.rows.map((e) => ({
      fromEndFiscalYear: e.from_end_fiscal_year,
      toEndFiscalYear: e.to_end_fiscal_year,
      ...(e.decided_fiscal_year !== null ? { decidedFiscalYear: e.decided_fiscal_year } : {}),
      reason: e.reason,
    })),
    designations: designations.rows.map((d) => ({ name: d.name, ...(d.from_fiscal_year !== null ? { fromFiscalYear: d.from_fiscal_year } : {}) })),
  };
}

const TARGET_KIND_ORDER = { yearly: 0, final: 1 } as const;

/**
 * Indicators (with baseline, targets and their revisions, actuals), 今後の方向性 and
 * costs onto their nodes; returns the plan's direction list. Targets are ordered by
 * year and kind (not by id), so a plan stored again exports the same.
 */
async function loadIndicatorFacts(db: Queryable, planId: number, tree: Tree): Promise<{ code: string; label: string }[]> {
  const [series, codes, directions, costs] = await Promise.all([
    loadIndicatorSeries(db, planId),
    loadDirectionCodes(db, planId),
    loadItemDirections(db, planId),
    loadItemCosts(db, planId),
  ]);
  for (const s of series) {
    const node = tree.nodeOf.get(s.itemId);
    if (!node) continue;
    node.indicators ??= [];
    node.indicators.push({
      ...indicatorDefinition(s),
      decimals: s.decimals,
      ...(s.baseline ? { baseline: { fiscalYear: s.baseline.fiscalYear, value: s.baseline.value } } : {}),
      targets: [...s.targets]
        .sort((a, b) => a.fiscalYear - b.fiscalYear || TARGET_KIND_ORDER[a.kind] - TARGET_KIND_ORDER[b.kind])
        .map((t) => ({
          kind: t.kind,
          fiscalYear: t.fiscalYear,
          value: t.value,
          revisions: t.revisions.map((r) => ({ oldValue: r.oldValue, newValue: r.newValue, reason: r.reason, decidedFiscalYear: r.decidedFiscalYear })),
        })),
      actuals: s.actuals.map((a) => ({ fiscalYear: a.fiscalYear, value: a.value, notMeasurable: a.notMeasurable, sourceNote: a.sourceNote })),
    });
  }
  for (const d of directions) {
    const node = tree.nodeOf.get(d.itemId);
    if (!node) continue;
    node.directions ??= [];
    node.directions.push({ fiscalYear: d.fiscalYear, code: d.code, note: d.note });
  }
  for (const c of costs) {
    const node = tree.nodeOf.get(c.itemId);
    if (!node) continue;
    node.costs ??= [];
    const { itemId: _, ...cost } = c;
    node.costs.push(cost);
  }
  return codes.map((c) => ({ code: c.code, label: c.label }));
}
