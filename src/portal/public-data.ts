/**
 * The published dataset of a plan: everything the portal, the API, the downloads
 * and the static export may show — and nothing else.
 *
 * Only published rounds are public. A rating is public when its fiscal year is at
 * or before the last fiscal year covered by a published round; a narrative is
 * public when a published round exists for its fiscal year. A round that is
 * 'preparing', 'open' or 'closed' (the workflow's draft data) never shows here.
 * A plan without any published round is not public at all.
 */
import type { Queryable } from '../db/db.js';
import { loadScale, loadSummary, type ScaleCode, type YearSummary } from '../evaluations/summary.js';
import { NotFoundError, loadPlan, loadPlanTree, leaves, type PlanDetail, type TreeNode } from '../plans/plan-queries.js';

export interface PublicRound {
  id: number;
  fiscalYear: number;
  kind: 'yearly' | 'midterm' | 'final';
  coversUntilFiscalYear: number | null;
  /** YYYY-MM-DD, or null when the imported report did not say. */
  publishedOn: string | null;
}

export interface PublicRating {
  fiscalYear: number;
  code: string;
  marks: string[];
  reason: string | null;
}

export interface PublicItem {
  id: number;
  code: string;
  level: number;
  tierName: string;
  name: string;
  parentCode: string | null;
  /** Codes of the ancestors, root first. */
  ancestorCodes: string[];
  childCodes: string[];
  departmentId: number | null;
  departmentName: string | null;
  endedFromFiscalYear: number | null;
  /** Public ratings by fiscal year ascending; empty for non-leaf items. */
  ratings: PublicRating[];
  /** Document order across the whole tree (depth first). */
  order: number;
}

export type AuthorRole = 'department' | 'division' | 'expert';

export interface PublicNarrative {
  id: number;
  fiscalYear: number;
  authorRole: AuthorRole;
  kind: 'progress' | 'issues' | 'direction' | 'opinion';
  /** null = about the whole plan. */
  itemCode: string | null;
  /** Other items the paragraph names. */
  mentionCodes: string[];
  position: number;
  body: string;
}

export interface PublicDepartment {
  id: number;
  code: string;
  name: string;
  /** Leaf items the department is responsible for. */
  subItemCount: number;
}

export interface PublicDataset {
  plan: PlanDetail;
  /** Last fiscal year whose ratings are public. */
  publishedUntilFiscalYear: number;
  rounds: PublicRound[];
  scale: ScaleCode[];
  annotationKinds: { mark: string; meaning: string }[];
  /** Every item in document order (depth first). */
  items: PublicItem[];
  itemsByCode: Map<string, PublicItem>;
  /** Item tree with public ratings only, for the components that draw tables. */
  roots: TreeNode[];
  /** Fiscal years with at least one public rating, ascending. */
  fiscalYears: number[];
  summary: YearSummary[];
  narratives: PublicNarrative[];
  departments: PublicDepartment[];
}

export interface PublicPlanRef {
  id: number;
  slug: string;
  name: string;
  publishedUntilFiscalYear: number;
}

