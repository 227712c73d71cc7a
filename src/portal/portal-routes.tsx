/**
 * HTTP routes of the public portal (/portal/...), its downloads, the API page
 * (/api) and the API itself (/api/v1, registered as an encapsulated plugin).
 * Rendered pages are memoised per dataset snapshot and preferences.
 */
import { notFound } from '../errors.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../web/context.js';
import { renderPage } from '../web/layout.js';
import { apiPlugin } from '../api/api-routes.js';
import { ApiDocPage } from '../api/api-page.js';
import { memoised, sendCached } from '../api/http-cache.js';
import { TABLE_NAMES, allTables, bulkZip, ratingsSubsetTable, toCsv, toJson, type Table } from './downloads.js';
import { DepartmentPage, DepartmentsPage, DownloadsPage, ItemPage, PlanHomePage, PortalHomePage, SearchPage, StagnationPage } from './portal-pages.js';
import { PublicDataCache, type PublicDataset } from './public-data.js';
import { MAX_QUERY_LENGTH, searchDataset } from './search.js';
import { PORTAL } from './urls.js';
import { env } from '../config/env.js';

export const PORTAL_CSS = readFileSync(fileURLToPath(new URL('../../../src/portal/portal.css', import.meta.url)));
const HTML = 'text/html; charset=utf-8';
const PAGE_CACHE_CONTROL = 'public, max-age=60';

export interface PortalOptions {
  /** How often (ms) a snapshot is checked against the store in the background; 0 reloads on every request. */
  checkMs?: number;
}

