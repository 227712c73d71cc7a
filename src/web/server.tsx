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
import { registerWorkflow } from '../evaluations/register.js';
import { authPlugin } from '../auth/guard.js';
import { registerAuthRoutes } from '../auth/auth-routes.js';
import { registerUserRoutes } from '../users/users-routes.js';
import { registerDepartmentRoutes } from '../departments/departments-routes.js';
import { registerAuditRoutes } from '../audit/audit-routes.js';
import { registerReportRoutes } from '../reports/report-routes.js';
import { registerPortalRoutes } from '../portal/portal-routes.js';
import { listPlans } from '../plans/plan-queries.js';
import type { AppContext } from './context.js';
import { withPreference } from './layout.js';
import { sendErrorPage, sendNotFoundPage } from './error-page.js';
import { readPreferences, type Preferences } from './preferences.js';
import { onFrameworkError, registerRequestHygiene } from './request-hygiene.js';
import { registerSecurityHeaders } from './security-headers.js';
import { STANDALONE_STYLE } from '../reports/render/html/standalone.js';
import { loggingOptions, registerRequestIdHeader, type LogSettings } from './logging.js';
import { registerHealthRoute } from './health.js';

declare module 'fastify' {
  interface FastifyRequest {
    prefs: Preferences;
  }
}

const ASSETS_DIR = new URL('../../../src/web/assets/', import.meta.url);
/** Stylesheets served as /assets/<name>, read once at start. */
const STYLESHEETS = ['app.css', 'workflow.css'].map((name) => ({ name, css: readFileSync(fileURLToPath(new URL(name, ASSETS_DIR))) }));

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
  app.setErrorHandler(async (error, req, reply) => sendErrorPage(req, reply, error));

  for (const { name, css } of STYLESHEETS) {
    app.get(`/assets/${name}`, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css));
  }

  app.get('/', async (req, reply) => {
    const plans = await listPlans(ctx.db);
    if (plans.length === 1) return reply.redirect(withPreference(`/plans/${encodeURIComponent(plans[0]!.slug)}`, req.prefs, {}));
    return reply.redirect(withPreference('/plans', req.prefs, {}));
  });

  registerPlanRoutes(app, ctx);
  // routes: reports (issue 3)
  registerReportRoutes(app, ctx);
  // Sessions (req.auth) before any guarded route; then sign-in, accounts, departments and the audit log.
  await app.register(authPlugin, ctx);
  registerAuthRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerDepartmentRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  // routes: workflow (issue 4)
  await registerWorkflow(app, ctx);
  // routes: portal and api (issue 5)
  registerPortalRoutes(app, ctx);
  // Last, so that its headers win over any a domain plugin set.
  registerSecurityHeaders(app, { frameAncestors: ctx.config.frameAncestors, inlineStyles: [STANDALONE_STYLE] });

  return app;
}
