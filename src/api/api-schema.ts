/**
 * The API's query strings as zod schemas. Parameters are checked strictly and in
 * a fixed order — names first (unknown, repeated), then each value in the order
 * of its schema — and the first problem is the answer: a 400 naming the parameter,
 * in Japanese, never a 500. Checks that need the plan's data (does this item
 * exist, is this code on the scale) are part of the schema built for that data;
 * a missing item is marked `notFound` and answered 404.
 */
import { z } from 'zod';
import { parseFiscalYear } from '../fiscal/fiscal-year.js';
import { MAX_QUERY_LENGTH } from '../portal/search.js';
import { ITEM_CODE } from '../portal/portal-schema.js';
import type { PublicDataset } from '../portal/public-data.js';
import { BAD_CURSOR, decodeCursor } from './pagination.js';

export { ITEM_CODE };

export const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;

/** Query names: each allowed, given once, a plain string. The first offender is reported. */
export const queryNames = (allowed: readonly string[]) =>
  z.record(z.string(), z.unknown()).superRefine((raw, ctx) => {
    for (const [name, value] of Object.entries(raw)) {
      const problem = !allowed.includes(name)
        ? `不明なパラメータです: ${name}（使えるもの: ${allowed.join(', ') || 'なし'}）`
        : Array.isArray(value)
          ? `パラメータ ${name} が複数回指定されています。`
          : typeof value !== 'string'
            ? `パラメータ ${name} が不正です。`
            : undefined;
      if (problem) {
        ctx.addIssue({ code: 'custom', path: [name], message: problem });
        return;
      }
    }
  });

/** An empty value counts as absent, so `?cursor=` is the first page. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const text = (name: string, options: { maxLength?: number; pattern?: RegExp } = {}) => {
  let schema = z.string();
  if (options.maxLength !== undefined)
    schema = schema.max(options.maxLength, { error: `パラメータ ${name} が長すぎます（${options.maxLength} 文字まで）。`, abort: true });
  if (options.pattern) schema = schema.regex(options.pattern, { error: (iss) => `パラメータ ${name} の形式が不正です: "${String(iss.input)}"`, abort: true });
  return schema;
};

const integer = (name: string, min: number, max: number) =>
  optional(
    z
      .string()
      .regex(/^\d{1,9}$/, { error: (iss) => `パラメータ ${name} は整数で指定してください: "${String(iss.input)}"` })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, { error: (iss) => `パラメータ ${name} は ${min}〜${max} で指定してください: ${String(iss.input)}` })
          .max(max, { error: (iss) => `パラメータ ${name} は ${min}〜${max} で指定してください: ${String(iss.input)}` }),
      ),
  );

const fiscalYear = (name: string) =>
  optional(
    text(name, { maxLength: 20 }).transform((v, ctx) => {
      const fy = parseFiscalYear(v);
      if (fy === undefined) ctx.addIssue({ code: 'custom', message: `年度として読めません: "${v}"（例: 2022, R4, 令和4年度）` });
      return fy ?? 0;
    }),
  );

const oneOf = <const T extends readonly [string, ...string[]]>(name: string, choices: T) =>
  optional(z.enum(choices, { error: (iss) => `パラメータ ${name} は ${choices.join(' / ')} のいずれかです: "${String(iss.input)}"` }));

/** An item code that must name an item of the plan (404 otherwise). */
const existingItem = (name: string, data: PublicDataset) =>
  optional(
    text(name, { pattern: ITEM_CODE }).refine((code) => data.itemsByCode.has(code), {
      error: (iss) => `項目が見つかりません: ${String(iss.input)}`,
      params: { notFound: true },
    }),
  );

const page = {
  limit: integer('limit', 1, MAX_LIMIT).transform((v) => v ?? DEFAULT_LIMIT),
  cursor: optional(
    z.string().transform((cursor, ctx) => {
      const key = decodeCursor(cursor);
      if (key === undefined) ctx.addIssue({ code: 'custom', message: BAD_CURSOR });
      return key ?? '';
    }),
  ),
};

/** Query of a route without parameters. */
export const NO_PARAMETERS: readonly string[] = [];

export const ITEMS_PARAMETERS = ['level', 'department', 'under', 'limit', 'cursor'] as const;
export const itemsQuery = (data: PublicDataset) =>
  z.object({ level: integer('level', 1, 20), department: integer('department', 1, 2_000_000_000), under: existingItem('under', data), ...page });

export const RATINGS_PARAMETERS = ['fiscalYear', 'level', 'code', 'department', 'under', 'limit', 'cursor'] as const;
/** Codes of every rated tier's scale, each once, in scale order. */
const ratedCodes = (data: PublicDataset): string[] => [...new Set([...data.tierSummaries.flatMap((t) => t.scale), ...data.scale].map((c) => c.code))];
export const ratingsQuery = (data: PublicDataset) =>
  z.object({
    fiscalYear: fiscalYear('fiscalYear'),
    level: integer('level', 1, 20),
    code: optional(
      text('code', { maxLength: 10 }).refine((code) => ratedCodes(data).includes(code), {
        error: (iss) => `評価コードが尺度にありません: "${String(iss.input)}"（${ratedCodes(data).join(', ')}）`,
      }),
    ),
    department: integer('department', 1, 2_000_000_000),
    under: existingItem('under', data),
    ...page,
  });

export const NARRATIVES_PARAMETERS = ['fiscalYear', 'role', 'item', 'limit', 'cursor'] as const;
export const narrativesQuery = (data: PublicDataset) =>
  z.object({ fiscalYear: fiscalYear('fiscalYear'), role: oneOf('role', ['department', 'division', 'expert']), item: existingItem('item', data), ...page });

export const STAGNATION_PARAMETERS = ['minYears'] as const;
export const stagnationQuery = z.object({ minYears: integer('minYears', 1, 50).transform((v) => v ?? 3) });

export const CHANGES_PARAMETERS = ['fiscalYear', 'minYears'] as const;
export const changesQuery = z.object({ fiscalYear: fiscalYear('fiscalYear'), minYears: integer('minYears', 1, 50).transform((v) => v ?? 3) });

export const OUTPUTS_PARAMETERS = ['item', 'under', 'fiscalYear', 'limit', 'cursor'] as const;
/** Query of the indicators, directions and costs: one item, a subtree, a fiscal year; a page. */
export const outputsQuery = (data: PublicDataset) =>
  z.object({ item: existingItem('item', data), under: existingItem('under', data), fiscalYear: fiscalYear('fiscalYear'), ...page });

export const SEARCH_PARAMETERS = ['q', 'plan'] as const;
export const searchQuery = z.object({
  q: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string({ error: 'パラメータ q を指定してください。' })
      .max(MAX_QUERY_LENGTH, { error: `パラメータ q が長すぎます（${MAX_QUERY_LENGTH} 文字まで）。`, abort: true })
      .refine((q) => q.trim() !== '', { error: '検索語を指定してください。' }),
  ),
  plan: optional(text('plan', { pattern: SLUG })),
});
