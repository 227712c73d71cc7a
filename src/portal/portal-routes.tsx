/**
 * HTTP routes of the public portal (/portal/...), its downloads and the Web API's
 * documentation page (/api). Rendered pages are memoised per dataset snapshot and
 * preferences.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { notFound } from '../errors.js';
import { parseInput } from '../web/forms.js';
import { memoised, sendCached, type CachedBody } from '../web/http-cache.js';
import { renderPage } from '../web/layout.js';
import { pathOf } from '../web/request-path.js';
import { registerChangesRoutes } from './changes-routes.js';
import { crossPlanTimeline, linkedPlanSlugs } from './lineage-timeline.js';
import { allTables, bulkZip, ratingsSubsetTable, toCsv, toJson, type Table } from './downloads.js';
import { outputsWorkbook } from './indicator-downloads.js';
import { ApiDocPage } from './pages/api-page.js';
import { DepartmentPage } from './pages/department-page.js';
import { DepartmentsPage } from './pages/departments-page.js';
import { DownloadsPage } from './pages/downloads-page.js';
import { PortalHomePage } from './pages/home-page.js';
import { ItemPage } from './pages/item-page.js';
import { PlanHomePage } from './pages/plan-home-page.js';
import { SearchPage, type PlanSearchResult } from './pages/search-page.js';
import { StagnationPage } from './pages/stagnation-page.js';
import { dataFileParams, departmentParams, itemParams, planParams, ratingsFileParams, searchQuery } from './portal-schema.js';
import type { PublicDataCache } from './public-data-cache.js';
import type { PublicDataset } from './public-data.js';
import { MAX_QUERY_LENGTH, searchDataset } from './search.js';
import { sendPortalPage } from './page-cache.js';
import { PORTAL, portalUrls } from './urls.js';

const HTML = 'text/html; charset=utf-8';
const PAGE_CACHE_CONTROL = 'public, max-age=60';

/** Path parameters that do not parse name nothing that exists. */
function paramsOr404<S extends z.ZodType>(schema: S, params: unknown, message: string): z.output<S> {
  const parsed = parseInput(schema, params);
  if (!parsed.ok) throw notFound(message);
  return parsed.value;
}

const slugOf = (params: unknown): string => paramsOr404(planParams, params, '計画が見つかりません').slug;

function tableBody(data: PublicDataset, table: Table, ext: 'csv' | 'json'): Omit<CachedBody, 'etag'> {
  return ext === 'csv'
    ? { body: toCsv(table), contentType: 'text/csv; charset=utf-8' }
    : { body: toJson(data, table), contentType: 'application/json; charset=utf-8' };
}

/** A page of one plan, rendered once per snapshot, preferences and path (page-cache.ts). */
function sendPlanPage(req: FastifyRequest, reply: FastifyReply, data: PublicDataset, render: () => preact.VNode, alsoShown: readonly PublicDataset[] = []) {
  return sendPortalPage(req, reply, data, () => renderPage(render()), alsoShown);
}

/** The public datasets of the other plans an item's timeline continues into. */
async function linkedDatasets(cache: PublicDataCache, slugs: readonly string[]): Promise<Map<string, PublicDataset>> {
  const out = new Map<string, PublicDataset>();
  if (slugs.length === 0) return out;
  const published = new Set((await cache.plans()).map((p) => p.slug));
  for (const slug of slugs) if (published.has(slug)) out.set(slug, await cache.dataset(slug));
  return out;
}

/** A page across plans, rendered on every request. */
function sendFreshPage(reply: FastifyReply, node: preact.VNode) {
  return reply.type(HTML).header('cache-control', 'no-cache').send(renderPage(node));
}

/** The portal's pages: home, a plan's home, items, departments, stagnation, downloads. */
function registerPageRoutes(app: FastifyInstance, cache: PublicDataCache): void {
  app.get(PORTAL, async (req, reply) => sendFreshPage(reply, <PortalHomePage plans={await cache.plans()} prefs={req.prefs} path={PORTAL} />));

  app.get(`${PORTAL}/plans/:slug`, async (req, reply) => {
    const data = await cache.dataset(slugOf(req.params));
    return sendPlanPage(req, reply, data, () => <PlanHomePage data={data} prefs={req.prefs} path={portalUrls.plan(data.plan.slug)} />);
  });

  app.get(`${PORTAL}/plans/:slug/items/:code`, async (req, reply) => {
    const params = paramsOr404(itemParams, req.params, '項目が見つかりません');
    const data = await cache.dataset(params.slug);
    const item = data.itemsByCode.get(params.code);
    if (!item) throw notFound(`項目が見つかりません: ${params.code}`);
    const others = await linkedDatasets(cache, linkedPlanSlugs(data, item));
    const across = crossPlanTimeline(data, item, (slug) => others.get(slug));
    // The timeline shows the linked plans' snapshots too: a change to one of them renders the page anew.
    return sendPlanPage(req, reply, data, () => <ItemPage data={data} item={item} prefs={req.prefs} path={pathOf(req)} across={across} />, [
      ...others.values(),
    ]);
  });

  app.get(`${PORTAL}/plans/:slug/departments`, async (req, reply) => {
    const data = await cache.dataset(slugOf(req.params));
    return sendPlanPage(req, reply, data, () => <DepartmentsPage data={data} prefs={req.prefs} path={pathOf(req)} />);
  });

  app.get<{ Params: { slug: string; id: string } }>(`${PORTAL}/plans/:slug/departments/:id`, async (req, reply) => {
    const data = await cache.dataset(req.params.slug);
    const parsed = parseInput(departmentParams, req.params);
    const department = parsed.ok ? data.departments.find((d) => d.id === parsed.value.id) : undefined;
    if (!department) throw notFound(`担当課が見つかりません: ${req.params.id}`);
    return sendPlanPage(req, reply, data, () => <DepartmentPage data={data} department={department} prefs={req.prefs} path={pathOf(req)} />);
  });

  app.get(`${PORTAL}/plans/:slug/stagnation`, async (req, reply) => {
    const data = await cache.dataset(slugOf(req.params));
    return sendPlanPage(req, reply, data, () => <StagnationPage data={data} prefs={req.prefs} path={pathOf(req)} />);
  });

  app.get(`${PORTAL}/plans/:slug/downloads`, async (req, reply) => {
    const data = await cache.dataset(slugOf(req.params));
    return sendPlanPage(req, reply, data, () => <DownloadsPage data={data} prefs={req.prefs} path={pathOf(req)} />);
  });
}

