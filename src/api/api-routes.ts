/**
 * /api/v1: the read-only open-data API. JSON only, published data only, stable IDs
 * (plan slug, item code), cursor pagination, ETag + Cache-Control, CORS open for
 * GET, errors as RFC 9457 problem+json.
 *
 * Over 400 lines because every route shares this file's private plumbing (problem answers,
 * CORS, the snapshot memo, paging); the routes are grouped in one function per resource
 * family and each answer's shape is built in its own module (resources.ts,
 * changes-resource.ts, lineage-resource.ts, outputs-resource.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, notFound } from '../errors.js';
import { publicComparableYears, publicYearChanges } from '../portal/changes-table.js';
import { stagnationOf } from '../portal/portal-stats.js';
import { changesResource, timelineResource } from './changes-resource.js';
import { lineageResource } from './lineage-resource.js';
import { costsResource, directionsResource, indicatorsResource, type OutputFilter, type OutputPage } from './outputs-resource.js';
import { crossPlanTimeline, linkedPlanSlugs } from '../portal/lineage-timeline.js';
import {
  allRatedItems,
  narrativesAbout,
  scaleOfLevel,
  type PublicDataCache,
  type PublicDataset,
  type PublicItem,
  type PublicPlanRef,
} from '../portal/public-data.js';
import { searchDataset } from '../portal/search.js';
import { portalUrls } from '../portal/urls.js';
import { etagOf, memoised, memoisedBody, sendCached } from '../web/http-cache.js';
import { pathOf } from '../web/request-path.js';
import {
  CHANGES_PARAMETERS,
  ITEM_CODE,
  ITEMS_PARAMETERS,
  NARRATIVES_PARAMETERS,
  NO_PARAMETERS,
  OUTPUTS_PARAMETERS,
  RATINGS_PARAMETERS,
  SEARCH_PARAMETERS,
  SLUG,
  STAGNATION_PARAMETERS,
  changesQuery,
  itemsQuery,
  narrativesQuery,
  outputsQuery,
  ratingsQuery,
  searchQuery,
  stagnationQuery,
} from './api-schema.js';
import { buildOpenApiDocument } from './openapi.js';
import { codeSortKey, encodeCursor, paginate } from './pagination.js';
import { problemFromAppError, toProblem, type ProblemFacts } from '../web/problem.js';
import { parseQuery, readQuery, type ApiQuery } from './query-params.js';
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
  tierSummaryResource,
  treeResource,
  type RatingRow,
} from './resources.js';

export const API_CACHE_CONTROL = 'public, max-age=60';
const JSON_TYPE = 'application/json; charset=utf-8';

function cors(reply: FastifyReply): FastifyReply {
  return reply.header('access-control-allow-origin', '*').header('access-control-expose-headers', 'ETag, Link').header('x-content-type-options', 'nosniff');
}

function sendProblem(req: FastifyRequest, reply: FastifyReply, problem: ProblemFacts): FastifyReply {
  cors(reply);
  if (problem.status === 405) reply.header('allow', 'GET, HEAD, OPTIONS');
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify(toProblem(problem, pathOf(req))));
}

/** Framework errors (bad URL encoding, …) and faults: the ones that are not AppErrors. */
function problemFromOtherError(req: FastifyRequest, error: unknown): ProblemFacts {
  const status = (error as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status: status === 404 ? 404 : 400, slug: status === 404 ? 'not-found' : 'invalid-parameter', detail: (error as Error).message };
  }
  req.log.error(error);
  return { status: 500, slug: 'server-error', detail: 'サーバーで問題が起きました。時間をおいて再度お試しください。' };
}

interface Sorted {
  items: PublicItem[];
  ratings: RatingRow[];
  narratives: { key: string; n: PublicDataset['narratives'][number] }[];
  /** Achieved codes per rated level (each tier on its own scale). */
  achieved: Map<number, Set<string>>;
}

const sortedCache = new WeakMap<PublicDataset, Sorted>();
function sorted(data: PublicDataset): Sorted {
  let s = sortedCache.get(data);
  if (!s) {
    const items = [...data.items].sort((a, b) => (codeSortKey(a.code) < codeSortKey(b.code) ? -1 : 1));
    const ratings: RatingRow[] = allRatedItems(data)
      .flatMap((item) => item.ratings.map((rating) => ({ key: `${codeSortKey(item.code)}/${rating.fiscalYear}`, item, rating })))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const narratives = data.narratives.map((n) => ({ key: `${n.fiscalYear}/${String(n.id).padStart(12, '0')}`, n })).sort((a, b) => (a.key < b.key ? -1 : 1));
    const achieved = new Map(
      data.tierSummaries.map((t) => [
        t.level,
        new Set(
          scaleOfLevel(data, t.level)
            .filter((c) => c.countsAsAchieved)
            .map((c) => c.code),
        ),
      ]),
    );
    s = { items, ratings, narratives, achieved };
    sortedCache.set(data, s);
  }
  return s;
}

