/**
 * The made-up figures of the indicator demo (indicator-demo.ts builds the plan from them):
 * seven 事業 under two 基本目標, one indicator each, chosen so that every case the rule
 * engine knows shows up once — higher and lower is better, cumulative, yearly targets, a
 * revised target, a zero baseline, a missing and an unmeasurable actual — with the two
 * published ratings that differ from the rule's proposal and their reasons.
 */
import { z } from 'zod';
import projects from './indicator-demo-projects.json' with { type: 'json' };
import { NOT_EVALUATED_MARK, scaleCodes } from '../evaluations/scale-codes.js';

export const START = 2021;
export const END = 2024;
export const EXTENDED_TO = 2026;
export const PUBLISHED_YEARS = [2021, 2022] as const;
export const DEPARTMENTS = ['デモ 市民サービス課', 'デモ 防災まちづくり課'] as const;

const targetSchema = z
  .object({
    kind: z.enum(['yearly', 'final']),
    fiscalYear: z.number().int(),
    value: z.string(),
    revision: z.object({ newValue: z.string(), reason: z.string(), decidedFiscalYear: z.number().int() }).optional(),
  })
  .refine((t) => t.kind !== 'final' || t.fiscalYear === END, { message: `a final target is for ${END}, the plan's last year` });

const projectSchema = z.object({
  code: z.string(),
  name: z.string(),
  department: z.enum(DEPARTMENTS),
  indicator: z.object({
    name: z.string(),
    unit: z.string(),
    kind: z.enum(['activity', 'outcome', 'other']),
    direction: z.enum(['higher', 'lower']),
    cumulative: z.boolean().optional(),
    baseline: z.object({ fiscalYear: z.number().int(), value: z.string() }),
    targets: z.array(targetSchema),
    /** By year; null value with a note: not measurable; a year left out: no actual. */
    actuals: z.array(z.object({ fiscalYear: z.number().int(), value: z.string().nullable(), note: z.string().optional() })),
  }),
  /** A published rating that differs from the rule's proposal, with its reason. */
  override: z.object({ fiscalYear: z.number().int(), code: z.string(), reason: z.string() }).optional(),
  directions: z.tuple([z.string(), z.string()]),
  /** 事業費 and 人件費 (千円) for the published years; the funding is split from them. */
  costs: z.tuple([z.string(), z.string()]),
});

export type DemoProject = z.infer<typeof projectSchema>;

/**
 * The projects, as data in indicator-demo-projects.json, checked once when the module loads.
 * 1.1.1's final target is re-set after the extension: the one indicator the extension warning
 * leaves out. 2.1.1 has no actual for 2022: the rule proposes nothing and the rating was chosen by hand.
 */
export const PROJECTS: readonly DemoProject[] = z.array(projectSchema).parse(projects);

export const SCALE = {
  key: 'demo-indicators',
  name: '達成率による評価（デモ）',
  tierIndex: 2,
  codes: scaleCodes([
    ['A', '目標を達成した', '達成率100%以上'],
    ['B', '概ね達成した', '達成率80%以上'],
    ['C', '一部達成した', '達成率50%以上'],
    ['D', '達成できなかった', '達成率50%未満'],
    [NOT_EVALUATED_MARK, '評価対象外'],
  ]),
};
