/**
 * HTTP routes of the reports domain:
 *   GET /plans/:slug/reports               the rounds of a plan with links to every format
 *   GET /plans/:slug/reports/:year         the report as a page in the app (year: 2022, R4, 令和4年度)
 *   GET /plans/:slug/reports/:year.:format a download (html|pdf|docx|xlsx|csv|json)
 *   GET /reports/report.css                the report stylesheet for the in-app page
 * `?kind=final|midterm|yearly` picks the round when a year has several. Errors are
 * AppErrors shown by the server's one error page: 404 for a year, format or kind that
 * cannot be read, 422 for a round without ratings, 503 when Chromium is missing.
 */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../errors.js';
import { resolvePlan } from '../plans/plan-queries.js';
import type { AppContext } from '../web/context.js';
import { parseInput } from '../web/forms.js';
import { renderPage } from '../web/layout.js';
import { pathOf } from '../web/request-path.js';
import { ReportPage } from './pages/report-page.js';
import { ReportsIndexPage } from './pages/reports-index-page.js';
import { REPORT_CSS } from './report-css.js';
import { sharedPdfBrowser } from './report-pdf.js';
import { listReportRounds, loadReportModel } from './report-queries.js';
import { reportRequestSchema, type ReportRequest } from './report-schema.js';
import { CONTENT_TYPES, asciiFileName, contentDisposition, renderReport, reportFileName } from './render-report.js';

const PAGE_STYLE = `.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.report-formats { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; }`;

/** A year, format or kind that cannot be read names no report: 404, with the first reason. */
function parseReportRequest(input: unknown): ReportRequest {
  const parsed = parseInput(reportRequestSchema, input);
  if (!parsed.ok) throw notFound(Object.values(parsed.errors)[0] ?? '');
  return parsed.value;
}

export function registerReportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const browser = sharedPdfBrowser();
  app.addHook('onClose', browser.close);

  app.get('/reports/report.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(`${PAGE_STYLE}\n${REPORT_CSS}`),
  );

  app.get<{ Params: { slug: string } }>('/plans/:slug/reports', async (req, reply) => {
    const plan = await resolvePlan(ctx.db, req.params.slug);
    const rounds = await listReportRounds(ctx.db, plan.id);
    return reply.type('text/html; charset=utf-8').send(renderPage(<ReportsIndexPage plan={plan} rounds={rounds} prefs={req.prefs} />));
  });

  app.get<{ Params: { slug: string; file: string } }>('/plans/:slug/reports/:file', async (req, reply) => {
    const { slug, file, kind } = parseReportRequest({ ...(req.query as object), ...req.params });
    const model = await loadReportModel(ctx.db, slug, file.fiscalYear, kind);
    const { era } = req.prefs;
    if (file.format === undefined) {
      return reply.type('text/html; charset=utf-8').send(renderPage(<ReportPage model={model} prefs={req.prefs} path={pathOf(req)} />));
    }
    const format = file.format;
    const content = await renderReport(model, format, format === 'pdf' ? { era, browser: await browser.get() } : { era });
    return reply
      .type(CONTENT_TYPES[format])
      .header('content-disposition', contentDisposition(reportFileName(model, format, era), asciiFileName(model, format)))
      .header('cache-control', 'no-store')
      .send(content);
  });
}
