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
import { lineageLinks, narrativeMentions, planDepartments, publishedNarratives, publishedRounds } from './public-data-queries.js';
import type { Queryable } from '../db/db.js';
import { notFound } from '../errors.js';
import { loadScale, loadTierSummaries, summarizeCounts, type ScaleCode, type TierSummary, type YearSummary } from '../evaluations/summary.js';
import { loadAnnotationKinds, loadPlan, loadPlanTree, type PlanDetail, type TreeNode } from '../plans/plan-queries.js';
import { loadPlanVocabulary } from '../evaluations/plan-settings-queries.js';
import { loadPublicOutputs, type PublicOutputs } from './public-outputs.js';

// The cache serves these datasets; its type is named here too for the modules that take one with the dataset.
export type { PublicDataCache } from './public-data-cache.js';

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
  /** Public ratings by fiscal year ascending; empty for items of a tier that is not rated. */
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
  /** Assigned by the demo data of `npm start`, not by the municipality. */
  demo: boolean;
  /** Items of the primary rated tier the department is responsible for. */
  subItemCount: number;
}

/** One row of a lineage (migration 014) this plan takes part in, seen from this plan. */
export interface PublicLineageLink {
  /** predecessor: this plan's item continues `otherCode` of the plan before; successor: it continues as `otherCode`. */
  direction: 'predecessor' | 'successor';
  kind: 'carried_over' | 'merged_into' | 'split_into' | 'ended' | 'new';
  /** This plan's item (null for a row that names only the other plan's item). */
  itemCode: string | null;
  otherPlanSlug: string;
  otherPlanName: string;
  otherCode: string | null;
}

export interface PublicDataset {
  plan: PlanDetail;
  /** The item mappings with the plan before and the plan after; a link shows only when both plans are public. */
  lineage: PublicLineageLink[];
  /** Last fiscal year whose ratings are public. */
  publishedUntilFiscalYear: number;
  rounds: PublicRound[];
  /** The primary rated tier's scale. */
  scale: ScaleCode[];
  annotationKinds: { mark: string; meaning: string }[];
  /** Every item in document order (depth first). */
  items: PublicItem[];
  itemsByCode: Map<string, PublicItem>;
  /** Item tree with public ratings only, for the components that draw tables. */
  roots: TreeNode[];
  /** Fiscal years with at least one public rating, ascending. */
  fiscalYears: number[];
  /** The primary rated tier's per-year table. */
  summary: YearSummary[];
  /** One per-year table per rated tier, top first, each on its tier's scale. */
  tierSummaries: TierSummary[];
  narratives: PublicNarrative[];
  departments: PublicDepartment[];
  /** Who wrote, as the plan names them (its settings, or its imported report for the division); null = the generic title. */
  roleNames: Record<AuthorRole, string | null>;
  /** What of the plan is demo data: labelled デモ on every page that shows it. */
  demo: PublicDemo;
  /** Indicators, proposals, 今後の方向性 and costs of the published years (public-outputs.ts). */
  outputs: PublicOutputs;
}

export interface PublicDemo {
  /** Some sub-items carry a department assigned by the demo data. */
  departments: boolean;
  /** Fiscal years whose published results come from a demo round. */
  fiscalYears: number[];
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
  if (!plan) throw notFound(`公開されている計画が見つかりません: ${slug}`);
  return plan;
}

