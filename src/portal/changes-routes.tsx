/** The portal's 「この年度の変化」 pages: the latest compared year, and any compared year by its number. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../errors.js';
import { parseInput } from '../web/forms.js';
import { renderPage } from '../web/layout.js';
import { pathOf } from '../web/request-path.js';
import { publicComparableYears, publicYearChanges } from './changes-table.js';
import { ChangesPage } from './pages/changes-page.js';
import { sendPortalPage } from './page-cache.js';
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
    return sendPortalPage(req, reply, data, () => renderPage(<ChangesPage data={data} changes={changes} years={years} prefs={req.prefs} path={pathOf(req)} />));
  };
  app.get(`${PORTAL}/plans/:slug/changes`, show);
  app.get(`${PORTAL}/plans/:slug/changes/:year`, show);
}
