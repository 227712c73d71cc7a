/**
 * The column mapping of a CSV or xlsx file: which columns hold the tiers, the
 * department, the ratings per fiscal year and scale, the narratives, and an item's
 * indicators (with baseline, targets and actuals), 今後の方向性 codes and costs. Written by
 * the user (or first guessed by suggest-mapping.ts), validated here; the JSON Schema
 * beside it (mapping.schema.json, generated from this one and checked by a test) lets
 * editors complete and check the file.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseFiscalYear } from '../../../fiscal/fiscal-year.js';
import { INDICATOR_DIRECTIONS, INDICATOR_KINDS } from '../../../indicators/indicator-series.js';

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

/** One column per fiscal year (wide): `[{ "fiscalYear": "R3", "column": "J" }, …]`. */
const yearColumnsSchema = z.array(z.strictObject({ fiscalYear: fiscalYearSchema, column: columnSchema }));

/** A value with its year: the year fixed in the mapping or read from a column. */
const yearValueSchema = z.strictObject({
  fiscalYear: fiscalYearSchema.optional(),
  fiscalYearColumn: columnSchema.optional(),
  valueColumn: columnSchema,
});

const indicatorSchema = z.strictObject({
  /** Tier name whose node the indicator belongs to; the row's deepest filled tier when left out. */
  tier: z.string().optional(),
  nameColumn: columnSchema.describe('指標名の列。同じ項目の同じ指標名の行は1つの指標（年度ごとの行も）'),
  unitColumn: columnSchema.optional(),
  unit: z.string().optional().describe('単位（列がないとき）'),
  kindColumn: columnSchema.optional(),
  kind: z.enum(INDICATOR_KINDS).optional().describe('指標の種類（列がないとき）: activity 活動, outcome 成果, other'),
  /** Words of the kind column beyond 活動/成果/その他 (and the English keys). */
  kindValues: z.record(z.string(), z.enum(INDICATOR_KINDS)).default({}),
  directionColumn: columnSchema.optional(),
  direction: z.enum(INDICATOR_DIRECTIONS).optional().describe('higher: 高いほど良い, lower: 低いほど良い（列がないとき）'),
  /** Words of the direction column beyond 高いほど良い/低いほど良い/上昇/減少/↑/↓ … */
  directionValues: z.record(z.string(), z.enum(INDICATOR_DIRECTIONS)).default({}),
  cumulativeColumn: columnSchema.optional(),
  cumulative: z.boolean().optional().describe('延べ（累計）の指標か（列がないとき）'),
  decimals: z.int().min(0).max(6).optional(),
  baseline: yearValueSchema.optional().describe('基準値: 年度（fiscalYear か fiscalYearColumn）と値の列'),
  finalTarget: yearValueSchema.optional().describe('最終目標値: 年度（fiscalYear か fiscalYearColumn）と値の列'),
  yearlyTargets: yearColumnsSchema.default([]).describe('年度ごとの目標値: 年度ごとに1列'),
  actuals: yearColumnsSchema.default([]).describe('実績値（横持ち）: 年度ごとに1列。「測定不能」は測定できなかった年度'),
  actualRows: z
    .strictObject({
      fiscalYearColumn: columnSchema,
      valueColumn: columnSchema,
      targetColumn: columnSchema.optional(),
      sourceNoteColumn: columnSchema.optional(),
    })
    .optional()
    .describe('実績値（縦持ち）: 1行1年度。年度の列と実績値の列、その年度の目標値・出典の列'),
});

const COST_COLUMN_KEYS = ['projectCost', 'personnelCost', 'totalCost', 'nationalPrefecturalFunds', 'localBonds', 'otherFunds', 'generalFunds'] as const;