interface PageRequest {
  limit: number;
  /** The decoded cursor: the key of the previous page's last row. */
  cursor?: string | undefined;
}

/** One page of `rows` in key order, each row as its resource, with the page's links and counts. */
function pageBody<T, R>(
  req: FastifyRequest,
  query: ApiQuery,
  { limit, cursor }: PageRequest,
  rows: readonly T[],
  row: { key: (row: T) => string; resource: (row: T) => R },
) {
  const page = paginate(rows, row.key, cursor, limit);
  return { data: page.rows.map(row.resource), links: pageLinks(req, query, page.nextKey), meta: { total: page.total, limit, count: page.rows.length } };
}

/** This page's URL and the next one's: the same query with the cursor after `nextKey` (null on the last page). */
function pageLinks(req: FastifyRequest, query: ApiQuery, nextKey: string | null) {
  let next: string | null = null;
  if (nextKey !== null) {
    const q = new URLSearchParams(query.withoutCursor);
    q.set('cursor', encodeCursor(nextKey));
    next = `${pathOf(req)}?${q.toString()}`;
  }
  return { self: req.url, next };
}

/** An outputs page (outputs-resource.ts) with its links and counts. */
function outputsBody<B extends object>(req: FastifyRequest, query: ApiQuery, limit: number, page: OutputPage<B>) {
  return { ...page.body, links: pageLinks(req, query, page.nextKey), meta: { total: page.total, limit, count: page.count } };
}

/** The schema has checked that `under` names an item of the plan. */
function underFilter(under: string | undefined): (item: PublicItem) => boolean {
  if (under === undefined) return () => true;
  return (item) => item.code === under || item.ancestorCodes.includes(under);
}

export interface ApiOptions {
  cache: PublicDataCache;
}

/** Errors, 405s, CORS and preflight for everything under the API's prefix. */
function registerApiPlumbing(api: FastifyInstance): void {
  api.setErrorHandler(async (error, req, reply) => sendProblem(req, reply, isAppError(error) ? problemFromAppError(error) : problemFromOtherError(req, error)));
  api.setNotFoundHandler(async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      return sendProblem(req, reply, { status: 405, slug: 'method-not-allowed', detail: 'この API は読み取り専用です（GET のみ）。' });
    }
    return sendProblem(req, reply, problemFromAppError(notFound(`API に ${pathOf(req)} はありません。/api/v1/openapi.json を参照してください。`)));
  });
  // A callback hook: an async one costs every answer a promise and a turn of the microtask queue.
  api.addHook('onSend', (_req, reply, payload, done) => {
    cors(reply);
    done(null, payload);
  });
  api.options('/*', async (_req, reply) =>
    cors(reply)
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', 'If-None-Match, Accept')
      .header('access-control-max-age', '86400')
      .code(204)
      .send(),
  );
}

interface PlanRouteContext {
  data: PublicDataset;
  ref: PublicPlanRef;
  query: ApiQuery;
  req: FastifyRequest;
}

/** The entry points: the OpenAPI document, the index and the list of plans. */
function registerIndexRoutes(api: FastifyInstance, cache: PublicDataCache): void {
  const openapi = JSON.stringify(buildOpenApiDocument(), null, 1);
  api.get('/openapi.json', async (req, reply) => {
    readQuery(req.query, NO_PARAMETERS);
    return reply.header('cache-control', API_CACHE_CONTROL).type(JSON_TYPE).send(openapi);
  });

  api.get('/', async (req, reply) => {
    readQuery(req.query, NO_PARAMETERS);
    return reply
      .type(JSON_TYPE)
      .header('cache-control', API_CACHE_CONTROL)
      .send({ openapi: `${API}/openapi.json`, documentation: '/api', plans: apiUrls.plans() });
  });

  api.get('/plans', async (req, reply) => {
    readQuery(req.query, NO_PARAMETERS);
    const refs = await cache.plans();
    const datasets = await Promise.all(refs.map((r) => cache.dataset(r.slug)));
    const body = JSON.stringify({ data: refs.map((r, i) => planResource(r, datasets[i]!)) });
    return sendCached(req, reply, { body, etag: etagOf(body), contentType: JSON_TYPE }, API_CACHE_CONTROL);
  });
}

type PlanRoute = (path: string, allowed: readonly string[], build: (ctx: PlanRouteContext) => unknown) => void;

