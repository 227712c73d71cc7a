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
import { readChangeCounter } from '../db/change-counter.js';
import { lineageLinks, narrativeMentions, planDepartments, publishedNarratives, publishedRounds } from './public-data-queries.js';
import { notFound } from '../errors.js';
import type { Queryable } from '../db/db.js';
import { loadScale, loadTierSummaries, summarizeCounts, type ScaleCode, type TierSummary, type YearSummary } from '../evaluations/summary.js';
import { loadAnnotationKinds, loadPlan, loadPlanTree, type PlanDetail, type TreeNode } from '../plans/plan-queries.js';
import { loadPlanVocabulary } from '../evaluations/plan-settings-queries.js';
import { loadPublicOutputs, type PublicOutputs } from './public-outputs.js';

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

/**
 * A cheap fingerprint of everything a plan's public dataset is made of: rounds and
 * their status, ratings, narratives, items and departments, the plan row. Hashes
 * and sums of the content catch edits that do not touch updated_at.
 */
export async function publicFingerprint(db: Queryable, planId: number): Promise<string> {
  const r = await db.query<{ f: string }>(
    `select concat_ws('|',
       (select string_agg(id || ':' || status || ':' || coalesce(covers_until_fiscal_year, 0) || ':' || coalesce(published_at::text, ''), ',' order by id)
          from evaluation_rounds where plan_id = $1),
       -- The biggest table gets plain aggregates rather than hashes (3× cheaper at 20,000 rows).
       (select count(*) || ':' || coalesce(sum(r.id), 0) || ':' || coalesce(max(r.updated_at)::text, '') || ':'
               || coalesce(sum(ascii(r.code) * r.fiscal_year), 0) || ':' || coalesce(sum(length(r.reason)), 0)
          from ratings r join plan_items i on i.id = r.item_id where i.plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(id || body || fiscal_year || author_role || coalesce(item_id, 0))::bigint), 0)
          from narratives where plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(i.id || i.name || i.code || coalesce(i.department_id, 0) || coalesce(d.name, '') || coalesce(d.demo::text, '') || coalesce(i.ended_from_fiscal_year, 0))::bigint), 0)
          from plan_items i left join departments d on d.id = i.department_id where i.plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(a.rating_id || ':' || a.annotation_kind_id)::bigint), 0)
          from rating_annotations a join annotation_kinds k on k.id = a.annotation_kind_id where k.plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(l.kind || ':' || coalesce(l.predecessor_item_id, 0) || ':' || coalesce(l.successor_item_id, 0) || ':' || l.position)::bigint), 0)
          from plan_item_lineage l where l.successor_plan_id = $1 or l.predecessor_plan_id = $1),
       (select hashtext(name || description || updated_at::text || start_fiscal_year || end_fiscal_year) from plans where id = $1),
       (select version || ':' || updated_at::text from plan_settings where plan_id = $1),
       -- Indicators, rule, directions and costs (public-outputs.ts): counts and the latest change of each.
       (select count(*) || ':' || coalesce(max(a.updated_at)::text, '') from indicator_actuals a join indicators x on x.id = a.indicator_id join plan_items i on i.id = x.item_id where i.plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(x.name || x.unit || x.kind || x.direction || x.position))::bigint, 0) from indicators x join plan_items i on i.id = x.item_id where i.plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(t.value::text || t.fiscal_year))::bigint, 0) || ':' || (select count(*) from indicator_target_revisions r join indicator_targets t2 on t2.id = r.target_id join indicators x2 on x2.id = t2.indicator_id join plan_items i2 on i2.id = x2.item_id where i2.plan_id = $1)
          from indicator_targets t join indicators x on x.id = t.indicator_id join plan_items i on i.id = x.item_id where i.plan_id = $1),
       (select count(*) || ':' || coalesce(sum(hashtext(b.value::text || b.fiscal_year))::bigint, 0) from indicator_baselines b join indicators x on x.id = b.indicator_id join plan_items i on i.id = x.item_id where i.plan_id = $1),
       (select count(*) || ':' || coalesce(max(d.updated_at)::text, '') from item_directions d join plan_items i on i.id = d.item_id where i.plan_id = $1),
       (select count(*) || ':' || coalesce(max(c.updated_at)::text, '') from item_costs c join plan_items i on i.id = c.item_id where i.plan_id = $1),
       (select coalesce(max(updated_at)::text, '') from rating_rules where plan_id = $1 or scale_id = (select rating_scale_id from plans where id = $1)),
       (select count(*) || ':' || coalesce(sum(hashtext(coalesce(r.proposed_code, '') || coalesce(r.override_reason, '')))::bigint, 0)
          from ratings r join plan_items i on i.id = r.item_id where i.plan_id = $1 and r.proposed_code is not null)
     ) as f`,
    [planId],
  );
  return r.rows[0]?.f ?? '';
}

