/**
 * HTTP routes of the reports domain:
 *   GET /plans/:slug/reports               the rounds of a plan with links to every format
 *   GET /plans/:slug/reports/:year         the report as a page in the app (year: 2022, R4, 令和4年度)
 *   GET /plans/:slug/reports/:year.:format a download (html|pdf|docx|xlsx|csv|json)
 *   GET /reports/report.css                the report stylesheet for the in-app page
 * `?kind=final|midterm|yearly` picks the round when a year has several.
 */
import { notFound } from '../errors.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Browser } from 'playwright-core';
import { parseFiscalYear } from '../fiscal/fiscal-year.js';
import { isRoundKind, roundKindLabel, type RoundKind } from '../evaluations/round-kinds.js';
import { resolvePlan } from '../plans/plan-queries.js';
import type { AppContext } from '../web/context.js';
import { Layout, renderPage, withPreference } from '../web/layout.js';
import type { Preferences } from '../web/preferences.js';
import { longYear } from './labels.js';
import { FORMAT_LABELS, rt } from './messages.js';
import { REPORT_CSS } from './report-css.js';
import { ReportDocument, reportDocumentTitle } from './report-html.js';
import { ReportInputError, listReportRounds, loadReportModel, type ReportRoundSummary } from './report-model.js';
import { PdfUnavailableError, launchPdfBrowser } from './report-pdf.js';
import { CONTENT_TYPES, REPORT_FORMATS, asciiFileName, contentDisposition, isReportFormat, renderReport, reportFileName, type ReportFormat } from './render-report.js';

export function reportHref(slug: string, fiscalYear: number, kind: RoundKind, prefs: Preferences, format?: ReportFormat): string {
  const base = withPreference(`/plans/${encodeURIComponent(slug)}/reports/${fiscalYear}${format ? `.${format}` : ''}`, prefs, {});
  return `${base}${base.includes('?') ? '&' : '?'}kind=${kind}`;
}