/** A route under /plans/:plan: loads the plan's public snapshot, then answers from the snapshot's memo. */
function planRouteOf(api: FastifyInstance, cache: PublicDataCache): PlanRoute {
  return (path, allowed, build) => {
    api.get<{ Params: { plan: string } }>(path, async (req, reply) => {
      const slug = req.params.plan;
      if (!SLUG.test(slug)) throw notFound(`計画が見つかりません: ${slug}`);
      const query = readQuery(req.query, allowed);
      const data = await cache.dataset(slug);
      const key = `api ${req.url}`;
      const cached =
        memoisedBody(data, key) ??
        (await memoised(data, key, async () => {
          const ref = (await cache.plans()).find((p) => p.slug === slug)!;
          return { body: JSON.stringify(build({ data, ref, query, req })), contentType: JSON_TYPE };
        }));
      return sendCached(req, reply, cached, API_CACHE_CONTROL);
    });
  };
}

/** Everything under /plans/:plan, answered from the plan's published snapshot. */
function registerPlanResourceRoutes(api: FastifyInstance, cache: PublicDataCache): void {
  const planRoute = planRouteOf(api, cache);
  registerPlanRoutes(planRoute);
  registerItemRoutes(api, cache, planRoute);
  registerListRoutes(planRoute);
  registerOutputRoutes(planRoute);
}

/** The plan, its tree and its plan-wide answers. */
function registerPlanRoutes(planRoute: PlanRoute): void {
  planRoute('/plans/:plan', NO_PARAMETERS, ({ data, ref }) => planDetailResource(ref, data));

  planRoute('/plans/:plan/tree', NO_PARAMETERS, ({ data }) => ({
    data: data.items.filter((i) => i.parentCode === null).map((root) => treeResource(data, root)),
  }));
  planRoute('/plans/:plan/summary', NO_PARAMETERS, ({ data }) => ({
    data: data.summary.map(summaryResource),
    tiers: data.tierSummaries.map(tierSummaryResource),
  }));
  planRoute('/plans/:plan/rounds', NO_PARAMETERS, ({ data }) => ({ data: data.rounds.map(roundResource) }));
  planRoute('/plans/:plan/departments', NO_PARAMETERS, ({ data }) => ({ data: data.departments }));
}

/** The plan's dataset and one of its items, from the path; no query parameters allowed. */
async function publishedItem(
  cache: PublicDataCache,
  params: { plan: string; code: string },
  query: unknown,
): Promise<{ data: PublicDataset; item: PublicItem }> {
  const { plan: slug, code } = params;
  if (!SLUG.test(slug)) throw notFound(`計画が見つかりません: ${slug}`);
  readQuery(query, NO_PARAMETERS);
  const data = await cache.dataset(slug);
  const item = ITEM_CODE.test(code) ? data.itemsByCode.get(code) : undefined;
  if (!item) throw notFound(`項目が見つかりません: ${code}`);
  return { data, item };
}

/** The datasets of those of the given plans that are published, by slug. */
async function publishedDatasets(cache: PublicDataCache, slugs: Iterable<string>): Promise<Map<string, PublicDataset>> {
  const published = new Set((await cache.plans()).map((p) => p.slug));
  const datasets = new Map<string, PublicDataset>();
  for (const slug of slugs) if (published.has(slug)) datasets.set(slug, await cache.dataset(slug));
  return datasets;
}

/** Items, an item and its timeline across plans, the plans' lineage. */
function registerItemRoutes(api: FastifyInstance, cache: PublicDataCache, planRoute: PlanRoute): void {
  planRoute('/plans/:plan/items', ITEMS_PARAMETERS, ({ data, query, req }) => {
    const { level, department, under, ...page } = parseQuery(itemsQuery(data), query);
    const isUnder = underFilter(under);
    const rows = sorted(data).items.filter(
      (i) => (level === undefined || i.level === level) && (department === undefined || i.departmentId === department) && isUnder(i),
    );
    return pageBody(req, query, page, rows, { key: (i) => codeSortKey(i.code), resource: (i) => itemResource(data, i) });
  });

  api.get<{ Params: { plan: string; code: string } }>('/plans/:plan/items/:code', async (req, reply) => {
    const { data, item } = await publishedItem(cache, req.params, req.query);
    const key = `api ${req.url}`;
    const cached =
      memoisedBody(data, key) ??
      (await memoised(data, key, () => {
        const narratives = item.childCodes.length === 0 ? narrativesAbout(data, item) : data.narratives.filter((n) => n.itemCode === item.code);
        return { body: JSON.stringify(itemDetailResource(data, item, narratives)), contentType: JSON_TYPE };
      }));
    return sendCached(req, reply, cached, API_CACHE_CONTROL);
  });

  api.get<{ Params: { plan: string; code: string } }>('/plans/:plan/items/:code/timeline', async (req, reply) => {
    const { data, item } = await publishedItem(cache, req.params, req.query);
    const others = await publishedDatasets(cache, linkedPlanSlugs(data, item));
    const segments = crossPlanTimeline(data, item, (s) => others.get(s));
    const body = JSON.stringify(timelineResource(data, item, segments));
    return sendCached(req, reply, { body, etag: etagOf(body), contentType: JSON_TYPE }, API_CACHE_CONTROL);
  });

  api.get<{ Params: { plan: string } }>('/plans/:plan/lineage', async (req, reply) => {
    const slug = req.params.plan;
    if (!SLUG.test(slug)) throw notFound(`計画が見つかりません: ${slug}`);
    readQuery(req.query, NO_PARAMETERS);
    const data = await cache.dataset(slug);
    const others = await publishedDatasets(cache, new Set(data.lineage.map((l) => l.otherPlanSlug)));
    const body = JSON.stringify(lineageResource(data, others));
    return sendCached(req, reply, { body, etag: etagOf(body), contentType: JSON_TYPE }, API_CACHE_CONTROL);
  });
}

