/**
 * The plan settings form (/plans/:slug/settings), parsed against the plan's own tiers:
 * levels must exist, opinions and the board sit above the rated tier, a tier belongs to
 * one opinion author, and words are short single lines. An empty field or "既定" stores
 * null, which means the default (plan-settings-queries.ts). Messages are Japanese.
 */
import { z } from 'zod';
import { formList, formText } from '../web/forms.js';
import type { PlanSettingsFields } from './plan-settings-queries.js';

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const WORD_MAX = 60;

/** A short name ("デジタル推進課", "年次評価"): trimmed, one line, empty = the default. */
const word = () =>
  formText(2000)
    .transform((v) => v.trim())
    .refine((v) => v.length <= WORD_MAX, { error: `${WORD_MAX}文字以内で入力してください。` })
    .refine((v) => !/[\r\n\t]/.test(v), { error: '改行やタブは使えません。' })
    .transform((v) => v || null);

/** Beside StoredPlanSettings on purpose: the form always sends lists (stored null means the default) and carries no version. */
export interface PlanSettingsInput extends PlanSettingsFields {
  divisionLevels: number[];
  expertLevels: number[];
}

/**
 * The form for a plan whose tiers are `levels`; `defaultRated` is the rated tier when the
 * field says "既定"; `who` names the opinion authors in messages as the plan calls them.
 */
export function planSettingsForm(levels: readonly number[], defaultRated: number, who: { division: string; expert: string }) {
  const known = new Set(levels);
  const level = (message: string) =>
    z.preprocess(first, z.string().optional()).transform((v, ctx) => {
      if (v === undefined || v === '') return null;
      const n = Number(v);
      if (!Number.isInteger(n) || !known.has(n)) {
        ctx.addIssue({ code: 'custom', message });
        return null;
      }
      return n;
    });
  const levelList = (message: string) =>
    formList().transform((vs, ctx) => {
      const ns = [...new Set(vs.map(Number))].sort((a, b) => a - b);
      if (ns.some((n) => !known.has(n))) ctx.addIssue({ code: 'custom', message });
      return ns.filter((n) => known.has(n));
    });
  return z
    .object({
      ratedLevel: level('評価する階層を一覧から選んでください。'),
      boardLevel: level('進捗ボードで集計する階層を一覧から選んでください。'),
      divisionLevels: levelList(`${who.division}が意見を書く階層を一覧から選んでください。`),
      expertLevels: levelList(`${who.expert}が意見を書く階層を一覧から選んでください。`),
      planOpinionRole: z.preprocess(
        (v) => (first(v) === '' || first(v) === undefined ? null : first(v)),
        z.enum(['expert', 'division', 'none'], { error: '計画全体への意見を書く人を一覧から選んでください。' }).nullable(),
      ),
      divisionName: word(),
      departmentTitle: word(),
      divisionTitle: word(),
      expertTitle: word(),
      yearlyLabel: word(),
      midtermLabel: word(),
      finalLabel: word(),
      version: formText(20).transform(Number),
    })
    .superRefine((v, ctx) => {
      const rated = v.ratedLevel ?? defaultRated;
      const below = (list: readonly number[]) => list.some((l) => l >= rated);
      if (below(v.divisionLevels))
        ctx.addIssue({ code: 'custom', path: ['divisionLevels'], message: '意見を書く階層は、評価する階層より上の階層を選んでください。' });
      if (below(v.expertLevels))
        ctx.addIssue({ code: 'custom', path: ['expertLevels'], message: '意見を書く階層は、評価する階層より上の階層を選んでください。' });
      if (v.divisionLevels.some((l) => v.expertLevels.includes(l))) {
        ctx.addIssue({
          code: 'custom',
          path: ['expertLevels'],
          message: `同じ階層に${who.division}と${who.expert}の両方の意見は設定できません。どちらか一方を選んでください。`,
        });
      }
      if (v.boardLevel !== null && v.boardLevel >= rated)
        ctx.addIssue({ code: 'custom', path: ['boardLevel'], message: '進捗ボードで集計する階層は、評価する階層より上の階層を選んでください。' });
    });
}

export const planSettingsParams = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/) });
export const planSettingsQuery = z.object({ saved: formText().optional() });