/** Links to one round's report in every format. */
export function ReportFormatLinks({ slug, round, prefs }: { slug: string; round: ReportRoundSummary; prefs: Preferences }) {
  const label = `${longYear(round.fiscalYear, prefs.era)}（${roundKindLabel(round.kind)}）`;
  return (
    <ul class="report-formats" aria-label={`${label} ${rt(prefs.lang, 'downloads')}`}>
      {REPORT_FORMATS.map((f) => (
        <li>
          <a href={reportHref(slug, round.fiscalYear, round.kind, prefs, f)} download="">
            {FORMAT_LABELS[f]}
            <span class="visually-hidden">{` ${label}`}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The small section the plan page shows: a link to the plan's reports. */
export function ReportLinks({ slug, prefs }: { slug: string; prefs: Preferences }) {
  return (
    <section aria-labelledby="reports-heading">
      <h2 id="reports-heading">{rt(prefs.lang, 'reports')}</h2>
      <p>
        <a href={withPreference(`/plans/${encodeURIComponent(slug)}/reports`, prefs, {})}>
          {prefs.lang === 'ja' ? '評価結果報告書の表示とダウンロード（HTML・PDF・Word・Excel・CSV・JSON）' : 'View and download the evaluation reports (HTML, PDF, Word, Excel, CSV, JSON)'}
        </a>
      </p>
    </section>
  );
}

const PAGE_STYLE = `.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.report-formats { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; }`;

function errorPage(reply: FastifyReply, status: number, prefs: Preferences, path: string, title: string, message: string) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(
      renderPage(
        <Layout title={title} prefs={prefs} path={path}>
          <h1>{title}</h1>
          <p>{message}</p>
        </Layout>,
      ),
    );
}

function parseKind(query: unknown): RoundKind | undefined {
  const kind = (query as Record<string, unknown> | undefined)?.kind;
  if (typeof kind !== 'string' || kind === '') return undefined;
  if (!isRoundKind(kind)) throw notFound(`評価の種類が不正です: ${kind}（final, midterm, yearly のいずれか）`);
  return kind;
}

export function registerReportRoutes(app: FastifyInstance, ctx: AppContext): void {
  // One browser for the server's lifetime, started on the first PDF request.
  let browser: Promise<Browser> | undefined;
  const sharedBrowser = async (): Promise<Browser> => {
    browser ??= launchPdfBrowser().catch((error: unknown) => {
      browser = undefined;
      throw error;
    });
    const b = await browser;
    if (!b.isConnected()) {
      browser = undefined;
      return sharedBrowser();
    }
    return b;
  };
  app.addHook('onClose', async () => {
    if (browser) await (await browser.catch(() => undefined))?.close();
  });

  app.get('/reports/report.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(`${PAGE_STYLE}\n${REPORT_CSS}`),
  );

  app.get<{ Params: { slug: string } }>('/plans/:slug/reports', async (req, reply) => {
    const plan = await resolvePlan(ctx.db, req.params.slug);
    const rounds = await listReportRounds(ctx.db, plan.id);
    const prefs = req.prefs;
    const path = `/plans/${encodeURIComponent(plan.slug)}/reports`;
    const title = rt(prefs.lang, 'reportsOf', { plan: plan.name });
    return reply.type('text/html; charset=utf-8').send(
      renderPage(
        <Layout title={title} prefs={prefs} path={path} nav={[{ href: withPreference(`/plans/${encodeURIComponent(plan.slug)}`, prefs, {}), label: plan.name }]}>
          <link rel="stylesheet" href="/reports/report.css" />
          <h1>{title}</h1>
          {rounds.length === 0 ? (
            <p>{rt(prefs.lang, 'noRounds')}</p>
          ) : (
            rounds.map((r) => (
              <section aria-labelledby={`round-${r.fiscalYear}-${r.kind}`}>
                <h2 id={`round-${r.fiscalYear}-${r.kind}`}>
                  {longYear(r.fiscalYear, prefs.era)}（{roundKindLabel(r.kind)}）
                </h2>
                {r.hasRatings ? (
                  <>
                    <p>
                      <a href={reportHref(plan.slug, r.fiscalYear, r.kind, prefs)}>
                        {rt(prefs.lang, 'openReport')}
                        <span class="visually-hidden">{`: ${longYear(r.fiscalYear, prefs.era)}（${roundKindLabel(r.kind)}）`}</span>
                      </a>
                    </p>
                    <ReportFormatLinks slug={plan.slug} round={r} prefs={prefs} />
                  </>
                ) : (
                  <p>{rt(prefs.lang, 'noRatings')}</p>
                )}
              </section>
            ))
          )}
        </Layout>,
      ),
    );
  });

  app.get<{ Params: { slug: string; file: string } }>('/plans/:slug/reports/:file', async (req, reply) => {
    const prefs = req.prefs;
    const path = req.url.split('?')[0] ?? '/';
    const m = /^(.+?)(?:\.([a-z]+))?$/.exec(req.params.file);
    const yearText = m?.[1] ?? '';
    const formatText = m?.[2];
    const fiscalYear = parseFiscalYear(yearText);
    if (fiscalYear === undefined) throw notFound(`年度として読めません: ${yearText}（例: 2022, R4, 令和4年度）`);
    if (formatText !== undefined && !isReportFormat(formatText)) throw notFound(`報告書の形式が不正です: ${formatText}（${REPORT_FORMATS.join(', ')}）`);
    const kind = parseKind(req.query);
    let model;
    try {
      model = await loadReportModel(ctx.db, req.params.slug, fiscalYear, kind);
    } catch (error) {
      if (error instanceof ReportInputError) return errorPage(reply, 422, prefs, path, rt(prefs.lang, 'reports'), error.message);
      throw error;
    }
    if (formatText === undefined) {
      const rounds = [{ fiscalYear: model.round.fiscalYear, kind: model.round.kind, status: model.round.status, hasRatings: true }];
      return reply.type('text/html; charset=utf-8').send(
        renderPage(
          <Layout
            title={reportDocumentTitle(model, prefs.era)}
            prefs={prefs}
            path={path}
            nav={[
              { href: withPreference(`/plans/${encodeURIComponent(model.plan.slug)}`, prefs, {}), label: model.plan.name },
              { href: withPreference(`/plans/${encodeURIComponent(model.plan.slug)}/reports`, prefs, {}), label: rt(prefs.lang, 'reports') },
            ]}
          >
            <link rel="stylesheet" href="/reports/report.css" />
            <ReportDocument
              model={model}
              era={prefs.era}
              beforeBody={
                <nav class="downloads no-print" aria-label={rt(prefs.lang, 'downloads')}>
                  <p>{rt(prefs.lang, 'downloads')}:</p>
                  {rounds.map((r) => (
                    <ReportFormatLinks slug={model.plan.slug} round={r} prefs={prefs} />
                  ))}
                </nav>
              }
            />
          </Layout>,
        ),
      );
    }
    const format = formatText as ReportFormat;
    let content: Buffer;
    try {
      content = await renderReport(model, format, format === 'pdf' ? { era: prefs.era, browser: await sharedBrowser() } : { era: prefs.era });
    } catch (error) {
      if (error instanceof PdfUnavailableError) return errorPage(reply, 503, prefs, path, rt(prefs.lang, 'unavailable'), error.message);
      throw error;
    }
    return reply
      .type(CONTENT_TYPES[format])
      .header('content-disposition', contentDisposition(reportFileName(model, format, prefs.era), asciiFileName(model, format)))
      .header('cache-control', 'no-store')
      .send(content);
  });
}
