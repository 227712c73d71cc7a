/**
 * The API's JSON shapes, built from the public dataset. Plain functions: the
 * OpenAPI document in openapi.ts describes exactly these, and the tests check
 * real responses against it.
 */
import { shortWareki } from '../fiscal/fiscal-year.js';
import type { TierSummary, YearSummary } from '../evaluations/summary.js';
import { attributionText, LICENSE } from '../portal/downloads.js';
import { scaleOfLevel, type PublicDataset, type PublicItem, type PublicNarrative, type PublicPlanRef, type PublicRound } from '../portal/public-data.js';
import type { StagnantItem } from '../analysis/stagnation.js';
import { portalUrls } from '../portal/urls.js';

export const API = '/api/v1';

export const apiUrls = {
  plans: () => `${API}/plans`,
  plan: (slug: string) => `${API}/plans/${encodeURIComponent(slug)}`,
  item: (slug: string, code: string) => `${API}/plans/${encodeURIComponent(slug)}/items/${encodeURIComponent(code)}`,
};

export function planResource(ref: PublicPlanRef, data: PublicDataset) {
  const p = data.plan;
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    startFiscalYear: p.startFiscalYear,
    endFiscalYear: p.endFiscalYear,
    effectiveEndFiscalYear: p.effectiveEndFiscalYear,
    publishedUntilFiscalYear: ref.publishedUntilFiscalYear,
    ratedTiers: p.ratedTiers.map((t) => ({ level: t.level, name: t.name, primary: t.primary })),
    links: { self: apiUrls.plan(p.slug), portal: portalUrls.plan(p.slug) },
  };
}

export function planDetailResource(ref: PublicPlanRef, data: PublicDataset) {
  const p = data.plan;
  return {
    ...planResource(ref, data),
    description: p.description,
    predecessorName: p.predecessorName,
    successorName: p.successorName,
    adoptedFiscalYear: p.adoptedFiscalYear,
    tiers: p.tiers.map((name, i) => ({ level: i + 1, name })),
    extensions: p.extensions,
    designations: p.designations,
    ratingScale: data.scale.map((c) => ({
      code: c.code,
      label: c.label,
      criteria: c.criteria,
      position: c.position,
      countsAsAchieved: c.countsAsAchieved,
      isNotEvaluated: c.isNotEvaluated,
      isDefault: c.isDefault ?? false,
    })),
    annotationKinds: data.annotationKinds,
    license: { id: LICENSE.id, url: LICENSE.url, attribution: attributionText(data) },
  };
}

export function itemResource(data: PublicDataset, item: PublicItem) {
  return {
    id: item.id,
    code: item.code,
    level: item.level,
    tierName: item.tierName,
    name: item.name,
    parentCode: item.parentCode,
    ancestorCodes: item.ancestorCodes,
    childCodes: item.childCodes,
    department: item.departmentId === null ? null : { id: item.departmentId, name: item.departmentName ?? '' },
    endedFromFiscalYear: item.endedFromFiscalYear,
    links: { self: apiUrls.item(data.plan.slug, item.code), portal: portalUrls.item(data.plan.slug, item.code) },
  };
}

export function narrativeResource(n: PublicNarrative) {
  return {
    id: n.id,
    fiscalYear: n.fiscalYear,
    fiscalYearLabel: shortWareki(n.fiscalYear),
    authorRole: n.authorRole,
    kind: n.kind,
    itemCode: n.itemCode,
    mentionCodes: n.mentionCodes,
    body: n.body,
  };
}

export function itemDetailResource(data: PublicDataset, item: PublicItem, narratives: PublicNarrative[]) {
  const achieved = new Set(
    scaleOfLevel(data, item.level)
      .filter((c) => c.countsAsAchieved)
      .map((c) => c.code),
  );
  return {
    ...itemResource(data, item),
    ratings: item.ratings.map((r) => ({
      fiscalYear: r.fiscalYear,
      fiscalYearLabel: shortWareki(r.fiscalYear),
      code: r.code,
      achieved: achieved.has(r.code),
      annotations: r.marks,
      reason: r.reason,
    })),
    narratives: narratives.map(narrativeResource),
  };
}

export interface RatingRow {
  key: string;
  item: PublicItem;
  rating: PublicItem['ratings'][number];
}

/** `achieved`: the achieved codes of each rated level's scale. */
export function ratingResource(row: RatingRow, achieved: ReadonlyMap<number, ReadonlySet<string>>) {
  return {
    itemId: row.item.id,
    itemCode: row.item.code,
    itemName: row.item.name,
    level: row.item.level,
    tierName: row.item.tierName,
    department: row.item.departmentId === null ? null : { id: row.item.departmentId, name: row.item.departmentName ?? '' },
    fiscalYear: row.rating.fiscalYear,
    fiscalYearLabel: shortWareki(row.rating.fiscalYear),
    code: row.rating.code,
    achieved: achieved.get(row.item.level)?.has(row.rating.code) ?? false,
    annotations: row.rating.marks,
    reason: row.rating.reason,
  };
}

export function summaryResource(y: YearSummary) {
  return {
    fiscalYear: y.fiscalYear,
    fiscalYearLabel: shortWareki(y.fiscalYear),
    source: y.source,
    counts: y.counts,
    total: y.total,
    achievementRate: y.achievementRate,
  };
}

/** One rated tier's per-year table, with the scale it is counted on. */
export function tierSummaryResource(t: TierSummary) {
  return {
    level: t.level,
    tierName: t.tierName,
    primary: t.primary,
    scale: t.scale.map((c) => ({
      code: c.code,
      label: c.label,
      countsAsAchieved: c.countsAsAchieved,
      isNotEvaluated: c.isNotEvaluated,
      isDefault: c.isDefault ?? false,
    })),
    data: t.years.map(summaryResource),
  };
}

export function roundResource(r: PublicRound) {
  return {
    id: r.id,
    fiscalYear: r.fiscalYear,
    fiscalYearLabel: shortWareki(r.fiscalYear),
    kind: r.kind,
    status: 'published' as const,
    coversUntilFiscalYear: r.coversUntilFiscalYear,
    publishedOn: r.publishedOn,
  };
}

export function stagnantResource(s: StagnantItem) {
  return {
    itemId: s.itemId,
    itemCode: s.itemCode,
    name: s.name,
    fromFiscalYear: s.longest.fromFiscalYear,
    toFiscalYear: s.longest.toFiscalYear,
    years: s.longest.years,
    codes: s.longest.codes,
    ongoing: s.ongoing,
  };
}

export interface TreeResource {
  code: string;
  level: number;
  tierName: string;
  name: string;
  children: TreeResource[];
}

export function treeResource(data: PublicDataset, item: PublicItem): TreeResource {
  return {
    code: item.code,
    level: item.level,
    tierName: item.tierName,
    name: item.name,
    children: item.childCodes.map((c) => treeResource(data, data.itemsByCode.get(c)!)),
  };
}
