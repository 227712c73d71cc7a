/**
 * /plans/{plan}/changes: one fiscal year of the published data against the year before
 * (year-changes.ts), as the API answers it. Items are listed when their rating changed
 * (or gained a mark); the counts cover every item. Also an item's timeline across
 * plans (/items/{code}/timeline), one segment per plan's item, the boundaries marked.
 */
import { shortWareki } from '../fiscal/fiscal-year.js';
import type { ItemChange, TierChange, YearChanges } from '../insights/year-changes.js';
import type { TimelineSegment } from '../portal/lineage-timeline.js';
import type { PublicDataset, PublicItem } from '../portal/public-data.js';
import { portalUrls } from '../portal/urls.js';
import { apiUrls } from './resources.js';

function itemChangeResource(slug: string, c: ItemChange) {
  return {
    itemCode: c.code,
    name: c.name,
    from: c.from ? { code: c.from.code, marks: [...c.from.marks] } : null,
    to: c.to ? { code: c.to.code, marks: [...c.to.marks] } : null,
    change: c.kind,
    addedMarks: c.addedMarks,
    recovered: c.recovered,
    fellBack: c.fellBack,
    links: { self: apiUrls.item(slug, c.code), portal: portalUrls.item(slug, c.code) },
  };
}

function tierChangeResource(slug: string, t: TierChange) {
  return {
    level: t.level,
    tierName: t.tierName,
    primary: t.primary,
    previousFiscalYear: t.previousFiscalYear,
    itemsComparedWith: t.itemsComparedWith,
    counts: t.counts,
    total: t.total,
    achievementRate: t.rate,
    kinds: t.kinds,
    newlyAnnotated: t.newlyAnnotated,
    recovered: t.recovered,
    fellBack: t.fellBack,
    changedItems: t.items.filter((c) => (c.kind !== 'same' && c.kind !== 'unrated') || c.addedMarks.length > 0).map((c) => itemChangeResource(slug, c)),
    stagnant: t.stagnant.map((s) => {
      const run = s.runs[s.runs.length - 1]!;
      return { itemCode: s.itemCode, name: s.name, fromFiscalYear: run.fromFiscalYear, years: run.years, codes: run.codes };
    }),
  };
}

export function changesResource(slug: string, changes: YearChanges, years: readonly number[]) {
  return {
    fiscalYear: changes.fiscalYear,
    fiscalYearLabel: shortWareki(changes.fiscalYear),
    stagnantYears: changes.stagnantYears,
    comparableYears: [...years],
    tiers: changes.tiers.map((t) => tierChangeResource(slug, t)),
    links: { portal: portalUrls.changes(slug, changes.fiscalYear) },
  };
}

/** The item's ratings continued across plans; a segment opening another plan than the one before it is a boundary. */
export function timelineResource(data: PublicDataset, item: PublicItem, segments: readonly TimelineSegment[]) {
  const all: TimelineSegment[] = segments.length
    ? [...segments]
    : [{ relation: 'self', kind: null, planSlug: data.plan.slug, planName: data.plan.name, itemCode: item.code, itemName: item.name, ratings: item.ratings }];
  return {
    planSlug: data.plan.slug,
    itemCode: item.code,
    data: all.map((s, i) => ({
      relation: s.relation,
      lineageKind: s.kind,
      boundaryBefore: i > 0 && all[i - 1]!.planSlug !== s.planSlug,
      planSlug: s.planSlug,
      planName: s.planName,
      itemCode: s.itemCode,
      itemName: s.itemName,
      ratings: s.ratings.map((r) => ({ fiscalYear: r.fiscalYear, fiscalYearLabel: shortWareki(r.fiscalYear), code: r.code, marks: r.marks })),
      links: { self: apiUrls.item(s.planSlug, s.itemCode), portal: portalUrls.item(s.planSlug, s.itemCode) },
    })),
  };
}
