/**
 * The HTTP server: fastify with server-rendered pages. Each domain registers its
 * own routes; this file only wires them together and handles what is common
 * (preferences, static assets, errors).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { registerPlanRoutes } from '../plans/plan-routes.js';
import { authPlugin } from '../auth/guard.js';
import { registerAuthRoutes } from '../auth/auth-routes.js';
import { purgeExpiredSessions } from '../auth/sessions.js';
import { registerWorkflowRoutes } from '../evaluations/workflow-routes.js';
import { registerAdminRoutes } from '../admin/admin-routes.js';
import { registerAuditRoutes } from '../audit/audit-page.js';
import { registerReportRoutes } from '../reports/report-routes.js';
import { registerPortalRoutes } from '../portal/portal-routes.js';
import { PublicDataCache } from '../portal/public-data.js';
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
import { MessagePage, WORKFLOW_CSS } from '../auth/shell.js';
import { loggingOptions, registerRequestIdHeader, type LogSettings } from './logging.js';
import { registerHealthRoute } from './health.js';

declare module 'fastify' {
  interface FastifyRequest {
    prefs: Preferences;
  }
}

const ASSETS_DIR = new URL('../../../src/web/assets/', import.meta.url);
const appCss = readFileSync(fileURLToPath(new URL('app.css', ASSETS_DIR)));
const unsavedChangesJs = readFileSync(fileURLToPath(new URL('unsaved-changes.js', ASSETS_DIR)));

export async function buildServer(ctx: AppContext, options: { logger?: LogSettings | false } = {}): Promise<FastifyInstance> {
  const app = Fastify({ ...loggingOptions(options.logger), trustProxy: ctx.config.trustProxy ?? false, frameworkErrors: onFrameworkError });
  registerRequestIdHeader(app);
  registerHealthRoute(app, ctx.db);
  await app.register(cookie);
  await app.register(formbody);
  // fastify wants decorators declared up front with a primitive; each request fills it in.
  app.decorateRequest('prefs', null as unknown as Preferences);
  app.addHook('onRequest', async (req) => {
    req.prefs = readPreferences(req.query as Record<string, unknown>, req.cookies);
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

  app.get('/assets/app.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(appCss),
  );

  app.get('/assets/unsaved-changes.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(unsavedChangesJs),
  );

  app.get('/assets/workflow.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(WORKFLOW_CSS),
  );

  app.get('/', async (req, reply) => {
    const plans = await listPlans(ctx.db);
    if (plans.length === 1) return reply.redirect(withPreference(`/plans/${encodeURIComponent(plans[0]!.slug)}`, req.prefs, {}));
    return reply.redirect(withPreference('/plans', req.prefs, {}));
  });

  registerPlanRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  // Sessions (req.auth) for every route below; then the signed-in screens.
  await app.register(authPlugin, ctx);
  registerAuthRoutes(app, ctx);
  registerWorkflowRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  purgeSessionsHourly(app, ctx);
  // The portal and the API both read one snapshot of the published data.
  const publicData = new PublicDataCache(ctx.db, env().HYOKA_PUBLIC_CHECK_MS);
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
