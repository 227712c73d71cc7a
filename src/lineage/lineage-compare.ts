/**
 * The two plans' figures compared on the carried-over items only: per fiscal year, on
 * each side, how many of those items were rated, how many achieved, and the rate. Items
 * merged, split, ended or new are left out, so the two sides count the same work. Pure.
 */
import type { LineageRow } from './lineage-queries.js';

export interface ScaleFlags {
  code: string;
  countsAsAchieved: boolean;
  isNotEvaluated: boolean;
}

export interface CarriedYear {
  side: 'predecessor' | 'successor';
  fiscalYear: number;
  rated: number;
  achieved: number;
  /** achieved / rated, 4 decimals; null when nothing was rated. */
  achievementRate: number | null;
}

export function compareCarriedOver(
  rows: readonly LineageRow[],
  ratings: readonly { itemId: number; fiscalYear: number; code: string }[],
  scales: { predecessor: readonly ScaleFlags[]; successor: readonly ScaleFlags[] },
): { items: number; years: CarriedYear[] } {
  const carried = rows.filter((r) => r.kind === 'carried_over');
  const sides = new Map<number, 'predecessor' | 'successor'>();
  for (const r of carried) {
    sides.set(r.predecessor!.id, 'predecessor');
    sides.set(r.successor!.id, 'successor');
  }
  const tally = new Map<string, CarriedYear>();
  for (const f of ratings) {
    const side = sides.get(f.itemId);
    if (!side) continue;
    const code = scales[side].find((c) => c.code === f.code);
    if (!code || code.isNotEvaluated) continue;
    const key = `${side} ${f.fiscalYear}`;
    const y = tally.get(key) ?? { side, fiscalYear: f.fiscalYear, rated: 0, achieved: 0, achievementRate: null };
    y.rated++;
    if (code.countsAsAchieved) y.achieved++;
    tally.set(key, y);
  }
  const years = [...tally.values()].map((y) => ({ ...y, achievementRate: y.rated === 0 ? null : Math.round((y.achieved / y.rated) * 10000) / 10000 }));
  years.sort((a, b) => a.fiscalYear - b.fiscalYear || (a.side === 'predecessor' ? -1 : 1));
  return { items: carried.length, years };
}
