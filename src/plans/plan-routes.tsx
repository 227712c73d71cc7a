/** HTTP routes of the plans domain: the plan list and the plan page. */
import type { FastifyInstance } from 'fastify';
import { loadScale, loadSummary } from '../evaluations/summary.js';
import { notFound } from '../errors.js';
import type { AppContext } from '../web/context.js';
import { parseInput } from '../web/forms.js';
import { renderPage } from '../web/layout.js';
import { PlanListPage } from './pages/plan-list-page.js';
import { PlanPage } from './pages/plan-page.js';
import { listPlans, loadAnnotationKinds, loadPlanTree, resolvePlan } from './plan-queries.js';
import { planParams } from './plan-schema.js';
import { PLANS, planPath } from './plan-urls.js';

const HTML = 'text/html; charset=utf-8';

export function registerPlanRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(PLANS, async (req, reply) => {
    const plans = await listPlans(ctx.db);
    return reply.type(HTML).send(renderPage(<PlanListPage plans={plans} prefs={req.prefs} path={PLANS} />));
  });

  app.get(`${PLANS}/:slug`, async (req, reply) => {
    const params = parseInput(planParams, req.params);
    if (!params.ok) throw notFound('計画が見つかりません');
    const plan = await resolvePlan(ctx.db, params.value.slug);
    const [tree, summary, scale, annotationKinds] = await Promise.all([
      loadPlanTree(ctx.db, plan.id),
      loadSummary(ctx.db, plan.id),
      loadScale(ctx.db, plan.id),
      loadAnnotationKinds(ctx.db, plan.id),
    ]);
    const data = { plan, tree, summary, scale, annotationKinds };
    return reply.type(HTML).send(renderPage(<PlanPage data={data} prefs={req.prefs} path={planPath(plan.slug)} />));
  });
}