const costSchema = z.strictObject({
  fiscalYear: fiscalYearSchema.optional(),
  fiscalYearColumn: columnSchema.optional(),
  unit: z.enum(['円', '千円', '百万円']).optional().describe('金額の単位（列がないとき）。省略時は千円'),
  unitColumn: columnSchema.optional(),
  projectCost: columnSchema.optional().describe('事業費'),
  personnelCost: columnSchema.optional().describe('人件費'),
  totalCost: columnSchema.optional().describe('トータルコスト'),
  nationalPrefecturalFunds: columnSchema.optional().describe('国・県支出金'),
  localBonds: columnSchema.optional().describe('地方債'),
  otherFunds: columnSchema.optional().describe('その他'),
  generalFunds: columnSchema.optional().describe('一般財源'),
  noteColumn: columnSchema.optional(),
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
    indicators: z.array(indicatorSchema).default([]).describe('指標（KPI）の列: 名前・単位・種類・方向・基準値・目標値・実績値'),
    directionChoices: z
      .array(
        z.strictObject({
          column: columnSchema,
          noteColumn: columnSchema.optional(),
          fiscalYear: fiscalYearSchema.optional(),
          /** The plan's list of codes, in order; the default list (拡充, 継続, 改善, 縮小, 統合, 廃止・休止, 完了) when left out. */
          values: z.array(directionValueSchema).optional(),
        }),
      )
      .default([])
      .describe('今後の方向性をコードとして（年度ごとの選択）: 列、説明の列、年度、選択肢'),
    costs: z.array(costSchema).default([]).describe('事業費の列: 年度ごとに1つ（または年度の列）。単位は 円・千円・百万円'),
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
    checkIndicatorKeys(m, ctx);
  });

type MappingDraft = {
  tiers: { name: string }[];
  fiscalYear?: number;
  indicators: z.output<typeof indicatorSchema>[];
  directionChoices: { fiscalYear?: number }[];
  costs: z.output<typeof costSchema>[];
};

/** Year sources and tiers the indicator, direction and cost keys need. */
function checkIndicatorKeys(m: MappingDraft, ctx: z.RefinementCtx): void {
  const tierNames = m.tiers.map((t) => t.name);
  const needYear = (path: (string | number)[], given: { fiscalYear?: number; fiscalYearColumn?: unknown }) => {
    if (given.fiscalYear === undefined && given.fiscalYearColumn === undefined && m.fiscalYear === undefined)
      ctx.addIssue({ code: 'custom', path, message: '年度を書いてください（fiscalYear か fiscalYearColumn、またはファイル全体の fiscalYear）' });
  };
  m.indicators.forEach((x, i) => {
    if (x.tier !== undefined && !tierNames.includes(x.tier))
      ctx.addIssue({ code: 'custom', path: ['indicators', i, 'tier'], message: `階層「${x.tier}」は tiers にありません` });
    if (x.baseline) needYear(['indicators', i, 'baseline', 'fiscalYear'], x.baseline);
    if (x.finalTarget) needYear(['indicators', i, 'finalTarget', 'fiscalYear'], x.finalTarget);
  });
  m.directionChoices.forEach((d, i) => {
    needYear(['directionChoices', i, 'fiscalYear'], d);
  });
  m.costs.forEach((c, i) => {
    needYear(['costs', i, 'fiscalYear'], c);
    if (!COST_COLUMN_KEYS.some((k) => c[k] !== undefined))
      ctx.addIssue({ code: 'custom', path: ['costs', i], message: '金額の列を1つ以上書いてください（projectCost, personnelCost, totalCost …）' });
  });
}

export type TableMapping = z.output<typeof tableMappingSchema>;
export type TableMappingInput = z.input<typeof tableMappingSchema>;

/** The schema editors read, generated from the zod one (a test keeps the committed file equal to it). */
export function mappingJsonSchema(): unknown {
  return z.toJSONSchema(tableMappingSchema, { io: 'input', unrepresentable: 'any' });
}

/** Compiled code lives under dist/ or dist-test/; the JSON file stays beside this source. */
export const MAPPING_SCHEMA_PATH = fileURLToPath(new URL('../../../../../src/imports/readers/table/mapping.schema.json', import.meta.url));
