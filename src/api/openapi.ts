/**
 * The OpenAPI 3.1 document of /api/v1. Schemas are JSON Schema 2020-12 and are
 * strict (additionalProperties: false), so the API tests that validate every real
 * response against them catch any drift between code and document.
 */

import { ITEM_CHANGE_KINDS as CHANGE_KINDS } from '../insights/year-changes.js';

import {
  departmentRef,
  fiscalYear,
  fiscalYearLabel,
  int,
  links,
  listOf,
  nullable,
  obj,
  ok,
  pageOf,
  planParam,
  q,
  ref,
  str,
  type Schema,
} from './openapi-parts.js';
import { OUTPUT_SCHEMAS, outputPaths } from './openapi-outputs.js';

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

const schemas: Record<string, Schema> = {
  Problem: obj({ type: str, title: str, status: int, detail: str, instance: str, parameter: str }, ['type', 'title', 'status', 'detail']),
  PageLinks: obj({ self: str, next: nullable('string') }),
  PageMeta: obj({ total: int, limit: int, count: int }),
  Plan: obj(planProperties),
  PlanDetail: {
    type: 'object',
    additionalProperties: false,
    required: [
      'id',
      'slug',
      'name',
      'startFiscalYear',
      'endFiscalYear',
      'effectiveEndFiscalYear',
      'publishedUntilFiscalYear',
      'ratedTiers',
      'links',
      'description',
      'predecessorName',
      'successorName',
      'adoptedFiscalYear',
      'tiers',
      'ratingScale',
      'license',
      'extensions',
      'designations',
      'annotationKinds',
    ],
    properties: {
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
          code: str,
          label: str,
          criteria: str,
          position: int,
          countsAsAchieved: { type: 'boolean' },
          isNotEvaluated: { type: 'boolean' },
          isDefault: { type: 'boolean', description: 'Added by the importer; the published criteria table does not list it (e.g. — for items not evaluated).' },
        }),
      },
      annotationKinds: { type: 'array', items: obj({ mark: str, meaning: str }) },
      license: obj({ id: { const: 'CC-BY-4.0' }, url: str, attribution: str }),
    },
  },
  TreeNode: obj({ code: str, level: int, tierName: str, name: str, children: { type: 'array', items: { $ref: '#/components/schemas/TreeNode' } } }),
  Item: obj({
    id: int,
    code: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)*$' },
    level: { type: 'integer', minimum: 1 },
    tierName: str,
    name: str,
    parentCode: nullable('string'),
    ancestorCodes: { type: 'array', items: str },
    childCodes: { type: 'array', items: str },
    department: departmentRef,
    endedFromFiscalYear: nullable('integer'),
    links: links('self', 'portal'),
  }),
  ItemRating: obj({
    fiscalYear,
    fiscalYearLabel,
    code: str,
    achieved: { type: 'boolean' },
    annotations: { type: 'array', items: str },
    reason: nullable('string'),
  }),
  // Written out in full rather than allOf Item: additionalProperties does not see through allOf.
  ItemDetail: {
    type: 'object',
    required: [
      'id',
      'code',
      'level',
      'tierName',
      'name',
      'parentCode',
      'ancestorCodes',
      'childCodes',
      'department',
      'endedFromFiscalYear',
      'links',
      'ratings',
      'narratives',
    ],
    additionalProperties: false,
    properties: {
      id: int,
      code: str,
      level: int,
      tierName: str,
      name: str,
      parentCode: nullable('string'),
      ancestorCodes: { type: 'array', items: str },
      childCodes: { type: 'array', items: str },
      department: departmentRef,
      endedFromFiscalYear: nullable('integer'),
      links: links('self', 'portal'),
      ratings: { type: 'array', items: ref('ItemRating') },
      narratives: { type: 'array', items: ref('Narrative') },
    },
  },
  Rating: obj({
    itemId: int,
    itemCode: str,
    itemName: str,
    level: { type: 'integer', minimum: 1 },
    tierName: str,
    department: departmentRef,
    fiscalYear,
    fiscalYearLabel,
    code: str,
    achieved: { type: 'boolean' },
    annotations: { type: 'array', items: str },
    reason: nullable('string'),
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

const limit = q('limit', '1ページの件数 (1〜500、既定 100)', { type: 'integer', minimum: 1, maximum: 500, default: 100 });
const cursor = q('cursor', '前のページの links.next に含まれるカーソル', str);
const fiscalYearParam = q('fiscalYear', '年度: 2022, R4, 令和4年度 など', str);
const levelParam = q('level', '階層 (1 = 最上位の階層。階層の数と名前は計画ごと: /plans/{plan} の tiers)', { type: 'integer', minimum: 1 });
const departmentParam = q('department', '担当課の ID', { type: 'integer', minimum: 1 });
const underParam = q('under', 'この番号の項目の配下だけ (例: 2.1)', { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)*$' });

export function buildOpenApiDocument() {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'hyoka open data API',
      version: '1.0.0',
      summary: '公表済みの進捗評価結果を読み取る Web API（読み取り専用）',
      description:
        '公表済み（status = published）の評価だけを返します。ID は安定しています（計画は slug、項目は番号 code）。一覧はカーソル方式でページ送りします（links.next）。エラーは RFC 9457 の application/problem+json です。データは CC BY 4.0（公共データ利用規約 第1.0版 互換）。',
      license: { name: 'CC BY 4.0 (data)', identifier: 'CC-BY-4.0' },
    },
    servers: [{ url: '/api/v1' }],
    paths: { ...planPaths(), ...itemPaths(), ...listPaths(), ...outputPaths(), ...searchPaths() },
    components: { schemas },
  };
}

/** The plans and their plan-wide answers. */
function planPaths() {
  return {
    '/plans': { get: { operationId: 'listPlans', summary: '公開中の計画の一覧', responses: ok('Plans', listOf('Plan')) } },
    '/plans/{plan}': {
      get: {
        operationId: 'getPlan',
        summary: '計画の詳細（期間、階層、評価尺度、ライセンス）',
        parameters: [planParam],
        responses: ok('Plan', ref('PlanDetail')),
      },
    },
    '/plans/{plan}/tree': {
      get: { operationId: 'getTree', summary: '計画の体系（階層の数と名前は計画ごと）', parameters: [planParam], responses: ok('Tree', listOf('TreeNode')) },
    },
    '/plans/{plan}/summary': {
      get: {
        operationId: 'getSummary',
        summary: '年度別の評価件数と達成率: data は主に評価する階層（primary）、tiers は評価する階層ごと',
        parameters: [planParam],
        responses: ok('Summary', obj({ data: { type: 'array', items: ref('YearSummary') }, tiers: { type: 'array', items: ref('TierSummary') } })),
      },
    },
    '/plans/{plan}/rounds': {
      get: { operationId: 'listRounds', summary: '公表済みの評価（年次・中間・最終）', parameters: [planParam], responses: ok('Rounds', listOf('Round')) },
    },
    '/plans/{plan}/departments': {
      get: { operationId: 'listDepartments', summary: '担当課', parameters: [planParam], responses: ok('Departments', listOf('Department')) },
    },
  };
}

/** Items, an item's timeline and the plans' lineage. */
function itemPaths() {
  return {
    '/plans/{plan}/items': {
      get: {
        operationId: 'listItems',
        summary: '項目の一覧（ページ送り）',
        parameters: [planParam, levelParam, departmentParam, underParam, limit, cursor],
        responses: ok('Items', pageOf('Item')),
      },
    },
    '/plans/{plan}/items/{code}': {
      get: {
        operationId: 'getItem',
        summary: '項目の詳細: 年度別の評価と、関係する記述',
        parameters: [planParam, { name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)*$' } }],
        responses: ok('Item', ref('ItemDetail')),
      },
    },
    '/plans/{plan}/items/{code}/timeline': {
      get: {
        operationId: 'getItemTimeline',
        summary: '項目の評価の推移を前計画・後継計画の対応する項目まで続けて（計画の切り替わりは boundaryBefore）',
        parameters: [planParam, { name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)*$' } }],
        responses: ok('Timeline', obj({ planSlug: str, itemCode: str, data: { type: 'array', items: ref('TimelineSegment') } })),
      },
    },
    '/plans/{plan}/lineage': {
      get: {
        operationId: 'getLineage',
        summary: '前計画・後継計画との項目の対応（引き継ぎ・統合・分割・終了・新規）と、引き継いだ項目だけでの比較',
        parameters: [planParam],
        responses: ok('Lineage', ref('PlanLineage')),
      },
    },
  };
}

/** Paged and filtered lists (ratings, narratives), stagnation and changes. */
function listPaths() {
  return {
    '/plans/{plan}/ratings': {
      get: {
        operationId: 'listRatings',
        summary: '評価（1件 = 評価する階層の1項目の1年度）: 年度・階層・担当課・評価コードで絞り込み',
        parameters: [
          planParam,
          fiscalYearParam,
          levelParam,
          q('code', '評価コード (計画の評価尺度のもの: A, B, C, — など)', str),
          departmentParam,
          underParam,
          limit,
          cursor,
        ],
        responses: ok('Ratings', pageOf('Rating')),
      },
    },
    '/plans/{plan}/narratives': {
      get: {
        operationId: 'listNarratives',
        summary: '進捗の記述と意見',
        parameters: [
          planParam,
          fiscalYearParam,
          q('role', '記述者', { enum: ['department', 'division', 'expert'] }),
          q('item', 'この番号の項目について（言及を含む）', str),
          limit,
          cursor,
        ],
        responses: ok('Narratives', pageOf('Narrative')),
      },
    },
    '/plans/{plan}/stagnation': {
      get: {
        operationId: 'listStagnant',
        summary: '続けて未達成（達成にも評価対象外にも数えない評価）の項目（主に評価する階層）',
        parameters: [planParam, q('minYears', '連続年数の下限（既定 3）', { type: 'integer', minimum: 1, maximum: 50, default: 3 })],
        responses: ok('Stagnant sub-items', listOf('StagnantItem')),
      },
    },
    '/plans/{plan}/changes': {
      get: {
        operationId: 'getChanges',
        summary: 'この年度の変化: 前年度と比べた評価する階層ごとの件数・達成率（ポイント）、上昇・低下・新規・終了・回復・後退・停滞',
        parameters: [
          planParam,
          q('fiscalYear', '年度（省略時は公表済みの最新年度）: 2022, R4, 令和4年度 など', str),
          q('minYears', '停滞とみなす連続年数（既定 3）', { type: 'integer', minimum: 1, maximum: 50, default: 3 }),
        ],
        responses: ok('Changes', ref('YearChanges')),
      },
    },
  };
}

/** Search across plans. */
function searchPaths() {
  return {
    '/search': {
      get: {
        operationId: 'search',
        summary: '項目名と記述の全文検索（全角・半角の違いを無視）',
        parameters: [
          { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 100 } },
          q('plan', '計画の slug で絞り込み', str),
        ],
        responses: ok('Search hits', obj({ query: str, data: { type: 'array', items: ref('SearchHit') } })),
      },
    },
  };
}
