/**
 * /api/v1: the read-only open-data API. JSON only, published data only, stable IDs
 * (plan slug, item code), cursor pagination, ETag + Cache-Control, CORS open for
 * GET, errors as RFC 9457 problem+json.
 */
import { isAppError } from '../errors.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findStagnantItems } from '../analysis/stagnation.js';
import { leafItems, narrativesAbout, type PublicDataCache, type PublicDataset, type PublicItem, type PublicPlanRef } from '../portal/public-data.js';
import { MAX_QUERY_LENGTH, searchDataset } from '../portal/search.js';
import { portalUrls } from '../portal/urls.js';
import { etagOf, memoised, sendCached } from './http-cache.js';
import { buildOpenApiDocument } from './openapi.js';
import { codeSortKey, decodeCursor, encodeCursor, paginate } from './pagination.js';
import { ApiProblem, problemFromAppError, invalidParameter, notFound, toProblem } from './problem.js';
import { ITEM_CODE, QueryParams } from './query-params.js';
import {
  API,
  apiUrls,
  itemDetailResource,
  itemResource,
  narrativeResource,
  planDetailResource,
  planResource,
  ratingResource,
  roundResource,
  stagnantResource,
  summaryResource,
  treeResource,
  type RatingRow,
} from './resources.js';

export const API_CACHE_CONTROL = 'public, max-age=60';
const JSON_TYPE = 'application/json; charset=utf-8';
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

function cors(reply: FastifyReply): FastifyReply {
  return reply
    .header('access-control-allow-origin', '*')
    .header('access-control-expose-headers', 'ETag, Link')
    .header('x-content-type-options', 'nosniff');
}

function sendProblem(req: FastifyRequest, reply: FastifyReply, problem: ApiProblem): FastifyReply {
  const path = req.url.split('?')[0] ?? req.url;
  cors(reply);
  if (problem.status === 405) reply.header('allow', 'GET, HEAD, OPTIONS');
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').header('cache-control', 'no-store').send(JSON.stringify(toProblem(problem, path)));
}

interface Sorted {
  items: PublicItem[];
  ratings: RatingRow[];
  narratives: { key: string; n: PublicDataset['narratives'][number] }[];
  achieved: Set<string>;
}

