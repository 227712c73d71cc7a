/**
 * A rating scale's codes written as most plans publish them: in order, best first. The
 * first code is the one that counts as achieved, and "—" marks an item not evaluated.
 * The demos' scales are written this way; an imported scale says each flag itself.
 */
import type { ScaleCode } from './summary.js';

export const NOT_EVALUATED_MARK = '—';

/** Codes from [code, label, criteria] rows; positions follow the order. */
export function scaleCodes(rows: readonly (readonly [code: string, label: string, criteria?: string])[]): ScaleCode[] {
  return rows.map(([code, label, criteria = ''], index) => ({
    code,
    label,
    criteria,
    position: index + 1,
    countsAsAchieved: index === 0,
    isNotEvaluated: code === NOT_EVALUATED_MARK,
  }));
}
