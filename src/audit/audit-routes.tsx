/**
 * Browsing the audit log: filter by item number, person, department, action, round and
 * days; export as CSV. Read-only by construction: there is no route that writes, and
 * the table refuses updates and deletes.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../web/context.js';
import { parseInput } from '../web/forms.js';
import { renderPage } from '../web/layout.js';
import { guardedRoute, sendPage } from '../auth/guard.js';
import { auditFilterChoices, listAllAudit, listAudit } from './audit-queries.js';
import { AUDIT_QUERY_KEYS, auditQuerySchema, type AuditQuery } from './audit-schema.js';
import { auditCsv } from './audit-csv.js';
import { AuditPage } from './pages/audit-page.js';

const PAGE_SIZE = 100;

const EMPTY_QUERY = Object.fromEntries(AUDIT_QUERY_KEYS.map((k) => [k, ''])) as unknown as AuditQuery;

/** Query strings that do not fit the schema (a list where one value belongs) filter nothing. */
function filtersOf(query: unknown, lang: 'ja' | 'en') {
  const parsed = parseInput(auditQuerySchema, query, lang);
  return parsed.ok ? parsed.value : { filter: {}, query: EMPTY_QUERY, badDates: [] };
}

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  guardedRoute(app, 'GET', '/audit', ['readAudit'], async (req, reply) => {
    const { filter, query, badDates } = filtersOf(req.query, req.prefs.lang);
    const [rows, choices] = await Promise.all([listAudit(ctx.db, { ...filter, limit: PAGE_SIZE }), auditFilterChoices(ctx.db)]);
    return sendPage(
      reply,
      renderPage(<AuditPage prefs={req.prefs} auth={req.auth!} rows={rows} query={query} badDates={badDates} choices={choices} pageSize={PAGE_SIZE} />),
    );
  });
  guardedRoute(app, 'GET', '/audit.csv', ['readAudit'], async (req, reply) => {
    const { filter } = filtersOf(req.query, req.prefs.lang);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="hyoka-audit.csv"')
      .header('cache-control', 'no-store')
      .send(auditCsv(await listAllAudit(ctx.db, filter), req.prefs));
  });
}
