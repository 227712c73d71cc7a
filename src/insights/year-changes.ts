/**
 * What changed between two fiscal years: per item (up, down, same, new, ended,
 * newly annotated), per rated tier and for the plan (counts and achievement rate in
 * points), items that recovered or fell back, and items stagnating in that year.
 * Pure functions over plain data, for a plan of any depth and any scale: the scale
 * decides what is better (achieved before not achieved, then the scale's order).
 */
import { findStagnantItems, type ScaleCodeInfo, type StagnantItem } from '../analysis/stagnation.js';

export interface InsightRating {
  code: string;
  /** Annotation marks, e.g. ["※"]. */
  marks: readonly string[];
}

export interface InsightItem {
  id: number;
  code: string;
  name: string;
  level: number;
  ratings: ReadonlyMap<number, InsightRating>;
}

export interface InsightYear {
  fiscalYear: number;
  /** computed from item ratings, or only the figures a report published. */
  source: 'computed' | 'reported';
  counts: Readonly<Record<string, number>>;
  total: number;
  /** Rounded to 4 decimals, as the summaries give it; null when total is 0. */
  achievementRate: number | null;
}

export interface InsightTier {
  level: number;
  tierName: string;
  primary: boolean;
  scale: readonly ScaleCodeInfo[];
  years: readonly InsightYear[];
}

export interface InsightInput {
  tiers: readonly InsightTier[];
  /** Items of the rated tiers (others are ignored), in document order. */
  items: readonly InsightItem[];
}

export type ItemChangeKind = 'up' | 'down' | 'same' | 'new' | 'ended' | 'unrated';
export const ITEM_CHANGE_KINDS: readonly ItemChangeKind[] = ['up', 'down', 'same', 'new', 'ended', 'unrated'];

export interface ItemChange {
  itemId: number;
  code: string;
  name: string;
  level: number;
  from: InsightRating | null;
  to: InsightRating | null;
  kind: ItemChangeKind;
  /** Marks the item carries this year and did not the year before. */
  addedMarks: string[];
  /** Not achieved the year before, achieved now. */
  recovered: boolean;
  /** Achieved the year before, rated and not achieved now. */
  fellBack: boolean;
}

export interface CountChange {
  code: string;
  previous: number | null;
  current: number;
  delta: number | null;
}

export interface TierChange {
  level: number;
  tierName: string;
  primary: boolean;
  fiscalYear: number;
  /** The tier's summary year before (a reported-only year counts); null for the first. */
  previousFiscalYear: number | null;
  /** The year item ratings are compared with (the latest earlier year with item ratings). */
  itemsComparedWith: number | null;
  counts: CountChange[];
  total: { previous: number | null; current: number };
  rate: { previous: number | null; current: number | null; deltaPoints: number | null };
  kinds: Record<ItemChangeKind, number>;
  newlyAnnotated: number;
  recovered: number;
  fellBack: number;
  items: ItemChange[];
  /** Items whose run of not-achieved years reaches this year and is at least the setting long. */
  stagnant: StagnantItem[];
}

export interface YearChanges {
  fiscalYear: number;
  stagnantYears: number;
  tiers: TierChange[];
  /** The primary tier's change: the plan's own figures. */
  plan: TierChange | undefined;
}

export interface ChangeOptions {
  /** Consecutive not-achieved years that make an item stagnant (the portal's rule is 3). */
  stagnantYears: number;
}

/** Difference of two rates rounded to 4 decimals, in percentage points with 2 decimals (exact on the rounded rates). */
export function ratePoints(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return (Math.round(current * 10000) - Math.round(previous * 10000)) / 100;
}

/** Rank of a code on its scale, lower is better; undefined for not-evaluated or unknown codes. */
function rankOf(scale: readonly ScaleCodeInfo[]): (code: string | undefined) => number | undefined {
  const ranks = new Map(scale.filter((c) => !c.isNotEvaluated).map((c) => [c.code, (c.countsAsAchieved ? 0 : 1_000_000) + c.position]));
  return (code) => (code === undefined ? undefined : ranks.get(code));
}

export function classifyItem(item: InsightItem, fiscalYear: number, previousYear: number | null, scale: readonly ScaleCodeInfo[]): ItemChange {
  return classifier(scale)(item, fiscalYear, previousYear);
}

/** The classification on one scale, its lookups built once for every item. */
function classifier(scale: readonly ScaleCodeInfo[]): (item: InsightItem, fiscalYear: number, previousYear: number | null) => ItemChange {
  const rank = rankOf(scale);
  const achieved = new Set(scale.filter((c) => c.countsAsAchieved).map((c) => c.code));
  return (item, fiscalYear, previousYear) => classifyWith(rank, achieved, item, fiscalYear, previousYear);
}

