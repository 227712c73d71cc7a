/**
 * Shapes of every indicator, target, actual, direction, cost and rule input, with
 * Japanese messages. Numbers stay text (exact decimals, full-width digits and
 * thousands separators accepted) and are normalised to plain decimal text here.
 */
import { z } from 'zod';
import { parseDecimal } from './decimal.js';
import { COST_UNITS } from './cost-rollup.js';
import { INDICATOR_DIRECTIONS, INDICATOR_KINDS } from './indicator-series.js';

const fiscalYear = z.coerce
  .number({ message: '年度を数字で入力してください。' })
  .int('年度は整数で入力してください。')
  .min(1900, '年度が正しくありません。')
  .max(2200, '年度が正しくありません。');

/** A decimal number as text, normalised ("１，２３４．５" → "1234.5"). */
export const decimalInput = z.string({ message: '数値を入力してください。' }).transform((text, ctx) => {
  try {
    const value = parseDecimal(text);
    if (value === null) {
      ctx.addIssue({ code: 'custom', message: '数値を入力してください。' });
      return z.NEVER;
    }
    return value.toString();
  } catch {
    ctx.addIssue({ code: 'custom', message: '数値で入力してください（例: 1234.5）。' });
    return z.NEVER;
  }
});

/** Like decimalInput, blank meaning "none". */
export const optionalDecimalInput = z
  .string()
  .nullable()
  .optional()
  .transform((text, ctx) => {
    try {
      return parseDecimal(text ?? null)?.toString() ?? null;
    } catch {
      ctx.addIssue({ code: 'custom', message: '数値で入力してください（例: 1234.5）。' });
      return z.NEVER;
    }
  });

const text = (max: number, message: string) => z.string().trim().max(max, message);

export const indicatorInput = z.object({
  name: z.string().trim().min(1, '指標名を入力してください。').max(200, '指標名は200文字以内で入力してください。'),
  unit: text(20, '単位は20文字以内で入力してください。').default(''),
  kind: z.enum(INDICATOR_KINDS, { message: '指標の種類（活動・成果・その他）を選んでください。' }).default('outcome'),
  direction: z.enum(INDICATOR_DIRECTIONS, { message: '値が大きいほど良いか小さいほど良いかを選んでください。' }).default('higher'),
  cumulative: z.boolean().default(false),
  decimals: z.coerce.number().int().min(0, '小数点以下の桁数は0〜6です。').max(6, '小数点以下の桁数は0〜6です。').default(0),
});
export type IndicatorInput = z.input<typeof indicatorInput>;

export const baselineInput = z.object({ fiscalYear, value: decimalInput });
export type BaselineInput = z.input<typeof baselineInput>;

export const targetInput = z.object({
  kind: z.enum(['yearly', 'final'], { message: '年度ごとの目標か最終目標かを選んでください。' }),
  fiscalYear,
  value: decimalInput,
});
export type TargetInput = z.input<typeof targetInput>;

export const revisionInput = z.object({
  newValue: decimalInput,
  reason: z.string().trim().min(1, '目標値を見直す理由を入力してください。').max(2000, '理由は2000文字以内で入力してください。'),
  decidedFiscalYear: fiscalYear,
});
export type RevisionInput = z.input<typeof revisionInput>;

export const actualInput = z
  .object({
    value: optionalDecimalInput,
    notMeasurable: z.boolean().default(false),
    sourceNote: text(1000, '出典・備考は1000文字以内で入力してください。').default(''),
  })
  .refine((a) => !(a.notMeasurable && a.value !== null), { message: '「測定できない」とした年度には実績値を入力できません。', path: ['value'] });
export type ActualInput = z.input<typeof actualInput>;

export const directionChoiceInput = z.object({
  code: z.string().trim().min(1, '今後の方向性を選んでください。'),
  note: text(4000, '方向性の説明は4000文字以内で入力してください。').default(''),
});
export type DirectionChoiceInput = z.input<typeof directionChoiceInput>;

export const directionCodeInput = z.object({
  code: z.string().trim().min(1, '方向性のコードを入力してください。').max(40, 'コードは40文字以内で入力してください。'),
  label: z.string().trim().min(1, '方向性の名前を入力してください。').max(100, '名前は100文字以内で入力してください。'),
});
export type DirectionCodeInput = z.input<typeof directionCodeInput>;

export const costInput = z.object({
  unit: z.enum(COST_UNITS, { message: '金額の単位は 円・千円・百万円 から選んでください。' }).default('千円'),
  projectCost: optionalDecimalInput,
  personnelCost: optionalDecimalInput,
  totalCost: optionalDecimalInput,
  nationalPrefecturalFunds: optionalDecimalInput,
  localBonds: optionalDecimalInput,
  otherFunds: optionalDecimalInput,
  generalFunds: optionalDecimalInput,
  note: text(1000, '備考は1000文字以内で入力してください。').default(''),
});
export type CostInput = z.input<typeof costInput>;
