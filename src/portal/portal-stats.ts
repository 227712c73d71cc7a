/** Stagnation and trends over the published items of the primary rated tier, as the portal and the API report them. */
import { DEFAULT_STAGNANT_YEARS, findStagnantItems, stagnantCodes, trendCounts, type RatedItem } from '../analysis/stagnation.js';
import { primaryTierName, ratedItems, type PublicDataset } from './public-data.js';

/** How many consecutive not-achieved years make an item stagnant on the portal. */

function rated(data: PublicDataset): RatedItem[] {
  return ratedItems(data).map((i) => ({ id: i.id, code: i.code, name: i.name, ratings: new Map(i.ratings.map((r) => [r.fiscalYear, r])) }));
}

export function stagnationOf(data: PublicDataset, minYears = DEFAULT_STAGNANT_YEARS) {
  return findStagnantItems(rated(data), data.scale, minYears);
}

export function trendsOf(data: PublicDataset) {
  return trendCounts(rated(data), data.scale);
}

/** The scale's not-achieved codes as the pages write them ("B・C", "△・×"). */
export function stagnantCodesText(data: PublicDataset, separator = '・'): string {
  const codes = stagnantCodes(data.scale);
  return data.scale
    .filter((c) => codes.has(c.code))
    .map((c) => c.code)
    .join(separator);
}

/** The plan's own words the portal's messages take: {tier}, {tiers}, {codes}, {years}. */
export function planWords(data: PublicDataset): { tier: string; tiers: string; codes: string; years: number } {
  return { tier: primaryTierName(data), tiers: data.plan.tiers.join('・'), codes: stagnantCodesText(data), years: DEFAULT_STAGNANT_YEARS };
}

/** Achieved count of a year and the codes that count as achieved ("A", "◎・○"). */
export function achievedOf(data: PublicDataset, counts: Readonly<Record<string, number>>): { codes: string; achieved: number } {
  const achieved = data.scale.filter((c) => c.countsAsAchieved);
  return { codes: achieved.map((c) => c.code).join('・'), achieved: achieved.reduce((sum, c) => sum + (counts[c.code] ?? 0), 0) };
}
