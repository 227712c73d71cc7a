/**
 * Which tiers of a plan are rated. A plan says it in its data: tiers bound to a
 * scale (plan_tiers.rating_scale_id) are rated. A plan that binds none (an older
 * store, a plan made by hand) is rated where its ratings are: the deepest tier that
 * has any, else its deepest tier. The deepest rated tier is the primary one: the
 * plan's summary, stagnation and achievement rate count its items only.
 * Pure: the queries pass plain rows in.
 */

export interface TierRow {
  /** 1 = the top tier. */
  level: number;
  name: string;
  /** The scale the tier is bound to, or null. */
  scaleId: number | null;
}

export interface RatedTier extends TierRow {
  /** The deepest rated tier: the one the plan's summary counts. */
  primary: boolean;
}

export function decideRatedTiers(tiers: readonly TierRow[], levelsWithRatings: Iterable<number> = []): RatedTier[] {
  const byLevel = [...tiers].sort((a, b) => a.level - b.level);
  let rated = byLevel.filter((t) => t.scaleId !== null);
  if (rated.length === 0) {
    const levels = [...levelsWithRatings];
    const deepestRated = levels.length ? Math.max(...levels) : undefined;
    // A rating below every named tier still needs a tier to be counted in (a nameless one).
    const tier =
      deepestRated !== undefined
        ? (byLevel.find((t) => t.level === deepestRated) ?? { level: deepestRated, name: '', scaleId: null })
        : byLevel[byLevel.length - 1];
    rated = tier ? [tier] : [];
  }
  const primaryLevel = rated.length ? rated[rated.length - 1]!.level : undefined;
  return rated.map((t) => ({ level: t.level, name: t.name, scaleId: t.scaleId, primary: t.level === primaryLevel }));
}

/** The primary rated tier, or undefined for a plan with neither tiers nor ratings. */
export function primaryTier(rated: readonly RatedTier[]): RatedTier | undefined {
  return rated.find((t) => t.primary);
}