const sortedCache = new WeakMap<PublicDataset, Sorted>();
function sorted(data: PublicDataset): Sorted {
  let s = sortedCache.get(data);
  if (!s) {
    const items = [...data.items].sort((a, b) => (codeSortKey(a.code) < codeSortKey(b.code) ? -1 : 1));
    const ratings: RatingRow[] = leafItems(data)
      .flatMap((item) => item.ratings.map((rating) => ({ key: `${codeSortKey(item.code)}/${rating.fiscalYear}`, item, rating })))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const narratives = data.narratives
      .map((n) => ({ key: `${n.fiscalYear}/${String(n.id).padStart(12, '0')}`, n }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    s = { items, ratings, narratives, achieved: new Set(data.scale.filter((c) => c.countsAsAchieved).map((c) => c.code)) };
    sortedCache.set(data, s);
  }
  return s;
}

function pageBody<T, R>(req: FastifyRequest, params: QueryParams, rows: readonly T[], keyOf: (row: T) => string, toResource: (row: T) => R) {
  const limit = params.integer('limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
  const cursor = params.string('cursor');
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  const page = paginate(rows, keyOf, after, limit);
  const path = req.url.split('?')[0]!;
  let next: string | null = null;
  if (page.nextKey !== null) {
    const q = new URLSearchParams(params.entries());
    q.set('cursor', encodeCursor(page.nextKey));
    next = `${path}?${q.toString()}`;
  }
  return { data: page.rows.map(toResource), links: { self: req.url, next }, meta: { total: page.total, limit, count: page.rows.length } };
}

function underFilter(data: PublicDataset, under: string | undefined): (item: PublicItem) => boolean {
  if (under === undefined) return () => true;
  if (!data.itemsByCode.has(under)) throw notFound(`項目が見つかりません: ${under}`);
  return (item) => item.code === under || item.ancestorCodes.includes(under);
}

export interface ApiOptions {
  cache: PublicDataCache;
}

export async function apiPlugin(api: FastifyInstance, { cache }: ApiOptions): Promise<void> {
  const openapi = JSON.stringify(buildOpenApiDocument(), null, 1);

  api.setErrorHandler(async (error, req, reply) => {
    if (error instanceof ApiProblem) return sendProblem(req, reply, error);
    if (isAppError(error)) return sendProblem(req, reply, problemFromAppError(error));
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) return sendProblem(req, reply, new ApiProblem(status === 404 ? 404 : 400, status === 404 ? 'not-found' : 'invalid-parameter', (error as Error).message));
    req.log.error(error);
    return sendProblem(req, reply, new ApiProblem(500, 'server-error', 'サーバーで問題が起きました。時間をおいて再度お試しください。'));
  });
  api.setNotFoundHandler(async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      return sendProblem(req, reply, new ApiProblem(405, 'method-not-allowed', 'この API は読み取り専用です（GET のみ）。'));
    }
    return sendProblem(req, reply, notFound(`API に ${req.url.split('?')[0]} はありません。/api/v1/openapi.json を参照してください。`));
  });
  api.addHook('onSend', async (_req, reply, payload) => {
    cors(reply);
    return payload;
  });
  api.options('/*', async (_req, reply) =>
    cors(reply).header('access-control-allow-methods', 'GET, HEAD, OPTIONS').header('access-control-allow-headers', 'If-None-Match, Accept').header('access-control-max-age', '86400').code(204).send(),
  );

  /** Loads the plan's public snapshot, then answers from the snapshot's memo. */
  const planRoute = (path: string, allowed: readonly string[], build: (ctx: { data: PublicDataset; ref: PublicPlanRef; params: QueryParams; req: FastifyRequest }) => unknown) => {
    api.get<{ Params: { plan: string } }>(path, async (req, reply) => {
      const slug = req.params.plan;
      if (!SLUG.test(slug)) throw notFound(`計画が見つかりません: ${slug}`);
      const params = new QueryParams(req.query, allowed);
      const data = await cache.dataset(slug);
      const ref = (await cache.plans()).find((p) => p.slug === slug)!;
      const cached = await memoised(data, `api ${req.url}`, () => ({ body: JSON.stringify(build({ data, ref, params, req })), contentType: JSON_TYPE }));
      return sendCached(req, reply, cached, API_CACHE_CONTROL);
    });
  };

  api.get('/openapi.json', async (req, reply) => {
    new QueryParams(req.query, []);
    return reply.header('cache-control', API_CACHE_CONTROL).type(JSON_TYPE).send(openapi);
  });

  api.get('/', async (req, reply) => {
    new QueryParams(req.query, []);
    return reply.type(JSON_TYPE).header('cache-control', API_CACHE_CONTROL).send({ openapi: `${API}/openapi.json`, documentation: '/api', plans: apiUrls.plans() });
  });

  api.get('/plans', async (req, reply) => {
    new QueryParams(req.query, []);
    const refs = await cache.plans();
    const datasets = await Promise.all(refs.map((r) => cache.dataset(r.slug)));
    const body = JSON.stringify({ data: refs.map((r, i) => planResource(r, datasets[i]!)) });
    return sendCached(req, reply, { body, etag: etagOf(body), contentType: JSON_TYPE }, API_CACHE_CONTROL);
  });

  planRoute('/plans/:plan', [], ({ data, ref }) => planDetailResource(ref, data));

  planRoute('/plans/:plan/tree', [], ({ data }) => ({ data: data.items.filter((i) => i.parentCode === null).map((root) => treeResource(data, root)) }));

  planRoute('/plans/:plan/items', ['level', 'department', 'under', 'limit', 'cursor'], ({ data, params, req }) => {
    const level = params.integer('level', 1, 20);
    const department = params.integer('department', 1, 2_000_000_000);
    const under = underFilter(data, params.string('under', { pattern: ITEM_CODE }));
    const rows = sorted(data).items.filter((i) => (level === undefined || i.level === level) && (department === undefined || i.departmentId === department) && under(i));
    return pageBody(req, params, rows, (i) => codeSortKey(i.code), (i) => itemResource(data, i));
  });

  api.get<{ Params: { plan: string; code: string } }>('/plans/:plan/items/:code', async (req, reply) => {
    const { plan: slug, code } = req.params;
    if (!SLUG.test(slug)) throw notFound(`計画が見つかりません: ${slug}`);
    new QueryParams(req.query, []);
    const data = await cache.dataset(slug);
    const item = ITEM_CODE.test(code) ? data.itemsByCode.get(code) : undefined;
    if (!item) throw notFound(`項目が見つかりません: ${code}`);
    const cached = await memoised(data, `api ${req.url}`, async () => {
      const narratives = item.childCodes.length === 0 ? narrativesAbout(data, item) : data.narratives.filter((n) => n.itemCode === item.code);
      return { body: JSON.stringify(itemDetailResource(data, item, narratives)), contentType: JSON_TYPE };
    });
    return sendCached(req, reply, cached, API_CACHE_CONTROL);
  });

  planRoute('/plans/:plan/ratings', ['fiscalYear', 'code', 'department', 'under', 'limit', 'cursor'], ({ data, params, req }) => {
    const fy = params.fiscalYear('fiscalYear');
    const code = params.string('code', { maxLength: 10 });
    if (code !== undefined && !data.scale.some((c) => c.code === code)) {
      throw invalidParameter('code', `評価コードが尺度にありません: "${code}"（${data.scale.map((c) => c.code).join(', ')}）`);
    }
    const department = params.integer('department', 1, 2_000_000_000);
    const under = underFilter(data, params.string('under', { pattern: ITEM_CODE }));
    const s = sorted(data);
    const rows = s.ratings.filter(
      (r) => (fy === undefined || r.rating.fiscalYear === fy) && (code === undefined || r.rating.code === code) && (department === undefined || r.item.departmentId === department) && under(r.item),
    );
    return pageBody(req, params, rows, (r) => r.key, (r) => ratingResource(data, r, s.achieved));
  });

  planRoute('/plans/:plan/narratives', ['fiscalYear', 'role', 'item', 'limit', 'cursor'], ({ data, params, req }) => {
    const fy = params.fiscalYear('fiscalYear');
    const role = params.oneOf('role', ['department', 'division', 'expert'] as const);
    const item = params.string('item', { pattern: ITEM_CODE });
    if (item !== undefined && !data.itemsByCode.has(item)) throw notFound(`項目が見つかりません: ${item}`);
    const rows = sorted(data).narratives.filter(
      ({ n }) => (fy === undefined || n.fiscalYear === fy) && (role === undefined || n.authorRole === role) && (item === undefined || n.itemCode === item || n.mentionCodes.includes(item)),
    );
    return pageBody(req, params, rows, (r) => r.key, (r) => narrativeResource(r.n));
  });

  planRoute('/plans/:plan/summary', [], ({ data }) => ({ data: data.summary.map(summaryResource) }));
  planRoute('/plans/:plan/rounds', [], ({ data }) => ({ data: data.rounds.map(roundResource) }));
  planRoute('/plans/:plan/departments', [], ({ data }) => ({ data: data.departments }));
  planRoute('/plans/:plan/stagnation', ['minYears'], ({ data, params }) => {
    const minYears = params.integer('minYears', 1, 50) ?? 3;
    const items = leafItems(data).map((i) => ({ id: i.id, code: i.code, name: i.name, ratings: new Map(i.ratings.map((r) => [r.fiscalYear, r])) }));
    return { data: findStagnantItems(items, data.scale, minYears).map(stagnantResource) };
  });

  api.get('/search', async (req, reply) => {
    const params = new QueryParams(req.query, ['q', 'plan']);
    const q = params.string('q', { required: true, maxLength: MAX_QUERY_LENGTH })!;
    if (q.trim() === '') throw invalidParameter('q', '検索語を指定してください。');
    const planSlug = params.string('plan', { pattern: SLUG });
    const refs = (await cache.plans()).filter((p) => planSlug === undefined || p.slug === planSlug);
    if (planSlug !== undefined && refs.length === 0) throw notFound(`計画が見つかりません: ${planSlug}`);
    const out = [];
    for (const ref of refs) {
      const data = await cache.dataset(ref.slug);
      for (const hit of searchDataset(data, q).hits) {
        out.push({
          planSlug: ref.slug,
          itemCode: hit.item.code,
          itemName: hit.item.name,
          tierName: hit.item.tierName,
          nameMatched: hit.name.some((f) => f.match),
          narrativeIds: hit.narratives.map((n) => n.narrative.id),
          links: { self: apiUrls.item(ref.slug, hit.item.code), portal: portalUrls.item(ref.slug, hit.item.code) },
        });
      }
    }
    const body = JSON.stringify({ query: q, data: out });
    return sendCached(req, reply, { body, etag: etagOf(body), contentType: JSON_TYPE }, API_CACHE_CONTROL);
  });
}
