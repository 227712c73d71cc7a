/** HTTP routes of the plans domain: the plan list and the plan page. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../web/context.js';
import { renderPage } from '../web/layout.js';
import { loadScale, loadSummary } from '../evaluations/summary.js';
import { PlanListPage, PlanPage } from './plan-page.js';
import { listPlans, loadAnnotationKinds, loadPlanTree, resolvePlan } from './plan-queries.js';

export function registerPlanRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/plans', async (req, reply) => {
    const plans = await listPlans(ctx.db);
    return reply.type('text/html; charset=utf-8').send(renderPage(<PlanListPage plans={plans} prefs={req.prefs} path="/plans" />));
  });

  app.get<{ Params: { slug: string } }>('/plans/:slug', async (req, reply) => {
    const plan = await resolvePlan(ctx.db, req.params.slug);
    const [tree, summary, scale, annotationKinds] = await Promise.all([
      loadPlanTree(ctx.db, plan.id),
      loadSummary(ctx.db, plan.id),
      loadScale(ctx.db, plan.id),
      loadAnnotationKinds(ctx.db, plan.id),
    ]);
    const path = `/plans/${encodeURIComponent(plan.slug)}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderPage(<PlanPage data={{ plan, tree, summary, scale, annotationKinds }} prefs={req.prefs} path={path} />));
  });
}
