/**
 * Which tier of a plan is the rated one, the rows of the report's detail tables: the
 * deepest tier bound to a rating scale; when no tier is bound (plans stored before
 * tiers had scales), the deepest tier that has a stored rating; else the deepest tier.
 */
import type { TreeNode } from '../plans/plan-queries.js';

/** Levels count from 1 at the top; `boundLevels` are the tiers that have a scale of their own. */
export function ratedLevelOf(depth: number, boundLevels: readonly number[], roots: readonly TreeNode[]): number {
  const bound = boundLevels.filter((l) => l >= 1 && l <= depth);
  if (bound.length > 0) return Math.max(...bound);
  let deepest = 0;
  const walk = (n: TreeNode) => {
    if (n.ratings.size > 0 && n.level > deepest) deepest = n.level;
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  return deepest > 0 ? deepest : depth;
}
