/**
 * An item's ratings continued across plans: the items of the plan before that it
 * continues (carried over, merged, split) and those of the plan after that continue it,
 * each a segment with its own plan and ratings, in time order; a reader sees where one
 * plan ends and the next begins. Only public plans take part.
 */
import type { PublicDataset, PublicItem, PublicLineageLink, PublicRating } from './public-data.js';

export interface TimelineSegment {
  relation: 'predecessor' | 'self' | 'successor';
  /** How this segment's item relates to the item of the page (null for the item itself). */
  kind: PublicLineageLink['kind'] | null;
  planSlug: string;
  planName: string;
  itemCode: string;
  itemName: string;
  ratings: PublicRating[];
}

/** Links of this item to an item of another plan (rows that name one side only are not links). */
export function itemLinks(data: PublicDataset, item: PublicItem): PublicLineageLink[] {
  return data.lineage.filter((l) => l.itemCode === item.code && l.otherCode !== null);
}

/** The other public plans the item's timeline needs. */
export function linkedPlanSlugs(data: PublicDataset, item: PublicItem): string[] {
  return [...new Set(itemLinks(data, item).map((l) => l.otherPlanSlug))];
}

/** The segments, or an empty list when the item continues no public plan's item. */
export function crossPlanTimeline(data: PublicDataset, item: PublicItem, other: (slug: string) => PublicDataset | undefined): TimelineSegment[] {
  const segmentOf = (l: PublicLineageLink): TimelineSegment | undefined => {
    const d = other(l.otherPlanSlug);
    const it = d?.itemsByCode.get(l.otherCode!);
    if (!d || !it) return undefined;
    return { relation: l.direction, kind: l.kind, planSlug: d.plan.slug, planName: d.plan.name, itemCode: it.code, itemName: it.name, ratings: it.ratings };
  };
  const links = itemLinks(data, item);
  const before = links.filter((l) => l.direction === 'predecessor').flatMap((l) => segmentOf(l) ?? []);
  const after = links.filter((l) => l.direction === 'successor').flatMap((l) => segmentOf(l) ?? []);
  if (before.length === 0 && after.length === 0) return [];
  const self: TimelineSegment = {
    relation: 'self',
    kind: null,
    planSlug: data.plan.slug,
    planName: data.plan.name,
    itemCode: item.code,
    itemName: item.name,
    ratings: item.ratings,
  };
  return [...before, self, ...after];
}
