/**
 * The OpenAPI 3.1 document of /api/v1. Schemas are JSON Schema 2020-12 and are
 * strict (additionalProperties: false), so the API tests that validate every real
 * response against them catch any drift between code and document.
 */

import { cursor, itemCode, limit, listOf, obj, pageOf, type PathRow, pathsOf, planParam, q, ref, str } from './openapi-parts.js';
import { OUTPUT_PATHS } from './openapi-outputs.js';
import { schemas } from './openapi-schemas.js';

const fiscalYearParam = q('fiscalYear', '年度: 2022, R4, 令和4年度 など', str);
const levelParam = q('level', '階層 (1 = 最上位の階層。階層の数と名前は計画ごと: /plans/{plan} の tiers)', { type: 'integer', minimum: 1 });
const departmentParam = q('department', '担当課の ID', { type: 'integer', minimum: 1 });
const underParam = q('under', 'この番号の項目の配下だけ (例: 2.1)', itemCode);
const codeParam = { name: 'code', in: 'path', required: true, schema: itemCode };
const minYears = { type: 'integer', minimum: 1, maximum: 50, default: 3 };
const ratingCodeParam = q('code', '評価コード (計画の評価尺度のもの: A, B, C, — など)', str);
const roleParam = q('role', '記述者', { enum: ['department', 'division', 'expert'] });
const mentionParam = q('item', 'この番号の項目について（言及を含む）', str);
const changesYearParam = q('fiscalYear', '年度（省略時は公表済みの最新年度）: 2022, R4, 令和4年度 など', str);

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
    paths: pathsOf([...PLAN_PATHS, ...OUTPUT_PATHS, ...SEARCH_PATHS]),
    components: { schemas },
  };
}

/**
 * The plans, their items, the paged and filtered lists, stagnation and changes: one row a
 * path (path, operation, summary, parameters, the answer's description and schema).
 */
const PLAN_PATHS: readonly PathRow[] = [
  ['/plans', 'listPlans', '公開中の計画の一覧', [], 'Plans', listOf('Plan')],
  ['/plans/{plan}', 'getPlan', '計画の詳細（期間、階層、評価尺度、ライセンス）', [planParam], 'Plan', ref('PlanDetail')],
  ['/plans/{plan}/tree', 'getTree', '計画の体系（階層の数と名前は計画ごと）', [planParam], 'Tree', listOf('TreeNode')],
  [
    '/plans/{plan}/summary',
    'getSummary',
    '年度別の評価件数と達成率: data は主に評価する階層（primary）、tiers は評価する階層ごと',
    [planParam],
    'Summary',
    obj({ data: { type: 'array', items: ref('YearSummary') }, tiers: { type: 'array', items: ref('TierSummary') } }),
  ],
  ['/plans/{plan}/rounds', 'listRounds', '公表済みの評価（年次・中間・最終）', [planParam], 'Rounds', listOf('Round')],
  ['/plans/{plan}/departments', 'listDepartments', '担当課', [planParam], 'Departments', listOf('Department')],
  [
    '/plans/{plan}/items',
    'listItems',
    '項目の一覧（ページ送り）',
    [planParam, levelParam, departmentParam, underParam, limit, cursor],
    'Items',
    pageOf('Item'),
  ],
  ['/plans/{plan}/items/{code}', 'getItem', '項目の詳細: 年度別の評価と、関係する記述', [planParam, codeParam], 'Item', ref('ItemDetail')],
  [
    '/plans/{plan}/items/{code}/timeline',
    'getItemTimeline',
    '項目の評価の推移を前計画・後継計画の対応する項目まで続けて（計画の切り替わりは boundaryBefore）',
    [planParam, codeParam],
    'Timeline',
    obj({ planSlug: str, itemCode: str, data: { type: 'array', items: ref('TimelineSegment') } }),
  ],
  [
    '/plans/{plan}/lineage',
    'getLineage',
    '前計画・後継計画との項目の対応（引き継ぎ・統合・分割・終了・新規）と、引き継いだ項目だけでの比較',
    [planParam],
    'Lineage',
    ref('PlanLineage'),
  ],
  [
    '/plans/{plan}/ratings',
    'listRatings',
    '評価（1件 = 評価する階層の1項目の1年度）: 年度・階層・担当課・評価コードで絞り込み',
    [planParam, fiscalYearParam, levelParam, ratingCodeParam, departmentParam, underParam, limit, cursor],
    'Ratings',
    pageOf('Rating'),
  ],
  [
    '/plans/{plan}/narratives',
    'listNarratives',
    '進捗の記述と意見',
    [planParam, fiscalYearParam, roleParam, mentionParam, limit, cursor],
    'Narratives',
    pageOf('Narrative'),
  ],
  [
    '/plans/{plan}/stagnation',
    'listStagnant',
    '続けて未達成（達成にも評価対象外にも数えない評価）の項目（主に評価する階層）',
    [planParam, q('minYears', '連続年数の下限（既定 3）', minYears)],
    'Stagnant sub-items',
    listOf('StagnantItem'),
  ],
  [
    '/plans/{plan}/changes',
    'getChanges',
    'この年度の変化: 前年度と比べた評価する階層ごとの件数・達成率（ポイント）、上昇・低下・新規・終了・回復・後退・停滞',
    [planParam, changesYearParam, q('minYears', '停滞とみなす連続年数（既定 3）', minYears)],
    'Changes',
    ref('YearChanges'),
  ],
];

/** Search across plans. */
const SEARCH_PATHS: readonly PathRow[] = [
  [
    '/search',
    'search',
    '項目名と記述の全文検索（全角・半角の違いを無視）',
    [{ name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 100 } }, q('plan', '計画の slug で絞り込み', str)],
    'Search hits',
    obj({ query: str, data: { type: 'array', items: ref('SearchHit') } }),
  ],
];
