/** The portal's 「この年度の変化」 pages: the latest compared year, and any compared year by its number. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../errors.js';
import { parseInput } from '../web/forms.js';
import { memoised, sendCached } from '../web/http-cache.js';
import { renderPage } from '../web/layout.js';
import { pathOf } from '../web/request-path.js';
import { publicComparableYears, publicYearChanges } from './changes-table.js';
import { ChangesPage } from './pages/changes-page.js';
import { changesParams } from './portal-schema.js';
import type { PublicDataCache } from './public-data-cache.js';
import { PORTAL } from './urls.js';

export function registerChangesRoutes(app: FastifyInstance, cache: PublicDataCache): void {
  const show = async (req: FastifyRequest, reply: FastifyReply) => {
    const parsed = parseInput(changesParams, req.params);
    if (!parsed.ok) throw notFound('ページが見つかりません');
    const data = await cache.dataset(parsed.value.slug);
    const years = publicComparableYears(data);
    const year = parsed.value.year ?? years[years.length - 1];
    if (parsed.value.year !== undefined && !years.includes(parsed.value.year)) throw notFound(`比べられる年度ではありません: ${parsed.value.year}`);
    const changes = year === undefined ? undefined : publicYearChanges(data, year);
    const key = `page ${req.prefs.lang} ${req.prefs.era} ${req.url}`;
    const cached = await memoised(data, key, () => ({
      body: renderPage(<ChangesPage data={data} changes={changes} years={years} prefs={req.prefs} path={pathOf(req)} />),
      contentType: 'text/html; charset=utf-8',
    }));
    reply.header('vary', 'Cookie');
    return sendCached(req, reply, cached, 'public, max-age=60');
  };
  app.get(`${PORTAL}/plans/:slug/changes`, show);
  app.get(`${PORTAL}/plans/:slug/changes/:year`, show);
}