export function registerPortalRoutes(app: FastifyInstance, ctx: AppContext, options: PortalOptions = {}): PublicDataCache {
  const cache = new PublicDataCache(ctx.db, options.checkMs ?? env().HYOKA_PUBLIC_CHECK_MS);
  app.register(apiPlugin, { prefix: '/api/v1', cache });

  const page = async (req: FastifyRequest, reply: FastifyReply, data: PublicDataset, render: () => preact.VNode) => {
    // Preferences come from query or cookie: the memo key and Vary must include both.
    const key = `page ${req.prefs.lang} ${req.prefs.era} ${req.url}`;
    const cached = await memoised(data, key, () => ({ body: renderPage(render()), contentType: HTML }));
    reply.header('vary', 'Cookie');
    return sendCached(req, reply, cached, PAGE_CACHE_CONTROL);
  };

  app.get(`${PORTAL}/assets/portal.css`, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PORTAL_CSS));

  app.get(PORTAL, async (req, reply) => {
    const plans = await cache.plans();
    return reply.type(HTML).header('cache-control', 'no-cache').send(renderPage(<PortalHomePage plans={plans} prefs={req.prefs} path={PORTAL} />));
  });

  app.get<{ Params: { slug: string } }>(`${PORTAL}/plans/:slug`, async (req, reply) => {
    const data = await cache.dataset(req.params.slug);
    const path = `${PORTAL}/plans/${encodeURIComponent(data.plan.slug)}`;
    return page(req, reply, data, () => <PlanHomePage data={data} prefs={req.prefs} path={path} />);
  });

  app.get<{ Params: { slug: string; code: string } }>(`${PORTAL}/plans/:slug/items/:code`, async (req, reply) => {
    const data = await cache.dataset(req.params.slug);
    const item = data.itemsByCode.get(req.params.code);
    if (!item) throw notFound(`項目が見つかりません: ${req.params.code}`);
    const path = req.url.split('?')[0]!;
    return page(req, reply, data, () => <ItemPage data={data} item={item} prefs={req.prefs} path={path} />);
  });

  app.get<{ Params: { slug: string } }>(`${PORTAL}/plans/:slug/departments`, async (req, reply) => {
    const data = await cache.dataset(req.params.slug);
    const path = req.url.split('?')[0]!;
    return page(req, reply, data, () => <DepartmentsPage data={data} prefs={req.prefs} path={path} />);
  });

  app.get<{ Params: { slug: string; id: string } }>(`${PORTAL}/plans/:slug/departments/:id`, async (req, reply) => {
    const data = await cache.dataset(req.params.slug);
    const department = /^\d{1,9}$/.test(req.params.id) ? data.departments.find((d) => d.id === Number(req.params.id)) : undefined;
    if (!department) throw notFound(`担当課が見つかりません: ${req.params.id}`);
    const path = req.url.split('?')[0]!;
    return page(req, reply, data, () => <DepartmentPage data={data} department={department} prefs={req.prefs} path={path} />);
  });

  app.get<{ Params: { slug: string } }>(`${PORTAL}/plans/:slug/stagnation`, async (req, reply) => {
    const data = await cache.dataset(req.params.slug);
    const path = req.url.split('?')[0]!;
    return page(req, reply, data, () => <StagnationPage data={data} prefs={req.prefs} path={path} />);
  });

  app.get<{ Params: { slug: string } }>(`${PORTAL}/plans/:slug/downloads`, async (req, reply) => {
    const data = await cache.dataset(req.params.slug);
    const path = req.url.split('?')[0]!;
    return page(req, reply, data, () => <DownloadsPage data={data} prefs={req.prefs} path={path} />);
  });

  app.get<{ Params: { slug: string; file: string } }>(`${PORTAL}/plans/:slug/data/:file`, async (req, reply) => {
    const data = await cache.dataset(req.params.slug);
    const file = req.params.file;
    const m = /^([a-z]+)\.(csv|json)$/.exec(file);
    let cached;
    if (file === 'all.zip') {
      cached = await memoised(data, 'data all.zip', async () => ({ body: await bulkZip(data), contentType: 'application/zip' }));
      reply.header('content-disposition', `attachment; filename="${data.plan.slug}.zip"`);
    } else if (m && (TABLE_NAMES as readonly string[]).includes(m[1]!)) {
      const [, name, ext] = m;
      cached = await memoised(data, `data ${file}`, () => {
        const table = allTables(data).find((t) => t.name === name)!;
        return ext === 'csv' ? { body: toCsv(table), contentType: 'text/csv; charset=utf-8' } : { body: toJson(data, table), contentType: 'application/json; charset=utf-8' };
      });
      if (ext === 'csv') reply.header('content-disposition', `attachment; filename="${data.plan.slug}-${name}.csv"`);
    } else {
      throw notFound(`ファイルが見つかりません: ${file}`);
    }
    reply.header('access-control-allow-origin', '*');
    return sendCached(req, reply, cached, PAGE_CACHE_CONTROL);
  });

  // The ratings table of one page (an item's subtree, a department), as on that page.
  app.get<{ Params: { slug: string; file: string } }>(`${PORTAL}/plans/:slug/data/ratings/:file`, async (req, reply) => {
    const data = await cache.dataset(req.params.slug);
    const m = /^((?:item-[0-9.]{1,60})|(?:department-\d{1,9}))\.(csv|json)$/.exec(req.params.file);
    const table: Table | undefined = m ? ratingsSubsetTable(data, m[1]!) : undefined;
    if (!m || !table) throw notFound(`ファイルが見つかりません: ${req.params.file}`);
    const ext = m[2]!;
    const cached = await memoised(data, `data ratings/${req.params.file}`, () =>
      ext === 'csv' ? { body: toCsv(table), contentType: 'text/csv; charset=utf-8' } : { body: toJson(data, table), contentType: 'application/json; charset=utf-8' },
    );
    if (ext === 'csv') reply.header('content-disposition', `attachment; filename="${data.plan.slug}-ratings-${m[1]}.csv"`);
    reply.header('access-control-allow-origin', '*');
    return sendCached(req, reply, cached, PAGE_CACHE_CONTROL);
  });

  app.get(`${PORTAL}/search`, async (req, reply) => {
    const raw = (req.query as Record<string, unknown>).q;
    const query = typeof raw === 'string' ? raw.trim() : '';
    const path = `${PORTAL}/search`;
    let error: string | undefined;
    let results: Parameters<typeof SearchPage>[0]['results'] = [];
    if (Array.isArray(raw)) error = req.prefs.lang === 'ja' ? '検索語は1つだけ指定してください。' : 'Give one search term.';
    else if (query.length > MAX_QUERY_LENGTH) error = req.prefs.lang === 'ja' ? `検索語が長すぎます（${MAX_QUERY_LENGTH}文字まで）。` : `The search term is too long (max ${MAX_QUERY_LENGTH}).`;
    else if (query) {
      for (const ref of await cache.plans()) {
        const data = await cache.dataset(ref.slug);
        results.push({ data, ...searchDataset(data, query) });
      }
    }
    return reply
      .code(error ? 400 : 200)
      .type(HTML)
      .header('cache-control', 'no-cache')
      .send(renderPage(<SearchPage prefs={req.prefs} path={path} query={query.slice(0, MAX_QUERY_LENGTH)} results={results} error={error} />));
  });

  app.get('/api', async (req, reply) => {
    const plans = await cache.plans();
    return reply.type(HTML).header('cache-control', 'no-cache').send(renderPage(<ApiDocPage prefs={req.prefs} path="/api" exampleSlug={plans[0]?.slug} />));
  });

  return cache;
}
