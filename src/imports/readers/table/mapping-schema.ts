/**
 * The column mapping of a CSV or xlsx file: which columns hold the tiers, the
 * department, the ratings per fiscal year and scale, and the narratives. Written by
 * the user (or first guessed by suggest-mapping.ts), validated here; the JSON Schema
 * beside it (mapping.schema.json, generated from this one and checked by a test) lets
 * editors complete and check the file.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseFiscalYear } from '../../../fiscal/fiscal-year.js';

/** A column by its letter (A, F, AB) or by the text of its header cell. */
export const columnSchema = z.union([
  z.string().regex(/^[A-Z]{1,3}$/, { error: '列は A, F, AB のような英大文字の列名で書いてください（見出しで指定するときは {"header": "…"}）' }),
  z.strictObject({ header: z.string().min(1) }),
]);
export type ColumnRef = z.infer<typeof columnSchema>;

const fiscalYearSchema = z.union([z.int(), z.string()]).transform((value, ctx) => {
  const fy = typeof value === 'number' ? (parseFiscalYear(String(value)) ?? undefined) : parseFiscalYear(value);
  if (fy === undefined) {
    ctx.addIssue({ code: 'custom', message: `年度「${value}」が読めません（例: 2022, "R4", "令和4年度"）` });
    return z.NEVER;
  }
  return fy;
});

const tierSchema = z.strictObject({
  name: z.string().min(1),
  codeColumn: columnSchema.optional(),
  nameColumn: columnSchema.optional(),
});

const scaleCodeSchema = z.strictObject({
  code: z.string().min(1),
  label: z.string().default(''),
  criteria: z.string().default(''),
  countsAsAchieved: z.boolean().default(false),
  isNotEvaluated: z.boolean().default(false),
  /** Other spellings found in cells for this code (the label is always accepted too). */
  aliases: z.array(z.string()).default([]),
});

const scaleSchema = z.strictObject({
  key: z.string().min(1).default('main'),
  name: z.string().min(1),
  /** Tier name whose nodes the scale rates; the deepest tier when left out. */
  tier: z.string().optional(),
  codes: z.array(scaleCodeSchema).min(1),
});

const ratingColumnSchema = z.strictObject({
  column: columnSchema,
  fiscalYear: fiscalYearSchema.optional(),
  scale: z.string().optional(),
});

const narrativeColumnSchema = z.strictObject({
  column: columnSchema,
  kind: z.enum(['progress', 'issues', 'direction', 'opinion']),
  role: z.enum(['department', 'division', 'expert']).default('department'),
  fiscalYear: fiscalYearSchema.optional(),
  /** Tier name the text is about; the row's deepest filled tier when left out. */
  tier: z.string().optional(),
});

const directionValueSchema = z.union([z.string().min(1), z.strictObject({ code: z.string().min(1), label: z.string().min(1) })]);