/** Paged lists (ratings, narratives), stagnation and the year's changes. */
function registerListRoutes(planRoute: PlanRoute): void {
  planRoute('/plans/:plan/ratings', RATINGS_PARAMETERS, ({ data, query, req }) => {
    const { fiscalYear: fy, level, code, department, under, ...page } = parseQuery(ratingsQuery(data), query);
    const isUnder = underFilter(under);
    const s = sorted(data);
    const rows = s.ratings.filter(
      (r) =>
        (fy === undefined || r.rating.fiscalYear === fy) &&
        (level === undefined || r.item.level === level) &&
        (code === undefined || r.rating.code === code) &&
        (department === undefined || r.item.departmentId === department) &&
        isUnder(r.item),
    );
    return pageBody(req, query, page, rows, { key: (r) => r.key, resource: (r) => ratingResource(r, s.achieved) });
  });

  planRoute('/plans/:plan/narratives', NARRATIVES_PARAMETERS, ({ data, query, req }) => {
    const { fiscalYear: fy, role, item, ...page } = parseQuery(narrativesQuery(data), query);
    const rows = sorted(data).narratives.filter(
      ({ n }) =>
        (fy === undefined || n.fiscalYear === fy) &&
        (role === undefined || n.authorRole === role) &&
        (item === undefined || n.itemCode === item || n.mentionCodes.includes(item)),
    );
    return pageBody(req, query, page, rows, { key: (r) => r.key, resource: (r) => narrativeResource(r.n) });
  });

  planRoute('/plans/:plan/stagnation', STAGNATION_PARAMETERS, ({ data, query }) => {
    const { minYears } = parseQuery(stagnationQuery, query);
    return { data: stagnationOf(data, minYears).map(stagnantResource) };
  });
  planRoute('/plans/:plan/changes', CHANGES_PARAMETERS, ({ data, query }) => {
    const { fiscalYear: asked, minYears } = parseQuery(changesQuery, query);
    const years = publicComparableYears(data);
    const fy = asked ?? years[years.length - 1];
    if (fy === undefined || !years.includes(fy)) throw notFound(`比べられる年度ではありません: ${asked ?? ''}（${years.join(', ')}）`);
    return changesResource(data.plan.slug, publicYearChanges(data, fy, minYears), years);
  });
}

/** Indicators with their targets, actuals and rule answers; proposals; 今後の方向性; costs: paged like the lists. */
function registerOutputRoutes(planRoute: PlanRoute): void {
  const routes: [string, (data: PublicDataset, filter: OutputFilter) => OutputPage<object>][] = [
    ['/plans/:plan/indicators', indicatorsResource],
    ['/plans/:plan/directions', directionsResource],
    ['/plans/:plan/costs', costsResource],
  ];
  for (const [path, resource] of routes) {
    planRoute(path, OUTPUTS_PARAMETERS, ({ data, query, req }) => {
      const filter = parseQuery(outputsQuery(data), query);
      return outputsBody(req, query, filter.limit, resource(data, filter));
    });
  }
}

/** Search across every published plan (or one), by item name and narrative text. */
function registerSearchRoute(api: FastifyInstance, cache: PublicDataCache): void {
  api.get('/search', async (req, reply) => {
    const { q, plan: planSlug } = parseQuery(searchQuery, readQuery(req.query, SEARCH_PARAMETERS));
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

/** The API as a fastify plugin; the server mounts it under /api/v1. */
export async function apiPlugin(api: FastifyInstance, { cache }: ApiOptions): Promise<void> {
  registerApiPlumbing(api);
  registerIndexRoutes(api, cache);
  registerPlanResourceRoutes(api, cache);
  registerSearchRoute(api, cache);
}

/** Mounts the API under /api/v1, on the snapshot of published data the portal also reads. */
export function registerApiRoutes(app: FastifyInstance, cache: PublicDataCache): void {
  app.register(apiPlugin, { prefix: API, cache });
}
