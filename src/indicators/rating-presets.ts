/**
 * Published rules of other municipalities, shipped as data. Choosing one copies its
 * rule; the codes must exist on the plan's scale (the store checks). A new rule of the
 * same kind is new data, not new code.
 */
import { parseRule, type RatingRule } from './rating-rules.js';

export interface RulePreset {
  slug: string;
  name: string;
  rule: RatingRule;
}

const preset = (slug: string, name: string, kind: RatingRule['kind'], parameters: unknown): RulePreset => ({
  slug,
  name,
  rule: parseRule({ kind, parameters }),
});

export const RULE_PRESETS: readonly RulePreset[] = [
  preset('ratio-a-d', '達成率 A（100%以上）/B（80%以上）/C（50%以上）/D', 'ratio_thresholds', {
    thresholds: [
      { atLeast: '100', code: 'A' },
      { atLeast: '80', code: 'B' },
      { atLeast: '50', code: 'C' },
    ],
    otherwise: 'D',
  }),
  preset('ratio-a-c-110-95', '達成率 A（110%超）/B（95〜110%）/C（95%未満）', 'ratio_thresholds', {
    thresholds: [
      { atLeast: '110', strict: true, code: 'A' },
      { atLeast: '95', code: 'B' },
    ],
    otherwise: 'C',
  }),
  preset('band-s-c', '目標値±10% S/A/B/C/−', 'band_around_target', {
    upperPercent: '10',
    lowerPercent: '10',
    codes: { beyond: 'S', within: 'A', improved: 'B', notImproved: 'C' },
    notEvaluable: '−',
  }),
  preset('ratio-on-track', '達成率 順調（80%以上）/やや遅れ（60%以上）/遅れ', 'ratio_thresholds', {
    thresholds: [
      { atLeast: '80', code: '順調' },
      { atLeast: '60', code: 'やや遅れ' },
    ],
    otherwise: '遅れ',
  }),
  preset('marks-target', '◎ 目標値以上 / ○ 同等 / △ 未達成 / × 進捗なし', 'band_around_target', {
    upperPercent: '0',
    beyondInclusive: true,
    lowerPercent: '5',
    codes: { beyond: '◎', within: '○', improved: '△', notImproved: '×' },
  }),
  preset('pace', '進捗の度合い（基準値からの進捗率÷経過割合）順調（100%以上）/概ね順調（80%以上）/やや遅れ（50%以上）/遅れ', 'progress_vs_elapsed', {
    thresholds: [
      { atLeast: '100', code: '順調' },
      { atLeast: '80', code: '概ね順調' },
      { atLeast: '50', code: 'やや遅れ' },
    ],
    otherwise: '遅れ',
  }),
  preset('manual', '手入力（規則による提案なし）', 'manual', {}),
];

export function findPreset(slug: string): RulePreset | undefined {
  return RULE_PRESETS.find((p) => p.slug === slug);
}
