/**
 * The component schemas of the OpenAPI document (openapi.ts): every resource the API
 * answers with, strict JSON Schema 2020-12 (additionalProperties: false).
 */
import { ITEM_CHANGE_KINDS as CHANGE_KINDS } from '../insights/year-changes.js';
import { departmentRef, fiscalYear, fiscalYearLabel, int, itemCode, links, nullable, obj, ref, str, type Schema } from './openapi-parts.js';
import { OUTPUT_SCHEMAS } from './openapi-outputs.js';
import { SCALE_CODE_PROPERTIES } from '../reports/report-json-schema.js';

/** What a plan is in every answer; its detail adds to it. */
const planProperties: Record<string, Schema> = {
  id: int,
  slug: str,
  name: str,
  startFiscalYear: fiscalYear,
  endFiscalYear: fiscalYear,
  effectiveEndFiscalYear: fiscalYear,
  publishedUntilFiscalYear: fiscalYear,
  ratedTiers: {
    type: 'array',
    description: '評価する階層（上から順）。primary の階層が集計（summary の data）・停滞の対象',
    items: obj({ level: { type: 'integer', minimum: 1 }, name: str, primary: { type: 'boolean' } }),
  },
  links: links('self', 'portal'),
};

/** What an item is in every answer; its detail adds to it. */
const itemProperties: Record<string, Schema> = {
  id: int,
  code: itemCode,
  level: { type: 'integer', minimum: 1 },
  tierName: str,
  name: str,
  parentCode: nullable('string'),
  ancestorCodes: { type: 'array', items: str },
  childCodes: { type: 'array', items: str },
  department: departmentRef,
  endedFromFiscalYear: nullable('integer'),
  links: links('self', 'portal'),
};

/** One year's rating of an item: in the item's detail, and after the item's own facts in the list of ratings. */
const ratingProperties: Record<string, Schema> = {
  fiscalYear,
  fiscalYearLabel,
  code: str,
  achieved: { type: 'boolean' },
  annotations: { type: 'array', items: str },
  reason: nullable('string'),
};