interface CacheEntry<T> {
  value: Promise<T>;
  fingerprint: Promise<string>;
  checkedAt: number;
  /** The change counter when the fingerprint was last compared. */
  counter: string | undefined;
  /** When the fingerprint was last compared. */
  comparedAt: number;
  /** The counter moved at the last check: compare once more at the next, in case a commit was still landing. */
  recheck: boolean;
  checking: boolean;
}

interface PlansEntry {
  value: Promise<PublicPlanRef[]>;
  /** Last checked. */
  at: number;
  loadedAt: number;
  counter: string | undefined;
  /** Reload once more at the next check, in case a commit was still landing when the counter moved. */
  recheck: boolean;
  checking: boolean;
}

/**
 * Tables the change counter does not watch (added later, written by hand) still show
 * within this time: the fingerprint is compared at least this often.
 */
const FINGERPRINT_SAFETY_MS = 60_000;

/**
 * Serves each plan's public dataset from memory. At most every `checkMs` one request
 * reads the change counter (a one-row query; requests arriving meanwhile keep the
 * current snapshot); only when it moved — or once a minute as a safety net — is the
 * data's fingerprint compared, and the dataset reloaded only when that changed. A newly
 * published round shows to every request made more than `checkMs` later, while an
 * unchanged snapshot — and every response memoised on it — lives on. checkMs = 0 loads
 * on every call (tests).
 */
export class PublicDataCache {
  private readonly entries = new Map<string, CacheEntry<PublicDataset>>();
  private plansEntry: PlansEntry | undefined;
  private counterRead: { value: Promise<string | undefined>; at: number } | undefined;
  /** Announcements so far (`changed`): a check that began before one must not count as done after it. */
  private changes = 0;

  constructor(
    private readonly db: Queryable,
    private readonly checkMs = 1000,
  ) {}

  /** The change counter, read at most once per interval for every caller; undefined when unreadable. */
  private counter(now: number): Promise<string | undefined> {
    if (!this.counterRead || now - this.counterRead.at >= this.checkMs) {
      this.counterRead = { value: readChangeCounter(this.db).catch(() => undefined), at: now };
    }
    return this.counterRead.value;
  }

  /**
   * A change was committed (another process's notification): the next request checks the
   * counter at once instead of up to checkMs later. Nothing is dropped before the check.
   */
  changed(): void {
    this.changes++;
    this.counterRead = undefined;
    if (this.plansEntry) this.plansEntry.at = Number.NEGATIVE_INFINITY;
    for (const entry of this.entries.values()) entry.checkedAt = Number.NEGATIVE_INFINITY;
  }

  /** When a check that began at announcement `seen` may count as done: at once again if another came meanwhile. */
  private stamp(seen: number, at: number): number {
    return this.changes === seen ? at : Number.NEGATIVE_INFINITY;
  }

