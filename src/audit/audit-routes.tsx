/**
 * Browsing the audit log: filter by item, user and round; export as CSV. Read-only by
 * construction: there is no route that writes, and the table refuses updates and deletes.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../web/context.js';
import { parseInput } from '../web/forms.js';
import { renderPage } from '../web/layout.js';
import { guardedRoute, sendPage } from '../auth/guard.js';
import { listAllAudit, listAudit } from './audit-queries.js';
import { auditQuerySchema } from './audit-schema.js';
import { auditCsv } from './audit-csv.js';
import { AuditPage } from './pages/audit-page.js';

const PAGE_SIZE = 100;

/** Query strings that do not fit the schema (a list where one value belongs) filter nothing. */
function filtersOf(query: unknown, lang: 'ja' | 'en') {
  const parsed = parseInput(auditQuerySchema, query, lang);
  return parsed.ok ? parsed.value : { filter: {}, query: { item: '', actor: '', round: '', before: '' } };
}

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  guardedRoute(app, 'GET', '/audit', ['readAudit'], async (req, reply) => {
    const { filter, query } = filtersOf(req.query, req.prefs.lang);
    const rows = await listAudit(ctx.db, { ...filter, limit: PAGE_SIZE });
    return sendPage(reply, renderPage(<AuditPage prefs={req.prefs} auth={req.auth!} rows={rows} query={query} pageSize={PAGE_SIZE} />));
  });
  guardedRoute(app, 'GET', '/audit.csv', ['readAudit'], async (req, reply) => {
    const { filter } = filtersOf(req.query, req.prefs.lang);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="hyoka-audit.csv"')
      .header('cache-control', 'no-store')
      .send(auditCsv(await listAllAudit(ctx.db, filter)));
  });
}