export const schemas: Record<string, Schema> = {
  Problem: obj({ type: str, title: str, status: int, detail: str, instance: str, parameter: str }, ['type', 'title', 'status', 'detail']),
  PageLinks: obj({ self: str, next: nullable('string') }),
  PageMeta: obj({ total: int, limit: int, count: int }),
  Plan: obj(planProperties),
  PlanDetail: obj({
    ...planProperties,
    description: str,
    predecessorName: nullable('string'),
    successorName: nullable('string'),
    adoptedFiscalYear: nullable('integer'),
    tiers: { type: 'array', items: obj({ level: int, name: str }) },
    extensions: {
      type: 'array',
      items: obj({ fromEndFiscalYear: fiscalYear, toEndFiscalYear: fiscalYear, decidedFiscalYear: nullable('integer'), reason: str }),
    },
    designations: { type: 'array', items: obj({ name: str, fromFiscalYear: nullable('integer') }) },
    ratingScale: {
      type: 'array',
      items: obj({
        ...SCALE_CODE_PROPERTIES,
        isDefault: { type: 'boolean', description: 'Added by the importer; the published criteria table does not list it (e.g. — for items not evaluated).' },
      }),
    },
    annotationKinds: { type: 'array', items: obj({ mark: str, meaning: str }) },
    license: obj({ id: { const: 'CC-BY-4.0' }, url: str, attribution: str }),
  }),
  TreeNode: obj({ code: str, level: int, tierName: str, name: str, children: { type: 'array', items: { $ref: '#/components/schemas/TreeNode' } } }),
  Item: obj(itemProperties),
  ItemRating: obj(ratingProperties),
  // Item's properties spread rather than allOf Item: additionalProperties does not see through allOf.
  ItemDetail: obj({
    ...itemProperties,
    ratings: { type: 'array', items: ref('ItemRating') },
    narratives: { type: 'array', items: ref('Narrative') },
  }),
  Rating: obj({
    itemId: int,
    itemCode: str,
    itemName: str,
    level: { type: 'integer', minimum: 1 },
    tierName: str,
    department: departmentRef,
    ...ratingProperties,
  }),
  Narrative: obj({
    id: int,
    fiscalYear,
    fiscalYearLabel,
    authorRole: { enum: ['department', 'division', 'expert'] },
    kind: { enum: ['progress', 'issues', 'direction', 'opinion'] },
    itemCode: nullable('string'),
    mentionCodes: { type: 'array', items: str },
    body: str,
  }),
  YearSummary: obj({
    fiscalYear,
    fiscalYearLabel,
    source: { enum: ['computed', 'reported'] },
    counts: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
    total: { type: 'integer', minimum: 0 },
    achievementRate: { type: ['number', 'null'], minimum: 0, maximum: 1 },
  }),
  TierSummary: obj({
    level: { type: 'integer', minimum: 1 },
    tierName: str,
    primary: { type: 'boolean' },
    scale: {
      type: 'array',
      items: obj({ code: str, label: str, countsAsAchieved: { type: 'boolean' }, isNotEvaluated: { type: 'boolean' }, isDefault: { type: 'boolean' } }),
    },
    data: { type: 'array', items: ref('YearSummary') },
  }),
  Round: obj({
    id: int,
    fiscalYear,
    fiscalYearLabel,
    kind: { enum: ['yearly', 'midterm', 'final'] },
    status: { const: 'published' },
    coversUntilFiscalYear: nullable('integer'),
    publishedOn: { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  }),
  Department: obj({
    id: int,
    code: str,
    name: str,
    subItemCount: { type: 'integer', minimum: 0, description: '主に評価する階層（primary）の項目のうち、この担当課が担当する数' },
    demo: { type: 'boolean', description: 'デモデータ（npm start のサンプル用の割り当て）の担当課' },
  }),
  StagnantItem: obj({
    itemId: int,
    itemCode: str,
    name: str,
    fromFiscalYear: fiscalYear,
    toFiscalYear: fiscalYear,
    years: { type: 'integer', minimum: 1 },
    codes: { type: 'array', items: str },
    ongoing: { type: 'boolean' },
  }),
  TierChange: obj({
    level: { type: 'integer', minimum: 1 },
    tierName: str,
    primary: { type: 'boolean' },
    previousFiscalYear: { type: ['integer', 'null'], description: '件数を比べた前の年度（報告書の公表値だけの年度を含む）' },
    itemsComparedWith: { type: ['integer', 'null'], description: '項目ごとの評価を比べた年度（それより前で項目の評価がある最後の年度）' },
    counts: { type: 'array', items: obj({ code: str, previous: nullable('integer'), current: int, delta: nullable('integer') }) },
    total: obj({ previous: nullable('integer'), current: int }),
    achievementRate: obj({
      previous: { type: ['number', 'null'] },
      current: { type: ['number', 'null'] },
      deltaPoints: { type: ['number', 'null'], description: '達成率の増減（ポイント）' },
    }),
    kinds: obj(Object.fromEntries(CHANGE_KINDS.map((k) => [k, { type: 'integer', minimum: 0 }]))),
    newlyAnnotated: int,
    recovered: int,
    fellBack: int,
    changedItems: { type: 'array', description: '評価が変わった（または注記が付いた）項目', items: ref('ItemChange') },
    stagnant: {
      type: 'array',
      items: obj({ itemCode: str, name: str, fromFiscalYear: fiscalYear, years: { type: 'integer', minimum: 1 }, codes: { type: 'array', items: str } }),
    },
  }),
  ItemChange: obj({
    itemCode: str,
    name: str,
    from: { oneOf: [obj({ code: str, marks: { type: 'array', items: str } }), { type: 'null' }] },
    to: { oneOf: [obj({ code: str, marks: { type: 'array', items: str } }), { type: 'null' }] },
    change: { enum: [...CHANGE_KINDS], description: 'up / down は評価尺度の順（達成に数える評価が上）。new = 前年度に評価なし、ended = 今年度に評価なし' },
    addedMarks: { type: 'array', items: str },
    recovered: { type: 'boolean' },
    fellBack: { type: 'boolean' },
    links: links('self', 'portal'),
  }),
  TimelineSegment: obj({
    relation: { enum: ['predecessor', 'self', 'successor'], description: '前計画の項目・この項目・後継計画の項目' },
    lineageKind: {
      oneOf: [{ enum: ['carried_over', 'merged_into', 'split_into', 'ended', 'new'] }, { type: 'null' }],
      description: '対応の種別（この項目自身は null）',
    },
    boundaryBefore: { type: 'boolean', description: 'この区間の前で計画が切り替わる' },
    planSlug: str,
    planName: str,
    itemCode: str,
    itemName: str,
    ratings: { type: 'array', items: obj({ fiscalYear, fiscalYearLabel, code: str, marks: { type: 'array', items: str } }) },
    links: links('self', 'portal'),
  }),
  PlanLineage: obj({
    planSlug: str,
    links: {
      type: 'array',
      description: '前計画（direction = predecessor）・後継計画（successor）の項目との対応。公開中の計画どうしだけ',
      items: obj({
        direction: { enum: ['predecessor', 'successor'] },
        kind: { enum: ['carried_over', 'merged_into', 'split_into', 'ended', 'new'] },
        itemCode: nullable('string'),
        otherPlanSlug: str,
        otherCode: nullable('string'),
      }),
    },
    comparisons: {
      type: 'array',
      description: '引き継いだ項目（carried_over）だけで比べた年度ごとの評価（それぞれの計画の評価尺度）',
      items: obj({
        predecessor: str,
        successor: str,
        carriedOverItems: int,
        years: {
          type: 'array',
          items: obj({ side: { enum: ['predecessor', 'successor'] }, fiscalYear, rated: int, achieved: int, achievementRate: { type: ['number', 'null'] } }),
        },
      }),
    },
  }),
  YearChanges: obj({
    fiscalYear,
    fiscalYearLabel,
    stagnantYears: { type: 'integer', minimum: 1 },
    comparableYears: { type: 'array', items: fiscalYear },
    tiers: { type: 'array', items: ref('TierChange') },
    links: links('portal'),
  }),
  ...OUTPUT_SCHEMAS,
  SearchHit: obj({
    planSlug: str,
    itemCode: str,
    itemName: str,
    tierName: str,
    nameMatched: { type: 'boolean' },
    narrativeIds: { type: 'array', items: int },
    links: links('self', 'portal'),
  }),
};