/** The machine-readable files of a plan: every table as CSV and JSON, the zip, each page's ratings. */
function registerDataRoutes(app: FastifyInstance, cache: PublicDataCache): void {
  // Indicators, directions and costs in one workbook (indicator-downloads.ts); 404 for a plan without any.
  app.get<{ Params: { slug: string } }>(`${PORTAL}/plans/:slug/data/outputs.xlsx`, async (req, reply) => {
    const data = await cache.dataset(req.params.slug);
    const cached = await memoised(data, 'data outputs.xlsx', async () => {
      const body = await outputsWorkbook(data);
      if (!body) throw notFound('このデータはありません: outputs.xlsx');
      return { body, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    });
    reply.header('content-disposition', `attachment; filename="${data.plan.slug}-outputs.xlsx"`);
    reply.header('access-control-allow-origin', '*');
    return sendCached(req, reply, cached, PAGE_CACHE_CONTROL);
  });

  app.get<{ Params: { slug: string; file: string } }>(`${PORTAL}/plans/:slug/data/:file`, async (req, reply) => {
    const data = await cache.dataset(req.params.slug);
    const { file } = paramsOr404(dataFileParams, req.params, `ファイルが見つかりません: ${req.params.file}`);
    let cached: CachedBody;
    if (file.kind === 'zip') {
      cached = await memoised(data, 'data all.zip', async () => ({ body: await bulkZip(data), contentType: 'application/zip' }));
      reply.header('content-disposition', `attachment; filename="${data.plan.slug}.zip"`);
    } else {
      cached = await memoised(data, `data ${req.params.file}`, () => tableBody(data, allTables(data).find((t) => t.name === file.name)!, file.ext));
      if (file.ext === 'csv') reply.header('content-disposition', `attachment; filename="${data.plan.slug}-${file.name}.csv"`);
    }
    reply.header('access-control-allow-origin', '*');
    return sendCached(req, reply, cached, PAGE_CACHE_CONTROL);
  });

  // The ratings table of one page (an item's subtree, a department), as on that page.
  app.get<{ Params: { slug: string; file: string } }>(`${PORTAL}/plans/:slug/data/ratings/:file`, async (req, reply) => {
    const data = await cache.dataset(req.params.slug);
    const parsed = parseInput(ratingsFileParams, req.params);
    const table = parsed.ok ? ratingsSubsetTable(data, parsed.value.file.subset) : undefined;
    if (!parsed.ok || !table) throw notFound(`ファイルが見つかりません: ${req.params.file}`);
    const { subset, ext } = parsed.value.file;
    const cached = await memoised(data, `data ratings/${req.params.file}`, () => tableBody(data, table, ext));
    if (ext === 'csv') reply.header('content-disposition', `attachment; filename="${data.plan.slug}-ratings-${subset}.csv"`);
    reply.header('access-control-allow-origin', '*');
    return sendCached(req, reply, cached, PAGE_CACHE_CONTROL);
  });
}

/** Search across the published plans, and the Web API's documentation page. */
function registerSearchAndApiPages(app: FastifyInstance, cache: PublicDataCache): void {
  app.get(`${PORTAL}/search`, async (req, reply) => {
    const parsed = parseInput(searchQuery(req.prefs.lang), req.query, req.prefs.lang);
    const query = parsed.ok ? parsed.value.q : typeof parsed.values.q === 'string' ? parsed.values.q.trim() : '';
    const error = parsed.ok ? undefined : parsed.errors.q;
    const results: PlanSearchResult[] = [];
    if (!error && query) {
      for (const ref of await cache.plans()) {
        const data = await cache.dataset(ref.slug);
        results.push({ data, ...searchDataset(data, query) });
      }
    }
    return sendFreshPage(
      reply.code(error ? 400 : 200),
      <SearchPage prefs={req.prefs} path={portalUrls.search()} query={query.slice(0, MAX_QUERY_LENGTH)} results={results} error={error} />,
    );
  });

  app.get(portalUrls.apiPage(), async (req, reply) => {
    const plans = await cache.plans();
    return sendFreshPage(reply, <ApiDocPage prefs={req.prefs} path={portalUrls.apiPage()} exampleSlug={plans[0]?.slug} />);
  });
}

export function registerPortalRoutes(app: FastifyInstance, cache: PublicDataCache): void {
  registerPageRoutes(app, cache);
  registerChangesRoutes(app, cache);
  registerDataRoutes(app, cache);
  registerSearchAndApiPages(app, cache);
}
