/**
 * The OpenAPI part of the outputs: indicators (baseline, targets with their revisions,
 * actuals year by year with the rule's answer), rating proposals, 今後の方向性 and costs.
 * Numbers are decimal text, exactly as stored (never floats). Each answer is a page:
 * `data` paged like every list, the list beside it cut at the same place.
 */
import {
  cursor,
  fiscalYear,
  fiscalYearLabel,
  int,
  itemCode,
  limit,
  links,
  nullable,
  obj,
  type PathRow,
  planParam,
  q,
  ref,
  str,
  type Schema,
} from './openapi-parts.js';

const decimal: Schema = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$', description: '10進数の文字列（保存された値そのまま）' };
const decimalOrNull: Schema = { oneOf: [decimal, { type: 'null' }] };
const ruleAnswer: Schema = {
  oneOf: [obj({ status: { enum: ['proposed', 'not-evaluable'] }, code: nullable('string'), explanation: str }), { type: 'null' }],
  description: '計画の規則による評価（規則がなければ null）',
};
const costFigures: Record<string, Schema> = {
  projectCost: decimalOrNull,
  personnelCost: decimalOrNull,
  totalCost: decimalOrNull,
  nationalPrefecturalFunds: decimalOrNull,
  localBonds: decimalOrNull,
  otherFunds: decimalOrNull,
  generalFunds: decimalOrNull,
};

export const OUTPUT_SCHEMAS: Record<string, Schema> = {
  RatingRule: {
    oneOf: [
      obj({ name: str, kind: { enum: ['ratio_thresholds', 'band_around_target', 'progress_vs_elapsed', 'manual'] }, words: { type: 'array', items: str } }),
      { type: 'null' },
    ],
    description: '評価の規則（words は規則を文章で。一文ずつ）。規則がなければ null',
  },
  Indicator: obj({
    id: int,
    itemCode,
    itemName: str,
    name: str,
    unit: str,
    kind: { enum: ['activity', 'outcome', 'other'] },
    direction: { enum: ['higher', 'lower'], description: 'higher: 大きいほど良い / lower: 小さいほど良い' },
    cumulative: { type: 'boolean', description: '延べ（累計）の指標: 目標は期間開始からの累計' },
    decimals: int,
    baseline: { oneOf: [obj({ fiscalYear, fiscalYearLabel, value: decimal }), { type: 'null' }] },
    targets: {
      type: 'array',
      items: obj({
        kind: { enum: ['yearly', 'final'] },
        fiscalYear,
        value: { ...decimal, description: '当初の目標値' },
        currentValue: { ...decimal, description: '見直し後の目標値（見直しがなければ当初の値）' },
        revisions: { type: 'array', items: obj({ oldValue: decimal, newValue: decimal, reason: str, decidedFiscalYear: fiscalYear }) },
      }),
    },
    targetNotResetAfterExtension: { type: 'boolean', description: '計画期間の延長後に目標値が再設定されていない' },
    years: {
      type: 'array',
      items: obj({
        fiscalYear,
        fiscalYearLabel,
        target: { oneOf: [obj({ kind: { enum: ['yearly', 'final'] }, fiscalYear, value: decimal, revised: { type: 'boolean' } }), { type: 'null' }] },
        actual: decimalOrNull,
        notMeasurable: { type: 'boolean' },
        sourceNote: str,
        comparedActual: decimalOrNull,
        achievementPercent: decimalOrNull,
        rule: ruleAnswer,
      }),
    },
    links: links('item', 'portal'),
  }),
  RatingProposal: obj({
    itemCode,
    fiscalYear,
    fiscalYearLabel,
    code: str,
    proposedCode: str,
    followed: { type: 'boolean' },
    overrideReason: nullable('string'),
  }),
  ItemDirection: obj({ itemCode, itemName: str, fiscalYear, fiscalYearLabel, code: str, label: str, note: str }),
  DirectionCounts: obj({ fiscalYear, fiscalYearLabel, counts: { type: 'array', items: obj({ code: str, label: str, count: int }) } }),
  ItemCost: obj({ itemCode, itemName: str, fiscalYear, fiscalYearLabel, unit: { enum: ['円', '千円', '百万円'] }, ...costFigures, note: str }),
  CostTotal: obj({ itemCode, itemName: str, fiscalYear, fiscalYearLabel, ...costFigures }),
};

const filters = [
  planParam,
  q('item', 'この番号の項目だけ', itemCode),
  q('under', 'この番号の項目とその配下', itemCode),
  q('fiscalYear', '年度: 2022, R4, 令和4年度 など', str),
  limit,
  cursor,
];

/** A page of an outputs answer: its own fields, `data` and the page's links and counts (meta.total counts `data`). */
const outputsPage = (fields: Record<string, Schema>): Schema => obj({ ...fields, links: ref('PageLinks'), meta: ref('PageMeta') });

/** The outputs' paths, rows of openapi.ts's table: each a page of the outputs filtered alike. */
export const OUTPUT_PATHS: readonly PathRow[] = [
  [
    '/plans/{plan}/indicators',
    'listIndicators',
    '指標: 基準値、目標値と見直し、年度ごとの実績・達成率・規則による評価、規則による評価の提案と変更の理由',
    filters,
    'Indicators',
    outputsPage({
      rule: ref('RatingRule'),
      data: { type: 'array', items: ref('Indicator') },
      proposals: { type: 'array', items: ref('RatingProposal'), description: 'このページの指標の項目の提案（ページをたどると各提案は一度ずつ）' },
    }),
  ],
  [
    '/plans/{plan}/directions',
    'listDirections',
    '今後の方向性: 項目ごとの選択と年度別の件数（計画の選択肢の順、0 件も含む）',
    filters,
    'Directions',
    outputsPage({
      codes: { type: 'array', items: obj({ code: str, label: str }) },
      counts: { type: 'array', items: ref('DirectionCounts'), description: '年度別の件数（絞り込んだ年度の全体。どのページにも同じもの）' },
      data: { type: 'array', items: ref('ItemDirection') },
    }),
  ],
  [
    '/plans/{plan}/costs',
    'listCosts',
    '事業費: 項目ごとの入力値（入力された単位のまま）と、体系を積み上げた合計（千円）',
    filters,
    'Costs',
    outputsPage({
      totalsUnit: { const: '千円' },
      data: { type: 'array', items: ref('ItemCost') },
      totals: { type: 'array', items: ref('CostTotal'), description: 'このページの範囲（年度、体系の順）の合計（ページをたどると各合計は一度ずつ）' },
    }),
  ],
];
