/**
 * Everything issue 4 adds to the server, registered from one line in server.tsx:
 * the session plugin (req.auth, app-wide), sign-in, the workflow, admin and audit
 * screens, the reminder job and the hourly session purge (both stopped when the server closes).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../web/context.js';
import { authPlugin } from '../auth/guard.js';
import { registerAuthRoutes } from '../auth/auth-routes.js';
import { registerAdminRoutes } from '../admin/admin-routes.js';
import { registerAuditRoutes } from '../audit/audit-page.js';
import { registerWorkflowRoutes } from './workflow-routes.js';
import { mailerFromEnv, startReminderJob } from './reminders.js';
import { purgeExpiredSessions } from '../auth/sessions.js';

export async function registerWorkflow(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(authPlugin, ctx);
  registerAuthRoutes(app, ctx);
  registerWorkflowRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  const stop = startReminderJob(ctx.db, mailerFromEnv());
  // Expired sessions and day-old sign-in attempts go hourly; the timer never holds the process open.
  const purge = setInterval(() => void purgeExpiredSessions(ctx.db).catch((error: unknown) => app.log.error(error)), 3600_000);
  purge.unref();
  app.addHook('onClose', async () => {
    stop();
    clearInterval(purge);
  });
}
