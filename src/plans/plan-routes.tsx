/** HTTP routes of the plans domain: the plan list and the plan page. */
import type { FastifyInstance } from 'fastify';
import { loadScale, loadTierSummaries, summarizeCounts, type ScaleCode, type TierSummary } from '../evaluations/summary.js';
import { ChangeCounterCache } from '../db/change-counter.js';
import { notFound } from '../errors.js';
import type { AppContext } from '../web/context.js';
import { parseInput } from '../web/forms.js';
import { PrecompressedBody, sendPrecompressed } from '../web/precompressed.js';
import { renderPage } from '../web/layout.js';
import { PlanListPage } from './pages/plan-list-page.js';
import { PlanPage, type PlanPageView } from './pages/plan-page.js';
import { openBranch } from './pages/plan-tree.js';
import { listPlans, loadAnnotationKinds, loadPlan, loadPlanTree, planIdBySlug, type AnnotationKind, type PlanDetail, type PlanTree } from './plan-queries.js';
import { planPageQuery, planParams } from './plan-schema.js';
import { PLANS, planPath } from './plan-urls.js';

const HTML = 'text/html; charset=utf-8';

export function registerPlanRoutes(app: FastifyInstance, ctx: AppContext): void {
  // What the plan page shows of a plan, kept until the change counter moves: at 20,000
  // items the tree and its summaries cost far more than rendering one collapsed view.
  const planData = new ChangeCounterCache<number, [PlanDetail, PlanTree, TierSummary[], ScaleCode[], AnnotationKind[]]>();
  app.get(PLANS, async (req, reply) => {
    const plans = await listPlans(ctx.db);
    return reply.type(HTML).send(renderPage(<PlanListPage plans={plans} prefs={req.prefs} path={PLANS} />));
  });

  // The page as sent, per plan, opened branch and preferences, until the counter moves: it
  // names no user, so every reader with the same view gets the same bytes. Keyed by slug, so
  // a cached request costs one counter read (shared by concurrent requests), not a lookup of
  // the slug as well; a renamed slug moves the counter like any write to the plan.
  const pages = new ChangeCounterCache<string, PrecompressedBody>(64);
  app.get(`${PLANS}/:slug`, async (req, reply) => {
    const params = parseInput(planParams, req.params);
    if (!params.ok) throw notFound('計画が見つかりません');
    const query = parseInput(planPageQuery, req.query);
    if (!query.ok) throw notFound('項目が見つかりません');
    const slug = params.value.slug;
    const code = query.value.open;
    const key = [slug, code ?? '', req.prefs.lang, req.prefs.era].join('\u0000');
    const page = await pages.get(ctx.db, key, async () => {
      const planId = await planIdBySlug(ctx.db, slug);
      const [plan, tree, tiers, scale, annotationKinds] = await planData.get(ctx.db, planId, () =>
        Promise.all([
          loadPlan(ctx.db, planId),
          loadPlanTree(ctx.db, planId),
          loadTierSummaries(ctx.db, planId),
          loadScale(ctx.db, planId),
          loadAnnotationKinds(ctx.db, planId),
        ]),
      );
      const view: PlanPageView = {};
      if (code !== undefined) {
        const branch = openBranch(tree, code);
        const node = branch && [...branch.ids].map((id) => tree.byId.get(id)!).find((n) => n.code === code);
        if (!branch || !node) throw notFound(`項目が見つかりません: ${code}`);
        view.open = { code, name: node.name, branch };
      }
      const summary = tiers.find((x) => x.primary)?.years ?? summarizeCounts([], [], scale);
      const data = { plan, tree, summary, scale, annotationKinds, otherTiers: tiers.filter((x) => !x.primary) };
      return new PrecompressedBody(renderPage(<PlanPage data={data} prefs={req.prefs} path={planPath(plan.slug)} view={view} />));
    });
    // Revalidated on every visit (a write shows at once), answered 304 while unchanged; never in a shared cache: it shows
    // the store's plan as imported, which is more than the portal publishes.
    return sendPrecompressed(req, reply, page, HTML, 'private, no-cache');
  });
}
