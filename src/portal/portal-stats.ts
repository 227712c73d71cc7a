/** Stagnation and trends over the published sub-items, as the portal and the API report them. */
import { findStagnantItems, trendCounts, type RatedItem } from '../analysis/stagnation.js';
import { leafItems, type PublicDataset } from './public-data.js';

function ratedLeaves(data: PublicDataset): RatedItem[] {
  return leafItems(data).map((i) => ({ id: i.id, code: i.code, name: i.name, ratings: new Map(i.ratings.map((r) => [r.fiscalYear, r])) }));
}

export function stagnationOf(data: PublicDataset, minYears = 3) {
  return findStagnantItems(ratedLeaves(data), data.scale, minYears);
}

export function trendsOf(data: PublicDataset) {
  return trendCounts(ratedLeaves(data), data.scale);
}