function classifyWith(
  rank: (code: string | undefined) => number | undefined,
  achieved: ReadonlySet<string>,
  item: InsightItem,
  fiscalYear: number,
  previousYear: number | null,
): ItemChange {
  const to = item.ratings.get(fiscalYear) ?? null;
  const from = previousYear === null ? null : (item.ratings.get(previousYear) ?? null);
  const now = rank(to?.code);
  const before = rank(from?.code);
  let kind: ItemChangeKind;
  if (before === undefined) kind = now === undefined ? 'unrated' : 'new';
  else if (now === undefined) kind = 'ended';
  else kind = now < before ? 'up' : now > before ? 'down' : 'same';
  const addedMarks = to ? to.marks.filter((m) => !(from?.marks ?? []).includes(m)) : [];
  const wasAchieved = from !== null && achieved.has(from.code);
  const isAchieved = to !== null && achieved.has(to.code);
  return {
    itemId: item.id,
    code: item.code,
    name: item.name,
    level: item.level,
    from,
    to,
    kind,
    addedMarks,
    recovered: before !== undefined && !wasAchieved && isAchieved,
    fellBack: wasAchieved && now !== undefined && !isAchieved,
  };
}

/** Ratings up to the given year only: what was known then (the item itself when it has nothing later). */
function until(item: InsightItem, fiscalYear: number): InsightItem {
  let later = false;
  for (const fy of item.ratings.keys()) if (fy > fiscalYear) later = true;
  if (!later) return item;
  const ratings = new Map([...item.ratings].filter(([fy]) => fy <= fiscalYear));
  return { ...item, ratings };
}

function emptyKinds(): Record<ItemChangeKind, number> {
  return { up: 0, down: 0, same: 0, new: 0, ended: 0, unrated: 0 };
}

export function tierChange(tier: InsightTier, items: readonly InsightItem[], fiscalYear: number, options: ChangeOptions): TierChange {
  const current = tier.years.find((y) => y.fiscalYear === fiscalYear);
  const previous = [...tier.years].filter((y) => y.fiscalYear < fiscalYear).pop();
  const itemYears = new Set<number>();
  for (const item of items) for (const fy of item.ratings.keys()) if (fy < fiscalYear) itemYears.add(fy);
  const itemsComparedWith = itemYears.size ? Math.max(...itemYears) : null;
  const classify = classifier(tier.scale);
  const changes = items.map((i) => classify(i, fiscalYear, itemsComparedWith));
  const kinds = emptyKinds();
  for (const c of changes) kinds[c.kind]++;
  const codes = [...tier.scale].sort((a, b) => a.position - b.position).map((c) => c.code);
  const curRate = current?.achievementRate ?? null;
  const prevRate = previous?.achievementRate ?? null;
  const stagnant = findStagnantItems(
    items.map((i) => ({ id: i.id, code: i.code, name: i.name, ratings: until(i, fiscalYear).ratings })),
    tier.scale,
    options.stagnantYears,
  ).filter((s) => s.runs[s.runs.length - 1]!.toFiscalYear === fiscalYear);
  return {
    level: tier.level,
    tierName: tier.tierName,
    primary: tier.primary,
    fiscalYear,
    previousFiscalYear: previous?.fiscalYear ?? null,
    itemsComparedWith,
    counts: codes.map((code) => {
      const now = current?.counts[code] ?? 0;
      const before = previous ? (previous.counts[code] ?? 0) : null;
      return { code, previous: before, current: now, delta: before === null ? null : now - before };
    }),
    total: { previous: previous?.total ?? null, current: current?.total ?? 0 },
    rate: { previous: prevRate, current: curRate, deltaPoints: ratePoints(curRate, prevRate) },
    kinds,
    newlyAnnotated: changes.filter((c) => c.addedMarks.length > 0).length,
    recovered: changes.filter((c) => c.recovered).length,
    fellBack: changes.filter((c) => c.fellBack).length,
    items: changes,
    stagnant,
  };
}

/** The changes of one fiscal year against the year before, for every rated tier. */
export function yearChanges(input: InsightInput, fiscalYear: number, options: ChangeOptions): YearChanges {
  if (!Number.isInteger(options.stagnantYears) || options.stagnantYears < 1)
    throw new RangeError(`stagnantYears must be a positive integer: ${options.stagnantYears}`);
  const tiers = input.tiers.map((tier) =>
    tierChange(
      tier,
      input.items.filter((i) => i.level === tier.level),
      fiscalYear,
      options,
    ),
  );
  return { fiscalYear, stagnantYears: options.stagnantYears, tiers, plan: tiers.find((t) => t.primary) };
}

/** Fiscal years that can be compared: those of the primary tier's summary after its first. */
export function comparableYears(input: InsightInput): number[] {
  const primary = input.tiers.find((t) => t.primary) ?? input.tiers[input.tiers.length - 1];
  return (primary?.years ?? []).slice(1).map((y) => y.fiscalYear);
}
