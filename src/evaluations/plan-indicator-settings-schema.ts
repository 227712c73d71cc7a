/**
 * The indicator forms of the plan settings screen: the rating rule (a preset, its
 * thresholds editable as JSON data, so a city's new thresholds need no code), the
 * 今後の方向性 list (one per line) and whether departments enter costs. Every form carries
 * the stamp of what it was loaded from. Messages are Japanese.
 */
import { z } from 'zod';
import { formText } from '../web/forms.js';
import { findPreset, RULE_PRESETS } from '../indicators/rating-presets.js';
import { ruleSchema, type RatingRule } from '../indicators/rating-rules.js';

const stamp = () => formText(200);

export const ruleForm = z
  .object({
    preset: formText(100).refine((v) => RULE_PRESETS.some((p) => p.slug === v), { error: '規則のひな形を一覧から選んでください。' }),
    name: formText(2000)
      .transform((v) => v.trim())
      .refine((v) => v.length <= 100, { error: '規則の名前は100文字以内で入力してください。' }),
    parameters: formText(20_000).transform((v) => v.trim()),
    stamp: stamp(),
  })
  .transform((v, ctx): { rule: RatingRule; name: string; stamp: string } => {
    const preset = findPreset(v.preset)!;
    let parameters: unknown = preset.rule.parameters;
    if (v.parameters !== '') {
      try {
        parameters = JSON.parse(v.parameters);
      } catch {
        ctx.addIssue({ code: 'custom', path: ['parameters'], message: 'しきい値などの書き方が正しくありません（JSON の形で書いてください）。' });
        return z.NEVER;
      }
    }
    const parsed = ruleSchema.safeParse({ kind: preset.rule.kind, parameters });
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', path: ['parameters'], message: parsed.error.issues.map((i) => i.message).join(' ') });
      return z.NEVER;
    }
    return { rule: parsed.data, name: v.name || preset.name, stamp: v.stamp };
  });

export const directionsForm = z.object({
  codes: formText(10_000).transform((text, ctx) => {
    const lines = text
      .split(/\r\n?|\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) ctx.addIssue({ code: 'custom', message: '今後の方向性の区分を1つ以上入力してください。' });
    const long = lines.find((l) => l.length > 40);
    if (long) ctx.addIssue({ code: 'custom', message: `区分は40文字以内で入力してください（「${long.slice(0, 20)}…」）。` });
    const dup = lines.find((l, i) => lines.indexOf(l) !== i);
    if (dup) ctx.addIssue({ code: 'custom', message: `区分「${dup}」が重複しています。` });
    return lines.map((l) => ({ code: l, label: l }));
  }),
  stamp: stamp(),
});

export const costsForm = z.object({
  costsEnabled: formText(10).transform((v) => v === '1'),
  stamp: stamp(),
});