export const tableMappingSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** Worksheet name (xlsx only); the first sheet when left out. */
    sheet: z.string().optional().describe('ワークシート名（xlsx）。省略時は最初のシート'),
    /** Row number (from 1) of the header row; data starts below it. */
    headerRow: z.int().min(1).default(1).describe('見出し行の行番号（1から）。データはその下の行から'),
    encoding: z.string().optional().describe('CSVの文字コード: utf-8, shift_jis, cp932, utf-16le, utf-16be。省略時は自動判別'),
    plan: z.strictObject({
      name: z.string().min(1),
      slug: z.string().optional(),
      startFiscalYear: fiscalYearSchema.optional(),
      endFiscalYear: fiscalYearSchema.optional(),
    }),
    /** The fiscal year of the file when its rows are one year's results. */
    fiscalYear: fiscalYearSchema.optional().describe('ファイル全体の年度（2022, "R4", "令和4年度"）。年度を書かない列に使う'),
    round: z.strictObject({ fiscalYear: fiscalYearSchema.optional(), kind: z.enum(['yearly', 'midterm', 'final']).default('yearly') }).optional(),
    tiers: z.array(tierSchema).min(2, { error: '階層は2つ以上書いてください' }).describe('上の階層から順に。各階層の名前と、コード列・名称列'),
    departmentColumn: columnSchema.optional().describe('担当課の列'),
    scales: z.array(scaleSchema).min(1, { error: '評価基準 (scales) を1つ以上書いてください' }).describe('評価基準。コードは表示順に'),
    annotations: z.array(z.strictObject({ mark: z.string().min(1), meaning: z.string().default('') })).default([]),
    ratings: z.array(ratingColumnSchema).default([]).describe('評価の列: 年度と評価基準ごとに1つ'),
    narratives: z
      .array(narrativeColumnSchema)
      .default([])
      .describe('記述の列: 種類（progress, issues, direction, opinion）と書き手（department, division, expert）'),
    direction: z
      .strictObject({
        column: columnSchema,
        fiscalYear: fiscalYearSchema.optional(),
        role: z.enum(['department', 'division', 'expert']).default('department'),
        /** Allowed values; any text is accepted when left out. */
        values: z.array(directionValueSchema).optional(),
      })
      .optional(),
  })
  .superRefine((m, ctx) => {
    const tierNames = m.tiers.map((t) => t.name);
    const scaleKeys = m.scales.map((s) => s.key);
    m.tiers.forEach((t, i) => {
      if (!t.codeColumn && !t.nameColumn)
        ctx.addIssue({ code: 'custom', path: ['tiers', i], message: `階層「${t.name}」に codeColumn か nameColumn を書いてください` });
    });
    m.scales.forEach((s, i) => {
      if (s.tier !== undefined && !tierNames.includes(s.tier))
        ctx.addIssue({ code: 'custom', path: ['scales', i, 'tier'], message: `階層「${s.tier}」は tiers にありません` });
    });
    if (new Set(scaleKeys).size !== scaleKeys.length) ctx.addIssue({ code: 'custom', path: ['scales'], message: '評価基準の key が重複しています' });
    m.ratings.forEach((r, i) => {
      if (r.scale !== undefined && !scaleKeys.includes(r.scale))
        ctx.addIssue({ code: 'custom', path: ['ratings', i, 'scale'], message: `評価基準「${r.scale}」は scales にありません` });
      if (r.scale === undefined && m.scales.length > 1)
        ctx.addIssue({ code: 'custom', path: ['ratings', i, 'scale'], message: '評価基準が複数あるときは scale を書いてください' });
      if (r.fiscalYear === undefined && m.fiscalYear === undefined)
        ctx.addIssue({ code: 'custom', path: ['ratings', i, 'fiscalYear'], message: '年度を書いてください（この列か、ファイル全体の fiscalYear）' });
    });
    m.narratives.forEach((n, i) => {
      if (n.tier !== undefined && !tierNames.includes(n.tier))
        ctx.addIssue({ code: 'custom', path: ['narratives', i, 'tier'], message: `階層「${n.tier}」は tiers にありません` });
      if (n.fiscalYear === undefined && m.fiscalYear === undefined)
        ctx.addIssue({ code: 'custom', path: ['narratives', i, 'fiscalYear'], message: '年度を書いてください（この列か、ファイル全体の fiscalYear）' });
    });
    if (m.direction && m.direction.fiscalYear === undefined && m.fiscalYear === undefined) {
      ctx.addIssue({ code: 'custom', path: ['direction', 'fiscalYear'], message: '年度を書いてください（この列か、ファイル全体の fiscalYear）' });
    }
  });

export type TableMapping = z.output<typeof tableMappingSchema>;
export type TableMappingInput = z.input<typeof tableMappingSchema>;

/** The schema editors read, generated from the zod one (a test keeps the committed file equal to it). */
export function mappingJsonSchema(): unknown {
  return z.toJSONSchema(tableMappingSchema, { io: 'input', unrepresentable: 'any' });
}

/** Compiled code lives under dist/ or dist-test/; the JSON file stays beside this source. */
export const MAPPING_SCHEMA_PATH = fileURLToPath(new URL('../../../../../src/imports/readers/table/mapping.schema.json', import.meta.url));
