/** The admin screen of plan lineage: GET shows the mappings and the form, POST replaces one mapping (all or nothing). */
import type { FastifyReply, FastifyRequest, FastifyInstance } from 'fastify';
import { guardedRoute, sendPage } from '../auth/guard.js';
import { isAppError } from '../errors.js';
import { loadScale } from '../evaluations/summary.js';
import { listPlans } from '../plans/plan-queries.js';
import type { AppContext } from '../web/context.js';
import { parseInput, type FieldErrors } from '../web/forms.js';
import { renderPage } from '../web/layout.js';
import { compareCarriedOver } from './lineage-compare.js';
import { loadItemRatings, loadLineage } from './lineage-queries.js';
import { lineageForm } from './lineage-schema.js';
import { importLineageCsv } from './lineage-store.js';
import { lt } from './messages.js';
import { LineagePage, type LineageView } from './pages/lineage-page.js';

async function loadViews(ctx: AppContext): Promise<LineageView[]> {
  const views: LineageView[] = [];
  for (const plan of await listPlans(ctx.db)) {
    const lineage = await loadLineage(ctx.db, plan.id);
    if (!lineage) continue;
    const carried = lineage.rows.filter((r) => r.kind === 'carried_over');
    const [ratings, predecessor, successor] = await Promise.all([
      loadItemRatings(
        ctx.db,
        carried.flatMap((r) => [r.predecessor!.id, r.successor!.id]),
      ),
      loadScale(ctx.db, lineage.predecessor.id),
      loadScale(ctx.db, lineage.successor.id),
    ]);
    views.push({ lineage, compared: compareCarriedOver(lineage.rows, ratings, { predecessor, successor }) });
  }
  return views;
}

export function registerLineageRoutes(app: FastifyInstance, ctx: AppContext): void {
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: { successor: string; predecessor: string; csv: string },
    errors: FieldErrors,
    status = 200,
    notice?: string,
  ) => {
    const [plans, views] = await Promise.all([listPlans(ctx.db), loadViews(ctx)]);
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      renderPage(<LineagePage prefs={req.prefs} auth={req.auth!} plans={plans} views={views} values={values} errors={errors} notice={notice} />),
      status,
    );
  };
  const empty = { successor: '', predecessor: '', csv: '' };

  guardedRoute(app, 'GET', '/admin/lineage', ['managePlans'], async (req, reply) =>
    show(req, reply, empty, {}, 200, (req.query as Record<string, string | undefined>).saved ? lt(req.prefs.lang, 'saved') : undefined),
  );

  guardedRoute(app, 'POST', '/admin/lineage', ['managePlans'], async (req, reply, user) => {
    const form = parseInput(lineageForm, req.body, req.prefs.lang);
    const typed = (name: string) => (form.ok ? '' : String(form.values[name] ?? ''));
    if (!form.ok) return show(req, reply, { successor: typed('successor'), predecessor: typed('predecessor'), csv: typed('csv') }, form.errors, 422);
    try {
      await importLineageCsv(ctx.db, form.value.successor, form.value.predecessor, form.value.csv, user.login);
      return reply.redirect('/admin/lineage?saved=1', 303);
    } catch (error) {
      if (!isAppError(error, 'invalid-input') && !isAppError(error, 'not-found')) throw error;
      return show(req, reply, form.value, { csv: error.message }, 422);
    }
  });
}