function toDate(value: Date | string | null): string | null {
  if (value === null) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

/** Plans that have at least one published round, with their public cut-off. */
export async function listPublicPlans(db: Queryable): Promise<PublicPlanRef[]> {
  const r = await db.query<PublicPlanRef>(
    `select p.id, p.slug, p.name, max(coalesce(r.covers_until_fiscal_year, r.fiscal_year))::int as "publishedUntilFiscalYear"
       from plans p join evaluation_rounds r on r.plan_id = p.id and r.status = 'published'
      group by p.id, p.slug, p.name order by p.id`,
  );
  return r.rows;
}

export async function findPublicPlan(db: Queryable, slug: string): Promise<PublicPlanRef> {
  const plan = (await listPublicPlans(db)).find((p) => p.slug === slug);
  if (!plan) throw new NotFoundError(`公開されている計画が見つかりません: ${slug}`);
  return plan;
}

/** Loads the whole public dataset of one plan: a fixed handful of queries, whatever the plan's size. */
export async function loadPublicDataset(db: Queryable, ref: PublicPlanRef): Promise<PublicDataset> {
  const until = ref.publishedUntilFiscalYear;
  const [plan, tree, summary, scale, kinds, rounds, narratives, mentions, departments] = await Promise.all([
    loadPlan(db, ref.id),
    loadPlanTree(db, ref.id, { untilFiscalYear: until }),
    loadSummary(db, ref.id, { untilFiscalYear: until }),
    loadScale(db, ref.id),
    db.query<{ mark: string; meaning: string }>('select mark, meaning from annotation_kinds where plan_id = $1 order by id', [ref.id]),
    db.query<{ id: number; fiscalYear: number; kind: PublicRound['kind']; coversUntilFiscalYear: number | null; publishedAt: Date | string | null }>(
      `select id, fiscal_year as "fiscalYear", kind, covers_until_fiscal_year as "coversUntilFiscalYear", published_at as "publishedAt"
         from evaluation_rounds where plan_id = $1 and status = 'published' order by fiscal_year, id`,
      [ref.id],
    ),
    db.query<{ id: number; itemId: number | null; fiscalYear: number; authorRole: AuthorRole; kind: PublicNarrative['kind']; position: number; body: string }>(
      `select n.id, n.item_id as "itemId", n.fiscal_year as "fiscalYear", n.author_role as "authorRole", n.kind, n.position, n.body
         from narratives n
        where n.plan_id = $1
          and exists (select 1 from evaluation_rounds r where r.plan_id = n.plan_id and r.status = 'published'
                        and (r.fiscal_year = n.fiscal_year or r.covers_until_fiscal_year = n.fiscal_year))
        order by n.fiscal_year, n.position, n.id`,
      [ref.id],
    ),
    db.query<{ narrativeId: number; itemId: number }>(
      `select m.narrative_id as "narrativeId", m.item_id as "itemId"
         from narrative_mentions m join narratives n on n.id = m.narrative_id where n.plan_id = $1`,
      [ref.id],
    ),
    db.query<{ id: number; code: string; name: string }>(
      `select distinct d.id, d.code, d.name from departments d join plan_items i on i.department_id = d.id where i.plan_id = $1 order by d.id`,
      [ref.id],
    ),
  ]);

  const items: PublicItem[] = [];
  const codeById = new Map<number, string>();
  const walk = (node: TreeNode, ancestors: string[], parentCode: string | null) => {
    codeById.set(node.id, node.code);
    items.push({
      id: node.id,
      code: node.code,
      level: node.level,
      tierName: plan.tiers[node.level - 1] ?? '',
      name: node.name,
      parentCode,
      ancestorCodes: ancestors,
      childCodes: node.children.map((c) => c.code),
      departmentId: node.departmentId,
      departmentName: node.departmentName,
      endedFromFiscalYear: node.endedFromFiscalYear,
      ratings: [...node.ratings.entries()].sort(([a], [b]) => a - b).map(([fiscalYear, cell]) => ({ fiscalYear, ...cell })),
      order: items.length,
    });
    for (const child of node.children) walk(child, [...ancestors, node.code], node.code);
  };
  for (const root of tree.roots) walk(root, [], null);

  const mentionsBy = new Map<number, string[]>();
  for (const m of mentions.rows) {
    const code = codeById.get(m.itemId);
    if (code === undefined) continue;
    const list = mentionsBy.get(m.narrativeId) ?? [];
    list.push(code);
    mentionsBy.set(m.narrativeId, list);
  }
  const subItemCount = new Map<number, number>();
  for (const leaf of leaves(tree.roots)) {
    if (leaf.departmentId !== null) subItemCount.set(leaf.departmentId, (subItemCount.get(leaf.departmentId) ?? 0) + 1);
  }

  return {
    plan,
    publishedUntilFiscalYear: until,
    rounds: rounds.rows.map((r) => ({ id: r.id, fiscalYear: r.fiscalYear, kind: r.kind, coversUntilFiscalYear: r.coversUntilFiscalYear, publishedOn: toDate(r.publishedAt) })),
    scale,
    annotationKinds: kinds.rows,
    items,
    itemsByCode: new Map(items.map((i) => [i.code, i])),
    roots: tree.roots,
    fiscalYears: tree.fiscalYears,
    summary,
    narratives: narratives.rows.map((n) => ({
      id: n.id,
      fiscalYear: n.fiscalYear,
      authorRole: n.authorRole,
      kind: n.kind,
      itemCode: n.itemId === null ? null : (codeById.get(n.itemId) ?? null),
      mentionCodes: mentionsBy.get(n.id) ?? [],
      position: n.position,
      body: n.body,
    })),
    departments: departments.rows.map((d) => ({ ...d, subItemCount: subItemCount.get(d.id) ?? 0 })),
  };
}

/** The deepest tier: the items that carry ratings. */
export function leafItems(data: PublicDataset): PublicItem[] {
  return data.items.filter((i) => i.childCodes.length === 0);
}

/** Narratives that speak about an item: its own, its ancestors' and those that mention it; newest year first. */
export function narrativesAbout(data: PublicDataset, item: PublicItem): PublicNarrative[] {
  const related = new Set([item.code, ...item.ancestorCodes]);
  return data.narratives
    .filter((n) => (n.itemCode !== null && related.has(n.itemCode)) || n.mentionCodes.includes(item.code))
    .sort((a, b) => b.fiscalYear - a.fiscalYear || roleOrder(a.authorRole) - roleOrder(b.authorRole) || a.position - b.position);
}

function roleOrder(role: AuthorRole): number {
  return role === 'department' ? 0 : role === 'division' ? 1 : 2;
}

/**
 * Caches each plan's public dataset for a short time: the portal and the API
 * answer from memory, and a newly published round shows within `ttlMs`.
 */
export class PublicDataCache {
  private readonly entries = new Map<string, { at: number; value: Promise<PublicDataset> }>();
  private plansEntry: { at: number; value: Promise<PublicPlanRef[]> } | undefined;

  constructor(
    private readonly db: Queryable,
    private readonly ttlMs = 5000,
  ) {}

  async plans(): Promise<PublicPlanRef[]> {
    const now = Date.now();
    if (!this.plansEntry || now - this.plansEntry.at >= this.ttlMs) {
      const value = listPublicPlans(this.db);
      this.plansEntry = { at: now, value };
      value.catch(() => (this.plansEntry = undefined));
    }
    return this.plansEntry.value;
  }

  async dataset(slug: string): Promise<PublicDataset> {
    const now = Date.now();
    const hit = this.entries.get(slug);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const ref = (await this.plans()).find((p) => p.slug === slug);
    if (!ref) throw new NotFoundError(`公開されている計画が見つかりません: ${slug}`);
    const value = loadPublicDataset(this.db, ref);
    this.entries.set(slug, { at: now, value });
    value.catch(() => this.entries.delete(slug));
    return value;
  }
}
