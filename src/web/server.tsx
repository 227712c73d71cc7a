/**
 * The HTTP server: fastify with server-rendered pages. Each domain registers its
 * own routes; this file only wires them together and handles what is common
 * (preferences, static assets, errors).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { registerPlanRoutes } from '../plans/plan-routes.js';
import { authPlugin } from '../auth/guard.js';
import { registerAuthRoutes } from '../auth/auth-routes.js';
import { purgeExpiredSessions } from '../auth/sessions.js';
import { noteAnnouncedChange } from '../db/change-counter.js';
import { registerWorkflowRoutes } from '../evaluations/workflow-routes.js';
import { registerInsightRoutes } from '../insights/insights-routes.js';
import { registerLineageRoutes } from '../lineage/lineage-routes.js';
import { registerUserRoutes } from '../users/users-routes.js';
import { registerDepartmentRoutes } from '../departments/departments-routes.js';
import { registerAuditRoutes } from '../audit/audit-routes.js';
import { importRoutes } from '../imports/import-routes.js';
import { registerReportRoutes } from '../reports/report-routes.js';
import { registerPortalRoutes } from '../portal/portal-routes.js';
import { PublicDataCache } from '../portal/public-data-cache.js';
import { registerApiRoutes } from '../api/api-routes.js';
import { env } from '../config/env.js';
import { listPlans } from '../plans/plan-queries.js';
import type { AppContext } from './context.js';
import { renderPage, withPreference } from './layout.js';
import { sendErrorPage, sendNotFoundPage, type ErrorShell } from './error-page.js';
import { readPreferences, type Preferences } from './preferences.js';
import { onFrameworkError, registerRequestHygiene } from './request-hygiene.js';
import { registerSecurityHeaders } from './security-headers.js';
import { STANDALONE_STYLE } from '../reports/render/html/standalone.js';
import { MessagePage } from '../auth/shell.js';
import { loggingOptions, registerRequestIdHeader, type LogSettings } from './logging.js';
import { registerHealthRoute } from './health.js';
import { registerAssetRoutes } from './assets.js';

declare module 'fastify' {
  interface FastifyRequest {
    prefs: Preferences;
  }
}

export async function buildServer(ctx: AppContext, options: { logger?: LogSettings | false } = {}): Promise<FastifyInstance> {
  const app = Fastify({ ...loggingOptions(options.logger), trustProxy: ctx.config.trustProxy ?? false, frameworkErrors: onFrameworkError });
  registerRequestIdHeader(app);
  registerHealthRoute(app, ctx.db);
  await app.register(cookie);
  await app.register(formbody);
  // fastify wants decorators declared up front with a primitive; each request fills it in.
  app.decorateRequest('prefs', null as unknown as Preferences);
  // A callback hook: an async one costs every request a promise and a turn of the microtask queue.
  app.addHook('onRequest', (req, _reply, done) => {
    req.prefs = readPreferences(req.query as Record<string, unknown>, req.cookies);
    done();
  });
  registerRequestHygiene(app);

  // Set before any route: routes capture the error handler when a later `await app.register` loads them.
  app.setNotFoundHandler(async (req, reply) => sendNotFoundPage(req, reply));
  // A signed-in person keeps their navigation on an error page.
  const signedInShell: ErrorShell = (req, page) =>
    req.auth ? renderPage(<MessagePage title={page.title} message={page.message} prefs={req.prefs} path={page.path} auth={req.auth} />) : undefined;
  app.setErrorHandler(async (error, req, reply) => {
    // Signed-in pages are never cached, error pages included.
    if (req.auth) reply.header('cache-control', 'no-store');
    return sendErrorPage(req, reply, error, signedInShell);
  });

  registerAssetRoutes(app);

  app.get('/', async (req, reply) => {
    const plans = await listPlans(ctx.db);
    if (plans.length === 1) return reply.redirect(withPreference(`/plans/${encodeURIComponent(plans[0]!.slug)}`, req.prefs, {}));
    return reply.redirect(withPreference('/plans', req.prefs, {}));
  });

  registerPlanRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  // Sessions (req.auth) for every route below; then sign-in, the workflow, accounts, departments and the audit log.
  await app.register(authPlugin, ctx);
  registerAuthRoutes(app, ctx);
  registerWorkflowRoutes(app, ctx);
  registerInsightRoutes(app, ctx);
  registerLineageRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerDepartmentRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  await app.register(importRoutes, { ctx, maxMb: env().HYOKA_IMPORT_MAX_MB });
  if (env().HYOKA_BACKGROUND_JOBS) purgeSessionsHourly(app, ctx);
  // The portal and the API both read one snapshot of the published data.
  const publicData = new PublicDataCache(ctx.db, env().HYOKA_PUBLIC_CHECK_MS);
  // On PostgreSQL, a change committed by any process (another worker of `serve --workers`, a
  // CLI import) is announced at commit: the next public request checks at once.
  const unsubscribe = ctx.db.onPublicChange?.(() => {
    publicData.changed();
    noteAnnouncedChange();
  });
  if (unsubscribe) app.addHook('onClose', async () => unsubscribe());
  registerApiRoutes(app, publicData);
  registerPortalRoutes(app, publicData);
  // Last, so that its headers win over any a domain plugin set.
  registerSecurityHeaders(app, { frameAncestors: ctx.config.frameAncestors, inlineStyles: [STANDALONE_STYLE] });

  return app;
}

/** Expired sessions and day-old sign-in attempts go hourly; the timer never holds the process open. */
function purgeSessionsHourly(app: FastifyInstance, ctx: AppContext): void {
  const purge = setInterval(() => void purgeExpiredSessions(ctx.db).catch((error: unknown) => app.log.error(error)), 3600_000);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));
}
