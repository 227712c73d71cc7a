/**
 * Published rules of other municipalities, shipped as data in
 * rating-presets.json. Choosing one copies its rule; the codes must exist on the plan's
 * scale (the store checks). A new rule of the same kind is new data, not new code.
 */
import { parseRule, type RatingRule } from './rating-rules.js';
import presets from './rating-presets.json' with { type: 'json' };

export interface RulePreset {
  slug: string;
  name: string;
  rule: RatingRule;
}

/** Each preset's rule parsed (and so checked) once, when the module loads. */
export const RULE_PRESETS: readonly RulePreset[] = presets.map((p) => ({
  slug: p.slug,
  name: p.name,
  rule: parseRule({ kind: p.kind, parameters: p.parameters }),
}));

export function findPreset(slug: string): RulePreset | undefined {
  return RULE_PRESETS.find((p) => p.slug === slug);
}