/** The tree as a flat list in document order, each item knowing its ancestors, children and tier name. */
function flattenTree(roots: TreeNode[], tiers: readonly string[]): { items: PublicItem[]; codeById: Map<number, string> } {
  const items: PublicItem[] = [];
  const codeById = new Map<number, string>();
  const walk = (node: TreeNode, ancestors: string[], parentCode: string | null) => {
    codeById.set(node.id, node.code);
    items.push({
      id: node.id,
      code: node.code,
      level: node.level,
      tierName: tiers[node.level - 1] ?? '',
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
  for (const root of roots) walk(root, [], null);
  return { items, codeById };
}

/** The item codes each narrative mentions. */
function mentionCodesBy(mentions: readonly { narrativeId: number; itemId: number }[], codeById: ReadonlyMap<number, string>): Map<number, string[]> {
  const mentionsBy = new Map<number, string[]>();
  for (const m of mentions) {
    const code = codeById.get(m.itemId);
    if (code === undefined) continue;
    const list = mentionsBy.get(m.narrativeId) ?? [];
    list.push(code);
    mentionsBy.set(m.narrativeId, list);
  }
  return mentionsBy;
}

/** Loads the whole public dataset of one plan: a fixed handful of queries, whatever the plan's size. */
export async function loadPublicDataset(db: Queryable, ref: PublicPlanRef): Promise<PublicDataset> {
  const until = ref.publishedUntilFiscalYear;
  const [plan, tree, tierSummaries, scale, kinds, rounds, narratives, mentions, departments, vocabulary, lineage] = await Promise.all([
    loadPlan(db, ref.id),
    loadPlanTree(db, ref.id, { untilFiscalYear: until }),
    loadTierSummaries(db, ref.id, { untilFiscalYear: until }),
    loadScale(db, ref.id),
    loadAnnotationKinds(db, ref.id),
    publishedRounds(db, ref.id),
    publishedNarratives(db, ref.id),
    narrativeMentions(db, ref.id),
    planDepartments(db, ref.id),
    loadPlanVocabulary(db, ref.id),
    lineageLinks(db, ref.id),
  ]);

  const { items, codeById } = flattenTree(tree.roots, plan.tiers);
  const outputs = await loadPublicOutputs(db, plan, until, codeById, tree.roots);
  const mentionsBy = mentionCodesBy(mentions.rows, codeById);
  const subItemCount = new Map<number, number>();
  for (const item of items) {
    if (item.level === plan.primaryLevel && item.departmentId !== null) subItemCount.set(item.departmentId, (subItemCount.get(item.departmentId) ?? 0) + 1);
  }

  return {
    plan,
    lineage: lineage.rows,
    publishedUntilFiscalYear: until,
    rounds: rounds.rows.map((r) => ({
      id: r.id,
      fiscalYear: r.fiscalYear,
      kind: r.kind,
      coversUntilFiscalYear: r.coversUntilFiscalYear,
      publishedOn: toDate(r.publishedAt),
    })),
    scale,
    annotationKinds: kinds,
    items,
    itemsByCode: new Map(items.map((i) => [i.code, i])),
    roots: tree.roots,
    fiscalYears: tree.fiscalYears,
    summary: tierSummaries.find((t) => t.primary)?.years ?? summarizeCounts([], [], scale),
    tierSummaries,
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
    roleNames: { department: vocabulary.titles.department, division: vocabulary.divisionName ?? vocabulary.titles.division, expert: vocabulary.titles.expert },
    demo: { departments: departments.rows.some((d) => d.demo), fiscalYears: rounds.rows.filter((r) => r.demo).map((r) => r.fiscalYear) },
    outputs,
  };
}

/** The name in the brackets that end a heading: "進捗に関する意見（デジタル推進課）" → デジタル推進課. */
export function bracketed(heading: string): string | null {
  return /[（(]([^（）()]+)[）)]\s*$/.exec(heading)?.[1]?.trim() || null;
}

/** The items of a rated tier (the primary one unless told), in document order. */
export function ratedItems(data: PublicDataset, level = data.plan.primaryLevel): PublicItem[] {
  return data.items.filter((i) => i.level === level);
}

/** The items of every rated tier, in document order. */
export function allRatedItems(data: PublicDataset): PublicItem[] {
  const levels = new Set(data.tierSummaries.map((t) => t.level));
  return data.items.filter((i) => levels.has(i.level));
}

/** The name of the primary rated tier (細目, 事務事業, KPI …): the word the pages count in. */
export function primaryTierName(data: PublicDataset): string {
  return data.plan.tiers[data.plan.primaryLevel - 1] ?? '';
}

/** The rated tiers' names as one phrase ("事務事業細目", "施策・事務事業"). */
export function ratedTierNames(data: PublicDataset): string {
  return data.tierSummaries.map((t) => t.tierName).join('・');
}

/** The scale a rated tier is counted on (the plan's scale for any other level). */
export function scaleOfLevel(data: PublicDataset, level: number): ScaleCode[] {
  return data.tierSummaries.find((t) => t.level === level)?.scale ?? data.scale;
}

/** Narratives that speak about an item of the primary tier: its own, its ancestors' and those that mention it; newest year first. */
export function narrativesAbout(data: PublicDataset, item: PublicItem): PublicNarrative[] {
  const related = new Set([item.code, ...item.ancestorCodes]);
  return data.narratives
    .filter((n) => (n.itemCode !== null && related.has(n.itemCode)) || n.mentionCodes.includes(item.code))
    .sort((a, b) => b.fiscalYear - a.fiscalYear || roleOrder(a.authorRole) - roleOrder(b.authorRole) || a.position - b.position);
}

function roleOrder(role: AuthorRole): number {
  return role === 'department' ? 0 : role === 'division' ? 1 : 2;
}