  async plans(): Promise<PublicPlanRef[]> {
    const now = Date.now();
    const seen = this.changes;
    if (!this.plansEntry || this.checkMs === 0) {
      this.plansEntry = this.loadPlans(now, await this.counter(now));
    } else if (now - this.plansEntry.at >= this.checkMs && !this.plansEntry.checking) {
      // One request per interval waits for the (tiny) queries; the others keep the current list.
      this.plansEntry.checking = true;
      const counter = await this.counter(now);
      const current = this.plansEntry;
      if (counter === undefined || counter !== current.counter || current.recheck || now - current.loadedAt >= FINGERPRINT_SAFETY_MS) {
        const next = this.loadPlans(now, counter);
        next.recheck = counter !== current.counter;
        await next.value.catch(() => undefined);
        next.at = this.stamp(seen, next.at);
        this.plansEntry = next;
      } else {
        current.at = this.stamp(seen, now);
        current.checking = false;
      }
    }
    return this.plansEntry.value;
  }

  private loadPlans(at: number, counter: string | undefined): PlansEntry {
    const entry: PlansEntry = { value: listPublicPlans(this.db), at, loadedAt: at, counter, recheck: true, checking: false };
    entry.value.catch(() => {
      if (this.plansEntry === entry) this.plansEntry = undefined;
    });
    return entry;
  }

  async dataset(slug: string): Promise<PublicDataset> {
    const ref = (await this.plans()).find((p) => p.slug === slug);
    if (!ref) throw notFound(`公開されている計画が見つかりません: ${slug}`);
    const entry = this.entries.get(slug);
    if (!entry || this.checkMs === 0 || (await entry.value).publishedUntilFiscalYear !== ref.publishedUntilFiscalYear) return this.load(ref);
    const now = Date.now();
    const seen = this.changes;
    if (now - entry.checkedAt >= this.checkMs && !entry.checking) {
      // The first request after the interval waits for the counter (and, when it moved, the
      // fingerprint), so any request made later than checkMs after a change sees it.
      const counter = await this.counter(now);
      const moved = counter === undefined || counter !== entry.counter;
      if (moved || entry.recheck || now - entry.comparedAt >= FINGERPRINT_SAFETY_MS) {
        await this.revalidate(ref, entry, counter);
        const current = this.entries.get(slug);
        if (current) current.recheck = moved;
        return current?.value ?? entry.value;
      }
      entry.checkedAt = this.stamp(seen, now);
    }
    return entry.value;
  }

  /** Compares the fingerprint now and reloads when it changed; resolves when done. */
  async revalidate(ref: PublicPlanRef, entry = this.entries.get(ref.slug), counter?: string): Promise<void> {
    if (!entry) return void (await this.load(ref));
    entry.checking = true;
    const seen = this.changes;
    try {
      const [now, before] = await Promise.all([publicFingerprint(this.db, ref.id), entry.fingerprint]);
      entry.comparedAt = Date.now();
      entry.checkedAt = this.stamp(seen, entry.comparedAt);
      entry.counter = counter;
      if (now !== before && this.entries.get(ref.slug) === entry) await this.load(ref, now, counter);
    } catch {
      // A failed check keeps the snapshot; the next request tries again.
    } finally {
      entry.checking = false;
    }
  }

  private async load(ref: PublicPlanRef, knownFingerprint?: string, knownCounter?: string): Promise<PublicDataset> {
    // Counter, then fingerprint, then data: a change racing with the load is seen by the next check.
    const counter = knownCounter ?? (await this.counter(Date.now()));
    const fingerprint = knownFingerprint !== undefined ? Promise.resolve(knownFingerprint) : publicFingerprint(this.db, ref.id);
    const value = fingerprint.then(() => loadPublicDataset(this.db, ref));
    const now = Date.now();
    // recheck: the counter read may have run just before a commit that the fingerprint missed.
    const entry: CacheEntry<PublicDataset> = { value, fingerprint, checkedAt: now, comparedAt: now, counter, recheck: true, checking: false };
    this.entries.set(ref.slug, entry);
    value.catch(() => {
      if (this.entries.get(ref.slug) === entry) this.entries.delete(ref.slug);
    });
    return value;
  }
}
